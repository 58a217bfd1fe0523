// What deleting rows takes with it: follows the relations that point at the deleted rows, with their
// referential actions (onDelete Cascade / SetNull / SetDefault chains, Restrict / NoAction blockers, with
// Prisma's defaults when none is written), and counts the rows each one reaches through the client.
// Rows are followed by key, so chains, cycles (self-relations) and rows reached by two paths count once.
import type { Field, SchemaDocument } from '../schema/model';
import { datasource, models } from '../schema/query';
import type { ModelMeta, WireRow } from '../../shared/protocol/model';
import type { PrismaNulls } from './codec';
import type { RowReader } from './dataSession';
import { modelMeta } from './modelMeta';
import { keyWhere } from './query';
import { untilAborted } from '../util/untilAborted';

export type ReferentialAction = 'Cascade' | 'SetNull' | 'SetDefault' | 'Restrict' | 'NoAction';

/** A relation pointing at `to`: `from.fields` hold `to.references`. */
export interface IncomingRelation {
  from: string;
  /** The relation field on `from` (`author` of `Post.author`). */
  relationField: string;
  fields: string[];
  to: string;
  references: string[];
  action: ReferentialAction;
  /** False when the action is Prisma's default (not written in the schema). */
  explicit: boolean;
}

const actions = new Set<ReferentialAction>(['Cascade', 'SetNull', 'SetDefault', 'Restrict', 'NoAction']);

/**
 * The onDelete action Prisma applies: the written one, else Restrict for a required relation and SetNull
 * for an optional one (NoAction on SQL Server, where Prisma's default is NoAction). Under
 * relationMode = "prisma" Prisma Client emulates the actions; its NoAction behaves like Restrict.
 */
export function onDeleteOf(
  field: Field,
  provider: string | undefined,
  relationMode: string | undefined,
): { action: ReferentialAction; explicit: boolean } {
  const written = field.relation?.onDelete as ReferentialAction | undefined;
  if (written && actions.has(written))
    return { action: written === 'NoAction' && relationMode === 'prisma' ? 'Restrict' : written, explicit: true };
  if (field.optional) return { action: 'SetNull', explicit: false };
  return { action: provider === 'sqlserver' && relationMode !== 'prisma' ? 'NoAction' : 'Restrict', explicit: false };
}

/** Every relation of the schema that points at `model`, keyed by the model pointed at. */
export function incomingRelations(doc: SchemaDocument): Map<string, IncomingRelation[]> {
  const ds = datasource(doc);
  const out = new Map<string, IncomingRelation[]>();
  for (const m of models(doc)) {
    for (const f of m.fields) {
      const r = f.relation;
      if (!f.isRelation || !r?.fields?.length || !r.references?.length) continue;
      const { action, explicit } = onDeleteOf(f, ds?.provider, ds?.relationMode);
      const list = out.get(r.relatedModel) ?? [];
      list.push({
        from: m.name,
        relationField: f.name,
        fields: r.fields,
        to: r.relatedModel,
        references: r.references,
        action,
        explicit,
      });
      out.set(r.relatedModel, list);
    }
  }
  return out;
}

/** Implicit many-to-many relation fields of `model` (their join-table rows go with the row). */
function implicitManyToMany(doc: SchemaDocument, model: string): { field: string; other: string }[] {
  const block = models(doc).find((b) => b.name === model);
  return (block?.fields ?? [])
    .filter((f) => f.isRelation && f.list && f.relation?.cardinality === 'many-to-many' && !f.relation.fields?.length)
    .map((f) => ({ field: f.name, other: f.relation!.relatedModel }));
}

export interface PlanCount {
  model: string;
  /** How the rows are reached: `Profile.user`, `Enrollment.user` (the relation fields followed). */
  via: string[];
  count: number;
}

export interface PlanBlocker extends PlanCount {
  action: 'Restrict' | 'NoAction';
  explicit: boolean;
}

export interface DeletePlan {
  model: string;
  /** The selected rows that still exist. */
  rows: number;
  /** Rows of other models (or more of the same, through a self-relation) the database deletes too. */
  cascades: PlanCount[];
  /** Rows whose foreign key is set to NULL (or to its default) and stay. */
  nulled: (PlanCount & { fields: string[]; action: 'SetNull' | 'SetDefault' })[];
  /** Rows that still point at a deleted row through a Restrict / NoAction relation: the delete would fail. */
  blockers: PlanBlocker[];
  /** Join-table rows of implicit many-to-many relations removed with the deleted rows. */
  links: { model: string; field: string; other: string; count: number }[];
  /** Set when a count stopped at the limit (counts are then "at least"). */
  truncated: boolean;
  /**
   * Set when following stopped at the overall limit (PlanOptions.maxQueries / maxRows): a long Cascade chain
   * (a self-relation tree) has more steps than were followed, so more rows may go, or block, than listed.
   */
  incomplete?: boolean;
}

type Raw = Record<string, unknown>;

const keyText = (values: unknown[]): string =>
  JSON.stringify(values, (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
  );

function whereIn(fields: string[], tuples: unknown[][]): Raw {
  if (fields.length === 1) return { [fields[0]]: { in: tuples.map((t) => t[0]) } };
  return { OR: tuples.map((t) => Object.fromEntries(fields.map((f, i) => [f, t[i]]))) };
}

export interface PlanOptions {
  /** Most rows read per model and relation; beyond it counts are "at least" (default 10,000). */
  limit?: number;
  /** Keys are sent in batches of this many (default 500). */
  batch?: number;
  nulls?: PrismaNulls;
  /** Cancels the count (rejects with an AbortError): checked before every read. */
  signal?: AbortSignal;
  /** Most reads in all (default 1,000): a Cascade chain through a self-relation takes one per step. */
  maxQueries?: number;
  /** Most rows held in all, every model and relation together (default 200,000). */
  maxRows?: number;
}

/** Follows the relations from the rows `keys` of `model` and counts what a delete takes with it. */
export async function planDeletes(
  doc: SchemaDocument,
  model: ModelMeta,
  keys: WireRow[],
  reader: RowReader,
  options: PlanOptions = {},
): Promise<DeletePlan> {
  const limit = options.limit ?? 10_000;
  const batchSize = options.batch ?? 500;
  const maxQueries = options.maxQueries ?? 1000;
  const maxRows = options.maxRows ?? 200_000;
  let queries = 0;
  let held = 0;
  /**
   * Every read goes through here: cancel and the overall limit are checked before each, and a cancel while a
   * read waits (a table locked by another session) rejects at once instead of when the query ends.
   */
  const read: RowReader['find'] = async (...args) => {
    options.signal?.throwIfAborted();
    queries++;
    const rows = await untilAborted(reader.find(...args), options.signal);
    held += rows.length;
    return rows;
  };
  const overLimit = () => queries >= maxQueries || held >= maxRows;
  const incoming = incomingRelations(doc);
  const metas = new Map<string, ModelMeta>([[model.name, model]]);
  const metaOf = (name: string): ModelMeta => {
    let m = metas.get(name);
    if (!m) {
      m = modelMeta(doc, name);
      metas.set(name, m);
    }
    return m;
  };
  const pkOf = (name: string): string[] => {
    const m = metaOf(name);
    return m.primaryKey.length ? m.primaryKey : m.columns.map((c) => c.name);
  };
  // the columns of a model other relations reference: needed to follow them from its deleted rows
  const neededOf = (name: string): string[] => [
    ...new Set([...pkOf(name), ...(incoming.get(name) ?? []).flatMap((r) => r.references)]),
  ];
  const selectOf = (cols: string[]): Raw => Object.fromEntries(cols.map((c) => [c, true]));

  const plan: DeletePlan = {
    model: model.name,
    rows: 0,
    cascades: [],
    nulled: [],
    blockers: [],
    links: [],
    truncated: false,
  };
  const deleted = new Map<string, Map<string, Raw>>();
  const addDeleted = (name: string, rows: Raw[]): Raw[] => {
    const set = deleted.get(name) ?? new Map<string, Raw>();
    deleted.set(name, set);
    const fresh: Raw[] = [];
    for (const r of rows) {
      const k = keyText(pkOf(name).map((c) => r[c]));
      if (!set.has(k)) {
        set.set(k, r);
        fresh.push(r);
      }
    }
    return fresh;
  };

  // the selected rows as they are now (with the columns relations reference)
  const start: Raw[] = [];
  for (let i = 0; i < keys.length; i += batchSize) {
    const where = { OR: keys.slice(i, i + batchSize).map((k) => keyWhere(model, k, options.nulls)) };
    start.push(...(await read(model.name, where, selectOf(neededOf(model.name)))));
  }
  plan.rows = addDeleted(model.name, start).length;

  const cascadeCounts = new Map<string, PlanCount>();
  // rows reached through SetNull / SetDefault / Restrict / NoAction relations, per relation
  const others = new Map<string, { rel: IncomingRelation; rows: Map<string, Raw> }>();

  // breadth first: each step deletes rows, whose referencing rows are the next step
  let frontier: { model: string; rows: Raw[]; via: string[] }[] = [
    { model: model.name, rows: [...deleted.get(model.name)!.values()], via: [] },
  ];
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const step of frontier) {
      for (const rel of incoming.get(step.model) ?? []) {
        if (overLimit()) {
          plan.incomplete = true;
          break;
        }
        const tuples = step.rows
          .map((r) => rel.references.map((c) => r[c]))
          .filter((t) => t.every((v) => v !== null && v !== undefined));
        if (!tuples.length) continue;
        const cols = [...new Set([...neededOf(rel.from), ...rel.fields])];
        const found: Raw[] = [];
        for (let i = 0; i < tuples.length && found.length <= limit; i += batchSize) {
          found.push(
            ...(await read(
              rel.from,
              whereIn(rel.fields, tuples.slice(i, i + batchSize)),
              selectOf(cols),
              limit + 1 - found.length,
            )),
          );
        }
        if (found.length > limit) {
          plan.truncated = true;
          found.length = limit;
        }
        const via = [...step.via, `${rel.from}.${rel.relationField}`];
        const id = `${rel.from}.${rel.relationField}`;
        if (rel.action === 'Cascade') {
          const fresh = addDeleted(rel.from, found);
          if (fresh.length) {
            const c = cascadeCounts.get(rel.from) ?? { model: rel.from, via: [], count: 0 };
            c.count += fresh.length;
            if (!c.via.includes(via.join(' → '))) c.via.push(via.join(' → '));
            cascadeCounts.set(rel.from, c);
            next.push({ model: rel.from, rows: fresh, via });
          }
        } else {
          const entry = others.get(id) ?? { rel, rows: new Map<string, Raw>() };
          others.set(id, entry);
          for (const r of found) entry.rows.set(keyText(pkOf(rel.from).map((c) => r[c])), r);
        }
      }
    }
    frontier = plan.incomplete ? [] : next;
  }

  plan.cascades = [...cascadeCounts.values()];
  // rows that are deleted anyway are neither nulled nor in the way
  const survivors = (name: string, rows: Map<string, Raw>) =>
    [...rows.keys()].filter((k) => !deleted.get(name)?.has(k)).length;
  for (const [id, { rel, rows }] of others) {
    const count = survivors(rel.from, rows);
    if (!count) continue;
    if (rel.action === 'SetNull' || rel.action === 'SetDefault')
      plan.nulled.push({ model: rel.from, via: [id], count, fields: rel.fields, action: rel.action });
    else if (rel.action === 'Restrict' || rel.action === 'NoAction')
      plan.blockers.push({ model: rel.from, via: [id], count, action: rel.action, explicit: rel.explicit });
  }
  // join-table rows of implicit many-to-many relations
  for (const [name, rows] of deleted) {
    const m2m = implicitManyToMany(doc, name);
    if (!m2m.length || !rows.size) continue;
    const pk = pkOf(name);
    const all = [...rows.values()];
    const sums = new Map<string, number>(m2m.map((r) => [r.field, 0]));
    for (let i = 0; i < all.length; i += batchSize) {
      if (overLimit()) {
        plan.incomplete = true;
        break;
      }
      const counted = await read(
        name,
        whereIn(
          pk,
          all.slice(i, i + batchSize).map((r) => pk.map((c) => r[c])),
        ),
        { _count: { select: Object.fromEntries(m2m.map((r) => [r.field, true])) } },
      );
      for (const r of counted)
        for (const [f, n] of Object.entries((r._count ?? {}) as Record<string, number>))
          sums.set(f, (sums.get(f) ?? 0) + Number(n));
    }
    for (const r of m2m)
      if (sums.get(r.field))
        plan.links.push({ model: name, field: r.field, other: r.other, count: sums.get(r.field)! });
  }
  return plan;
}

/** The confirmation's words: a one-line question and a detail listing everything the delete touches. */
export function describeDeletePlan(
  plan: DeletePlan,
  requested: number,
): { message: string; detail: string; blocked: boolean } {
  const atLeast = plan.truncated ? 'at least ' : '';
  const rowsWord = (n: number, model: string) =>
    `${atLeast}${n.toLocaleString('en-US')} ${model} row${n === 1 ? '' : 's'}`;
  const lines: string[] = [];
  if (plan.rows < requested) lines.push(`${requested - plan.rows} of the ${requested} selected rows no longer exist.`);
  if (plan.cascades.length) {
    lines.push('The database also deletes (onDelete: Cascade):');
    for (const c of plan.cascades) lines.push(`  • ${rowsWord(c.count, c.model)} — via ${c.via.join('; ')}`);
  }
  if (plan.links.length) {
    lines.push('Links removed (implicit many-to-many):');
    for (const l of plan.links)
      lines.push(
        `  • ${l.count.toLocaleString('en-US')} ${l.model}.${l.field} link${l.count === 1 ? '' : 's'} to ${l.other}`,
      );
  }
  if (plan.nulled.length) {
    lines.push('Rows that stay, with their reference cleared:');
    for (const n of plan.nulled)
      lines.push(
        `  • ${rowsWord(n.count, n.model)}: ${n.fields.join(', ')} set to ${n.action === 'SetNull' ? 'NULL' : 'its default'} (${n.via[0]}, onDelete: ${n.action})`,
      );
  }
  if (plan.blockers.length) {
    lines.push('The delete would FAIL: rows still point at them and their relation forbids it:');
    for (const b of plan.blockers) {
      lines.push(
        `  • ${rowsWord(b.count, b.model)} via ${b.via[0]} (onDelete: ${b.action}${b.explicit ? '' : ", Prisma's default for a required relation"})`,
      );
    }
    lines.push('Delete or re-point those rows first, or change onDelete in the schema.');
  }
  if (plan.incomplete)
    lines.push(
      'Counting stopped at its limit (a long chain of relations): the database may delete, clear or be blocked by more rows than listed.',
    );
  else if (!plan.cascades.length && !plan.nulled.length && !plan.blockers.length && !plan.links.length)
    lines.push('No other rows are affected.');
  const blocked = plan.blockers.length > 0;
  const message = blocked
    ? `${rowsWord(plan.rows, plan.model).replace(atLeast, '')} cannot be deleted: other rows depend on them.`
    : `Delete ${rowsWord(plan.rows, plan.model).replace(atLeast, '')}?`;
  return { message, detail: lines.join('\n'), blocked };
}
