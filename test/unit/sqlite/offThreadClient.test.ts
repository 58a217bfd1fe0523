// The off-thread SQLite client (src/core/sqlite): answers as libsql's own client does, keeps the calling
// thread free while a statement runs, and carries errors and transactions through Prisma's adapter.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { isDriverAdapterError } from '@prisma/driver-adapter-utils';
import { OffThreadClient } from '../../../src/core/sqlite/offThreadClient';
import { offThreadLibsql } from '../../../src/core/sqlite/offThreadLibsql';

/** A statement that keeps SQLite busy for a while (hundreds of ms) without any table. */
const SLOW =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c';

/** The longest gap between ticks of a 5 ms timer on this thread while `work` runs, and how long it took. */
async function longestGap(work: () => Promise<unknown>): Promise<{ gapMs: number; tookMs: number }> {
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const end = performance.now();
  return { gapMs: Math.max(gap, end - last), tookMs: end - t0 };
}

describe('off-thread SQLite client', function () {
  this.timeout(30000);
  let dir: string;
  let url: string;
  const closers: (() => void)[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-offthread-'));
    url = `file:${path.join(dir, 'db.sqlite')}`;
  });
  afterEach(() => {
    for (const c of closers.splice(0)) c();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function offThread(): OffThreadClient {
    const c = new OffThreadClient({ url, intMode: 'bigint' });
    closers.push(() => c.close());
    return c;
  }
  function inProcess() {
    const c = createClient({ url, intMode: 'bigint' });
    closers.push(() => c.close());
    return c;
  }

  it("answers as libsql's own client: rows by index and by name, 64-bit integers, blobs, counts", async () => {
    const c = offThread();
    await c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, big INTEGER, b BLOB, at DATETIME)');
    const ins = await c.execute({
      sql: 'INSERT INTO t (name, big, b, at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)',
      args: ['one', 9007199254740993n, new Uint8Array([1, 2, 255]), '2024-05-01', null, -1n, null, null],
    });
    assert.equal(ins.rowsAffected, 2);
    assert.equal(ins.lastInsertRowid, 2n);
    const sql = 'SELECT id, name, big, b, at, name AS name FROM t ORDER BY id';
    const got = await c.execute(sql);
    const want = await inProcess().execute(sql);
    assert.deepEqual(got.columns, want.columns);
    assert.deepEqual(got.columnTypes, want.columnTypes);
    assert.equal(got.rows.length, 2);
    for (let r = 0; r < 2; r++) {
      assert.equal(got.rows[r].length, want.rows[r].length);
      assert.deepEqual(Array.from(got.rows[r]), Array.from(want.rows[r]));
      assert.deepEqual({ ...got.rows[r] }, { ...want.rows[r] }, 'by name, enumerable as in libsql');
    }
    assert.equal(got.rows[0].big, 9007199254740993n);
    assert.deepEqual(new Uint8Array(got.rows[0].b as ArrayBuffer), new Uint8Array([1, 2, 255]));
    assert.deepEqual(got.toJSON(), want.toJSON());
  });

  it('keeps the calling thread free while a long statement runs (in-process libsql blocks it)', async () => {
    const blocked = await longestGap(() => inProcess().execute(SLOW));
    assert.ok(
      blocked.tookMs > 200,
      `the statement must take long enough to matter (took ${Math.round(blocked.tookMs)} ms)`,
    );
    assert.ok(
      blocked.gapMs > 150,
      `in-process libsql blocks this thread (longest gap ${Math.round(blocked.gapMs)} ms)`,
    );
    const c = offThread();
    await c.execute('SELECT 1'); // the worker has started and loaded libsql
    let n: unknown;
    const free = await longestGap(async () => (n = (await c.execute(SLOW)).rows[0].n));
    assert.equal(n, 3000000n);
    assert.ok(free.tookMs > 200, `took ${Math.round(free.tookMs)} ms`);
    // under 100 ms, or under half the in-process stall on a machine so busy that the scheduler alone takes that
    const limit = Math.max(100, blocked.gapMs / 2);
    assert.ok(free.gapMs < limit, `the thread stalled ${Math.round(free.gapMs)} ms (limit ${Math.round(limit)} ms)`);
  });

  it("keeps libsql's error code and SQLite's result code; Prisma's adapter maps them to its kinds", async () => {
    const c = offThread();
    await c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE)');
    await c.execute("INSERT INTO t (email) VALUES ('a@x')");
    await assert.rejects(
      c.execute("INSERT INTO t (email) VALUES ('a@x')"),
      (e: Error & { code?: string; rawCode?: number }) => {
        assert.equal(e.name, 'LibsqlError');
        assert.equal(e.code, 'SQLITE_CONSTRAINT');
        assert.equal((e as { extendedCode?: string }).extendedCode, 'SQLITE_CONSTRAINT_UNIQUE');
        assert.equal(e.rawCode, 2067);
        assert.match(e.message, /UNIQUE constraint failed: t\.email/);
        return true;
      },
    );
    const adapter = await (await offThreadLibsql({ url, intMode: 'bigint' })).connect();
    closers.push(() => void adapter.dispose());
    const insert = {
      sql: 'INSERT INTO t (email) VALUES (?)',
      args: ['a@x'],
      argTypes: [{ scalarType: 'string' as const, arity: 'scalar' as const }],
    };
    await assert.rejects(adapter.executeRaw(insert), (e: unknown) => {
      assert.ok(isDriverAdapterError(e), String(e));
      assert.equal(e.cause.kind, 'UniqueConstraintViolation');
      return true;
    });
    // every error reads as it does from Prisma's adapter on libsql's own client
    const own = await new PrismaLibSql({ url, intMode: 'bigint' }).connect();
    closers.push(() => void own.dispose());
    const failures = [
      insert,
      { sql: 'SELECT nope FROM t', args: [], argTypes: [] },
      { sql: 'SELECT * FROM missing', args: [], argTypes: [] },
      { sql: 'INSERT INTO t (id, email) VALUES (NULL, NULL), (1, NULL)', args: [], argTypes: [] },
    ];
    for (const q of failures) {
      const cause = (p: Promise<unknown>) =>
        p.then(
          () => assert.fail(`${q.sql} succeeded`),
          (e: unknown) => (isDriverAdapterError(e) ? e.cause : String(e)),
        );
      assert.deepEqual(await cause(adapter.queryRaw(q)), await cause(own.queryRaw(q)), q.sql);
    }
  });

  it('holds an interactive transaction in the worker: unseen until commit, gone after rollback', async () => {
    const setup = inProcess();
    await setup.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const adapter = await (await offThreadLibsql({ url, intMode: 'bigint' })).connect();
    closers.push(() => void adapter.dispose());
    const count = async () => Number((await setup.execute('SELECT count(*) FROM t')).rows[0][0]);
    const insert = (v: string) => ({
      sql: 'INSERT INTO t (v) VALUES (?)',
      args: [v],
      argTypes: [{ scalarType: 'string' as const, arity: 'scalar' as const }],
    });

    const tx = await adapter.startTransaction();
    assert.equal(await tx.executeRaw(insert('kept')), 1);
    const inside = await tx.queryRaw({ sql: 'SELECT v FROM t', args: [], argTypes: [] });
    assert.deepEqual(inside.rows, [['kept']], 'the transaction reads its own write');
    assert.equal(await count(), 0, 'another connection does not see it yet');
    await tx.commit();
    assert.equal(await count(), 1);

    const undone = await adapter.startTransaction();
    await undone.executeRaw(insert('undone'));
    await undone.rollback();
    assert.equal(await count(), 1);
    const after = await adapter.queryRaw({ sql: 'SELECT v FROM t', args: [], argTypes: [] });
    assert.deepEqual(after.rows, [['kept']], 'the adapter reads again after the transaction');
  });

  it('closeAndWait settles once the worker has ended, even when nothing else keeps the process alive', () => {
    // in a process of its own: mocha's timers would keep this one alive and hide an early exit
    const code = `
      const { OffThreadClient } = require('./src/core/sqlite/offThreadClient');
      (async () => {
        for (let i = 0; i < 3; i++) {
          const c = new OffThreadClient({ url: ':memory:' });
          await c.execute('SELECT 1');
          await c.closeAndWait();
          console.log('closed ' + i);
        }
      })();`;
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', code], {
      cwd: path.resolve(__dirname, '..', '..', '..'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.stdout, 'closed 0\nclosed 1\nclosed 2\n', r.stderr);
  });

  it('ends its worker on close: a statement after it fails in words', async () => {
    const c = offThread();
    await c.execute('SELECT 1');
    c.close();
    assert.equal(c.closed, true);
    await assert.rejects(c.execute('SELECT 1'), /closed/i);
  });
});
