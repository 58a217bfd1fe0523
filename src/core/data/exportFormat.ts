// CSV and JSON text for exported rows (wire values: exact, as the grid shows them).
import type { WireRow, WireValue } from '../../shared/protocol/model';

export function csvField(v: WireValue): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLines(columns: string[], rows: WireRow[], header: boolean): string {
  const lines = rows.map((r) => columns.map((c) => csvField(r[c] ?? null)).join(','));
  return (
    (header ? [columns.map((c) => csvField(c)).join(','), ...lines] : lines).join('\r\n') + (lines.length ? '\r\n' : '')
  );
}
