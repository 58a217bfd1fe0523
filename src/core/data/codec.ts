// Exact value codecs between Prisma Client values and the grid's wire values (see shared/protocol/model.ts).
// BigInt beyond 2^53, Decimal at full precision, DateTime to the millisecond, Json of any shape (JSON null
// distinct from database NULL), Bytes, enums and lists survive a round trip unchanged.
import type { ColumnMeta, ScalarType, WireValue } from '../../shared/protocol/model';

/** The Prisma namespace values the decoder needs (from the generated client). */
export interface PrismaNulls {
  DbNull: unknown;
  JsonNull: unknown;
}

export class CodecError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

type Column = Pick<ColumnMeta, 'name' | 'type' | 'list' | 'optional' | 'enumValues'>;

/** Client value -> wire value. */
export function encodeValue(value: unknown, column: Column): WireValue {
  if (value === null || value === undefined) return null;
  if (column.list) {
    if (!Array.isArray(value)) return null;
    return JSON.stringify(value.map((v) => encodeScalar(v, column.type, true)));
  }
  return encodeScalar(value, column.type, false);
}

function encodeScalar(value: unknown, type: ScalarType, inList: boolean): WireValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'Int':
      return typeof value === 'number' ? value : Number(value);
    case 'Float':
      return typeof value === 'number' && !Number.isFinite(value) ? String(value) : Number(value);
    case 'Boolean':
      return Boolean(value);
    case 'BigInt':
      return typeof value === 'bigint' ? value.toString() : String(value);
    case 'Decimal':
      // Decimal.js: toFixed() without argument never uses exponent notation and keeps every digit.
      return typeof (value as { toFixed?: unknown }).toFixed === 'function' && typeof value === 'object'
        ? (value as { toFixed(): string }).toFixed()
        : String(value);
    case 'DateTime':
      return value instanceof Date ? value.toISOString() : String(value);
    case 'Bytes':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'Json':
      return inList ? (value as WireValue) : JSON.stringify(value);
    case 'String':
    case 'Enum':
      return String(value);
  }
}

/** Wire value -> the value Prisma Client takes in `data` or `where`. `forWhere` uses equality forms. */
export function decodeValue(wire: WireValue, column: Column, nulls?: PrismaNulls, forWhere = false): unknown {
  if (wire === null) {
    if (column.type === 'Json' && !column.list && nulls) return forWhere ? nulls.DbNull : nulls.DbNull;
    return null;
  }
  if (column.list) {
    if (typeof wire !== 'string') throw new CodecError(column.name, `${column.name}: a list is edited as a JSON array`);
    let items: unknown;
    try {
      items = JSON.parse(wire);
    } catch {
      throw new CodecError(column.name, `${column.name}: not a JSON array`);
    }
    if (!Array.isArray(items)) throw new CodecError(column.name, `${column.name}: not a JSON array`);
    return items.map((item) => decodeScalar(item as WireValue, { ...column, list: false }, nulls));
  }
  return decodeScalar(wire, column, nulls);
}

function decodeScalar(wire: WireValue, column: Column, nulls: PrismaNulls | undefined): unknown {
  const fail = (what: string): never => {
    throw new CodecError(column.name, `${column.name}: ${JSON.stringify(wire)} is not ${what}`);
  };
  const text = typeof wire === 'string' ? wire.trim() : wire;
  switch (column.type) {
    case 'String':
      return typeof wire === 'string' ? wire : String(wire);
    case 'Enum':
      if (typeof wire !== 'string' || (column.enumValues?.length && !column.enumValues.includes(wire)))
        fail(`one of ${column.enumValues?.join(', ')}`);
      return wire;
    case 'Boolean':
      if (typeof wire === 'boolean') return wire;
      if (text === 'true') return true;
      if (text === 'false') return false;
      return fail('true or false');
    case 'Int': {
      const n = typeof text === 'number' ? text : /^[-+]?\d+$/.test(String(text)) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n) || n > 2 ** 31 - 1 || n < -(2 ** 31)) fail('a 32-bit integer');
      return n;
    }
    case 'Float': {
      if (typeof text === 'number') return text;
      if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
      const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(String(text)) ? Number(text) : NaN;
      if (Number.isNaN(n)) fail('a number');
      return n;
    }
    case 'BigInt': {
      const s = String(text);
      if (!/^[-+]?\d+$/.test(s)) fail('an integer');
      const b = BigInt(s);
      if (b > 2n ** 63n - 1n || b < -(2n ** 63n)) fail('a 64-bit integer');
      return b;
    }
    case 'Decimal': {
      const s = String(text);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) fail('a decimal number');
      return s; // Prisma takes Decimal as a string, exactly
    }
    case 'DateTime': {
      const s = String(text);
      // ISO 8601 with a date; a missing zone means UTC (the grid always shows the zone).
      if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s))
        fail('a date-time (ISO 8601, e.g. 2024-05-01T12:30:00.000Z)');
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.length > 10;
      const d = new Date(
        s.length === 10 ? `${s}T00:00:00.000Z` : hasZone ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`,
      );
      if (Number.isNaN(d.getTime())) fail('a valid date-time');
      return d;
    }
    case 'Bytes': {
      const s = String(text);
      if (/^0x[0-9a-f]*$/i.test(s) && s.length % 2 === 0) return Uint8Array.from(Buffer.from(s.slice(2), 'hex'));
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) fail('base64 (or 0x-prefixed hex)');
      return Uint8Array.from(Buffer.from(s, 'base64'));
    }
    case 'Json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(wire));
      } catch (e) {
        return fail(`valid JSON (${e instanceof Error ? e.message : String(e)})`);
      }
      if (parsed === null && nulls) return nulls.JsonNull;
      return parsed;
    }
  }
}

/** Two wire values hold the same database value (Json compares by meaning, not by spacing). */
export function sameValue(a: WireValue, b: WireValue, type: ScalarType): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (type === 'Json') {
    try {
      return canonicalJson(JSON.parse(String(a))) === canonicalJson(JSON.parse(String(b)));
    } catch {
      return false;
    }
  }
  if (type === 'Decimal') return normalizeDecimal(String(a)) === normalizeDecimal(String(b));
  if (type === 'Float') return Number(a) === Number(b);
  return false;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function normalizeDecimal(s: string): string {
  const m = /^([-+]?)(\d*)\.?(\d*)$/.exec(s.trim());
  if (!m) return s;
  const int = m[2].replace(/^0+(?=\d)/, '') || '0';
  const frac = m[3].replace(/0+$/, '');
  const sign = m[1] === '-' && (int !== '0' || frac) ? '-' : '';
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}
