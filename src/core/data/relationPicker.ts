// The relation picker's reads: rows of the related model a foreign-key cell can point at, searched by the
// related model's key, unique and text columns and read by keyset (ordered by its key; the next page
// starts after the last row, never OFFSET, no COUNT), each with a short label. Everything comes from the
// schema, so `relationMode = "prisma"` (no foreign keys in the database) works the same.
import type { ColumnMeta, ModelMeta, WireRow } from '../../shared/protocol/model';
import { relationOf, type RelatedRow } from '../../shared/protocol/relations';
import { emptyQuery } from '../../shared/protocol/messages';
import { decodeValue, type PrismaNulls } from './codec';
import {
  andWhere,
  buildOrderBy,
  buildWhere,
  columnOf,
  effectiveSort,
  keyWhere,
  keysetWhere,
  QueryError,
  type QueryDialect,
  type Where,
} from './query';

/** Column names that name a row, in order of preference. */
const labelNames = ['name', 'title', 'label', 'displayName', 'username', 'email', 'slug', 'code'];

/** The column that names a row of `meta` best: a name/title/email, else its first unique text, else its first text. */
export function labelColumn(meta: ModelMeta): ColumnMeta | undefined {
  const text = meta.columns.filter((c) => c.type === 'String' && !c.list && !c.references);
  const byName = (n: string) => text.find((c) => c.name.toLowerCase() === n.toLowerCase());
  for (const n of labelNames) {
    const c = byName(n);
    if (c && !meta.primaryKey.includes(c.name)) return c;
  }
  return (
    text.find((c) => c.isUnique && !meta.primaryKey.includes(c.name)) ??
    text.find((c) => !meta.primaryKey.includes(c.name))
  );
}

/** The search: key and unique columns (text contains, whole numbers equal) and every text column (contains). */
export function pickerSearch(meta: ModelMeta, search: string, dialect: QueryDialect): Where {
  const s = search.trim();
  if (!s) return {};
  const or: Where[] = [];
  for (const c of meta.columns) {
    if (c.list) continue;
    const key = c.isId || c.isUnique || meta.primaryKey.includes(c.name);
    if (c.type === 'String')
      or.push({ [c.name]: dialect.insensitive ? { contains: s, mode: 'insensitive' } : { contains: s } });
    else if (key && c.type === 'Int' && /^-?\d{1,9}$/.test(s)) or.push({ [c.name]: Number(s) });
    else if (key && c.type === 'BigInt' && /^-?\d{1,19}$/.test(s)) or.push({ [c.name]: BigInt(s) });
  }
  return or.length ? { OR: or } : { AND: [{ OR: [] }] }; // nothing searchable matches nothing
}

/**
 * The rows a search names exactly: a key or unique column equal to it (text as typed, whole numbers as
 * numbers). Undefined when the search can name none (empty, or no such column takes it). An index serves it.
 */
export function exactSearch(meta: ModelMeta, search: string): Where | undefined {
  const s = search.trim();
  if (!s) return undefined;
  const or: Where[] = [];
  for (const c of meta.columns) {
    if (c.list || !(c.isId || c.isUnique || meta.primaryKey.includes(c.name))) continue;
    if (c.type === 'String') or.push({ [c.name]: s });
    else if (c.type === 'Int' && /^-?\d{1,9}$/.test(s)) or.push({ [c.name]: Number(s) });
    else if (c.type === 'BigInt' && /^-?\d{1,19}$/.test(s)) or.push({ [c.name]: BigInt(s) });
  }
  return or.length ? { OR: or } : undefined;
}

/** How many exact matches are listed first at most (unique columns: one per column). */
const EXACT_ROWS = 10;

export interface PickerPage {
  rows: RelatedRow[];
  /** The cursor for the next page (the last row's key); absent on the last page. */
  next?: WireRow;
}

/** What the picker reads through: the session's `findRows`. */
export interface PickerReader {
  findRows(
    model: ModelMeta,
    args: { where: Where; orderBy: unknown; take: number; select: Record<string, true> },
  ): Promise<WireRow[]>;
}

export interface PickOptions {
  search: string;
  after?: WireRow;
  count: number;
  dialect: QueryDialect;
  nulls?: PrismaNulls;
  /**
   * `exact`: only the rows the search names exactly (exactSearch), listed before the first page;
   * `rest`: the page without them (so no row shows twice). Absent: one page with them in key order.
   */
  part?: 'exact' | 'rest';
}

/** What a page of the picker is for: a foreign-key cell, or a list relation (its rows' keys are the value). */
interface PickTarget {
  /** The columns of `related` whose values a chosen row gives, and under which names. */
  value: { name: string; from: string }[];
  /** A condition on `related` (a list relation's rows linked to one row). */
  where?: Where;
}

/**
 * One page of rows of the related model that `column` of `meta` can point at. `related` is the related
 * model's meta (from the same schema); `after` the previous page's `next`.
 */
export async function pickRelated(
  reader: PickerReader,
  meta: ModelMeta,
  column: string,
  related: ModelMeta,
  options: PickOptions,
): Promise<PickerPage> {
  const relation = relationOf(meta, column);
  if (!relation) throw new QueryError(`${meta.name}.${column} is not a foreign key`);
  if (relation.model !== related.name)
    throw new QueryError(`${meta.name}.${column} points at ${relation.model}, not ${related.name}`);
  const value = relation.columns.map((c) => ({ name: c.name, from: c.references!.field }));
  return pickPage(reader, related, { value }, options);
}

/**
 * One page of rows of the related model of list relation `relation` (a back relation or an implicit
 * many-to-many) of `meta`, each with its key as the value (what a link names); with `linkedTo` (a row
 * key of `meta`), only the rows linked to that row.
 */
export async function pickLinkable(
  reader: PickerReader,
  meta: ModelMeta,
  relation: string,
  related: ModelMeta,
  options: PickOptions & { linkedTo?: WireRow },
): Promise<PickerPage> {
  const back = meta.backRelations.find((r) => r.name === relation && r.list);
  const mn = meta.manyToMany?.find((r) => r.name === relation);
  const model = back?.model ?? mn?.model;
  if (!model) throw new QueryError(`${meta.name} has no list relation ${JSON.stringify(relation)}`);
  if (model !== related.name) throw new QueryError(`${meta.name}.${relation} lists ${model}, not ${related.name}`);
  let where: Where | undefined;
  if (options.linkedTo) {
    const parent = options.linkedTo;
    if (Object.keys(parent).some((k) => !meta.primaryKey.includes(k)))
      throw new QueryError(`the row key names columns outside ${meta.primaryKey.join(', ')}`);
    if (back) {
      where = {};
      back.fields.forEach((f, i) => {
        const ref = back.references[i]!;
        const v = parent[ref];
        if (v === undefined || v === null) throw new QueryError(`the row key has no value for ${ref}`);
        where![f] = decodeValue(v, columnOf(related, f), options.nulls, true);
      });
    } else where = { [mn!.backField]: { some: keyWhere(meta, parent, options.nulls) } };
  }
  const value = related.primaryKey.map((k) => ({ name: k, from: k }));
  return pickPage(reader, related, { value, ...(where ? { where } : {}) }, options);
}

async function pickPage(
  reader: PickerReader,
  related: ModelMeta,
  target: PickTarget,
  options: PickOptions,
): Promise<PickerPage> {
  const exact = options.part ? exactSearch(related, options.search) : undefined;
  if (options.part === 'exact' && !exact) return { rows: [] };
  const keys = effectiveSort(related, []);
  const label = labelColumn(related);
  const referenced = target.value.map((v) => columnOf(related, v.from));
  const shown = [...keys.map((k) => columnOf(related, k.column)), ...referenced, ...(label ? [label] : [])];
  const columns = shown.filter((c, i) => shown.findIndex((d) => d.name === c.name) === i);
  const where = andWhere(
    buildWhere(related, emptyQuery(), options.dialect, options.nulls), // soft-deleted rows stay hidden
    options.part === 'exact' && exact ? exact : pickerSearch(related, options.search, options.dialect),
    options.part === 'rest' && exact ? { NOT: exact } : {},
    options.after && options.part !== 'exact' ? keysetWhere(related, keys, options.after, false, options.nulls) : {},
    target.where ?? {},
  );
  const take = options.part === 'exact' ? EXACT_ROWS : options.count;
  const rows = await reader.findRows(
    { ...related, columns, backRelations: [] },
    {
      where,
      orderBy: buildOrderBy(related, keys),
      take,
      select: Object.fromEntries(columns.map((c) => [c.name, true])),
    },
  );
  const out: RelatedRow[] = rows.map((r) => ({
    value: Object.fromEntries(target.value.map((v) => [v.name, r[v.from] ?? null])),
    id: related.primaryKey.map((k) => String(r[k])).join(', '),
    label: label && r[label.name] !== null ? String(r[label.name]) : '',
  }));
  const last = rows.at(-1);
  return options.part !== 'exact' && rows.length === options.count && last
    ? { rows: out, next: Object.fromEntries(keys.map((k) => [k.column, last[k.column] ?? null])) }
    : { rows: out };
}
