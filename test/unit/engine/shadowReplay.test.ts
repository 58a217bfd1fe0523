import assert from 'node:assert/strict';
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';
import { withKnownContents, type ShadowContents } from '../../../src/core/engine/shadowReplay';

/** A shadow database as the list of writes it holds; records what reaches it. */
function fakeShadow(initial: string[]) {
  const db = { writes: [...initial], log: [] as string[], failOn: undefined as string | undefined };
  const adapter = {
    executeScript: async (sql: string) => {
      db.log.push(`script ${sql}`);
      if (sql === db.failOn) throw new Error(`failed: ${sql}`);
      db.writes.push(sql);
    },
    executeRaw: async (q: SqlQuery) => {
      db.log.push(`raw ${q.sql}${q.args.length ? ` ${JSON.stringify(q.args)}` : ''}`);
      db.writes.push(q.sql);
      return 0;
    },
    queryRaw: async (q: SqlQuery) => {
      db.log.push(`read ${q.sql} sees [${db.writes.join(',')}]`);
      return { columnNames: [], columnTypes: [], rows: [] };
    },
    startTransaction: async () => {
      db.log.push('transaction');
      return {};
    },
  } as unknown as SqlDriverAdapter;
  const empty = async () => {
    db.log.push('empty');
    db.writes = [];
  };
  return { db, adapter, empty };
}

const q = (sql: string, args: unknown[] = []): SqlQuery => ({ sql, args, argTypes: [] }) as unknown as SqlQuery;

/** One engine session: the writes as scripts, then a read; what it holds afterwards. */
async function replay(known: ShadowContents, holds: string[], scripts: string[], o: { probe?: boolean } = {}) {
  const shadow = fakeShadow(holds);
  const r = withKnownContents(shadow.adapter, known, shadow.empty, (x) => x.sql === 'probe');
  if (o.probe) await r.adapter.queryRaw(q('probe'));
  for (const s of scripts) await r.adapter.executeScript(s);
  await r.adapter.queryRaw(q('describe'));
  return { ...shadow.db, contents: r.contents() };
}

describe('engine: a kept shadow database reuses what the last replay wrote', () => {
  it('a fresh database writes everything and then holds it', async () => {
    const r = await replay([], [], ['a', 'b']);
    assert.deepEqual(r.log, ['script a', 'script b', 'read describe sees [a,b]']);
    assert.equal(r.contents?.length, 2);
  });

  it('the same writes again: nothing reaches the database, the read sees them all, the contents stay', async () => {
    const first = await replay([], [], ['a', 'b', 'c']);
    const again = await replay(first.contents, ['a', 'b', 'c'], ['a', 'b', 'c'], { probe: true });
    assert.deepEqual(again.log, ['read probe sees [a,b,c]', 'read describe sees [a,b,c]']);
    assert.deepEqual(again.contents, first.contents);
  });

  it('a migration appended: only the new one is written, nothing is emptied', async () => {
    const first = await replay([], [], ['a', 'b']);
    const next = await replay(first.contents, ['a', 'b'], ['a', 'b', 'c']);
    assert.deepEqual(next.log, ['script c', 'read describe sees [a,b,c]']);
    assert.equal(next.contents?.length, 3);
    assert.deepEqual(next.contents?.slice(0, 2), first.contents);
  });

  it('a write that differs: emptied, the matching ones written again, then the rest', async () => {
    const first = await replay([], [], ['a', 'b', 'c']);
    const edited = await replay(first.contents, ['a', 'b', 'c'], ['a', 'B', 'c']);
    assert.deepEqual(edited.log, ['empty', 'script a', 'script B', 'script c', 'read describe sees [a,B,c]']);
    const back = await replay(edited.contents, ['a', 'B', 'c'], ['a', 'b', 'c']);
    assert.deepEqual(back.writes, ['a', 'b', 'c']);
    assert.deepEqual(back.contents, first.contents);
  });

  it('fewer writes than it holds: a read empties it and writes the ones sent', async () => {
    const first = await replay([], [], ['a', 'b', 'c']);
    const fewer = await replay(first.contents, ['a', 'b', 'c'], ['a', 'b']);
    assert.deepEqual(fewer.log, ['empty', 'script a', 'script b', 'read describe sees [a,b]']);
    assert.equal(fewer.contents?.length, 2);
  });

  it('a read that is not the probe waits for the skipped writes to be real', async () => {
    const first = await replay([], [], ['a', 'b']);
    const shadow = fakeShadow(['a', 'b']);
    const r = withKnownContents(shadow.adapter, first.contents, shadow.empty, (x) => x.sql === 'probe');
    await r.adapter.executeScript('a');
    await r.adapter.queryRaw(q('in between'));
    assert.deepEqual(shadow.db.log, ['empty', 'script a', 'read in between sees [a]']);
  });

  it('unknown contents: emptied before the first write', async () => {
    const r = await replay(undefined, ['left', 'over'], ['a']);
    assert.deepEqual(r.log, ['empty', 'script a', 'read describe sees [a]']);
    assert.equal(r.contents?.length, 1);
  });

  it('unknown contents and nothing written: still unknown afterwards', async () => {
    const shadow = fakeShadow(['x']);
    const r = withKnownContents(shadow.adapter, undefined, shadow.empty);
    assert.equal(r.contents(), undefined);
  });

  it('a failed write, a write with arguments or a transaction: the contents become unknown', async () => {
    const failing = fakeShadow([]);
    failing.db.failOn = 'b';
    const a = withKnownContents(failing.adapter, [], failing.empty);
    await a.adapter.executeScript('a');
    await assert.rejects(a.adapter.executeScript('b'), /failed: b/);
    assert.equal(a.contents(), undefined);

    const withArgs = fakeShadow([]);
    const b = withKnownContents(withArgs.adapter, [], withArgs.empty);
    await b.adapter.executeRaw(q('INSERT x', [1]));
    assert.equal(b.contents(), undefined);

    const tx = fakeShadow([]);
    const c = withKnownContents(tx.adapter, [], tx.empty);
    await c.adapter.startTransaction();
    assert.equal(c.contents(), undefined);
  });

  it('raw writes without arguments are followed like scripts, and told apart from them', async () => {
    const shadow = fakeShadow([]);
    const r = withKnownContents(shadow.adapter, [], shadow.empty);
    await r.adapter.executeRaw(q('CREATE x'));
    const known = r.contents();
    const asScript = await replay(known, ['CREATE x'], ['CREATE x']);
    assert.deepEqual(
      asScript.log,
      ['empty', 'script CREATE x', 'read describe sees [CREATE x]'],
      'the same SQL sent another way is not taken as held',
    );
  });
});
