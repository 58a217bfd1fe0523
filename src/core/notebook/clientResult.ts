// What a Prisma Client cell's value looks like as a result table, in the grid's wire values:
//   an array of records (findMany, groupBy)    one row per record, the union of their keys as columns
//   one record (findFirst, findUnique, aggregate) one row
//   a scalar (count) or a list of scalars        a `value` column
//   null / undefined                             no rows, and a note saying so
// Aggregates' `_count`, `_avg`, `_sum`, `_min`, `_max` objects are spread into `_avg.price` columns. A
// Decimal is its exact digits, a BigInt its digits, a Date its ISO time, bytes base64, and anything
// nested (an `include`d relation) JSON, as the grid shows a Json column.
import type { ScalarType, WireValue } from '../../shared/protocol/model';
import { DEFAULT_MAX_ROWS, type QueryResult, type StatementRun } from '../../shared/protocol/queryResult';
import { toWire } from './queryResult';

const AGGREGATES = new Set(['_count', '_avg', '_sum', '_min', '_max']);

/** Prisma's Decimal (decimal.js): an object with its digits in `toFixed()` and the `d`/`e`/`s` fields. */
export function isDecimal(v: unknown): v is { toFixed(): string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { toFixed?: unknown }).toFixed === 'function' &&
    'd' in v &&
    'e' in v &&
    's' in v
  );
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** A record the client returned (not a Date, bytes, Decimal or array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !isBytes(v) && !isDecimal(v)
  );
}

/** JSON text of a nested value, with the grid's spelling of BigInt, Decimal and bytes. */
function jsonText(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key]; // before toJSON: a Decimal or bytes as they were
    if (typeof raw === 'bigint') return raw.toString();
    if (isDecimal(raw)) return raw.toFixed();
    if (isBytes(raw)) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64');
    return v;
  });
}

export function clientWire(value: unknown): { value: WireValue; type: ScalarType | undefined } {
  if (isDecimal(value)) return { value: value.toFixed(), type: 'Decimal' };
  if (typeof value === 'bigint') return { value: value.toString(), type: 'BigInt' };
  if (Array.isArray(value) || isRecord(value)) return { value: jsonText(value), type: 'Json' };
  return toWire(value);
}

/** A record with its aggregate objects spread: `{ _avg: { price: 1 } }` -> `{ '_avg.price': 1 }`. */
function spread(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (AGGREGATES.has(k) && isRecord(v)) for (const [f, n] of Object.entries(v)) out[`${k}.${f}`] = n;
    else out[k] = v;
  }
  return out;
}

export interface ClientRunFacts {
  durationMs: number;
  mode: QueryResult['mode'];
  statements: StatementRun[];
  maxRows?: number;
}

export function clientResult(value: unknown, facts: ClientRunFacts): QueryResult {
  const maxRows = facts.maxRows ?? DEFAULT_MAX_ROWS;
  const base = { durationMs: facts.durationMs, mode: facts.mode, statements: facts.statements };
  if (value === null || value === undefined)
    return {
      columns: [],
      rows: [],
      rowCount: 0,
      truncated: false,
      ...base,
      note:
        value === null
          ? 'The query returned null: no record matched.'
          : 'The cell gave no value: end it with an expression, such as `await prisma.user.findMany()`.',
    };
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  const records = list.length > 0 && list.every(isRecord);
  const items: Record<string, unknown>[] = records
    ? (list as Record<string, unknown>[]).map(spread)
    : list.map((v) => ({ value: v }));
  const names: string[] = [];
  const seen = new Set<string>();
  for (const item of items.slice(0, maxRows))
    for (const k of Object.keys(item))
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
  if (!records && names.length === 0) names.push('value');
  const types: (ScalarType | undefined)[] = [];
  const rows = items.slice(0, maxRows).map((item) =>
    names.map((name, i) => {
      const w = clientWire(item[name]);
      if (types[i] === undefined && w.type) types[i] = w.type;
      return w.value;
    }),
  );
  return {
    columns: names.map((name, i) => ({ name, type: types[i] ?? 'String' })),
    rows,
    rowCount: items.length,
    truncated: items.length > rows.length,
    ...base,
    ...(!Array.isArray(value) && records ? { note: 'One record (not a list).' } : {}),
  };
}
