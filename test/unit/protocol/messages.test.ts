import * as assert from 'node:assert/strict';
import { crumbs, emptyQuery, parseViewState, parseWebviewMessage } from '../../../src/shared/protocol/messages';
import { ValidationError } from '../../../src/shared/protocol/validate';

describe('protocol: webview messages are validated', () => {
  it('accepts each well-formed message', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    const fetch = parseWebviewMessage({
      type: 'fetch',
      requestId: 3,
      query: {
        ...emptyQuery(),
        sort: [{ column: 'name', dir: 'desc' }],
        filters: [{ column: 'id', op: 'between', values: [1, 5] }],
      },
      start: 100,
      count: 100,
    });
    assert.equal(fetch.type, 'fetch');
    const save = parseWebviewMessage({
      type: 'save',
      requestId: 1,
      request: {
        updates: [{ key: { id: 1 }, original: { id: 1, name: 'a' }, changes: { name: 'b' } }],
        inserts: [{ name: 'x' }],
        deletes: [],
      },
    });
    assert.equal(save.type, 'save');
    assert.deepEqual(parseWebviewMessage({ type: 'import' }), { type: 'import' });
  });

  it('accepts the grid navigation, Json path, exact count and column layout additions', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'navigate', index: 2 }), { type: 'navigate', index: 2 });
    assert.deepEqual(
      parseWebviewMessage({
        type: 'openRelated',
        model: 'Organization',
        filters: [{ column: 'id', op: 'equals', value: 'o1' }],
        newTab: true,
      }),
      {
        type: 'openRelated',
        model: 'Organization',
        filters: [{ column: 'id', op: 'equals', value: 'o1' }],
        newTab: true,
      },
    );
    const warm = { type: 'warm', model: 'Organization', filters: [{ column: 'id', op: 'equals', value: 'o1' }] };
    assert.deepEqual(parseWebviewMessage(warm), warm);
    // a read ahead names the model and its filters, nothing else (no query of its own, no new tab)
    assert.throws(() => parseWebviewMessage({ ...warm, filters: undefined }), ValidationError);
    assert.throws(() => parseWebviewMessage({ ...warm, newTab: true }), ValidationError);
    assert.throws(() => parseWebviewMessage({ ...warm, model: 'x'.repeat(5000) }), ValidationError);
    const count = parseWebviewMessage({
      type: 'count',
      requestId: 1,
      exact: true,
      query: { ...emptyQuery(), filters: [{ column: 'preferences', op: 'equals', path: ['a', '0'], value: '1' }] },
    });
    assert.ok(count.type === 'count' && count.exact === true && count.query.filters[0].path?.join('.') === 'a.0');
    const state = parseWebviewMessage({
      type: 'viewState',
      state: { query: emptyQuery(), scrollTop: 0, widths: { id: 80 }, hidden: ['email'], pinned: ['id', 'name'] },
    });
    assert.ok(state.type === 'viewState' && state.state.pinned?.join() === 'id,name');
    // a state saved before `pinned` existed still restores
    assert.deepEqual(parseViewState({ query: emptyQuery(), scrollTop: 5, widths: {}, hidden: [] })?.pinned, undefined);
    assert.deepEqual(crumbs([{ model: 'User', filters: [] }], 'trail'), [{ model: 'User', filters: [] }]);
  });

  it('accepts a refused swap (the model refused, the one kept with its staged edits) and nothing malformed', () => {
    const refused = { type: 'replaceRefused', model: 'Course', kept: 'Organization', count: 2 };
    assert.deepEqual(parseWebviewMessage(refused), refused);
    for (const wrong of [
      { ...refused, count: 0 },
      { ...refused, kept: undefined },
      { ...refused, model: 'x'.repeat(1000) },
      { ...refused, extra: true },
    ])
      assert.throws(() => parseWebviewMessage(wrong), ValidationError, JSON.stringify(wrong));
  });

  const bad: [string, unknown][] = [
    ['a navigate index that is not a number', { type: 'navigate', index: 'User' }],
    ['a navigate naming a model', { type: 'navigate', index: 0, model: 'Secret' }],
    [
      'a Json path that is not a list of keys',
      {
        type: 'count',
        requestId: 1,
        query: { ...emptyQuery(), filters: [{ column: 'a', op: 'equals', path: '$.a; DROP TABLE x', value: '1' }] },
      },
    ],
    [
      'a Json path too deep',
      {
        type: 'count',
        requestId: 1,
        query: {
          ...emptyQuery(),
          filters: [{ column: 'a', op: 'equals', path: Array.from({ length: 33 }, () => 'a'), value: '1' }],
        },
      },
    ],
    ['exact that is not a boolean', { type: 'count', requestId: 1, query: emptyQuery(), exact: 'yes' }],
    [
      'pinned columns that are not names',
      { type: 'viewState', state: { query: emptyQuery(), scrollTop: 0, widths: {}, hidden: [], pinned: [1] } },
    ],
    ['not an object', 'ready'],
    ['an unknown type', { type: 'runSql', sql: 'DROP TABLE users' }],
    ['an extra property', { type: 'ready', sql: 'x' }],
    [
      'a bad filter operator',
      { type: 'count', requestId: 1, query: { ...emptyQuery(), filters: [{ column: 'a', op: 'raw', value: '1' }] } },
    ],
    ['a page too large', { type: 'fetch', requestId: 1, query: emptyQuery(), start: 0, count: 1_000_000 }],
    ['a negative start', { type: 'fetch', requestId: 1, query: emptyQuery(), start: -1, count: 10 }],
    [
      'a prototype key in a row',
      {
        type: 'save',
        requestId: 1,
        request: { updates: [], inserts: [JSON.parse('{"__proto__": {"x": 1}}')], deletes: [] },
      },
    ],
    [
      'an object as a cell value',
      { type: 'save', requestId: 1, request: { updates: [], inserts: [{ a: { nested: true } }], deletes: [] } },
    ],
    [
      'NaN as a cell value',
      { type: 'save', requestId: 1, request: { updates: [], inserts: [{ a: NaN }], deletes: [] } },
    ],
    ['a missing query field', { type: 'count', requestId: 1, query: { filters: [] } }],
    [
      'an import that names a file or a model (the host picks both)',
      { type: 'import', file: '/etc/passwd', model: 'User' },
    ],
  ];
  for (const [what, message] of bad) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseWebviewMessage(message), ValidationError);
    });
  }

  it('says where the problem is', () => {
    assert.throws(
      () => parseWebviewMessage({ type: 'fetch', requestId: 1, query: emptyQuery(), start: 0, count: 0 }),
      /count: expected an integer/,
    );
  });

  it('refuses inherited names as properties (constructor, toString): unknown keys are refused, whatever their name', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__'])
      assert.throws(
        () => parseWebviewMessage(JSON.parse(`{"type": "import", "${key}": 1}`)),
        ValidationError,
        `an own "${key}" key was accepted`,
      );
  });

  it('takes columns named constructor or prototype (valid Prisma field names) as own values of the row', () => {
    const save = parseWebviewMessage(
      JSON.parse(
        '{"type":"save","requestId":1,"request":{"updates":[{"key":{"id":1},"original":{"id":1,"constructor":"a"},"changes":{"constructor":"b","prototype":"c"}}],"inserts":[{"constructor":"x"}],"deletes":[]}}',
      ),
    );
    assert.ok(save.type === 'save');
    const changes = save.request.updates[0]!.changes;
    assert.ok(Object.hasOwn(changes, 'constructor') && Object.hasOwn(changes, 'prototype'));
    assert.deepEqual({ ...changes }, { constructor: 'b', prototype: 'c' });
    assert.equal(save.request.inserts[0]!.constructor, 'x');
  });

  it('names a huge key by its start only: the error shown and logged stays short', () => {
    const key = 'k'.repeat(1_000_000);
    const error = (() => {
      try {
        parseWebviewMessage({ type: 'import', [key]: 1 });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    assert.ok(error instanceof ValidationError);
    assert.ok(error.message.length < 300, `${error.message.length} characters`);
    assert.match(error.message, /\(1000000 characters\)/);
  });
});
