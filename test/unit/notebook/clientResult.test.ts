// What a Prisma Client cell's value looks like in the notebook renderer's table: the grid's formatting of
// BigInt, Decimal, DateTime, Json, Bytes and NULL; a record, a count, an aggregate and null shown sensibly;
// the SQL the client ran listed under the result.
import { strict as assert } from 'node:assert';
import { Decimal } from '@prisma/client-runtime-utils';
import { clientResult } from '../../../src/core/notebook/clientResult';
import { resultTable } from '../../../webview/notebook/resultTable';

const facts = { durationMs: 7, mode: 'read-only' as const, statements: [] };

describe('Prisma Client cell results', () => {
  it('shows records in the grid’s exact formatting, an include as Json', () => {
    const rows = [
      {
        id: 1n << 60n,
        price: new Decimal('12345678901234567890.125'),
        at: new Date('2024-05-01T10:20:30.123Z'),
        blob: new Uint8Array([104, 105]),
        settings: { a: [1, 2] },
        note: null,
        name: '',
        posts: [{ id: 2n, total: new Decimal('0.10') }],
      },
    ];
    const t = resultTable(clientResult(rows, facts));
    assert.deepEqual(
      t.head.map((h) => `${h.name}:${h.type}`),
      [
        'id:BigInt',
        'price:Decimal',
        'at:DateTime',
        'blob:Bytes',
        'settings:Json',
        'note:String',
        'name:String',
        'posts:Json',
      ],
    );
    assert.deepEqual(
      t.body[0].map((c) => c.text),
      [
        '1152921504606846976',
        '12345678901234567890.125',
        '2024-05-01 10:20:30.123 UTC',
        'base64:aGk=',
        '{"a":[1,2]}',
        'NULL',
        '',
        '[{"id":"2","total":"0.1"}]',
      ],
    );
    assert.equal(t.body[0][5].isNull, true);
    assert.equal(t.body[0][6].isNull, false);
    assert.match(t.summary, /^1 row in 7 ms \(read-only, rolled back\)$/);
  });

  it('shows a count as one value, an aggregate spread into columns, a record as one row, null as no rows', () => {
    assert.deepEqual(clientResult(42, facts).rows, [[42]]);
    const agg = clientResult({ _count: { _all: 3 }, _avg: { price: new Decimal('1.5') } }, facts);
    assert.deepEqual(
      agg.columns.map((c) => `${c.name}:${c.type}`),
      ['_count._all:Int', '_avg.price:Decimal'],
    );
    assert.deepEqual(agg.rows, [[3, '1.5']]);
    const one = clientResult({ id: 1, email: 'a@b.c' }, facts);
    assert.equal(one.rowCount, 1);
    assert.match(resultTable(one).summary, /One record/);
    const none = clientResult(null, facts);
    assert.equal(none.rowCount, 0);
    assert.match(resultTable(none).summary, /returned null/);
    assert.match(resultTable(clientResult(undefined, facts)).summary, /no value/);
    assert.deepEqual(clientResult([], facts).rowCount, 0);
    assert.deepEqual(clientResult(['a', 'b'], facts).rows, [['a'], ['b']]);
  });

  it('keeps the first rows and counts the rest', () => {
    const r = clientResult(
      Array.from({ length: 5 }, (_, i) => ({ i })),
      { ...facts, maxRows: 2 },
    );
    assert.equal(r.rowCount, 5);
    assert.equal(r.rows.length, 2);
    assert.equal(r.truncated, true);
  });

  it('lists the SQL the client ran, with parameters and time', () => {
    const t = resultTable(
      clientResult([], {
        ...facts,
        statements: [{ query: 'SELECT `id` FROM `users` WHERE `email` LIKE ?', params: '["%a%"]', durationMs: 1.6 }],
      }),
    );
    assert.deepEqual(t.sql, [
      { query: 'SELECT `id` FROM `users` WHERE `email` LIKE ?', detail: 'parameters ["%a%"], 2 ms' },
    ]);
  });
});
