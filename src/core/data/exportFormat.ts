// CSV and JSON text for exported rows (wire values: exact, as the grid shows them).
import type { WireRow, WireValue } from '../../shared/protocol/model';

export interface CsvOptions {
  /**
   * Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets
   * a leading `'`, so Excel or Sheets shows it instead of evaluating `=HYPERLINK(…)`. Off by default: the
   * file then no longer holds the values as stored, and importing it back would write the `'` too.
   */
  escapeFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a spreadsheet would take this text as a formula (a plain number such as `-5.25` is left alone). */
export const looksLikeFormula = (s: string): boolean => FORMULA_START.test(s) && !PLAIN_NUMBER.test(s);

export function csvField(v: WireValue, options: CsvOptions = {}): string {
  if (v === null) return '';
  let s = String(v);
  if (options.escapeFormulas && typeof v === 'string' && looksLikeFormula(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLines(columns: string[], rows: WireRow[], header: boolean, options: CsvOptions = {}): string {
  const lines = rows.map((r) => columns.map((c) => csvField(r[c] ?? null, options)).join(','));
  return (
    (header ? [columns.map((c) => csvField(c, options)).join(','), ...lines] : lines).join('\r\n') +
    (lines.length ? '\r\n' : '')
  );
}
