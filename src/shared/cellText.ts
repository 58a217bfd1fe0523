// A cell's text (typed or pasted from a spreadsheet) -> the grid's wire value for a column, with the grid's
// own rules: every value this accepts is one core/data/codec.ts decodes (a unit test holds them together),
// and what it refuses is said in words. Runs in the webview (no Node APIs, no DOM).
import type { ColumnMeta, ScalarType, WireValue } from './protocol/model';

export type CellColumn = Pick<ColumnMeta, 'name' | 'type' | 'list' | 'optional' | 'enumValues'>;
export type Parsed = { ok: true; value: WireValue } | { ok: false; reason: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `text` null is an empty cell without quotes (the clipboard's NULL): NULL where the column allows it; a
 * required String column takes it as the empty string (a spreadsheet's empty cell); others refuse it.
 */
export function parseCellText(text: string | null, column: CellColumn): Parsed {
  if (text === null) {
    if (column.optional) return { ok: true, value: null };
    if (column.type === 'String' && !column.list) return { ok: true, value: '' };
    return { ok: false, reason: 'is required: an empty cell is NULL' };
  }
  if (column.list) return parseList(text, column);
  return parseScalar(text, column.type, column.enumValues);
}

function parseList(text: string, column: CellColumn): Parsed {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is a list: give a JSON array, e.g. ["a","b"]' };
  }
  if (!Array.isArray(items)) return { ok: false, reason: 'is a list: give a JSON array, e.g. ["a","b"]' };
  for (const item of items) {
    if (column.type === 'Json') continue;
    if (item === null || !['string', 'number', 'boolean'].includes(typeof item))
      return { ok: false, reason: `has an item ${JSON.stringify(item)} that is not a ${column.type}` };
    const r = parseScalar(String(item), column.type, column.enumValues);
    if (!r.ok) return { ok: false, reason: `has an item ${JSON.stringify(item)} that ${r.reason}` };
  }
  return { ok: true, value: text };
}

function parseScalar(text: string, type: ScalarType, enumValues?: string[]): Parsed {
  const t = text.trim();
  const no = (what: string): Parsed => ({ ok: false, reason: `${JSON.stringify(text)} is not ${what}` });
  switch (type) {
    case 'String':
      return { ok: true, value: text };
    case 'Enum':
      return !enumValues?.length || enumValues.includes(text)
        ? { ok: true, value: text }
        : no(`one of ${enumValues.join(', ')}`);
    case 'Boolean': {
      const b = t.toLowerCase(); // a spreadsheet writes TRUE / FALSE
      return b === 'true' || b === 'false' ? { ok: true, value: b === 'true' } : no('true or false');
    }
    case 'Int': {
      const n = /^[-+]?\d+$/.test(t) ? Number(t) : NaN;
      return Number.isSafeInteger(n) && n <= 2 ** 31 - 1 && n >= -(2 ** 31)
        ? { ok: true, value: n }
        : no('a 32-bit integer');
    }
    case 'Float':
      if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return { ok: true, value: t };
      return NUMBER.test(t) ? { ok: true, value: Number(t) } : no('a number');
    case 'BigInt': {
      if (!/^[-+]?\d+$/.test(t)) return no('an integer');
      const b = BigInt(t);
      return b <= 2n ** 63n - 1n && b >= -(2n ** 63n) ? { ok: true, value: b.toString() } : no('a 64-bit integer');
    }
    case 'Decimal':
      return NUMBER.test(t) ? { ok: true, value: t } : no('a decimal number');
    case 'DateTime': {
      // the grid shows `2024-05-01 12:30:00.000 UTC`: that form is taken back too
      const s = t.replace(/ UTC$/, 'Z');
      if (!DATE_TIME.test(s)) return no('a date-time (ISO 8601, e.g. 2024-05-01T12:30:00.000Z)');
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.length > 10;
      const d = new Date(
        s.length === 10 ? `${s}T00:00:00.000Z` : hasZone ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`,
      );
      return Number.isNaN(d.getTime()) ? no('a valid date-time') : { ok: true, value: d.toISOString() };
    }
    case 'Bytes': {
      if (/^0x([0-9a-f]{2})*$/i.test(t)) return { ok: true, value: hexToBase64(t.slice(2)) };
      return /^[A-Za-z0-9+/]*={0,2}$/.test(t) && t.length % 4 === 0
        ? { ok: true, value: t }
        : no('base64 (or 0x-prefixed hex)');
    }
    case 'Json':
      try {
        JSON.parse(text);
        return { ok: true, value: text };
      } catch (e) {
        return no(`valid JSON (${e instanceof Error ? e.message : String(e)})`);
      }
  }
}

function hexToBase64(hex: string): string {
  let bin = '';
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(bin);
}
