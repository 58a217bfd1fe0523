// Values typed in the filter bar, turned into what the protocol carries: date-times in a chosen zone as
// ISO instants, Json paths as key lists, Json path values as JSON text. Pure (tested in Node).
import type { Filter, FilterOp } from '../../src/shared/protocol/messages';

export type Zone = 'UTC' | 'local';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A wall-clock time as `<input type="datetime-local">` gives it (`2025-01-31T12:30`, seconds and
 * milliseconds optional), read in `zone`, as an ISO instant in UTC; undefined when it is not one.
 */
export function wallToIso(wall: string, zone: Zone): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/.exec(wall.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms] = [
    m[1],
    m[2],
    m[3],
    m[4] ?? '0',
    m[5] ?? '0',
    m[6] ?? '0',
    (m[7] ?? '0').padEnd(3, '0'),
  ].map(Number);
  const date = zone === 'UTC' ? new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms)) : new Date(y, mo - 1, d, h, mi, s, ms);
  if (Number.isNaN(date.getTime())) return undefined;
  // a date that does not exist (31 February) rolls over in Date: refuse it
  const back =
    zone === 'UTC'
      ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
      : [date.getFullYear(), date.getMonth() + 1, date.getDate()];
  if (back[0] !== y || back[1] !== mo || back[2] !== d) return undefined;
  return date.toISOString();
}

/** An ISO instant as the wall-clock text of `zone`, to the millisecond, for a datetime-local input. */
export function isoToWall(iso: string, zone: Zone): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (zone === 'UTC') return d.toISOString().slice(0, 23);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `UTC`, or the local zone's name with its offset at `at`: `Europe/Berlin (UTC+01:00)`. */
export function zoneLabel(
  zone: Zone,
  at = new Date(),
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  if (zone === 'UTC') return 'UTC';
  const off = -at.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return `${timeZone || 'local time'} (UTC${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)})`;
}

/** `a.b.0`, `a.b[0]` or `$.a.b` -> ['a', 'b', '0']; empty text is no path. */
export function parseJsonPath(text: string): string[] {
  const t = text.trim().replace(/^\$\.?/, '');
  if (!t) return [];
  return t
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function formatJsonPath(path: readonly string[] | undefined): string {
  return (path ?? []).join('.');
}

const textOps: FilterOp[] = ['contains', 'startsWith', 'endsWith'];

/** Operators a Json path filter takes. */
export const jsonPathOps: FilterOp[] = [
  'equals',
  'not',
  'contains',
  'startsWith',
  'endsWith',
  'gt',
  'gte',
  'lt',
  'lte',
];

/**
 * What a typed value means at a Json path: for contains / starts / ends with, the text itself; otherwise
 * JSON (`42`, `true`, `"x"`, `{"a":1}`), and text that is not JSON is taken as a JSON string.
 */
export function jsonPathValue(op: FilterOp, text: string): string {
  if (textOps.includes(op)) return text;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

/** A short description of filters, for breadcrumbs and titles: `organizationId = "org1"`. */
export function describeFilters(filters: readonly Filter[]): string {
  const op: Partial<Record<FilterOp, string>> = {
    equals: '=',
    not: '≠',
    gt: '>',
    gte: '≥',
    lt: '<',
    lte: '≤',
    contains: '∋',
    in: 'in',
    between: 'between',
    isNull: 'is null',
    notNull: 'is not null',
    startsWith: 'starts with',
    endsWith: 'ends with',
  };
  return filters
    .map((f) => {
      const col = f.path?.length ? `${f.column}.${f.path.join('.')}` : f.column;
      const val = f.values
        ? f.values.map((v) => JSON.stringify(v)).join(' … ')
        : f.value !== undefined
          ? JSON.stringify(f.value)
          : '';
      return `${col} ${op[f.op] ?? f.op}${val ? ` ${val}` : ''}`;
    })
    .join(', ');
}
