// Prisma Client cells on PostgreSQL and MySQL/MariaDB servers (throwaway databases, testServers.ts), through
// the grid's private client: the rows a SQL cell gives for the same filter, a write in a read-only cell
// refused (more in clientCell.readOnly.test.ts), and Stop freeing the server's connection at once
// (the sleeping statement is gone from pg_stat_activity / the process list). Skips, saying so, without a server.
import * as assert from 'node:assert/strict';
import * as ts from 'typescript';
import pg from 'pg';
import { DataSession } from '../../../src/core/data/dataSession';
import { compileCell, type CellFunction } from '../../../src/core/notebook/clientCode';
import { runClientCell } from '../../../src/core/notebook/runClientCell';
import { runQuery } from '../../../src/core/notebook/runQuery';
import { QueryRunError, type SqlProvider } from '../../../src/core/notebook/runSupport';
import type { QueryResult } from '../../../src/shared/protocol/queryResult';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../testServers';
import { cleanupStore, schemaSession } from '../data/sqliteFixture';

const schemaOf = (provider: SqlProvider) => `datasource db {
  provider = "${provider}"
}

model Thing {
  id    Int      @id @default(autoincrement())
  name  String
  price Decimal? @db.Decimal(30, 10)
  @@map("things")
}
`;

const setup = [
  'CREATE TABLE things (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, price DECIMAL(30,10) NULL)',
  "INSERT INTO things VALUES (1, 'apple', 12345678901234567890.125), (2, 'banana', NULL), (3, 'cherry', 0.5)",
];

for (const provider of ['postgresql', 'mysql'] as const) {
  describe(`Prisma Client cells on ${provider}`, function () {
    this.timeout(120_000);
    let server: Throwaway | undefined;
    let session: DataSession | undefined;
    /** Rows of a query run outside the cells, on a connection of its own. */
    let query: (sql: string) => Promise<Record<string, unknown>[]>;
    let closeQuery: () => Promise<void>;

    const run = (source: string, signal?: AbortSignal): Promise<QueryResult> =>
      runClientCell(
        {
          client: session!.prisma,
          Prisma: session!.Prisma,
          provider,
          listen: (l) => session!.listenToQueries(l),
        },
        (0, eval)(compileCell(ts, source).js) as CellFunction,
        { writes: false, timeoutMs: 20_000, maxRows: 1000, ...(signal ? { signal } : {}) },
      );

    before(async function () {
      server = orSkip(
        this,
        provider === 'postgresql' ? await throwawayPostgres('pw_cells') : await throwawayMysql('pw_cells'),
      );
      if (provider === 'postgresql') {
        const c = new pg.Client({ connectionString: server.url });
        await c.connect();
        query = async (sql) => (await c.query(sql)).rows as Record<string, unknown>[];
        closeQuery = () => c.end();
      } else {
        const c = await mysqlConnection(server.name);
        query = async (sql) => (await c.query(sql)) as Record<string, unknown>[];
        closeQuery = () => c.end();
      }
      for (const s of setup) await query(s);
      session = await schemaSession(provider, server.url, schemaOf(provider), `unit-test-cells-${provider}`);
    });

    after(async () => {
      await session?.dispose();
      await closeQuery?.();
      cleanupStore();
      await server?.drop();
    });

    it('gives the rows a SQL cell gives for the same filter, Decimal at full precision', async () => {
      const r = await run(`prisma.thing.findMany({ where: { name: { contains: 'an' } }, orderBy: { id: 'asc' } })`);
      const sql = await runQuery(
        provider,
        server!.url,
        "SELECT id, name, price FROM things WHERE name LIKE '%an%' ORDER BY id",
        {
          writes: false,
          timeoutMs: 10_000,
        },
      );
      assert.deepEqual(
        r.rows.map((row) => row.slice(0, 2)),
        sql.rows.map((row) => row.slice(0, 2)),
      );
      assert.deepEqual(r.rows, [[2, 'banana', null]]);
      const apple = await run(`prisma.thing.findFirst({ where: { id: 1 } })`);
      assert.equal(apple.columns[2].type, 'Decimal');
      assert.equal(apple.rows[0][2], '12345678901234567890.125');
      assert.ok(
        r.statements?.some((s) => /things/.test(s.query)),
        JSON.stringify(r.statements),
      );
    });

    it('refuses a write in a read-only cell and leaves the data unchanged', async () => {
      await assert.rejects(
        run(
          `await prisma.thing.updateMany({ data: { name: 'changed' } }); await prisma.thing.count({ where: { name: 'changed' } })`,
        ),
        (e: unknown) => e instanceof QueryRunError && e.reason === 'readOnly' && /Nothing was changed/.test(e.message),
      );
      const rows = await query("SELECT COUNT(*) AS n FROM things WHERE name = 'changed'");
      assert.equal(Number(rows[0].n), 0);
    });

    it('Stop cancels the running statement on the server within a second', async () => {
      const abort = new AbortController();
      const sleep = provider === 'postgresql' ? 'SELECT pg_sleep(30)' : 'SELECT SLEEP(30)';
      const cell = run(`await prisma.$queryRawUnsafe(${JSON.stringify(sleep)})`, abort.signal);
      const running = async () =>
        provider === 'postgresql'
          ? (
              await query(
                "SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'",
              )
            ).length
          : (await query("SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(30)%'")).length;
      for (let i = 0; i < 50 && (await running()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await running(), 1, 'the sleep started on the server');
      const t0 = performance.now();
      abort.abort();
      await assert.rejects(cell, (e: unknown) => e instanceof QueryRunError && e.reason === 'cancelled');
      let gone = false;
      while (!gone && performance.now() - t0 < 1000) {
        gone = (await running()) === 0;
        if (!gone) await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(gone, `the sleep still ran on the server ${Math.round(performance.now() - t0)} ms after Stop`);
      assert.deepEqual((await run('prisma.thing.count()')).rows, [[3]], 'the session still works');
    });
  });
}
