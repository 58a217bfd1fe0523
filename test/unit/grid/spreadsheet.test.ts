// Spreadsheet work in the grid, in plain Node: the selected range, copy as TSV / CSV / Markdown / JSON and
// back, what a paste or a fill down would change (and what it refuses, in words), undo and redo of edits.
import * as assert from 'node:assert/strict';
import { decodeTsv, encodeTsv, formatRange, tsvField } from '../../../webview/grid/clipboardText';
import { describePlan, planFillDown, planPaste, type PasteTarget } from '../../../webview/grid/pastePlan';
import { PendingChanges } from '../../../webview/grid/pending';
import { inRange, moveSelection, rangeOf, rangeSize, selectAll } from '../../../webview/grid/selection';
import { UndoStack } from '../../../webview/grid/undoStack';
import type { ColumnMeta, ModelMeta, WireRow, WireValue } from '../../../src/shared/protocol/model';

const col = (name: string, type: ColumnMeta['type'], extra: Partial<ColumnMeta> = {}): ColumnMeta => ({
  name,
  type,
  optional: false,
  list: false,
  isId: false,
  isUnique: false,
  isUpdatedAt: false,
  sortable: true,
  ...extra,
});

describe('grid spreadsheet: selection', () => {
  it('spans anchor and focus in any direction; no anchor is one cell', () => {
    assert.deepEqual(rangeOf({ row: 5, col: 1 }), { top: 5, bottom: 5, left: 1, right: 1 });
    const r = rangeOf({ row: 2, col: 0 }, { row: 4, col: 3 });
    assert.deepEqual(r, { top: 2, bottom: 4, left: 0, right: 3 });
    assert.deepEqual(rangeSize(r), { rows: 3, cols: 4, cells: 12 });
    assert.ok(inRange(r, 3, 2));
    assert.ok(!inRange(r, 5, 2));
  });

  it('Shift+arrows extend from where the focus was; a plain move collapses; Ctrl+A takes every cell', () => {
    let s = moveSelection({ row: 1, col: 1 }, undefined, { row: 2, col: 1 }, true);
    s = moveSelection(s.focus, s.anchor, { row: 2, col: 2 }, true);
    assert.deepEqual(rangeOf(s.focus, s.anchor), { top: 1, bottom: 2, left: 1, right: 2 });
    s = moveSelection(s.focus, s.anchor, { row: 3, col: 2 }, false);
    assert.equal(s.anchor, undefined);
    const all = selectAll(500, 7);
    assert.deepEqual(rangeOf(all.focus, all.anchor), { top: 0, bottom: 499, left: 0, right: 6 });
  });
});

describe('grid spreadsheet: TSV', () => {
  const awkward: WireValue[][] = [
    ['plain', '', null, 'tab\there', 'line\nbreak', '"quoted" start', 'ends "in" quote"'],
    [42, -1.5, true, false, 'NULL', '  spaces  ', '{"a":[1,"x\\ty"]}'],
    ['\r\nonly breaks\r', 'é ✓ 𝄞', '0042', '=SUM(A1)', 'a""b', '"', 'trailing\t'],
  ];

  it('round-trips every value exactly: NULL is an empty field, the empty string is ""', () => {
    const text = encodeTsv(awkward);
    const back = decodeTsv(text);
    const asText = awkward.map((r) => r.map((v) => (v === null ? null : String(v))));
    assert.deepEqual(back, asText);
    assert.equal(tsvField(null), '');
    assert.equal(tsvField(''), '""');
    assert.equal(tsvField('a\tb'), '"a\tb"');
  });

  it('reads what spreadsheets put on the clipboard: CRLF or LF lines, a final line break, empty cells', () => {
    assert.deepEqual(decodeTsv('a\tb\r\nc\td\r\n'), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.deepEqual(decodeTsv('a\t\tc\n\tx\t'), [
      ['a', null, 'c'],
      [null, 'x', null],
    ]);
    assert.deepEqual(decodeTsv('"multi\nline"\tz'), [['multi\nline', 'z']]);
    assert.deepEqual(decodeTsv('"ab"c\td'), [['abc', 'd']], 'text after a closing quote is kept');
  });

  it('copies as CSV with a header (as the export writes), Markdown and JSON', () => {
    const cols = ['id', 'name', 'note'];
    const rows: WireValue[][] = [
      [1, 'Ada', null],
      [2, 'a|b', 'x\ny'],
    ];
    assert.equal(formatRange('csv', cols, rows), 'id,name,note\r\n1,Ada,\r\n2,a|b,"x\ny"\r\n');
    assert.equal(
      formatRange('markdown', cols, rows),
      '| id | name | note |\n| --- | --- | --- |\n| 1 | Ada | *NULL* |\n| 2 | a\\|b | x<br>y |\n',
    );
    assert.deepEqual(JSON.parse(formatRange('json', cols, rows)), [
      { id: 1, name: 'Ada', note: null },
      { id: 2, name: 'a|b', note: 'x\ny' },
    ]);
    assert.equal(formatRange('tsv', cols, rows), '1\tAda\t\r\n2\ta|b\t"x\ny"\r\n');
  });
});

describe('grid spreadsheet: paste plan', () => {
  const columns = [
    col('id', 'Int', { isId: true }),
    col('email', 'String'),
    col('age', 'Int', { optional: true }),
    col('born', 'DateTime', { optional: true }),
  ];
  const rows: WireRow[] = [1, 2, 3, 4].map((id) => ({
    id,
    email: `u${id}@x.io`,
    age: 20 + id,
    born: '2000-01-01T00:00:00.000Z',
  }));
  const target = (over: Partial<PasteTarget> = {}): PasteTarget => ({
    columns,
    rowAt: (i) => rows[i],
    total: rows.length,
    cellValue: (row, c) => row[c] ?? null,
    ...over,
  });

  it('parses a 3×3 block with the grid rules and places it at the selection', () => {
    const block = decodeTsv(
      'a@x.io\t30\t2024-05-01 12:30:00.000 UTC\nb@x.io\t\t2024-05-02\nu3@x.io\t23\t2000-01-01T00:00:00.000Z\n',
    );
    const p = planPaste(block, rangeOf({ row: 0, col: 1 }), target());
    assert.deepEqual(p.refused, []);
    assert.equal(p.unchanged, 3, 'row 3 already holds those values');
    assert.deepEqual(
      p.cells.map((c) => [c.row, c.column, c.value]),
      [
        [0, 'email', 'a@x.io'],
        [0, 'age', 30],
        [0, 'born', '2024-05-01T12:30:00.000Z'],
        [1, 'email', 'b@x.io'],
        [1, 'age', null],
        [1, 'born', '2024-05-02T00:00:00.000Z'],
      ],
    );
    assert.equal(describePlan(p), 'Paste changes 6 cells in 2 rows. 3 cells already hold the value.');
  });

  it('names every refused cell and why: a bad value, beyond the last row or column, read-only, not loaded', () => {
    const block = decodeTsv('x\tnot a number\textra\n\t7\n\t8\n\t9\n');
    const p = planPaste(block, rangeOf({ row: 2, col: 1 }), target({ rowAt: (i) => (i === 3 ? undefined : rows[i]) }));
    assert.deepEqual(
      p.refused.map((r) => [r.row, r.column ?? `#${r.col}`, r.reason]),
      [
        [2, 'age', '"not a number" is not a 32-bit integer'],
        [2, 'born', '"extra" is not a date-time (ISO 8601, e.g. 2024-05-01T12:30:00.000Z)'],
        [3, 'email', 'not loaded yet (scroll to it and paste again)'],
        [3, 'age', 'not loaded yet (scroll to it and paste again)'],
        [4, 'email', 'beyond the last row'],
        [4, 'age', 'beyond the last row'],
        [5, 'email', 'beyond the last row'],
        [5, 'age', 'beyond the last row'],
      ],
    );
    assert.match(
      describePlan(p),
      /^Paste changes 1 cell in 1 row\. 8 cells refused — row 3 · age: "not a number" is not a 32-bit integer;/,
    );
    const wide = planPaste([['a', 'b']], rangeOf({ row: 0, col: 3 }), target());
    assert.deepEqual(
      wide.refused.map((r) => [r.col, r.column, r.reason]),
      [
        [3, 'born', '"a" is not a date-time (ISO 8601, e.g. 2024-05-01T12:30:00.000Z)'],
        [4, undefined, 'beyond the last column'],
      ],
    );
    const ro = planPaste([['z@x.io']], rangeOf({ row: 0, col: 1 }), target({ readOnly: 'the grid is read-only' }));
    assert.deepEqual(
      ro.refused.map((r) => r.reason),
      ['the grid is read-only'],
    );
    assert.match(describePlan(ro), /^Paste changes nothing\. 1 cell refused — row 1 · email: the grid is read-only\.$/);
  });

  it('a block pasted past the last row adds its lines as new rows (the total counted), parsed and refused per cell', () => {
    const block = decodeTsv('a@x.io\t30\nn1@x.io\t41\nn2@x.io\tforty\n\t\n');
    const p = planPaste(block, rangeOf({ row: 3, col: 1 }), target({ totalExact: true }));
    assert.deepEqual(
      p.cells.map((c) => [c.row, c.column, c.value]),
      [
        [3, 'email', 'a@x.io'],
        [3, 'age', 30],
      ],
    );
    assert.deepEqual(
      p.newRows.map((n) => [n.row, n.values]),
      [
        [4, { email: 'n1@x.io', age: 41 }],
        [5, { email: 'n2@x.io' }],
        [6, { email: '', age: null }],
      ],
    );
    assert.deepEqual(
      p.refused.map((r) => [r.row, r.column, r.reason]),
      [[5, 'age', '"forty" is not a 32-bit integer']],
    );
    assert.match(
      describePlan(p),
      /^Paste changes 2 cells in 1 row\. Adds 3 new rows after the last one\. 1 cell refused/,
    );
    // an estimated total: where the last row is is not known, nothing is added and the words say why
    const est = planPaste(block, rangeOf({ row: 3, col: 1 }), target({ totalExact: false }));
    assert.deepEqual(est.newRows, []);
    assert.match(est.refused[0].reason, /beyond the last row known \(count the rows first/);
    // fill down never adds rows
    assert.deepEqual(
      planFillDown(rangeOf({ row: 2, col: 1 }, { row: 3, col: 1 }), target({ totalExact: true })).newRows,
      [],
    );
  });

  it('an empty cell is NULL where allowed; a required non-text column refuses it', () => {
    const p = planPaste([[null, null, null]], rangeOf({ row: 0, col: 0 }), target());
    assert.deepEqual(
      p.refused.map((r) => [r.column, r.reason]),
      [['id', 'is required: an empty cell is NULL']],
    );
    assert.deepEqual(
      p.cells.map((c) => [c.column, c.value]),
      [
        ['email', ''],
        ['age', null],
      ],
    );
  });

  it('one value fills the whole selection', () => {
    const p = planPaste([['40']], rangeOf({ row: 0, col: 2 }, { row: 2, col: 2 }), target());
    assert.deepEqual(
      p.cells.map((c) => [c.row, c.value]),
      [
        [0, 40],
        [1, 40],
        [2, 40],
      ],
    );
  });

  it('fill down copies the top row into the rows below; one row selected takes the row above', () => {
    const p = planFillDown(rangeOf({ row: 0, col: 1 }, { row: 2, col: 2 }), target());
    assert.deepEqual(
      p.cells.map((c) => [c.row, c.column, c.value]),
      [
        [1, 'email', 'u1@x.io'],
        [1, 'age', 21],
        [2, 'email', 'u1@x.io'],
        [2, 'age', 21],
      ],
    );
    const one = planFillDown(rangeOf({ row: 3, col: 2 }), target());
    assert.deepEqual(
      one.cells.map((c) => [c.row, c.value]),
      [[3, 23]],
    );
    assert.deepEqual(planFillDown(rangeOf({ row: 0, col: 2 }), target()).cells, [], 'nothing above the first row');
  });
});

describe('grid spreadsheet: undo and redo of staged edits', () => {
  const model: ModelMeta = { name: 'User', primaryKey: ['id'], backRelations: [], columns: [] };
  const a = { id: 1, name: 'Ada', age: 36 };
  const b = { id: 2, name: 'Bob', age: 40 };

  it('a whole paste is one step; redo puts it back; a new edit forgets the redo', () => {
    const p = new PendingChanges(model);
    p.edit(a, 'name', 'Ada L.');
    p.editMany([
      { row: a, column: 'age', value: 37 },
      { row: b, column: 'name', value: 'Robert' },
      { row: a, column: 'name', value: 'Ada' }, // back to the value as read: no change
    ]);
    assert.equal(p.count, 2);
    assert.equal(p.value(a, 'name'), 'Ada');
    assert.ok(p.undo());
    assert.equal(p.count, 1, 'the paste undone as one');
    assert.equal(p.value(a, 'name'), 'Ada L.');
    assert.equal(p.value(b, 'name'), 'Bob');
    assert.ok(p.redo());
    assert.equal(p.value(b, 'name'), 'Robert');
    assert.equal(p.value(a, 'age'), 37);
    assert.equal(p.value(a, 'name'), 'Ada');
    p.undo();
    p.undo();
    assert.equal(p.count, 0);
    assert.ok(!p.undo(), 'nothing left to undo');
    p.redo();
    assert.equal(p.value(a, 'name'), 'Ada L.');
    p.edit(b, 'age', 41);
    assert.ok(!p.redo(), 'a new edit forgets what could be redone');
    assert.deepEqual(p.toRequest().updates, [
      { key: { id: 1 }, original: a, changes: { name: 'Ada L.' } },
      { key: { id: 2 }, original: b, changes: { age: 41 } },
    ]);
  });

  it('undoes and redoes new rows and deletions too', () => {
    const p = new PendingChanges(model);
    p.insert({ name: 'New' });
    p.toggleDelete(b);
    p.toggleDelete(b);
    assert.equal(p.deletes.size, 0);
    p.undo();
    assert.ok(p.isDeleted(b), 'undoing the un-delete deletes again');
    p.undo();
    p.undo();
    assert.equal(p.count, 0);
    p.redo();
    p.redo();
    assert.equal(p.inserts.length, 1);
    assert.ok(p.isDeleted(b));
  });

  it('the stack itself: undo moves to redo, push clears redo', () => {
    const s = new UndoStack<number>();
    s.push(1);
    s.push(2);
    assert.equal(s.undo(), 2);
    assert.ok(s.canRedo);
    assert.equal(s.redo(), 2);
    s.undo();
    s.push(3);
    assert.ok(!s.canRedo);
    assert.equal(s.undo(), 3);
    assert.equal(s.undo(), 1);
    assert.equal(s.undo(), undefined);
  });
});
