// What the notebook renderer's table shows for a result: the grid's formatting, NULL apart from empty,
// the row count, the duration and the cap.
import { strict as assert } from 'node:assert';
import { pagedSummary, resultTable, isQueryResult } from '../../../webview/notebook/resultTable';
import { resultText, RowCollector } from '../../../src/core/notebook/queryResult';

function sample(maxRows = 10, stopEarly = false) {
  const c = new RowCollector(maxRows, 0, stopEarly);
  c.add([1n << 60n, '', new Date('2024-05-01T10:20:30.123Z'), Buffer.from('hi'), { a: 1 }, 1.5]);
  c.add([2n, null, null, null, null, null]);
  c.add([3n, 'NULL', null, null, [1, 2], 2]);
  return c.result(['id', 'name', 'at', 'blob', 'doc', 'score'], { durationMs: 12.4, mode: 'read-only' });
}

describe('query result table (notebook renderer)', () => {
  it('formats values as the grid does, and tells NULL from an empty string and the text "NULL"', () => {
    const r = sample();
    const t = resultTable(r);
    assert.deepEqual(
      t.head.map((h) => `${h.name}:${h.type}`),
      ['id:BigInt', 'name:String', 'at:DateTime', 'blob:Bytes', 'doc:Json', 'score:Float'],
    );
    assert.deepEqual(
      t.body[0].map((c) => c.text),
      ['1152921504606846976', '', '2024-05-01 10:20:30.123 UTC', 'base64:aGk=', '{"a":1}', '1.5'],
    );
    assert.equal(t.body[0][1].isNull, false);
    assert.equal(t.body[1][1].isNull, true);
    assert.equal(t.body[1][1].text, 'NULL');
    assert.equal(t.body[2][1].isNull, false, 'the text NULL is not a NULL');
    assert.equal(t.body[0][0].numeric, true);
    assert.equal(t.summary, '3 rows in 12 ms (read-only, rolled back)');
    assert.ok(isQueryResult(JSON.parse(JSON.stringify(r))));
    assert.ok(!isQueryResult({ rows: 'x' }));
  });

  it('says how many rows were kept of how many; a result without an id (a writing cell) says it runs once', () => {
    const t = resultTable(sample(2));
    assert.equal(t.body.length, 2);
    assert.match(t.summary, /^3 rows \(the first 2 shown\) in 12 ms/);
    assert.match(t.summary, /a writing cell or a Prisma Client cell runs once/);
    const paged = resultTable({ ...sample(2), resultId: 'r1' });
    assert.doesNotMatch(paged.summary, /runs once/);
  });

  it('after pages were loaded, says how many of how many are shown and that later pages were read again', () => {
    const first = { ...sample(2), resultId: 'r1' };
    assert.equal(
      pagedSummary(first, 3, 3),
      '3 rows in 12 ms (read-only, rolled back); 3 of 3 shown (later pages read again from the database, read-only)',
    );
  });

  it('a read-only run that stopped after its page says "2+ rows", more available, and pages on with "+"', () => {
    const first = { ...sample(2, true), resultId: 'r1' };
    assert.equal(first.moreRows, true);
    assert.equal(first.rowCount, 2);
    const t = resultTable(first);
    assert.equal(t.body.length, 2);
    assert.equal(t.summary, '2+ rows (the first 2 shown; more available) in 12 ms (read-only, rolled back)');
    assert.equal(
      pagedSummary(first, 2000, 2000, true),
      '2,000+ rows in 12 ms (read-only, rolled back); 2,000 of 2,000+ shown (later pages read again from the database, read-only)',
    );
    assert.match(pagedSummary(first, 2500, 2500, false), /^2500 rows in 12 ms .*; 2,500 of 2,500 shown/);
    // the page and one more row seen of a result of exactly the page: no more
    const exact = sample(3, true);
    assert.deepEqual([exact.moreRows, exact.rowCount, exact.truncated], [undefined, 3, false]);
  });

  it('has a plain-text fallback with NULL and the summary', () => {
    const text = resultText(sample());
    assert.match(text, /^id +\| name/);
    assert.match(text, /\| NULL/);
    assert.match(text, /3 rows in 12 ms/);
  });
});
