import * as assert from 'node:assert/strict';
import { isDroppedConnection, readWithRedial } from '../../../src/core/data/droppedConnection';

describe('a read on a connection closed in the pool', () => {
  it("knows the drivers' words for a closed connection, and nothing else", () => {
    for (const m of [
      'write EPIPE',
      'read ECONNRESET',
      '(conn:12, no: 45009, SQLState: 08S01) socket has unexpectedly been closed',
      'Connection terminated unexpectedly',
      'Client has encountered a connection error and is not queryable',
    ])
      assert.ok(isDroppedConnection(new Error(m)), m);
    for (const m of [
      'connect ECONNREFUSED 127.0.0.1:3306',
      'timeout: the query took longer than 30 s',
      'Unique constraint failed',
    ])
      assert.ok(!isDroppedConnection(new Error(m)), m);
    assert.ok(isDroppedConnection(Object.assign(new Error('driver error'), { cause: new Error('write EPIPE') })));
  });

  it('is sent once more, on a fresh connection; any other failure, or a second drop, comes back as it was', async () => {
    let calls = 0;
    assert.equal(
      await readWithRedial(async () => (++calls === 1 ? Promise.reject(new Error('write EPIPE')) : 'rows')),
      'rows',
    );
    assert.equal(calls, 2);
    calls = 0;
    await assert.rejects(
      readWithRedial(async () => {
        calls++;
        throw new Error('connect ECONNREFUSED');
      }),
      /ECONNREFUSED/,
    );
    assert.equal(calls, 1);
    calls = 0;
    await assert.rejects(
      readWithRedial(async () => {
        calls++;
        throw new Error('write EPIPE');
      }),
      /EPIPE/,
    );
    assert.equal(calls, 2);
  });
});
