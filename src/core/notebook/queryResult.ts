// What one SQL cell's run gives back: columns, the first rows (capped), how many there were, how long it
// took. Values travel as the grid's wire values (shared/protocol/model.ts) with the column's type guessed
// from its first non-NULL value, so the renderer formats them exactly as the grid does.
import type { ScalarType, WireValue } from '../../shared/protocol/model';
import { summary, type QueryResult } from '../../shared/protocol/queryResult';

export {
  DEFAULT_MAX_ROWS,
  QUERY_RESULT_MIME,
  summary,
  type QueryResult,
  type ResultColumn,
} from '../../shared/protocol/queryResult';

const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** A driver value -> its wire value and the type it reads as. */
export function toWire(value: unknown): { value: WireValue; type: ScalarType | undefined } {
  if (value === null || value === undefined) return { value: null, type: undefined };
  switch (typeof value) {
    case 'bigint':
      // SQLite and int8 integers come as bigint: a number when it is one exactly (COUNT(*), ids), text beyond 2^53
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? { value: Number(value), type: 'Int' }
        : { value: value.toString(), type: 'BigInt' };
    case 'number':
      return Number.isFinite(value)
        ? { value, type: Number.isInteger(value) ? 'Int' : 'Float' }
        : { value: String(value), type: 'Float' };
    case 'boolean':
      return { value, type: 'Boolean' };
    case 'string':
      return { value, type: 'String' };
  }
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? { value: 'Invalid Date', type: 'String' }
      : { value: value.toISOString(), type: 'DateTime' };
  if (value instanceof Uint8Array) return { value: base64(value), type: 'Bytes' };
  if (value instanceof ArrayBuffer) return { value: base64(new Uint8Array(value)), type: 'Bytes' };
  try {
    return {
      value: JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
      type: 'Json',
    };
  } catch {
    return { value: String(value), type: 'String' };
  }
}

/**
 * Collects rows up to `maxRows` after the first `skipRows`, and types each column by its first non-NULL
 * value among those kept. It counts all rows, or, with `stopEarly`, says it is `full` once one row past the
 * page was seen: the runner stops reading there and the result says there are more (`moreRows`).
 */
export class RowCollector {
  readonly rows: WireValue[][] = [];
  private readonly types: (ScalarType | undefined)[] = [];
  /** Rows seen (skipped, kept and past the page). */
  count = 0;

  constructor(
    private readonly maxRows: number,
    private readonly skipRows = 0,
    private readonly stopEarly = false,
  ) {}

  /** The page and one row more were seen: a runner that stops early reads no further. */
  get full(): boolean {
    return this.stopEarly && this.count > this.skipRows + this.maxRows;
  }

  /** Rows the database skipped for the collector (PostgreSQL's MOVE): counted, never converted. */
  skipped(n: number): void {
    this.count += n;
  }

  add(row: readonly unknown[]): void {
    this.count++;
    if (this.count <= this.skipRows || this.rows.length >= this.maxRows) return;
    this.rows.push(
      row.map((v, i) => {
        const w = toWire(v);
        if (this.types[i] === undefined && w.type) this.types[i] = w.type;
        return w.value;
      }),
    );
  }

  result(names: string[], extra: Pick<QueryResult, 'durationMs' | 'mode' | 'affectedRows'>): QueryResult {
    const more = this.full;
    return {
      columns: names.map((name, i) => ({ name, type: this.types[i] ?? 'String' })),
      rows: this.rows,
      rowCount: more ? this.skipRows + this.rows.length : this.count,
      truncated: this.count > this.skipRows + this.rows.length,
      ...(more ? { moreRows: true } : {}),
      ...(this.skipRows ? { offset: this.skipRows } : {}),
      ...extra,
    };
  }
}

/** The plain-text fallback of a result (text/plain output): a small aligned table and the counts. */
export function resultText(r: QueryResult, maxRows = 50): string {
  const head = r.columns.map((c) => c.name);
  const shown = r.rows.slice(0, maxRows).map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...shown.map((row) => row[i].length))));
  const cut = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: string[]) => cells.map((s, i) => cut(s, widths[i])).join(' | ');
  const table = head.length ? [line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...shown.map(line)] : [];
  return [...table, summary(r)].join('\n');
}
