// Prisma Client cells on a real SQLite database through the grid's private client (generated for the sample
// schema): the rows a cell shows, the SQL it produced, a write in a read-only cell refused (more in
// clientCell.readOnly.test.ts), Stop and the time limit.
import * as assert from 'node:assert/strict';
import * as ts from 'typescript';
import { compileCell, CellCodeError, type CellFunction } from '../../../src/core/notebook/clientCode';
import { runClientCell } from '../../../src/core/notebook/runClientCell';
import { QueryRunError } from '../../../src/core/notebook/runSupport';
import { runQuery } from '../../../src/core/notebook/runQuery';
import type { QueryResult } from '../../../src/shared/protocol/queryResult';
import { cleanupStore, sampleSqlite } from '../data/sqliteFixture';
import path from 'node:path';

type Db = Awaited<ReturnType<typeof sampleSqlite>>;

function compiled(source: string): CellFunction {
  return (0, eval)(compileCell(ts, source).js) as CellFunction;
}

describe('Prisma Client cells on SQLite (the grid’s private client)', function () {
  this.timeout(120_000);
  let db: Db;
  const run = (source: string, writes = false, timeoutMs = 10_000, signal?: AbortSignal): Promise<QueryResult> =>
    runClientCell(
      {
        client: db.session.prisma,
        Prisma: db.session.Prisma,
        provider: 'sqlite',
        listen: (l) => db.session.listenToQueries(l),
      },
      compiled(source),
      { writes, timeoutMs, maxRows: 1000, ...(signal ? { signal } : {}) },
    );

  before(async () => {
    db = await sampleSqlite();
    await run(
      `const org = await prisma.organization.create({ data: { slug: 'acme', name: 'Acme', settings: { a: [1, 2] } } });
       for (const [i, e] of ['ann@a.io', 'bob@b.io', 'cat@a.io'].entries())
         await prisma.user.create({ data: { email: e, name: 'U' + i, organizationId: org.id } });
       await prisma.user.count()`,
      true,
    );
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  it('gives the rows of a findMany with a filter and an include, the same ones a SQL cell gives', async () => {
    const r = await run(
      `prisma.user.findMany({ where: { email: { contains: 'a.io' } }, include: { organization: true }, orderBy: { id: 'asc' } })`,
    );
    assert.equal(r.rowCount, 2);
    const email = r.columns.findIndex((c) => c.name === 'email');
    assert.deepEqual(
      r.rows.map((row) => row[email]),
      ['ann@a.io', 'cat@a.io'],
    );
    const orgCol = r.columns.find((c) => c.name === 'organization');
    assert.equal(orgCol?.type, 'Json');
    const createdAt = r.columns.find((c) => c.name === 'createdAt');
    assert.equal(createdAt?.type, 'DateTime');
    const sql = await runQuery(
      'sqlite',
      `file:${path.join(db.dir, 'dev.db')}`,
      "SELECT email FROM users WHERE email LIKE '%a.io%' ORDER BY id",
      { writes: false, timeoutMs: 10_000 },
    );
    assert.deepEqual(
      sql.rows.map((row) => row[0]),
      r.rows.map((row) => row[email]),
    );
    assert.equal(r.mode, 'read-only');
    assert.ok(
      r.statements && r.statements.some((s) => /SELECT/i.test(s.query) && /users/.test(s.query)),
      JSON.stringify(r.statements),
    );
  });

  it('shows a count, an aggregate and a missing record sensibly', async () => {
    const count = await run('await prisma.user.count()');
    assert.deepEqual(
      count.columns.map((c) => c.name),
      ['value'],
    );
    assert.deepEqual(count.rows, [[3]]);
    const agg = await run('prisma.user.aggregate({ _count: { _all: true }, _max: { id: true } })');
    assert.deepEqual(
      agg.columns.map((c) => c.name),
      ['_count._all', '_max.id'],
    );
    assert.equal(agg.rows[0][0], 3);
    const none = await run(`prisma.user.findUnique({ where: { email: 'nobody' } })`);
    assert.equal(none.rowCount, 0);
    assert.match(none.note ?? '', /null/);
  });

  it('refuses a write in a read-only cell, says so, and the rows are unchanged afterwards', async () => {
    await assert.rejects(
      run(
        `await prisma.user.updateMany({ data: { name: 'changed' } }); await prisma.user.deleteMany({ where: { email: 'bob@b.io' } }); await prisma.user.findMany()`,
      ),
      (e: unknown) =>
        e instanceof QueryRunError &&
        e.reason === 'readOnly' &&
        /read-only and its code writes \(prisma\.user\.updateMany\)\. Nothing was changed/.test(e.message),
    );
    const after = await run(`prisma.user.findMany({ orderBy: { id: 'asc' } })`);
    const name = after.columns.findIndex((c) => c.name === 'name');
    assert.deepEqual(
      after.rows.map((row) => row[name]),
      ['U0', 'U1', 'U2'],
    );
  });

  it('commits a write in a writing cell', async () => {
    await run(`await prisma.user.update({ where: { email: 'bob@b.io' }, data: { name: 'Bob' } })`, true);
    const r = await run(`(await prisma.user.findUnique({ where: { email: 'bob@b.io' } }))?.name`);
    assert.deepEqual(r.rows, [['Bob']]);
    await run(`await prisma.user.update({ where: { email: 'bob@b.io' }, data: { name: 'U1' } })`, true);
  });

  it('stops a cell at its time limit and rolls it back', async () => {
    const t0 = performance.now();
    await assert.rejects(
      run(
        `await prisma.user.deleteMany({}); await new Promise((r) => setTimeout(r, 1500)); await prisma.user.count()`,
        true,
        300,
      ),
      (e: unknown) => e instanceof QueryRunError && e.reason === 'timeout',
    );
    assert.ok(performance.now() - t0 < 2000);
    await new Promise((r) => setTimeout(r, 2000));
    assert.deepEqual((await run('prisma.user.count()')).rows, [[3]]);
  });

  it('stops on Stop (the abort signal)', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    await assert.rejects(
      run(`await new Promise((r) => setTimeout(r, 1000)); await prisma.user.deleteMany()`, false, 10_000, abort.signal),
      (e: unknown) => e instanceof QueryRunError && e.reason === 'cancelled',
    );
    // the code goes on after Stop until it next touches `prisma`: that throws, and the transaction rolls back
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual((await run('prisma.user.count()')).rows, [[3]]);
  });

  it('runs $transaction inside the cell’s own transaction, and gives the variable a last declaration makes', async () => {
    const list = await run(
      'const [n, first] = await prisma.$transaction([prisma.user.count(), prisma.user.findFirst()]);\n[n]',
    );
    assert.deepEqual(list.rows, [[3]]);
    const fn = await run(
      'const rows = await prisma.$transaction(async (tx) => tx.user.findMany({ select: { email: true } }))',
    );
    assert.equal(fn.rowCount, 3);
    assert.deepEqual(
      fn.columns.map((c) => c.name),
      ['email'],
    );
  });

  it('refuses imports and reports a syntax error with its line', () => {
    assert.throws(() => compileCell(ts, "import fs from 'fs'\nfs"), CellCodeError);
    assert.throws(() => compileCell(ts, 'prisma.user.findMany(\n{'), /line 2/);
  });
});
