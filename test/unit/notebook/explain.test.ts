// Explain on real databases in plain Node: SQLite (a temp file), PostgreSQL and MariaDB (throwaway databases).
// What the user sees: one plan tree per database, the whole-table read of a 5,000-row table marked, a
// primary-key lookup not marked, the top cost share named, ANALYZE measured but never writing.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { explainQuery } from '../../../src/core/notebook/explain/explainQuery';
import { runQuery, QueryRunError, type SqlProvider } from '../../../src/core/notebook/runQuery';
import type { PlanNode, QueryPlan } from '../../../src/shared/protocol/queryPlan';
import { planText } from '../../../src/shared/planText';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../testServers';

interface Db {
  provider: SqlProvider;
  url: string;
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...n.children.flatMap(nodes)];
const onTable = (plan: QueryPlan, table: string) => nodes(plan.root).filter((n) => n.relation === table);

function setupSql(provider: SqlProvider): string[] {
  const concat = provider === 'mysql' ? "CONCAT('u', n, '@example.com')" : "'u' || n || '@example.com'";
  const series =
    provider === 'postgresql'
      ? 'SELECT n FROM generate_series(1, 5000) AS s(n)'
      : 'WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 5000) SELECT n FROM s';
  return [
    'CREATE TABLE orgs (id INT PRIMARY KEY, name VARCHAR(40))',
    'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(60), org_id INT)',
    "INSERT INTO orgs (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')",
    `${provider === 'mysql' ? 'SET SESSION max_recursive_iterations = 10000; ' : ''}INSERT INTO users (id, email, org_id) SELECT n, ${concat}, n % 3 + 1 FROM (${series}) AS g`,
    provider === 'mysql' ? 'ANALYZE TABLE users, orgs' : 'ANALYZE',
  ];
}

for (const provider of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`Explain on ${provider}`, function () {
    this.timeout(60_000);
    let db: Db;
    let server: Throwaway | undefined;

    before(async function () {
      if (provider === 'sqlite') {
        const dir = mkdtempSync(path.join(tmpdir(), 'nb-explain-'));
        const file = path.join(dir, 'dev.db');
        const Database = (await import('libsql')).default;
        const lite = new Database(file);
        db = {
          provider,
          url: `file:${file}`,
          exec: async (sql) => {
            lite.exec(sql);
          },
          drop: async () => {
            lite.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } else if (provider === 'postgresql') {
        server = orSkip(this, await throwawayPostgres('nbx'));
        const url = server.url;
        db = {
          provider,
          url,
          exec: async (sql) => {
            const c = new pg.Client({ connectionString: url });
            await c.connect();
            await c.query(sql).finally(() => c.end());
          },
          drop: () => server!.drop(),
        };
      } else {
        server = orSkip(this, await throwawayMysql('nbx'));
        const name = server.name;
        db = {
          provider,
          url: server.url,
          exec: async (sql) => {
            const c = await mysqlConnection(name);
            await c.query(sql).finally(() => c.end());
          },
          drop: () => server!.drop(),
        };
      }
      for (const s of setupSql(provider)) await db.exec(s);
    });
    after(async () => db?.drop());

    const explain = (sql: string, analyze = false) =>
      explainQuery(db.provider, db.url, sql, { analyze, timeoutMs: 20_000 });

    it('marks the whole-table read of a 5,000-row table, with its size, in the tree and the text', async () => {
      const plan = await explain("SELECT * FROM users WHERE email = 'u42@example.com'");
      assert.equal(plan.analyzed, false);
      const scans = onTable(plan, 'users');
      assert.equal(scans.length, 1, planText(plan));
      const scan = scans[0];
      assert.equal(scan.fullScan, true, planText(plan));
      const size = scan.tableRows ?? scan.estimatedRows ?? 0;
      assert.ok(size >= 4000 && size <= 6000, `table size ${size}`);
      assert.ok(
        scan.warnings.some((w) => /reads every row of users \(about [\d,]+ rows\)/.test(w)),
        planText(plan),
      );
      assert.match(planText(plan), /! reads every row of users/);
    });

    it('does not mark a primary-key lookup', async () => {
      const plan = await explain('SELECT * FROM users WHERE id = 42');
      const reads = onTable(plan, 'users');
      assert.ok(reads.length >= 1, planText(plan));
      assert.ok(
        reads.every((n) => !n.fullScan && !n.warnings.some((w) => /every row/.test(w))),
        planText(plan),
      );
    });

    it("explains a statement with placeholders and its values bound (a Prisma Client cell's statement)", async () => {
      const sql =
        provider === 'postgresql'
          ? 'SELECT * FROM users WHERE id = $1 AND email <> $2'
          : 'SELECT * FROM users WHERE id = ? AND email <> ?';
      const plan = await explainQuery(db.provider, db.url, sql, {
        analyze: provider !== 'sqlite',
        timeoutMs: 20_000,
        params: [42, "o'hara@example.com"],
      });
      const reads = onTable(plan, 'users');
      assert.ok(reads.length >= 1, planText(plan));
      assert.ok(
        reads.every((n) => !n.fullScan),
        planText(plan),
      );
      if (provider !== 'sqlite') assert.equal(plan.analyzed, true);
    });

    it('gives a join as one tree with both tables; shares add up to at most 100%', async () => {
      const plan = await explain(
        "SELECT u.email, o.name FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.name = 'b' ORDER BY u.email",
      );
      const all = nodes(plan.root);
      assert.ok(onTable(plan, 'users').length >= 1 && onTable(plan, 'orgs').length >= 1, planText(plan));
      // the node names the table and says the alias it was read as (SQLite and MariaDB give only the alias)
      assert.ok(onTable(plan, 'users')[0].details.includes('Alias: u'), planText(plan));
      const shares = all.map((n) => n.share ?? 0).reduce((a, b) => a + b, 0);
      assert.ok(shares <= 1.0001, `shares sum to ${shares}`);
      if (provider === 'sqlite') {
        assert.equal(plan.unit, undefined);
      } else {
        assert.ok(shares > 0.99, `shares sum to ${shares}`);
        assert.ok(
          all.some((n) => n.warnings.some((w) => /^\d+% of the plan’s (estimated cost|estimated rows read)$/.test(w))),
          planText(plan),
        );
      }
    });

    if (provider === 'sqlite') {
      it('refuses ANALYZE in words (SQLite measures no plan)', async () => {
        await assert.rejects(explain('SELECT * FROM users', true), /SQLite measures no plan/);
      });
    } else {
      it('ANALYZE measures rows and time, read-only and rolled back', async () => {
        const plan = await explain("SELECT * FROM users WHERE email LIKE 'u1%'", true);
        assert.equal(plan.analyzed, true);
        assert.equal(plan.unit, 'ms');
        const scan = onTable(plan, 'users')[0];
        // u1, u10-u19, u100-u199, u1000-u1999; MariaDB counts the rows read and says how many the condition kept
        if (provider === 'mysql') assert.ok(scan.details.includes('Rows kept by the condition: 1111'), planText(plan));
        else assert.equal(scan.actualRows, 1111, planText(plan));
        assert.ok((plan.executionMs ?? 0) > 0, planText(plan));
        assert.match(planText(plan), /measured: the statement ran read-only and was rolled back/);
      });

      it('ANALYZE of a write is refused and changes nothing; PostgreSQL explains it without ANALYZE', async () => {
        await assert.rejects(
          explain("UPDATE users SET email = 'changed' WHERE id < 10", true),
          (e: Error) => e instanceof QueryRunError && /this statement writes, so it was not run/.test(e.message),
        );
        if (provider === 'postgresql') {
          const plan = await explain("UPDATE users SET email = 'changed' WHERE id < 10");
          assert.ok(onTable(plan, 'users').length >= 1, planText(plan));
        } else
          await assert.rejects(
            explain("UPDATE users SET email = 'changed' WHERE id < 10"),
            /explain a SELECT with the same WHERE/,
          );
        const r = await runQuery(db.provider, db.url, "SELECT COUNT(*) FROM users WHERE email = 'changed'", {
          writes: false,
          timeoutMs: 10_000,
        });
        assert.equal(Number(r.rows[0][0]), 0);
      });
    }

    it('marks no whole-table read for a CTE or a constant row (they are not tables)', async () => {
      const plan = await explain(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2500) SELECT x FROM c',
      );
      assert.ok(
        nodes(plan.root).every((n) => !n.warnings.some((w) => /every row/.test(w))),
        planText(plan),
      );
    });

    it('refuses a cell that already is an EXPLAIN', async () => {
      await assert.rejects(explain('EXPLAIN SELECT 1'), /already an EXPLAIN/);
    });
  });
}
