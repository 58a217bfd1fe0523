// A MySQL / MariaDB URL that asks Prisma for TLS (sslaccept, sslcert, sslidentity, sslpassword) never
// connects in plain text: the mariadb driver ignores those parameters, so before, the grid, the lint's
// facts, the applied-migrations read, the Migrations view and notebook cells connected without TLS where the
// Prisma CLI uses it. The test server has TLS off: such a URL must fail there, and the same URL without the
// parameters must work.
import assert from 'node:assert/strict';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { collectFacts } from '../../../src/core/migrationLint';
import type { LintFinding } from '../../../src/core/migrationLint';
import { readApplied } from '../../../src/core/migrationLint/appliedMigrations';
import { mariadbConfig } from '../../../src/core/migrations/liveStatus';
import { runQuery } from '../../../src/core/notebook/runQuery';
import { mariadbUrlConfig, mysqlTls } from '../../../src/core/connections/mariadbConfig';
import { mysqlConnection, orSkip, throwawayMysql, type Throwaway } from '../testServers';

const finding: LintFinding = {
  rule: 'table-rewrite',
  severity: 'warning',
  message: '',
  start: 0,
  end: 0,
  subject: { table: 't' },
};

describe('MySQL URLs with Prisma TLS parameters', function () {
  this.timeout(60_000);

  it("translates Prisma's parameters into the driver's ssl", () => {
    assert.deepEqual(mysqlTls('mysql://u@h/db'), {});
    assert.deepEqual(mysqlTls('mysql://u@h/db?sslaccept=strict'), { ssl: { rejectUnauthorized: true } });
    assert.deepEqual(mysqlTls('mysql://u@h/db?sslaccept=accept_invalid_certs'), { ssl: { rejectUnauthorized: false } });
    const files: Record<string, string> = { '/p/prisma/ca.pem': 'CA', '/id.p12': 'ID' };
    const read = (f: string) => {
      if (!(f in files)) throw new Error('ENOENT');
      return Buffer.from(files[f]!);
    };
    assert.deepEqual(mysqlTls('mysql://u@h/db?sslcert=ca.pem&sslidentity=/id.p12&sslpassword=pw', '/p/prisma', read), {
      ssl: { rejectUnauthorized: true, ca: 'CA', pfx: Buffer.from('ID'), passphrase: 'pw' },
    });
    assert.throws(() => mysqlTls('mysql://u@h/db?sslcert=missing.pem', '/p', read), /cannot read the sslcert file/);
    assert.throws(() => mysqlTls('mysql://u@h/db?sslaccept=maybe'), /strict or accept_invalid_certs/);
    const config = mariadbUrlConfig('mysql://u:p%40ss@h:3307/db?connectTimeout=5&sslaccept=strict', {
      connectTimeout: 9,
      x: 1,
    });
    assert.deepEqual(config, {
      host: 'h',
      port: 3307,
      user: 'u',
      password: 'p@ss',
      database: 'db',
      connectTimeout: 5,
      x: 1,
      ssl: { rejectUnauthorized: true },
    });
    assert.deepEqual(mariadbConfig('mysql://u@h/db?sslaccept=strict').ssl, { rejectUnauthorized: true });
  });

  describe('against a server without TLS', () => {
    let db: Throwaway | undefined;
    before(async function () {
      db = orSkip(this, await throwawayMysql('secreview_tls'));
      const c = await mysqlConnection(db.name);
      try {
        await c.query('CREATE TABLE t (id int)');
        await c.query(
          'CREATE TABLE _prisma_migrations (migration_name varchar(255), checksum varchar(64), finished_at datetime NULL, rolled_back_at datetime NULL)',
        );
        await c.query("INSERT INTO _prisma_migrations VALUES ('m1', 'abc', NOW(), NULL)");
      } finally {
        await c.end();
      }
    });
    after(async () => db?.drop());
    const tls = () => `${db!.url}?sslaccept=strict`;

    it('the grid adapter does not connect in plain text', async () => {
      const plain = (await createClientAdapter('mysql', db!.url, { timeoutMs: 5000 })) as {
        connect(): Promise<{ dispose(): Promise<void> }>;
      };
      await (await plain.connect()).dispose();
      const asked = (await createClientAdapter('mysql', tls(), { timeoutMs: 5000 })) as {
        connect(): Promise<{ queryRaw(q: unknown): Promise<unknown>; dispose(): Promise<void> }>;
      };
      await assert.rejects(async () => {
        const a = await asked.connect();
        try {
          await a.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
        } finally {
          await a.dispose();
        }
        // the pool retries the refused TLS handshake until its limit
      }, /ssl|pool timeout/i);
    });

    it('the lint reads no facts and no applied migrations in plain text', async () => {
      const target = (url: string) => ({ dialect: 'mysql' as const, url, label: 'MariaDB' });
      assert.ok((await collectFacts(target(db!.url), [finding])).rows?.has('t'));
      assert.ok(!(await collectFacts(target(tls()), [finding], 3000)).rows?.has('t'), 'facts were read in plain text');
      assert.equal((await readApplied(target(db!.url)))?.get('m1'), 'abc');
      const applied = await readApplied(target(tls())).catch(() => undefined);
      assert.ok(!applied?.has('m1'), 'the history was read in plain text');
    });

    it('a notebook cell does not run in plain text', async () => {
      const run = (url: string) => runQuery('mysql', url, 'SELECT 1 AS one', { writes: false, timeoutMs: 5000 });
      assert.equal((await run(db!.url)).rows.length, 1);
      await assert.rejects(run(tls()), /ssl/i);
    });
  });
});
