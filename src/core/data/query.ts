// A ViewQuery (filters, quick search, sort) -> Prisma Client `where` / `orderBy`, plus keyset (cursor)
// pagination: the next page starts after the last row's sort values instead of OFFSET-scanning to it.
// Column names are checked against the model: nothing from the webview reaches the client unchecked.
import type { ColumnMeta, ModelMeta, WireRow, WireValue } from '../../shared/protocol/model';
import type { Filter, SortKey, ViewQuery } from '../../shared/protocol/messages';
import { decodeValue, type PrismaNulls } from './codec';

export type Where = Record<string, unknown>;
export type OrderBy = Record<string, unknown>[];

export class QueryError extends Error {}

export function columnOf(model: ModelMeta, name: string): ColumnMeta {
  const c = model.columns.find((col) => col.name === name);
  if (!c) throw new QueryError(`${model.name} has no column ${JSON.stringify(name)}`);
  return c;
}

const textual = new Set(['String']);
const ordered = new Set(['Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'String', 'Enum']);

/** MySQL's JSON path text for path segments: `['a', 'b c', '0']` -> `$.a."b c"[0]`. */
export function mysqlJsonPath(path: string[]): string {
  return (
    '$' +
    path
      .map((seg) =>
        /^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `.${JSON.stringify(seg)}`,
      )
      .join('')
  );
}

const jsonPathText: Partial<Record<Filter['op'], string>> = {
  contains: 'string_contains',
  startsWith: 'string_starts_with',
  endsWith: 'string_ends_with',
};

/** A filter on the value at a path inside a Json column (Prisma's `path` filter). */
function jsonPathWhere(
  column: ColumnMeta,
  f: Filter,
  path: string[],
  dialect: QueryDialect,
  v: (w: WireValue | undefined) => unknown,
): unknown {
  if (!dialect.jsonPath) {
    throw new QueryError(
      `filtering ${column.name} by a Json path is not supported on ${dialect.name ?? 'this database'}: Prisma offers Json path filters on PostgreSQL and MySQL only. Filter the whole value instead (=, contains).`,
    );
  }
  const at = { path: dialect.jsonPath === 'array' ? path : mysqlJsonPath(path) };
  const text = jsonPathText[f.op];
  if (text) {
    if (typeof f.value !== 'string')
      throw new QueryError(`the ${f.op} filter on ${column.name}.${path.join('.')} needs a text value`);
    return { ...at, [text]: f.value };
  }
  switch (f.op) {
    case 'equals':
    case 'not':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { ...at, [f.op]: v(f.value) };
    default:
      throw new QueryError(
        `a Json path filter (${column.name}.${path.join('.')}) takes =, ≠, contains, starts with, ends with, >, ≥, < or ≤`,
      );
  }
}

function filterWhere(model: ModelMeta, f: Filter, dialect: QueryDialect, nulls?: PrismaNulls): Where {
  const column = columnOf(model, f.column);
  const v = (w: WireValue | undefined): unknown => {
    if (w === undefined) throw new QueryError(`the ${f.op} filter on ${column.name} needs a value`);
    return decodeValue(w, { ...column, list: false }, nulls, true);
  };
  const on = (cond: unknown): Where => ({ [column.name]: cond });
  if (f.path?.length) {
    if (column.type !== 'Json' || column.list)
      throw new QueryError(
        `a path filter needs a Json column; ${column.name} is ${column.type}${column.list ? '[]' : ''}`,
      );
    return on(jsonPathWhere(column, f, f.path, dialect, v));
  }
  if (f.op === 'isNull' || f.op === 'notNull') {
    if (column.list) return on(f.op === 'isNull' ? { isEmpty: true } : { isEmpty: false });
    if (column.type === 'Json')
      return on(f.op === 'isNull' ? { equals: nulls?.DbNull ?? null } : { not: nulls?.DbNull ?? null });
    return on(f.op === 'isNull' ? null : { not: null });
  }
  if (column.list) {
    if (f.op === 'equals' || f.op === 'contains') return on({ has: v(f.value) });
    throw new QueryError(`a list column (${column.name}) can be filtered with equals, is null and not null only`);
  }
  if (column.type === 'Json') {
    // Json: equality, or a text match on a path where the database supports it (string_contains).
    if (f.op === 'equals') return on({ equals: v(f.value) });
    if (f.op === 'not') return on({ not: v(f.value) });
    if (f.op === 'contains' && typeof f.value === 'string') return on({ string_contains: f.value });
    throw new QueryError(`a Json column (${column.name}) can be filtered with equals, not, contains and is null`);
  }
  switch (f.op) {
    case 'equals':
      return on(v(f.value));
    case 'not':
      return on({ not: v(f.value) });
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      if (!textual.has(column.type))
        throw new QueryError(`${f.op} works on text columns; ${column.name} is ${column.type}`);
      return on({ [f.op]: v(f.value) });
    case 'in':
      return on({ in: (f.values ?? []).map((x) => v(x)) });
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (!ordered.has(column.type)) throw new QueryError(`${f.op} does not apply to ${column.type} (${column.name})`);
      return on({ [f.op]: v(f.value) });
    case 'between': {
      const [from, to] = f.values ?? [];
      const cond: Record<string, unknown> = {};
      if (from !== undefined && from !== null && from !== '') cond.gte = v(from);
      if (to !== undefined && to !== null && to !== '') cond.lte = v(to);
      return on(cond);
    }
  }
}

/** What the database's Prisma filters offer: `mode: 'insensitive'` exists on PostgreSQL (and MongoDB) only. */
export interface QueryDialect {
  insensitive: boolean;
  /** Json `path` as PostgreSQL takes it (an array of keys) or as MySQL does (`$.a.b`); absent: no path filters (SQLite). */
  jsonPath?: 'array' | 'string';
  /** The database's name, for messages. */
  name?: string;
}

export function dialectOf(provider: 'sqlite' | 'postgresql' | 'mysql'): QueryDialect {
  if (provider === 'postgresql') return { insensitive: true, jsonPath: 'array', name: 'PostgreSQL' };
  if (provider === 'mysql') return { insensitive: false, jsonPath: 'string', name: 'MySQL/MariaDB' };
  return { insensitive: false, name: 'SQLite' };
}

/** The `where` for a view: filters (AND/OR), quick search, soft-deleted rows hidden unless asked. */
export function buildWhere(
  model: ModelMeta,
  q: ViewQuery,
  dialect: QueryDialect = { insensitive: false },
  nulls?: PrismaNulls,
): Where {
  const parts: Where[] = [];
  const filters = q.filters.map((f) => filterWhere(model, f, dialect, nulls));
  if (filters.length === 1) parts.push(filters[0]);
  else if (filters.length > 1) parts.push({ [q.combinator]: filters });
  const search = q.search.trim();
  if (search) {
    const or: Where[] = [];
    for (const c of model.columns) {
      if (c.list) continue;
      if (c.type === 'String')
        or.push({ [c.name]: dialect.insensitive ? { contains: search, mode: 'insensitive' } : { contains: search } });
      else if (c.type === 'Int' && /^-?\d{1,9}$/.test(search)) or.push({ [c.name]: Number(search) });
      else if (c.type === 'BigInt' && /^-?\d{1,19}$/.test(search)) or.push({ [c.name]: BigInt(search) });
      else if (c.type === 'Enum' && c.enumValues?.includes(search.toUpperCase()))
        or.push({ [c.name]: search.toUpperCase() });
    }
    parts.push(or.length ? { OR: or } : { AND: [{ OR: [] }] }); // nothing searchable matches nothing
  }
  if (model.softDelete && !q.showDeleted) {
    const { column, kind } = model.softDelete;
    parts.push(kind === 'timestamp' ? { [column]: null } : { [column]: false });
  }
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { AND: parts };
}

/** The sort as used for paging: the user's keys, then the primary key as tie-breaker (a total order). */
export function effectiveSort(model: ModelMeta, sort: SortKey[]): SortKey[] {
  const keys: SortKey[] = [];
  for (const s of sort) {
    const c = columnOf(model, s.column);
    if (!c.sortable) throw new QueryError(`${model.name}.${c.name} (${c.type}${c.list ? '[]' : ''}) cannot be sorted`);
    if (!keys.some((k) => k.column === s.column)) keys.push({ column: s.column, dir: s.dir });
  }
  for (const pk of model.primaryKey) if (!keys.some((k) => k.column === pk)) keys.push({ column: pk, dir: 'asc' });
  if (keys.length === 0) throw new QueryError(`${model.name} has no primary key or unique column to page by`);
  return keys;
}

export function buildOrderBy(model: ModelMeta, keys: SortKey[]): OrderBy {
  return keys.map((k) => {
    const c = columnOf(model, k.column);
    // nulls last in both directions, so the keyset condition below knows where NULLs are
    return { [k.column]: c.optional ? { sort: k.dir, nulls: 'last' } : k.dir };
  });
}

/**
 * Rows strictly after (or, `inclusive`, at or after) `cursor` in the order of `keys`:
 * OR over i of (k1 = v1 AND ... AND k(i-1) = v(i-1) AND ki beyond vi), NULLs sorting last.
 */
export function keysetWhere(
  model: ModelMeta,
  keys: SortKey[],
  cursor: WireRow,
  inclusive = false,
  nulls?: PrismaNulls,
): Where {
  const branches: Where[] = [];
  const equal: Where[] = [];
  for (const k of keys) {
    const c = columnOf(model, k.column);
    const raw = cursor[k.column];
    if (raw === undefined) throw new QueryError(`the cursor has no value for ${k.column}`);
    const value = raw === null ? null : decodeValue(raw, c, nulls, true);
    if (value !== null) {
      const beyond: Where = { [k.column]: { [k.dir === 'asc' ? 'gt' : 'lt']: value } };
      const after: Where = c.optional ? { OR: [beyond, { [k.column]: null }] } : beyond;
      branches.push(equal.length ? { AND: [...equal, after] } : after);
    }
    equal.push({ [k.column]: value });
  }
  if (inclusive) branches.push({ AND: [...equal] });
  if (branches.length === 0) return { AND: [{ OR: [] }] };
  return branches.length === 1 ? branches[0] : { OR: branches };
}

export function andWhere(...parts: Where[]): Where {
  const nonEmpty = parts.filter((p) => Object.keys(p).length > 0);
  return nonEmpty.length === 0 ? {} : nonEmpty.length === 1 ? nonEmpty[0] : { AND: nonEmpty };
}

/** The `where` selecting one row by its key. */
export function keyWhere(model: ModelMeta, key: Record<string, WireValue>, nulls?: PrismaNulls): Where {
  const where: Where = {};
  for (const pk of model.primaryKey) {
    const w = key[pk];
    if (w === undefined || w === null) throw new QueryError(`the row key has no value for ${pk}`);
    where[pk] = decodeValue(w, columnOf(model, pk), nulls, true);
  }
  return where;
}
