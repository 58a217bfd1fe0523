// The text a copied range becomes, and the block a pasted text is read as. TSV (the default, what Excel and
// Sheets put on the clipboard and take from it) holds exact values and reads back to the same ones:
//   - each value is its wire text (see shared/protocol/model.ts): DateTime ISO in UTC, Bytes base64, Json text;
//   - NULL is an empty field; the empty string is `""` (a quoted empty field);
//   - a value with a tab, a line break or a leading `"` is quoted as spreadsheets quote: `"…"`, `"` doubled.
// CSV (with a header line) follows the grid's CSV export; Markdown and JSON are for reading and pasting elsewhere.
import { csvLines } from '../../src/core/data/exportFormat';
import type { WireRow, WireValue } from '../../src/shared/protocol/model';

/** One TSV field for a value. */
export function tsvField(v: WireValue): string {
  if (v === null) return '';
  const s = String(v);
  if (s === '') return '""';
  return /[\t\r\n]/.test(s) || s.startsWith('"') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of values -> TSV, lines ended by `\r\n` as spreadsheets write them (no header: a range of cells). */
export function encodeTsv(rows: WireValue[][]): string {
  return rows.map((r) => r.map(tsvField).join('\t')).join('\r\n') + (rows.length ? '\r\n' : '');
}

/**
 * TSV -> a block of cells: text, or null for an empty unquoted field. Line breaks may be `\n`, `\r\n` or
 * `\r`; one final line break is not a row. A quoted field holds tabs and line breaks; a stray quote after
 * its closing quote is kept as text, as spreadsheets do.
 */
export function decodeTsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  const n = text.length;
  const endRow = () => {
    rows.push(row);
    row = [];
  };
  while (i <= n) {
    let field: string | null;
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          s += text.slice(i);
          i = n;
          break;
        }
        s += text.slice(i, q);
        if (text[q + 1] === '"') {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // text after the closing quote up to the separator belongs to the field
      const stop = nextSeparator(text, i);
      s += text.slice(i, stop);
      i = stop;
      field = s;
    } else {
      const stop = nextSeparator(text, i);
      field = stop === i ? null : text.slice(i, stop);
      i = stop;
    }
    row.push(field);
    if (i >= n) {
      endRow();
      break;
    }
    if (text[i] === '\t') {
      i++;
      if (i === n) {
        row.push(null);
        endRow();
        break;
      }
      continue;
    }
    // a line break
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    endRow();
    if (i >= n) break;
  }
  return rows;
}

function nextSeparator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\t' || c === '\n' || c === '\r') return i;
  }
  return text.length;
}

export type CopyFormat = 'tsv' | 'csv' | 'markdown' | 'json';

/** The copied range in a format: `columns` name the range's columns, `rows` hold their values in order. */
export function formatRange(format: CopyFormat, columns: string[], rows: WireValue[][]): string {
  switch (format) {
    case 'tsv':
      return encodeTsv(rows);
    case 'csv':
      return csvLines(
        columns,
        rows.map((r) => toRow(columns, r)),
        true,
      );
    case 'markdown':
      return markdownTable(columns, rows);
    case 'json':
      return JSON.stringify(
        rows.map((r) => toRow(columns, r)),
        null,
        2,
      );
  }
}

function toRow(columns: string[], values: WireValue[]): WireRow {
  return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null]));
}

/** A GitHub-style table: `|` escaped, line breaks as `<br>`, NULL in italics (the text "NULL" stays plain). */
function markdownTable(columns: string[], rows: WireValue[][]): string {
  const cell = (s: string) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/\r?\n|\r/g, '<br>');
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return (
    [
      line(columns.map(cell)),
      line(columns.map(() => '---')),
      ...rows.map((r) => line(r.map((v) => (v === null ? '*NULL*' : cell(String(v)))))),
    ].join('\n') + '\n'
  );
}
