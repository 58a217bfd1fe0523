// The SQLite shadow database's reads, answered from an earlier replay that sent the same writes.
import assert from 'node:assert/strict';
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';
import { memoReads, shadowReadMemoStats } from '../../../src/core/engine/shadowReadMemo';

/** A fresh shadow database: its answer to a read names the writes it holds; counts the reads that reach it. */
function fakeShadow(failOn?: string) {
  const db = { writes: [] as string[], reads: 0 };
  const adapter = {
    executeScript: async (sql: string) => {
      if (sql === failOn) throw new Error(`failed: ${sql}`);
      db.writes.push(sql);
    },
    executeRaw: async (q: SqlQuery) => {
      db.writes.push(q.sql);
      return 0;
    },
    queryRaw: async (q: SqlQuery) => {
      db.reads++;
      return { columnNames: ['seen'], columnTypes: [], rows: [[`${q.sql} over [${db.writes.join(',')}]`]] };
    },
    startTransaction: async () => ({}),
  } as unknown as SqlDriverAdapter;
  return { db, adapter: memoReads(adapter) };
}

const q = (sql: string, args: unknown[] = []): SqlQuery => ({ sql, args, argTypes: [] }) as unknown as SqlQuery;
const tag = `t${Date.now()}`; // keys of this run only: the memo lives as long as the process

describe('engine: the SQLite shadow read memo', () => {
  it('the same writes again: the reads come from memory, with the same answers; other writes read the database', async () => {
    const first = fakeShadow();
    await first.adapter.executeScript(`${tag} a`);
    await first.adapter.executeScript(`${tag} b`);
    const answer = await first.adapter.queryRaw(q('describe'));
    assert.equal(first.db.reads, 1);

    const before = shadowReadMemoStats();
    const again = fakeShadow();
    await again.adapter.executeScript(`${tag} a`);
    await again.adapter.executeScript(`${tag} b`);
    assert.deepEqual(await again.adapter.queryRaw(q('describe')), answer);
    assert.equal(again.db.reads, 0, 'answered from memory');
    assert.equal(shadowReadMemoStats().hits, before.hits + 1);

    const edited = fakeShadow();
    await edited.adapter.executeScript(`${tag} a`);
    await edited.adapter.executeScript(`${tag} B`);
    assert.match(String((await edited.adapter.queryRaw(q('describe'))).rows[0][0]), /B\]$/);
    assert.equal(edited.db.reads, 1, 'another write sequence reads the database');

    const other = fakeShadow();
    await other.adapter.executeScript(`${tag} a`);
    await other.adapter.executeScript(`${tag} b`);
    await other.adapter.queryRaw(q('describe', ['x']));
    assert.equal(other.db.reads, 1, 'the arguments are part of the key');
  });

  it('an answer from memory is a copy: changing it changes nothing kept', async () => {
    const first = fakeShadow();
    await first.adapter.executeScript(`${tag} copy`);
    (await first.adapter.queryRaw(q('describe'))).rows[0][0] = 'changed';
    const again = fakeShadow();
    await again.adapter.executeScript(`${tag} copy`);
    assert.match(String((await again.adapter.queryRaw(q('describe'))).rows[0][0]), /over \[/);
  });

  it('a failed write, a write with arguments or a transaction: that connection reads the database from then on', async () => {
    for (const spoil of [
      async (a: SqlDriverAdapter) => assert.rejects(a.executeScript(`${tag} bad`), /failed/),
      async (a: SqlDriverAdapter) => {
        await a.executeRaw(q(`${tag} insert`, [1]));
      },
      async (a: SqlDriverAdapter) => {
        await a.startTransaction();
      },
    ]) {
      for (let i = 0; i < 2; i++) {
        const s = fakeShadow(`${tag} bad`);
        await s.adapter.executeScript(`${tag} spoilt`);
        await spoil(s.adapter);
        await s.adapter.queryRaw(q('describe'));
        assert.equal(s.db.reads, 1, `run ${i + 1}: not answered from memory`);
      }
    }
  });
});
