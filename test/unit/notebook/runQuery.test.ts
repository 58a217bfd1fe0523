// SQL cells on real databases in plain Node: SQLite (a temp file), PostgreSQL and MariaDB (throwaway
// databases, test/unit/testServers.ts). What the user sees: the rows and column names, a write refused in
// a read-only cell with nothing changed, a cancel that frees the server, a time limit in words.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runQuery, QueryRunError, type SqlProvider } from '../../../src/core/notebook/runQuery';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../testServers';

interface Db {
  provider: SqlProvider;
  url: string;
  /** Runs setup SQL outside the runner. */
  exec(sql: string): Promise<void>;
  sleep(seconds: number): string;
  drop(): Promise<void>;
}

async function sqliteDb(): Promise<Db> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nb-sqlite-'));
  const file = path.join(dir, 'dev.db');
  const Database = (await import('libsql')).default;
  const db = new Database(file);
  return {
    provider: 'sqlite',
    url: `file:${file}`,
    exec: async (sql) => {
      db.exec(sql);
    },
    // a recursive count: rows keep coming, so a stop is seen between slices (one long step is not: see runSqlite.ts)
    sleep: () => 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT x FROM c',
    drop: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const setup = [
  'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), big BIGINT)',
  "INSERT INTO items VALUES (1, 'a', 9007199254740993), (2, '', NULL), (3, NULL, 5)",
];

for (const provider of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`SQL cells on ${provider}`, function () {
    this.timeout(30_000);
    let db: Db;
    let server: Throwaway | undefined;

    before(async function () {
      if (provider === 'sqlite') db = await sqliteDb();
      else if (provider === 'postgresql') {
        server = orSkip(this, await throwawayPostgres('nbq'));
        const url = server.url;
        db = {
          provider,
          url,
          exec: async (sql) => {
            const c = new pg.Client({ connectionString: url });
            await c.connect();
            await c.query(sql).finally(() => c.end());
          },
          sleep: (s) => `SELECT pg_sleep(${s})`,
          drop: () => server!.drop(),
        };
      } else {
        server = orSkip(this, await throwawayMysql('nbq'));
        const name = server.name;
        db = {
          provider,
          url: server.url,
          exec: async (sql) => {
            const c = await mysqlConnection(name);
            await c.query(sql).finally(() => c.end());
          },
          sleep: (s) => `SELECT SLEEP(${s})`,
          drop: () => server!.drop(),
        };
      }
      for (const s of setup) await db.exec(s);
    });
    after(async () => db?.drop());

    const run = (
      sql: string,
      writes = false,
      extra: { timeoutMs?: number; signal?: AbortSignal; maxRows?: number; skipRows?: number } = {},
    ) => runQuery(db.provider, db.url, sql, { writes, timeoutMs: 10_000, ...extra });

    it('gives the rows and column names, NULL apart from empty, a BigInt beyond 2^53 exact', async () => {
      const r = await run('SELECT id, name, big FROM items ORDER BY id');
      assert.deepEqual(
        r.columns.map((c) => c.name),
        ['id', 'name', 'big'],
      );
      assert.equal(r.rowCount, 3);
      assert.equal(r.truncated, false);
      assert.deepEqual(
        r.rows.map((row) => [Number(row[0]), row[1], row[2] === null ? null : String(row[2])]),
        [
          [1, 'a', '9007199254740993'],
          [2, '', null],
          [3, null, '5'],
        ],
      );
      assert.equal(r.columns[2].type, 'BigInt');
      assert.equal(r.mode, 'read-only');
    });

    it('keeps the first rows of a large result and counts the rest', async () => {
      const r = await run('SELECT id FROM items ORDER BY id', false, { maxRows: 2 });
      assert.equal(r.rows.length, 2);
      assert.equal(r.rowCount, 3);
      assert.equal(r.truncated, true);
    });

    it('gives a later page: the rows before it skipped, the next kept, all counted', async () => {
      const r = await run('SELECT id FROM items ORDER BY id', false, { maxRows: 1, skipRows: 1 });
      assert.deepEqual(
        r.rows.map((row) => Number(row[0])),
        [2],
      );
      assert.equal(r.offset, 1);
      assert.equal(r.rowCount, 3);
      assert.equal(r.truncated, true);
      const last = await run('SELECT id FROM items ORDER BY id', false, { maxRows: 5, skipRows: 2 });
      assert.deepEqual(
        last.rows.map((row) => Number(row[0])),
        [3],
      );
      assert.equal(last.truncated, false);
    });

    it('refuses a write in a read-only cell, in words, and nothing is changed', async () => {
      for (const sql of ["UPDATE items SET name = 'changed'", 'DELETE FROM items', 'DROP TABLE items']) {
        await assert.rejects(
          run(sql),
          (e: Error) => e instanceof QueryRunError && e.reason === 'readOnly' && /Nothing was changed/.test(e.message),
          sql,
        );
      }
      const r = await run('SELECT name FROM items ORDER BY id');
      assert.deepEqual(
        r.rows.map((row) => row[0]),
        ['a', '', null],
      );
    });

    it('does not let a second statement escape the read-only transaction', async () => {
      await assert.rejects(run("COMMIT; UPDATE items SET name = 'escaped'"));
      const r = await run("SELECT COUNT(*) FROM items WHERE name = 'escaped'");
      assert.equal(Number(r.rows[0][0]), 0);
    });

    it('commits a cell marked as writing', async () => {
      const w = await run("UPDATE items SET name = 'b' WHERE id = 1", true);
      assert.equal(w.affectedRows, 1);
      assert.equal(w.mode, 'writes');
      const r = await run('SELECT name FROM items WHERE id = 1');
      assert.equal(r.rows[0][0], 'b');
    });

    it('stops a query that runs past the time limit, in words', async () => {
      const t0 = performance.now();
      await assert.rejects(
        run(db.sleep(20), false, { timeoutMs: 500 }),
        (e: Error) =>
          e instanceof QueryRunError && e.reason === 'timeout' && /longer than 1 s|longer than 0 s/.test(e.message),
      );
      assert.ok(performance.now() - t0 < 5000, `stopped after ${Math.round(performance.now() - t0)} ms`);
    });

    if (provider === 'sqlite')
      it('keeps the extension host responsive during one long step, and a cancel answers at once', async () => {
        // max() reads every row before it returns one: a single step SQLite cannot be stopped in
        const abort = new AbortController();
        const running = run(
          'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) SELECT max(x) FROM c',
          false,
          { signal: abort.signal },
        );
        let ticks = 0;
        const timer = setInterval(() => ticks++, 10);
        await new Promise((r) => setTimeout(r, 600));
        const t0 = performance.now();
        abort.abort();
        await assert.rejects(running, (e: Error) => e instanceof QueryRunError && e.reason === 'cancelled');
        clearInterval(timer);
        const ms = performance.now() - t0;
        assert.ok(ticks > 30, `the event loop ran ${ticks} 10 ms timers in 600 ms`);
        assert.ok(ms < 200, `the cancel answered after ${Math.round(ms)} ms`);
      });

    it('cancels a running query on the server within a second', async () => {
      const abort = new AbortController();
      const running = run(db.sleep(30), false, { signal: abort.signal, timeoutMs: 60_000 });
      await new Promise((r) => setTimeout(r, 500));
      const t0 = performance.now();
      abort.abort();
      await assert.rejects(running, (e: Error) => e instanceof QueryRunError && e.reason === 'cancelled');
      const ms = performance.now() - t0;
      assert.ok(ms < 1000, `the run ended ${Math.round(ms)} ms after the cancel`);
      if (provider === 'postgresql') {
        const c = new pg.Client({ connectionString: server!.url });
        await c.connect();
        const r = await c.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep(30)%' AND state = 'active'",
        );
        await c.end();
        assert.equal(r.rows[0].n, 0, 'pg_sleep(30) is still running on the server');
        console.log(
          `      (cancel: the run ended ${Math.round(ms)} ms after the cancel; no pg_sleep left in pg_stat_activity)`,
        );
      }
      if (provider === 'mysql') {
        const c = await mysqlConnection();
        const rows: unknown[] = await c.query(
          "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(30)%' AND COMMAND = 'Query'",
        );
        await c.end();
        assert.equal(rows.length, 0, 'SLEEP(30) is still running on the server');
        console.log(
          `      (cancel: the run ended ${Math.round(ms)} ms after the cancel; no SLEEP left in the process list)`,
        );
      }
    });
  });
}
