// A read-only Prisma Client cell refuses its code's writes on every database (SQLite file, PostgreSQL and
// MySQL/MariaDB throwaway databases, testServers.ts), said as the SQL cells say it, with the rows unchanged:
// a model's write methods, `$executeRaw…`, a `$queryRaw…` whose SQL writes, even when the code catches the
// refusal; a read-only cell that reads still works and a writing cell commits. The last suite drives the
// statement backstop with a stand-in client that writes through a method nothing knows.
import * as assert from 'node:assert/strict';
import * as ts from 'typescript';
import { DataSession, type QueryEvent } from '../../../src/core/data/dataSession';
import { compileCell, type CellFunction } from '../../../src/core/notebook/clientCode';
import { runClientCell } from '../../../src/core/notebook/runClientCell';
import { runQuery } from '../../../src/core/notebook/runQuery';
import { QueryRunError, type SqlProvider } from '../../../src/core/notebook/runSupport';
import type { QueryResult } from '../../../src/shared/protocol/queryResult';
import { throwawayDatabase } from '../testServers';
import { cleanupStore, schemaSession } from '../data/sqliteFixture';

const schemaOf = (provider: SqlProvider) => `datasource db {
  provider = "${provider}"
}

model Thing {
  id   Int    @id
  name String
  @@map("things")
}
`;

const SETUP = [
  'CREATE TABLE things (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)',
  "INSERT INTO things (id, name) VALUES (1, 'apple'), (2, 'banana'), (3, 'cherry')",
];
const ROWS = [
  [1, 'apple'],
  [2, 'banana'],
  [3, 'cherry'],
];

const isRefusal =
  (what: RegExp) =>
  (e: unknown): boolean => {
    assert.ok(e instanceof QueryRunError, String(e));
    assert.equal(e.reason, 'readOnly', e.message);
    assert.match(e.message, /^This cell is read-only and its code writes \(.*\)\. Nothing was changed\. Mark the cell/);
    assert.match(e.message, what);
    return true;
  };

for (const provider of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`A read-only Prisma Client cell on ${provider} refuses its code's writes`, function () {
    this.timeout(120_000);
    let db: { url: string; drop(): Promise<void> } | undefined;
    let session: DataSession | undefined;

    const run = (source: string, writes = false): Promise<QueryResult> =>
      runClientCell(
        {
          client: session!.prisma,
          Prisma: session!.Prisma,
          provider,
          listen: (l) => session!.listenToQueries(l),
        },
        (0, eval)(compileCell(ts, source).js) as CellFunction,
        { writes, timeoutMs: 20_000, maxRows: 1000 },
      );
    /** The table's rows, read on a connection of the SQL cells' own. */
    const rows = async () =>
      (
        await runQuery(provider, db!.url, 'SELECT id, name FROM things ORDER BY id', {
          writes: false,
          timeoutMs: 10_000,
        })
      ).rows;

    before(async function () {
      db = await throwawayDatabase(this, provider, 'pw_ro_cells', SETUP);
      session = await schemaSession(provider, db.url, schemaOf(provider), `unit-test-ro-${provider}`);
    });
    after(async () => {
      await session?.dispose();
      cleanupStore();
      await db?.drop();
    });

    it('refuses a create', async () => {
      await assert.rejects(
        run(`await prisma.thing.create({ data: { id: 4, name: 'date' } })`),
        isRefusal(/prisma\.thing\.create/),
      );
      assert.deepEqual(await rows(), ROWS);
    });

    it('refuses a deleteMany after a read, and the read went through', async () => {
      await assert.rejects(
        run(`const n = await prisma.thing.count(); await prisma.thing.deleteMany({ where: { id: { lt: n } } })`),
        isRefusal(/prisma\.thing\.deleteMany/),
      );
      assert.deepEqual(await rows(), ROWS);
    });

    it('refuses $executeRawUnsafe and $executeRaw', async () => {
      await assert.rejects(
        run(`await prisma.$executeRawUnsafe('DELETE FROM things')`),
        isRefusal(/\$executeRawUnsafe/),
      );
      await assert.rejects(
        run(`await prisma.$executeRaw\`UPDATE things SET name = \${'x'}\``),
        isRefusal(/\$executeRaw\b/),
      );
      assert.deepEqual(await rows(), ROWS);
    });

    it('refuses a $queryRawUnsafe / $queryRaw whose SQL writes (DELETE … RETURNING, UPDATE, a writing CTE)', async () => {
      await assert.rejects(
        run(`await prisma.$queryRawUnsafe('DELETE FROM things WHERE id = 1 RETURNING id, name')`),
        isRefusal(/\$queryRawUnsafe runs DELETE/),
      );
      await assert.rejects(
        run(`await prisma.$queryRaw\`UPDATE things SET name = \${'x'} WHERE id = \${1}\``),
        isRefusal(/\$queryRaw runs UPDATE/),
      );
      await assert.rejects(
        run(`await prisma.$queryRaw\`\${Prisma.raw('INSERT INTO things (id, name) VALUES (9, ')}\${'z'})\``),
        isRefusal(/runs INSERT/),
      );
      if (provider !== 'mysql')
        await assert.rejects(
          run(
            `await prisma.$queryRawUnsafe('WITH gone AS (DELETE FROM things RETURNING id) SELECT COUNT(*) AS n FROM gone')`,
          ),
          isRefusal(/runs DELETE/),
        );
      assert.deepEqual(await rows(), ROWS);
    });

    it('ends refused even when its code catches the refusal', async () => {
      await assert.rejects(
        run(`try { await prisma.thing.updateMany({ data: { name: 'changed' } }) } catch {}\n'done'`),
        isRefusal(/updateMany/),
      );
      assert.deepEqual(await rows(), ROWS);
    });

    it('still reads: delegates, $queryRaw with a recursive CTE, $transaction', async () => {
      const found = await run(`prisma.thing.findMany({ where: { name: { contains: 'an' } }, select: { id: true } })`);
      assert.deepEqual(found.rows, [[2]]);
      const cte = await run(
        `const [r] = await prisma.$queryRawUnsafe<{ n: unknown }[]>('WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100) SELECT COUNT(*) AS n FROM c, things WHERE things.id = 1');\nNumber(r.n)`,
      );
      assert.deepEqual(cte.rows, [[100]]);
      const tpl = await run(
        `(await prisma.$queryRaw<{ name: string }[]>\`SELECT name FROM things WHERE id = \${3}\`)[0].name`,
      );
      assert.deepEqual(tpl.rows, [['cherry']]);
      const tx = await run(
        'const [n, first] = await prisma.$transaction([prisma.thing.count(), prisma.thing.findFirst({ orderBy: { id: "asc" } })]);\n[n]',
      );
      assert.deepEqual(tx.rows, [[3]]);
      assert.equal(tx.mode, 'read-only');
    });

    it('a writing cell commits its writes', async () => {
      await run(
        `await prisma.thing.create({ data: { id: 4, name: 'date' } }); await prisma.$executeRawUnsafe("UPDATE things SET name = 'Date' WHERE id = 4")`,
        true,
      );
      assert.deepEqual(await rows(), [...ROWS, [4, 'Date']]);
      await run(`await prisma.thing.delete({ where: { id: 4 } })`, true);
      assert.deepEqual(await rows(), ROWS);
    });
  });
}

describe('A read-only Prisma Client cell refuses a writing statement its client reports having run', () => {
  /** A client whose `thing.archive()` (a write nothing knows) runs a DELETE; its transaction "rolls back". */
  function standIn() {
    const listeners = new Set<(e: QueryEvent) => void>();
    const log = (query: string) => listeners.forEach((l) => l({ query, params: '[]', durationMs: 1 }));
    const committed: string[] = [];
    const tx = {
      pending: [] as string[],
      $queryRawUnsafe: async () => [],
      $executeRawUnsafe: async () => 0,
      thing: {
        findMany: async () => (log('SELECT "id" FROM "things"'), [{ id: 1 }]),
        archive: async () => (log('DELETE FROM "things" WHERE "id" = ?'), tx.pending.push('archive'), { count: 1 }),
      },
    };
    const client = {
      ...tx,
      $transaction: async (fn: (t: typeof tx) => Promise<unknown>) => {
        tx.pending = [];
        const value = await fn(tx);
        committed.push(...tx.pending);
        return value;
      },
    };
    return {
      committed,
      target: {
        client,
        Prisma: {},
        provider: 'sqlite' as const,
        listen: (l: (e: QueryEvent) => void) => (listeners.add(l), () => listeners.delete(l)),
      },
    };
  }
  const options = (writes: boolean) => ({ writes, timeoutMs: 5000, maxRows: 100 });
  const cell = (source: string) => (0, eval)(compileCell(ts, source).js) as CellFunction;

  it('refuses the cell (its transaction is not committed) and names the statement', async () => {
    const s = standIn();
    await assert.rejects(
      runClientCell(s.target, cell('await prisma.thing.archive(); await prisma.thing.findMany()'), options(false)),
      isRefusal(/it ran DELETE/),
    );
    assert.deepEqual(s.committed, []);
    const read = await runClientCell(s.target, cell('await prisma.thing.findMany()'), options(false));
    assert.deepEqual(read.rows, [[1]]);
    await runClientCell(s.target, cell('await prisma.thing.archive()'), options(true));
    assert.deepEqual(s.committed, ['archive']);
  });
});
