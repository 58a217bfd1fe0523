import * as assert from 'node:assert/strict';
import { emptyQuery, parseWebviewMessage } from '../../../src/shared/protocol/messages';
import { ValidationError } from '../../../src/shared/protocol/validate';

describe('protocol: webview messages are validated', () => {
  it('accepts each well-formed message', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    const fetch = parseWebviewMessage({ type: 'fetch', requestId: 3, query: { ...emptyQuery(), sort: [{ column: 'name', dir: 'desc' }], filters: [{ column: 'id', op: 'between', values: [1, 5] }] }, start: 100, count: 100 });
    assert.equal(fetch.type, 'fetch');
    const save = parseWebviewMessage({ type: 'save', requestId: 1, request: { updates: [{ key: { id: 1 }, original: { id: 1, name: 'a' }, changes: { name: 'b' } }], inserts: [{ name: 'x' }], deletes: [] } });
    assert.equal(save.type, 'save');
  });

  const bad: [string, unknown][] = [
    ['not an object', 'ready'],
    ['an unknown type', { type: 'runSql', sql: 'DROP TABLE users' }],
    ['an extra property', { type: 'ready', sql: 'x' }],
    ['a bad filter operator', { type: 'count', requestId: 1, query: { ...emptyQuery(), filters: [{ column: 'a', op: 'raw', value: '1' }] } }],
    ['a page too large', { type: 'fetch', requestId: 1, query: emptyQuery(), start: 0, count: 1_000_000 }],
    ['a negative start', { type: 'fetch', requestId: 1, query: emptyQuery(), start: -1, count: 10 }],
    ['a prototype key in a row', { type: 'save', requestId: 1, request: { updates: [], inserts: [JSON.parse('{"__proto__": {"x": 1}}')], deletes: [] } }],
    ['an object as a cell value', { type: 'save', requestId: 1, request: { updates: [], inserts: [{ a: { nested: true } }], deletes: [] } }],
    ['NaN as a cell value', { type: 'save', requestId: 1, request: { updates: [], inserts: [{ a: NaN }], deletes: [] } }],
    ['a missing query field', { type: 'count', requestId: 1, query: { filters: [] } }],
  ];
  for (const [what, message] of bad) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseWebviewMessage(message), ValidationError);
    });
  }

  it('says where the problem is', () => {
    assert.throws(() => parseWebviewMessage({ type: 'fetch', requestId: 1, query: emptyQuery(), start: 0, count: 0 }), /count: expected an integer/);
  });
});
