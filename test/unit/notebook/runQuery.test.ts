// SQL cells on real databases in plain Node: SQLite (a temp file), PostgreSQL and MariaDB (throwaway
// databases, test/unit/testServers.ts). What the user sees: the rows and column names, a write refused in
// a read-only cell with nothing changed, a cancel that frees the server, a time limit in words.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { summary } from '../../../src/core/notebook/queryResult';
import { runQuery, QueryRunError, type SqlProvider } from '../../../src/core/notebook/runQuery';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../testServers';

interface Db {
  provider: SqlProvider;
  url: string;
  /** Runs setup SQL outside the runner. */
  exec(sql: string): Promise<void>;
  sleep(seconds: number): string;
  /**
   * Rows g = 1..n and a value that fails for every row past `failAfter` (a division by zero, an integer
   * overflow, a SIGNAL): a run that reads past that row fails, one that stops before it does not.
   */
  probe(n: number, failAfter: number): string;
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
    // a recursive count: rows keep coming, so a stop is seen between slices (one long step is not: see
    // runSqlite.ts), one in 100,000 only, so that the first page (and the early stop after it) is far away
    sleep: () =>
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT x FROM c WHERE x % 100000 = 0',
    probe: (n, failAfter) =>
      `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${n}) ` +
      `SELECT g, CASE WHEN g > ${failAfter} THEN abs(-9223372036854775807 - 1 + 0 * g) ELSE g END AS v FROM s`,
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
          probe: (n, failAfter) =>
            `SELECT g, CASE WHEN g > ${failAfter} THEN 1 / (g - g) ELSE g END AS v FROM generate_series(1, ${n}) AS g`,
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
          probe: (n, failAfter) => `SELECT seq AS g, pw_boom(seq, ${failAfter}) AS v FROM seq_1_to_${n}`,
          drop: () => server!.drop(),
        };
      }
      for (const s of setup) await db.exec(s);
      if (provider === 'mysql')
        await db.exec(
          "CREATE FUNCTION pw_boom(g BIGINT, failAfter BIGINT) RETURNS BIGINT DETERMINISTIC BEGIN IF g > failAfter THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a row past the page was read'; END IF; RETURN g; END",
        );
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

    it('keeps the first rows of a large result and says there are more', async () => {
      const r = await run('SELECT id FROM items ORDER BY id', false, { maxRows: 2 });
      assert.equal(r.rows.length, 2);
      assert.equal(r.rowCount, 2);
      assert.equal(r.moreRows, true);
      assert.equal(r.truncated, true);
    });

    it('gives a later page: the rows before it skipped, the next kept, the last page counted exactly', async () => {
      const r = await run('SELECT id FROM items ORDER BY id', false, { maxRows: 1, skipRows: 1 });
      assert.deepEqual(
        r.rows.map((row) => Number(row[0])),
        [2],
      );
      assert.equal(r.offset, 1);
      assert.equal(r.rowCount, 2);
      assert.equal(r.moreRows, true);
      assert.equal(r.truncated, true);
      const last = await run('SELECT id FROM items ORDER BY id', false, { maxRows: 5, skipRows: 2 });
      assert.deepEqual(
        last.rows.map((row) => Number(row[0])),
        [3],
      );
      assert.equal(last.rowCount, 3);
      assert.equal(last.moreRows, undefined);
      assert.equal(last.truncated, false);
    });

    it('reads one page of a 5,000-row result and stops: no row past the page and one more is read', async () => {
      // before: every row was read to count them, and row 1,501 failed the run
      const r = await run(db.probe(5000, 1500), false, { maxRows: 1000 });
      assert.equal(r.rows.length, 1000);
      assert.deepEqual(
        [r.rows[0].map(Number), r.rows[999].map(Number)],
        [
          [1, 1],
          [1000, 1000],
        ],
      );
      assert.equal(r.moreRows, true);
      assert.equal(r.truncated, true);
      assert.equal(r.rowCount, 1000);
      assert.match(summary(r), /^1,000\+ rows \(the first 1,000 shown; more available\) in \d+ ms/);
    });

    it('Load more reads on: the next page stops after it too, the last page gives the exact count', async () => {
      const next = await run(db.probe(5000, 2100), false, { maxRows: 1000, skipRows: 1000 });
      assert.deepEqual([Number(next.rows[0][0]), Number(next.rows.at(-1)![0]), next.rows.length], [1001, 2000, 1000]);
      assert.equal(next.offset, 1000);
      assert.equal(next.moreRows, true);
      assert.equal(next.rowCount, 2000);
      const last = await run(db.probe(2500, 2500), false, { maxRows: 1000, skipRows: 2000 });
      assert.deepEqual([Number(last.rows[0][0]), Number(last.rows.at(-1)![0]), last.rows.length], [2001, 2500, 500]);
      assert.equal(last.moreRows, undefined);
      assert.equal(last.truncated, false);
      assert.equal(last.rowCount, 2500);
    });

    it('gives the first page of a 1,000,000-row SELECT in well under 2 s', async () => {
      const sql = {
        sqlite:
          "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 1000000) SELECT g, printf('%0100d', g) FROM s",
        postgresql: 'SELECT g, pg_sleep(0), repeat(g::text, 20) FROM generate_series(1, 1000000) AS g',
        mysql: 'SELECT seq, REPEAT(seq, 20) FROM seq_1_to_1000000',
      }[provider];
      const t0 = performance.now();
      const r = await run(sql, false, { maxRows: 1000 });
      const ms = performance.now() - t0;
      console.log(`      (1,000,000-row SELECT: first 1,000 rows in ${Math.round(ms)} ms)`);
      assert.ok(ms < 2000, `the first page took ${Math.round(ms)} ms`);
      assert.equal(r.rows.length, 1000);
      assert.equal(r.moreRows, true);
    });

    it('gives a page the same values and types as a whole read (BigInt, Decimal, DateTime, Json, Bytes)', async () => {
      const sql = {
        sqlite: "SELECT 9007199254740993 AS big, X'6869' AS b, '2024-05-01 10:20:30' AS ts, 1.5 AS f",
        postgresql:
          "SELECT 9007199254740993::int8 AS big, 12345678901234567890.5::numeric(30,1) AS d, '2024-05-01 10:20:30.123'::timestamp AS ts, '2024-05-01 10:20:30+02'::timestamptz AS tz, '{\"a\": [1, 2]}'::jsonb AS j, '\\x6869'::bytea AS b FROM generate_series(1, 3)",
        mysql:
          "SELECT 9007199254740993 AS big, CAST(12345678901234567890.5 AS DECIMAL(30,1)) AS d, TIMESTAMP'2024-05-01 10:20:30.123' AS ts, JSON_OBJECT('a', JSON_ARRAY(1, 2)) AS j, X'6869' AS b FROM seq_1_to_3",
      }[provider];
      const page = await run(sql, false, { maxRows: 2 });
      const whole = await run(sql, true, { maxRows: 2 }); // a writing cell reads every row, as before
      assert.equal(page.moreRows, provider === 'sqlite' ? undefined : true);
      assert.deepEqual(page.columns, whole.columns);
      assert.deepEqual(page.rows, whole.rows);
      assert.ok(
        page.columns.some((c) => c.type === 'BigInt'),
        JSON.stringify(page.columns),
      );
    });

    it('reads and counts every row of a writing cell: it runs once', async () => {
      const r = await run(db.probe(5000, 5000), true, { maxRows: 1000 });
      assert.equal(r.rows.length, 1000);
      assert.equal(r.rowCount, 5000);
      assert.equal(r.moreRows, undefined);
      assert.equal(r.truncated, true);
      assert.equal(r.mode, 'writes');
    });

    if (provider === 'postgresql')
      it('runs what cannot be a cursor as before: SHOW, EXPLAIN, a write refused in words, an error with its line', async () => {
        const show = await run('SHOW search_path');
        assert.deepEqual([show.rows.length, show.moreRows], [1, undefined]);
        const explain = await run('EXPLAIN SELECT * FROM items');
        assert.match(String(explain.rows[0][0]), /Seq Scan on items/);
        await assert.rejects(
          run('WITH d AS (DELETE FROM items RETURNING id) SELECT * FROM d'),
          (e: Error) => e instanceof QueryRunError && e.reason === 'readOnly',
        );
        await assert.rejects(run('SELECT id\nFROM nowhere'), (e: Error) => /line 2, column 6/.test(e.message));
        assert.equal(Number((await run('SELECT count(*) FROM items')).rows[0][0]), 3);
      });

    if (provider === 'mysql')
      it('closes the connection left in the middle of a result on the server', async () => {
        const sql = 'SELECT seq, REPEAT(seq, 20) AS pw_mid_result FROM seq_1_to_1000000';
        assert.equal((await run(sql)).moreRows, true);
        const left = async () => {
          const c = await mysqlConnection();
          const rows: unknown[] = await c.query(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '%pw\\_mid\\_result FROM seq%'",
          );
          await c.end();
          return rows.length;
        };
        const deadline = Date.now() + 3000;
        while ((await left()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.equal(await left(), 0, 'the query is still running on the server');
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
