import * as assert from 'node:assert/strict';
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';
import { yieldingAdapter } from '../../../src/core/sqlite/yieldingAdapter';

/** An adapter whose statements answer at once, as libsql's synchronous calls do (in microtasks only). */
function instantAdapter(): SqlDriverAdapter {
  const ok = async () => ({ columnNames: [], columnTypes: [], rows: [] });
  const tx = {
    queryRaw: ok,
    executeRaw: async () => 1,
    commit: async () => undefined,
    rollback: async () => undefined,
  };
  return {
    provider: 'sqlite',
    adapterName: 'instant',
    queryRaw: ok,
    executeRaw: async () => 1,
    executeScript: async () => undefined,
    startTransaction: async () => tx,
    dispose: async () => undefined,
  } as unknown as SqlDriverAdapter;
}

const q: SqlQuery = { sql: 'SELECT 1', args: [], argTypes: [] };

/** How many times other work got the event loop while 500 statements ran one after the other. */
async function turnsDuring(adapter: SqlDriverAdapter): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  for (let i = 0; i < 250; i++) await adapter.queryRaw(q);
  const tx = await adapter.startTransaction();
  for (let i = 0; i < 250; i++) await tx.executeRaw(q);
  running = false;
  return turns;
}

describe('SQLite in the host thread for drift (yieldingAdapter)', () => {
  it('gives the event loop a turn between statements, in and out of a transaction', async () => {
    assert.equal(await turnsDuring(instantAdapter()), 0, 'the bare adapter never lets other work in');
    assert.ok((await turnsDuring(yieldingAdapter(instantAdapter()))) >= 400);
  });
});
