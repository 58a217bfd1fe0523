// A notebook's run history: newest first, capped, described in words, and guarded against foreign state.
import { strict as assert } from 'node:assert';
import { addEntry, describeEntry, isHistory, type HistoryEntry } from '../../../src/core/notebook/runHistory';

const entry = (sql: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  sql,
  at: 1_000_000,
  durationMs: 12.4,
  ok: true,
  mode: 'read-only',
  rows: 3,
  ...extra,
});

describe('Query notebook run history', () => {
  it('keeps the newest first and at most the cap', () => {
    let list: HistoryEntry[] = [];
    for (let i = 1; i <= 5; i++) list = addEntry(list, entry(`SELECT ${i}`), 3);
    assert.deepEqual(
      list.map((e) => e.sql),
      ['SELECT 5', 'SELECT 4', 'SELECT 3'],
    );
  });

  it('describes a run: the statement on one line, when, how long, rows or the error', () => {
    const d = describeEntry(entry('SELECT *\n  FROM users'), 1_000_000 + 125_000);
    assert.deepEqual(d, {
      label: 'SELECT * FROM users',
      description: '2 min ago · 12 ms · 3 rows',
      detail: 'read-only, rolled back',
    });
    const failed = describeEntry(entry('UPDATE x', { ok: false, error: 'read-only' }), 1_000_000);
    assert.equal(failed.description, '0 s ago · 12 ms · failed');
    assert.equal(failed.detail, 'read-only');
    const write = describeEntry(entry('UPDATE x', { mode: 'writes', affectedRows: 2 }), 1_000_000);
    assert.match(write.description, /2 row\(s\) changed/);
    const page = describeEntry(entry('SELECT * FROM big', { rows: 1000, moreRows: true }), 1_000_000);
    assert.equal(page.description, '0 s ago · 12 ms · 1000+ rows');
  });

  it('refuses what is not a history list', () => {
    assert.ok(isHistory([entry('SELECT 1')]));
    assert.ok(!isHistory({}));
    assert.ok(!isHistory([{ sql: 1 }]));
  });
});
