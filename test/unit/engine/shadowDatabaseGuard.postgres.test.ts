// The shadow database on the real PostgreSQL server (see testServers.ts). A configured shadowDatabaseUrl
// that names the main database (copy-pasted, or the same database with another `?schema=`) is refused, as
// Prisma's engine refuses it, before anything runs on it: every table of the main database is still there.
// A shadow database of its own has only its `?schema=` emptied. A temporary shadow database keeps the
// URL's TLS settings, and a `?schema=` tenant is checked with one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { checkDrift, type DriftInputs } from '../../../src/core/drift';
import { EmbeddedSchemaEngine, applyMigrations } from '../../../src/core/engine';
import { adapterFactoryFor as createAdapterFactory } from '../../../src/core/migrations/adapterFactory';
import { dropAllShadowDatabases, keptShadowDatabases } from '../../../src/core/engine/shadowDatabasePool';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { parseSchema } from '../../../src/core/schema/parse';
import { orSkip, throwawayPostgres, type Throwaway } from '../testServers';

const PROJECT = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'sample-postgres', 'prisma');

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

/** Every table of every schema but the catalogs, with its row count. */
async function everyTable(url: string): Promise<string[]> {
  const names = await query<{ s: string; t: string }>(
    url,
    "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
  );
  const out: string[] = [];
  for (const { s, t } of names)
    out.push(`${s}.${t}: ${(await query<{ n: string }>(url, `SELECT count(*) AS n FROM "${s}"."${t}"`))[0].n}`);
  return out;
}

async function migrate(url: string): Promise<void> {
  const engine = await EmbeddedSchemaEngine.open({
    adapterFactory: await createAdapterFactory({ provider: 'postgresql', url }),
  });
  try {
    await applyMigrations(engine, { migrationsDir: path.join(PROJECT, 'migrations') });
  } finally {
    await engine.dispose();
  }
}

describe('shadow database: never the main database, only its own schema emptied', function () {
  this.timeout(120_000);
  let main: Throwaway | undefined;
  let url = '';
  let tenant = ''; // url?schema=tenant_a, migrated too
  let tables: string[] = [];

  const inputs = (target: Parameters<typeof createAdapterFactory>[0]): DriftInputs => {
    const file = {
      path: path.join(PROJECT, 'schema.prisma'),
      content: readFileSync(path.join(PROJECT, 'schema.prisma'), 'utf8'),
    };
    return {
      provider: 'postgresql',
      schemaFiles: normalizeForPrisma7([file], []),
      doc: parseSchema([file]),
      migrationsDir: path.join(PROJECT, 'migrations'),
      mode: 'migrations',
      adapterFactory: () => createAdapterFactory(target),
      configDir: PROJECT,
    };
  };

  before(async function () {
    main = orSkip(this, await throwawayPostgres('pw_shadow_main'));
    url = main.url;
    await migrate(url);
    await query(url, "INSERT INTO organizations (id, slug, name) VALUES ('o1', 'acme', 'Acme')");
    await query(url, 'CREATE SCHEMA other; CREATE TABLE other.notes (id INT); INSERT INTO other.notes VALUES (1)');
    await query(url, 'CREATE SCHEMA tenant_a');
    tenant = `${url}?schema=tenant_a`;
    await migrate(tenant);
    tables = await everyTable(url);
    assert.ok(tables.includes('public.organizations: 1'), tables.join());
  });
  after(async () => {
    await dropAllShadowDatabases();
    await main?.drop();
  });

  /** Shadow URLs that name the main database. */
  const sameDatabase: [string, () => string][] = [
    ['the same URL', () => url],
    ['the same database with ?schema=shadow', () => `${url}?schema=shadow`],
    [
      'the same database through another name of this machine, another user and password',
      () => {
        const u = new URL(url);
        u.hostname = u.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
        u.username = 'someone_else';
        u.password = 'secret-pw';
        return `${u.toString()}?schema=public`;
      },
    ],
  ];

  for (const [what, shadowUrl] of sameDatabase)
    it(`a drift check refuses ${what} as its shadow database, naming both; every table is still there`, async () => {
      const shadow = shadowUrl();
      const report = await checkDrift(inputs({ provider: 'postgresql', url, shadowDatabaseUrl: shadow }));
      assert.deepEqual(await everyTable(url), tables);
      assert.equal(report.state, 'error', JSON.stringify(report.findings.map((f) => f.message)));
      const message = report.error?.message ?? '';
      assert.match(message, /The shadow database you configured appears to be the same as the main database/);
      const shown = (u: string) => new URL(u.replace(/:[^:@/]*@/, ':****@')).toString().replace('%2A%2A%2A%2A', '****');
      assert.ok(message.includes(shown(url)), `${message} names ${shown(url)}`);
      assert.ok(message.includes(shown(shadow)), `${message} names ${shown(shadow)}`);
      assert.doesNotMatch(message, /secret-pw/);
      assert.match(report.error?.nextStep ?? '', /shadowDatabaseUrl/);
    });

  it('the factory refuses before connecting: connectToShadowDb on the main database rejects', async () => {
    const factory = await createAdapterFactory({ provider: 'postgresql', url, shadowDatabaseUrl: `${url}?schema=x` });
    await assert.rejects(() => factory.connectToShadowDb(), /appears to be the same as the main database/);
    assert.deepEqual(await everyTable(url), tables);
  });

  describe('a shadow database of its own', () => {
    let shadowDb: Throwaway | undefined;
    before(async function () {
      shadowDb = orSkip(this, await throwawayPostgres('pw_shadow_own'));
      await query(
        shadowDb.url,
        'CREATE TABLE public.kept (id INT); CREATE SCHEMA tenant_a; CREATE TABLE tenant_a.old (id INT); CREATE SCHEMA other; CREATE TABLE other.notes (id INT)',
      );
    });
    after(async () => {
      await shadowDb?.drop();
    });

    it('only the schema its ?schema= names is emptied, and the drift check of that schema runs in it', async () => {
      const report = await checkDrift(
        inputs({ provider: 'postgresql', url: tenant, shadowDatabaseUrl: `${shadowDb!.url}?schema=tenant_a` }),
      );
      const left = await everyTable(shadowDb!.url);
      assert.ok(left.includes('public.kept: 0'), `public is not the shadow's schema: ${left.join()}`);
      assert.ok(left.includes('other.notes: 0'), left.join());
      assert.ok(!left.includes('tenant_a.old: 0'), `the shadow's schema is emptied before the replay: ${left.join()}`);
      assert.equal(
        report.state,
        'inSync',
        report.error?.message ?? JSON.stringify(report.findings.map((f) => f.message)),
      );
      assert.deepEqual(await everyTable(url), tables);
    });
  });

  it('a temporary shadow database keeps the TLS the URL asks for (sslmode=verify-full is never downgraded to plain text)', async function () {
    const ssl = (await query<{ ssl: string }>(url, 'SHOW ssl'))[0].ssl;
    if (ssl !== 'off') {
      console.log('      (skipped: the server speaks TLS, so a refused plain-text connection cannot be seen)');
      this.skip();
    }
    const before = keptShadowDatabases();
    const factory = await createAdapterFactory({
      provider: 'postgresql',
      url: `${url}?sslmode=verify-full`,
      reuseShadowDatabase: true,
    });
    let adapter: Awaited<ReturnType<typeof factory.connectToShadowDb>> | undefined;
    try {
      await assert.rejects(async () => {
        adapter = await factory.connectToShadowDb();
      }, /does not support SSL/);
    } finally {
      await adapter?.dispose();
    }
    assert.equal(keptShadowDatabases(), before);
  });

  it('a ?schema= tenant is checked against a temporary shadow database, kept or not', async () => {
    for (const reuseShadowDatabase of [false, true, true]) {
      const report = await checkDrift(inputs({ provider: 'postgresql', url: tenant, reuseShadowDatabase }));
      assert.equal(
        report.state,
        'inSync',
        report.error?.message ?? JSON.stringify(report.findings.map((f) => f.message)),
      );
    }
    await query(url, 'ALTER TABLE tenant_a.tags ADD COLUMN extra INT');
    try {
      const drifted = await checkDrift(inputs({ provider: 'postgresql', url: tenant, reuseShadowDatabase: true }));
      assert.equal(drifted.state, 'drift', drifted.error?.message);
    } finally {
      await query(url, 'ALTER TABLE tenant_a.tags DROP COLUMN extra');
    }
  });
});
