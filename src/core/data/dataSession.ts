// One open database behind a private Prisma Client: pages of rows (keyset pagination), counts, a save
// that writes all pending changes in one transaction, each write conditional on the row being as it was
// read (see originalWhere.ts), and batched reads for export. Every query is reported to `onQuery` (the query log channel).
import { readWithRedial } from './droppedConnection';
import type { ModelMeta, WireRow } from '../../shared/protocol/model';
import type { CellError, SaveRequest, SaveResult, SortKey, ViewQuery } from '../../shared/protocol/messages';
import { CodecError, decodeValue, encodeValue, sameValue, type PrismaNulls } from './codec';
import type { GeneratedClientModule } from './clientStore';
import { explainPrismaError } from './prismaErrors';
import { comparedInWhere, originalWhere } from './originalWhere';
import { RowOriginals } from './rowOriginals';
import { rowList, rowsBehindImportFailure, type RowBatches } from './importFailure';
import { ImportParseError } from './importPlan';
import {
  andWhere,
  buildOrderBy,
  buildWhere,
  columnOf,
  dialectOf,
  effectiveSort,
  keyWhere,
  keysetWhere,
  QueryError,
  type Where,
} from './query';
import type { DataProvider } from './schemaCopy';
import { compoundKeyName } from './modelMeta';
import type { LinkWrite } from './relationLinks';

export interface QueryEvent {
  query: string;
  params: string;
  durationMs: number;
}

/** What a model delegate offers (`prisma.user`), as the grid uses it. */
interface Delegate {
  findMany(args: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  findFirst(args: Record<string, unknown>): Promise<Record<string, unknown> | null>;
  count(args: Record<string, unknown>): Promise<number>;
  create(args: Record<string, unknown>): Promise<unknown>;
  update(args: Record<string, unknown>): Promise<unknown>;
  updateMany(args: Record<string, unknown>): Promise<{ count: number }>;
  deleteMany(args: Record<string, unknown>): Promise<{ count: number }>;
}

interface Client {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $on(event: 'query', cb: (e: { query: string; params: string; duration: number }) => void): void;
  $transaction<T>(fn: (tx: Client) => Promise<T>, options?: Record<string, unknown>): Promise<T>;
  /** Tagged template: every `${value}` becomes a bound parameter. */
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  [model: string]: unknown;
}

class ConflictAbort extends Error {
  constructor(readonly conflicts: Extract<SaveResult, { ok: false }>['conflicts']) {
    super('conflict');
  }
}

class OperationFailed extends Error {
  constructor(readonly error: CellError) {
    super(error.message);
  }
}

class ImportAborted extends Error {}

/** The largest value written to each `autoincrement()` Int / BigInt column, tracked batch by batch. */
class AutoincrementMax {
  readonly max = new Map<string, bigint>();
  private readonly columns: string[];

  constructor(model: ModelMeta) {
    this.columns = model.columns
      .filter((c) => (c.type === 'Int' || c.type === 'BigInt') && c.defaultValue === 'autoincrement()')
      .map((c) => c.name);
  }

  see(rows: readonly Record<string, unknown>[]): void {
    for (const name of this.columns)
      for (const row of rows) {
        const v = row[name];
        if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'string') continue;
        const n = BigInt(v);
        const m = this.max.get(name);
        if (m === undefined || n > m) this.max.set(name, n);
      }
  }
}

/**
 * After rows were written (imported, or added in the grid) with explicit values in an `autoincrement()`
 * column, PostgreSQL's sequence still
 * stands where it was: the next row added without an id would get one the import used (P2002). The
 * sequence is moved past the largest imported value (never back). MySQL and SQLite move theirs on their own.
 * Table, schema and column come from the schema and travel as bound parameters, not as SQL text.
 */
async function advanceSequences(tx: Client, model: ModelMeta, written: AutoincrementMax): Promise<void> {
  const table = model.table?.name;
  if (!table) return;
  const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const qualified = model.table?.schema ? `${quote(model.table.schema)}.${quote(table)}` : quote(table);
  for (const c of model.columns) {
    const max = written.max.get(c.name);
    if (max === undefined) continue;
    await tx.$queryRaw`SELECT setval(s.seq, GREATEST(${max.toString()}::bigint, COALESCE(pg_sequence_last_value(s.seq), 1)), true)::text AS v FROM (SELECT pg_get_serial_sequence(${qualified}, ${c.dbName ?? c.name})::regclass AS seq) s WHERE s.seq IS NOT NULL`;
  }
}

export type InsertResult =
  | { ok: true; inserted: number; ms: number }
  | {
      ok: false;
      aborted: boolean;
      code?: string;
      column?: string;
      message: string;
      /** 1-based rows of the file the database refused, when they could be found (the first 1,000). */ rows?: number[];
    };

/** Raw reads through the client by model name: `where` and `select` in Prisma Client's own shape. */
export interface RowReader {
  find(
    model: string,
    where: Record<string, unknown>,
    select: Record<string, unknown>,
    take?: number,
  ): Promise<Record<string, unknown>[]>;
}

export const COUNT_PREFIX = '@count.';

/** Rows kept as a page's keyset anchor: the last one, and those before it in case it is deleted. */
const ANCHOR_ROWS = 3;

/**
 * A page this many rows or more past its nearest anchor waits for a read in flight that ends nearer: the
 * webview asks for the two pages of a far jump at once, and each would count past the same ~900,000 keys.
 */
export const FAR_SKIP = 1000;

/** From this many rows (by the database's statistics) an unfiltered view shows the estimate until asked to count. */
export const ESTIMATE_FROM = 100_000;

export interface ViewTotal {
  total: number;
  /** The database's statistics (≈), not a count. */
  estimated: boolean;
}

export class DataSession {
  readonly nulls: PrismaNulls;
  /** The rows sent by `page` when the caller keeps no store of its own (a grid panel keeps one). */
  readonly originals = new RowOriginals();
  /** Keyset anchors per view: row index -> the rows just before it (the last few, nearest last). */
  private anchors = new Map<string, Map<number, WireRow[]>>();
  /** Page reads in flight per view: the row index each will end at -> settles when it has (its anchor set). */
  private readonly reading = new Map<string, Map<number, Promise<void>>>();
  private readonly queryListeners = new Set<(e: QueryEvent) => void>();
  /** The generated client's Prisma namespace (Prisma.Decimal, Prisma.DbNull…), for a Prisma Client cell. */
  readonly Prisma: unknown;

  private constructor(
    private readonly client: Client,
    mod: GeneratedClientModule,
    readonly provider: DataProvider,
  ) {
    this.nulls = { DbNull: mod.Prisma.DbNull, JsonNull: mod.Prisma.JsonNull };
    this.Prisma = mod.Prisma;
  }

  static async open(
    mod: GeneratedClientModule,
    provider: DataProvider,
    adapter: unknown,
    onQuery?: (e: QueryEvent) => void,
  ): Promise<DataSession> {
    const client = new mod.PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] }) as Client;
    const session = new DataSession(client, mod, provider);
    client.$on('query', (e) => {
      const event = { query: e.query, params: e.params, durationMs: e.duration };
      onQuery?.(event);
      for (const listener of session.queryListeners) listener(event);
    });
    await client.$connect();
    return session;
  }

  /**
   * The client itself, for code the user wrote against it (a query notebook's Prisma Client cells, which
   * run it in a transaction of their own: core/notebook/runClientCell.ts).
   */
  get prisma(): unknown {
    return this.client;
  }

  /** Listens to the queries the client runs (a Prisma Client cell shows the SQL its code produced); returns the unsubscriber. */
  listenToQueries(listener: (e: QueryEvent) => void): () => void {
    this.queryListeners.add(listener);
    return () => this.queryListeners.delete(listener);
  }

  async dispose(): Promise<void> {
    await this.client.$disconnect();
  }

  private delegate(model: ModelMeta, client: Client = this.client): Delegate {
    const d = client[model.name.charAt(0).toLowerCase() + model.name.slice(1)] as Delegate | undefined;
    if (!d || typeof d.findMany !== 'function') throw new QueryError(`the Prisma Client has no model ${model.name}`);
    return d;
  }

  private select(model: ModelMeta, withCounts: boolean): Record<string, unknown> {
    const select: Record<string, unknown> = {};
    for (const c of model.columns) select[c.name] = true;
    const lists = [...model.backRelations.filter((r) => r.list), ...(model.manyToMany ?? [])];
    if (withCounts && lists.length) select._count = { select: Object.fromEntries(lists.map((r) => [r.name, true])) };
    return select;
  }

  encodeRow(model: ModelMeta, row: Record<string, unknown>): WireRow {
    const out: WireRow = {};
    for (const c of model.columns) out[c.name] = encodeValue(row[c.name], c);
    const counts = row._count as Record<string, number> | undefined;
    if (counts) for (const [k, v] of Object.entries(counts)) out[COUNT_PREFIX + k] = v;
    return out;
  }

  private where(model: ModelMeta, q: ViewQuery): Where {
    return buildWhere(model, q, dialectOf(this.provider), this.nulls);
  }

  /**
   * Rows [start, start + count) of the view. Sequential pages continue from the previous page's last row. A read
   * that met a connection closed while it sat in the pool is sent once more (droppedConnection.ts).
   */
  page(
    model: ModelMeta,
    q: ViewQuery,
    start: number,
    count: number,
    originals: RowOriginals = this.originals,
  ): Promise<WireRow[]> {
    return readWithRedial(() => this.pageOnce(model, q, start, count, originals));
  }

  private async pageOnce(
    model: ModelMeta,
    q: ViewQuery,
    start: number,
    count: number,
    originals: RowOriginals,
  ): Promise<WireRow[]> {
    const keys = effectiveSort(model, q.sort);
    const orderBy = buildOrderBy(model, keys);
    const base = this.where(model, q);
    const viewKey = JSON.stringify([model.name, q.filters, q.combinator, q.search, q.sort, q.showDeleted]);
    let anchors = this.anchors.get(viewKey);
    if (!anchors) {
      if (this.anchors.size > 20) this.anchors.clear();
      anchors = new Map();
      this.anchors.set(viewKey, anchors);
    }
    let anchor: WireRow[] = [];
    let skip = 0;
    let inclusive = false;
    const done = this.readingUntil(viewKey, start + count);
    try {
      if (start > 0) {
        // the nearest known row before `start`: continue after it, skipping only the rows in between
        const best = await this.nearestAnchor(anchors, viewKey, start, done.promise);
        anchor = best > 0 ? anchors.get(best)! : [];
        skip = best > 0 ? start - best : start;
        if (skip > 0) {
          // a far jump: find the row at `start` reading only the sort keys (an index scan), then continue from it
          const keySelect = Object.fromEntries(keys.map((k) => [k.column, true]));
          const probe = await this.readFrom(
            model,
            keys,
            { where: base, orderBy, take: 1, select: keySelect },
            anchor,
            skip,
          );
          if (probe.length === 0) return [];
          anchor = [
            this.encodeRow(
              { ...model, columns: keys.map((k) => columnOf(model, k.column)), backRelations: [] },
              probe[0],
            ),
          ];
          skip = 0;
          inclusive = true;
        }
      }
      const rows = (
        await this.readFrom(
          model,
          keys,
          { where: base, orderBy, take: count, select: this.select(model, true) },
          anchor,
          skip,
          inclusive,
        )
      ).map((r) => this.encodeRow(model, r));
      await this.markJsonNulls(model, rows);
      originals.remember(model, rows);
      if (rows.length) {
        if (anchors.size > 5000) anchors.clear();
        anchors.set(start + rows.length, rows.slice(-ANCHOR_ROWS));
      }
      return rows;
    } finally {
      done.settle();
    }
  }

  /** Registers a read of `viewKey` ending at `end`; `settle` (once it has set its anchor, or failed) lets waiters go. */
  private readingUntil(viewKey: string, end: number): { promise: Promise<void>; settle(): void } {
    let reading = this.reading.get(viewKey);
    if (!reading) this.reading.set(viewKey, (reading = new Map()));
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    reading.set(end, promise);
    return {
      promise,
      settle: () => {
        if (reading.get(end) === promise) reading.delete(end);
        if (!reading.size && this.reading.get(viewKey) === reading) this.reading.delete(viewKey);
        resolve();
      },
    };
  }

  /**
   * The nearest anchor at or before `start` (-1 when none); when it is FAR_SKIP rows or more before
   * `start` and a read in flight ends nearer (one of the same far jump), waits for that read first.
   */
  private async nearestAnchor(
    anchors: Map<number, WireRow[]>,
    viewKey: string,
    start: number,
    own: Promise<void>,
  ): Promise<number> {
    for (;;) {
      const reading = this.reading.get(viewKey) ?? new Map<number, Promise<void>>();
      let best = -1;
      for (const i of anchors.keys()) if (i <= start && i > best) best = i;
      if (start - best < FAR_SKIP) return best;
      let nearer: Promise<void> | undefined;
      let at = best;
      for (const [end, p] of reading) if (p !== own && end <= start && end > at) [at, nearer] = [end, p];
      if (!nearer) return best;
      await nearer;
    }
  }

  /**
   * `findMany` from the row after the last of `anchor` (at it when `inclusive`), skipping `skip` rows. The
   * position is Prisma's cursor: the database compares the sort columns with the anchor row's own stored
   * values, so ties and values finer than the client reads (microsecond timestamps, read as millisecond
   * Dates) neither skip nor repeat rows. `anchor` holds the last few rows read, nearest last: when the
   * nearest was deleted meanwhile, the one before it carries on (nothing lies between them now). When all
   * are gone, or the model's key cannot be a cursor (a named compound key), it continues from the nearest
   * one's values as read (exact to the millisecond).
   */
  private async readFrom(
    model: ModelMeta,
    keys: SortKey[],
    args: { where: Where; orderBy: unknown; take: number; select: Record<string, unknown> },
    anchor: readonly WireRow[],
    skip = 0,
    inclusive = false,
  ): Promise<Record<string, unknown>[]> {
    const delegate = this.delegate(model);
    const nearest = anchor.at(-1);
    if (!nearest) return delegate.findMany({ ...args, skip });
    try {
      for (const [i, row] of [...anchor].reverse().entries()) {
        const key = keyWhere(model, row, this.nulls);
        const cursor = model.primaryKey.length === 1 ? key : { [compoundKeyName(model.primaryKey)]: key };
        const rows = await delegate.findMany({ ...args, cursor, skip: skip + (inclusive && i === 0 ? 0 : 1) });
        // a cursor whose row is gone gives wrong rows (not none): there after the read, it was there during it
        if (await delegate.findFirst({ where: key, select: this.keySelect(model) })) return rows;
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === 'PrismaClientValidationError')) throw e;
    }
    const where = andWhere(args.where, keysetWhere(model, keys, nearest, inclusive, this.nulls));
    return delegate.findMany({ ...args, where, skip });
  }

  private keySelect(model: ModelMeta): Record<string, true> {
    return Object.fromEntries(model.primaryKey.map((k) => [k, true]));
  }

  /**
   * Prisma Client returns `null` for both a database NULL and a JSON `null` in a Json column; the grid
   * shows them apart, so for optional Json columns it asks which of the page's rows hold JSON null.
   */
  private async markJsonNulls(model: ModelMeta, rows: WireRow[], client: Client = this.client): Promise<void> {
    const columns = model.columns.filter((c) => c.type === 'Json' && !c.list && c.optional);
    const candidates = rows.filter((r) => columns.some((c) => r[c.name] === null));
    if (!columns.length || !candidates.length || !model.primaryKey.length) return;
    const keyOf = (r: Record<string, unknown>) =>
      JSON.stringify(model.primaryKey.map((k) => encodeValue(r[k], columnOf(model, k))));
    const keys = { OR: candidates.map((r) => keyWhere(model, r, this.nulls)) };
    const select = Object.fromEntries(model.primaryKey.map((k) => [k, true]));
    for (const c of columns) {
      const hits = await this.delegate(model, client).findMany({
        where: { AND: [keys, { [c.name]: { equals: (this.nulls as { JsonNull: unknown }).JsonNull } }] },
        select,
      });
      const set = new Set(hits.map(keyOf));
      for (const r of candidates) if (r[c.name] === null && set.has(keyOf(r))) r[c.name] = 'null';
    }
  }

  count(model: ModelMeta, q: ViewQuery): Promise<number> {
    return this.delegate(model).count({ where: this.where(model, q) });
  }

  /**
   * The view's total: the database's estimate when the view is the whole table (no filter, no search, no
   * hidden soft-deleted rows) and the estimate says it is huge; otherwise (or `exact`) the count.
   */
  async total(
    model: ModelMeta,
    q: ViewQuery,
    options: { exact?: boolean; estimateFrom?: number } = {},
  ): Promise<ViewTotal> {
    if (!options.exact && Object.keys(this.where(model, q)).length === 0) {
      const estimate = await this.estimate(model).catch(() => undefined);
      if (estimate !== undefined && estimate >= (options.estimateFrom ?? ESTIMATE_FROM))
        return { total: estimate, estimated: true };
    }
    return { total: await readWithRedial(() => this.count(model, q)), estimated: false };
  }

  /**
   * The table's row count by the database's statistics, without reading the table: PostgreSQL's
   * `pg_class.reltuples` (as of the last ANALYZE / autovacuum), MySQL's `information_schema.TABLES.TABLE_ROWS`
   * (InnoDB's estimate). SQLite keeps no such number (and its `max(rowid)` is no count): undefined there,
   * and when the database has no statistics yet. The table name comes from the schema and is a bound parameter.
   */
  async estimate(model: ModelMeta): Promise<number | undefined> {
    const table = model.table?.name;
    if (!table) return undefined;
    let rows: { n: unknown }[];
    if (this.provider === 'postgresql') {
      const schema = model.table?.schema;
      rows = schema
        ? await this.client.$queryRaw<
            { n: unknown }[]
          >`SELECT c.reltuples::float8 AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE c.relname = ${table} AND ns.nspname = ${schema} AND c.relkind = 'r'`
        : await this.client.$queryRaw<
            { n: unknown }[]
          >`SELECT c.reltuples::float8 AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE c.relname = ${table} AND c.relkind = 'r' AND ns.nspname = ANY(current_schemas(false)) ORDER BY array_position(current_schemas(false), ns.nspname::text) LIMIT 1`;
    } else if (this.provider === 'mysql') {
      rows = await this.client.$queryRaw<
        { n: unknown }[]
      >`SELECT TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${table}`;
    } else {
      return undefined;
    }
    const raw = rows[0]?.n;
    const n =
      typeof raw === 'bigint'
        ? Number(raw)
        : typeof raw === 'number'
          ? raw
          : typeof raw === 'string'
            ? Number(raw)
            : NaN;
    // PostgreSQL says -1 before the first ANALYZE: no estimate
    return Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
  }

  /** Every row of the view in batches, by keyset; stops when `signal` aborts. */
  async *batches(model: ModelMeta, q: ViewQuery, size = 1000, signal?: AbortSignal): AsyncGenerator<WireRow[]> {
    const keys = effectiveSort(model, q.sort);
    const orderBy = buildOrderBy(model, keys);
    const base = this.where(model, q);
    let last: WireRow[] = [];
    for (;;) {
      if (signal?.aborted) return;
      const rows = (
        await this.readFrom(model, keys, { where: base, orderBy, take: size, select: this.select(model, false) }, last)
      ).map((r) => this.encodeRow(model, r));
      if (rows.length === 0) return;
      await this.markJsonNulls(model, rows);
      yield rows;
      if (rows.length < size) return;
      last = rows.slice(-ANCHOR_ROWS);
    }
  }

  /**
   * Writes every change of `req` in one transaction, or nothing when a row changed since it was read. Each
   * UPDATE / DELETE is conditional on the values the host sent for the row (`originals`, never the
   * webview's copy; see originalWhere.ts) and must affect exactly one row, so a commit by another session
   * between the read and this write (even while this transaction waits for its lock) is a conflict.
   * `links` (relationLinks.ts: connect / disconnect rows of list relations) are written after the updates.
   */
  async save(
    model: ModelMeta,
    req: SaveRequest,
    originals: RowOriginals = this.originals,
    links: readonly LinkWrite[] = [],
  ): Promise<SaveResult> {
    const t0 = performance.now();
    const errors: CellError[] = [];
    const decode = (
      kind: CellError['kind'],
      index: number,
      row: WireRow,
      forCreate: boolean,
    ): Record<string, unknown> => {
      const data: Record<string, unknown> = {};
      for (const [name, wire] of Object.entries(row)) {
        const column = model.columns.find((c) => c.name === name);
        if (!column) {
          errors.push({ kind, index, message: `${model.name} has no column ${name}` });
          continue;
        }
        if (forCreate && wire === null && column.defaultValue !== undefined) continue; // let the default apply
        try {
          data[name] = decodeValue(wire, column, this.nulls);
        } catch (e) {
          errors.push({ kind, index, column: name, message: e instanceof CodecError ? e.message : String(e) });
        }
      }
      return data;
    };
    const updates = req.updates.map((u, i) => ({
      key: u.key,
      where: this.safeKey(model, u.key, 'update', i, errors),
      data: decode('update', i, u.changes, false),
      claimed: u.original,
    }));
    const inserts = req.inserts.map((row, i) => decode('insert', i, row, true));
    const deletes = req.deletes.map((d, i) => ({
      key: d.key,
      where: this.safeKey(model, d.key, 'delete', i, errors),
      claimed: d.original,
    }));
    if (errors.length) return { ok: false, conflicts: [], errors };

    const columnNames = model.columns.map((c) => c.name);
    const dbNames = Object.fromEntries(model.columns.filter((c) => c.dbName).map((c) => [c.dbName!, c.name]));
    const attempt = async <T>(kind: CellError['kind'], index: number, op: () => Promise<T>): Promise<T> => {
      try {
        return await op();
      } catch (e) {
        const explained = explainPrismaError(e, columnNames, dbNames);
        throw new OperationFailed({ kind, index, ...explained });
      }
    };
    type Conflicts = Extract<SaveResult, { ok: false }>['conflicts'];
    // what the host sent for each row; a row the grid was not sent (or no longer keeps), or whose webview
    // copy differs from it (re-read since the edit, or forged), is a conflict: nothing is written
    const conflicts: Conflicts = [];
    const held = (kind: 'update' | 'delete', index: number, key: WireRow, claimed: WireRow): WireRow | undefined => {
      const sent = originals.get(model, key);
      const differs =
        !sent ||
        Object.entries(claimed).some(([name, value]) => {
          const c = model.columns.find((col) => col.name === name);
          return c !== undefined && name in sent && !sameValue(sent[name], value, c.type);
        });
      if (differs) conflicts.push({ kind, index, current: null });
      return differs ? undefined : sent;
    };
    const sentUpdates = updates.map((u, i) =>
      Object.keys(u.data).length ? held('update', i, u.key, u.claimed) : undefined,
    );
    const sentDeletes = deletes.map((del, i) => held('delete', i, del.key, del.claimed));
    try {
      if (conflicts.length) throw new ConflictAbort(conflicts);
      await this.client.$transaction(
        async (tx) => {
          const d = this.delegate(model, tx);
          const inTransaction = model.columns.filter((c) => !comparedInWhere(c, this.provider));
          /** The write's condition: the key and the values sent; columns the WHERE cannot compare exactly, here. */
          const condition = async (kind: 'update' | 'delete', index: number, where: Where, sent: WireRow) => {
            if (inTransaction.length) {
              const current = await d.findFirst({ where, select: this.select(model, false) });
              const now = current ? this.encodeRow(model, current) : undefined;
              if (now) await this.markJsonNulls(model, [now], tx);
              if (!now || inTransaction.some((c) => !sameValue(now[c.name] ?? null, sent[c.name] ?? null, c.type)))
                conflicts.push({ kind, index, current: null });
            }
            return andWhere(where, originalWhere(model, sent, this.provider, this.nulls));
          };
          for (const [i, u] of updates.entries()) {
            const sent = sentUpdates[i];
            if (!sent) continue; // nothing to write
            const where = await condition('update', i, u.where, sent);
            const r = await attempt('update', i, () => d.updateMany({ where, data: u.data }));
            if (r.count !== 1 && !conflicts.some((c) => c.kind === 'update' && c.index === i))
              conflicts.push({ kind: 'update', index: i, current: null });
          }
          if (conflicts.length) throw new ConflictAbort(conflicts);
          for (const [i, w] of links.entries()) {
            const ld = this.delegate(w.model, tx);
            if (w.kind === 'update') {
              const select = Object.fromEntries(w.model.primaryKey.map((k) => [k, true]));
              await attempt('link', i, () => ld.update({ where: w.where, data: w.data, select }));
            } else {
              const r = await attempt('link', i, () => ld.updateMany({ where: w.where, data: w.data }));
              if (r.count !== 1) throw new OperationFailed({ kind: 'link', index: i, message: w.failure });
            }
          }
          for (const [i, data] of inserts.entries())
            await attempt('insert', i, () =>
              d.create({ data, select: Object.fromEntries(model.primaryKey.map((k) => [k, true])) }),
            );
          if (this.provider === 'postgresql' && inserts.length) {
            const written = new AutoincrementMax(model);
            written.see(inserts);
            await advanceSequences(tx, model, written);
          }
          for (const [i, del] of deletes.entries()) {
            const where = await condition('delete', i, del.where, sentDeletes[i]!);
            const r = await attempt('delete', i, () => d.deleteMany({ where }));
            if (r.count !== 1 && !conflicts.some((c) => c.kind === 'delete' && c.index === i))
              conflicts.push({ kind: 'delete', index: i, current: null });
          }
          if (conflicts.length) throw new ConflictAbort(conflicts);
        },
        { maxWait: 10_000, timeout: 120_000 },
      );
    } catch (e) {
      if (e instanceof ConflictAbort)
        return { ok: false, conflicts: await this.withCurrent(model, req, e.conflicts), errors: [] };
      if (e instanceof OperationFailed) return { ok: false, conflicts: [], errors: [e.error] };
      const explained = explainPrismaError(e, columnNames, dbNames);
      return { ok: false, conflicts: [], errors: [{ kind: 'update', index: -1, ...explained }] };
    }
    this.anchors.clear();
    return {
      ok: true,
      updated: updates.length,
      inserted: inserts.length,
      deleted: deletes.length,
      ...(links.length ? { linked: links.length } : {}),
      ms: Math.round(performance.now() - t0),
    };
  }

  /** Each conflict with the row as the database holds it now (after the rollback), or null when it is gone. */
  private async withCurrent(
    model: ModelMeta,
    req: SaveRequest,
    conflicts: Extract<SaveResult, { ok: false }>['conflicts'],
  ): Promise<Extract<SaveResult, { ok: false }>['conflicts']> {
    const out: typeof conflicts = [];
    for (const c of conflicts) {
      const key = c.kind === 'update' ? req.updates[c.index].key : req.deletes[c.index].key;
      const row = await this.delegate(model)
        .findFirst({ where: keyWhere(model, key, this.nulls), select: this.select(model, false) })
        .catch(() => null);
      const current = row ? this.encodeRow(model, row) : null;
      if (current) await this.markJsonNulls(model, [current]).catch(() => undefined);
      out.push({ ...c, current });
    }
    return out;
  }

  /**
   * Inserts every row of an import in one transaction (createMany in chunks), or nothing: a failure or an
   * abort rolls the whole transaction back.
   */
  insertAll(
    model: ModelMeta,
    data: Record<string, unknown>[],
    options: { signal?: AbortSignal; onProgress?: (done: number) => void; chunk?: number } = {},
  ): Promise<InsertResult> {
    const size = options.chunk ?? 500;
    const chunks = function* () {
      for (let i = 0; i < data.length; i += size) yield data.slice(i, i + size);
    };
    return this.insertBatches(model, chunks(), { ...options, again: () => [data] });
  }

  /**
   * Inserts rows as they come, batch by batch (an import streamed from its file: only one batch is held),
   * in one transaction, or nothing: a failure, an error thrown by `batches` (the file changed) or an abort
   * rolls the whole transaction back. `again` reads the rows once more after a failure, to name the rows
   * the database refused.
   */
  async insertBatches(
    model: ModelMeta,
    batches: AsyncIterable<Record<string, unknown>[]> | Iterable<Record<string, unknown>[]>,
    options: { signal?: AbortSignal; onProgress?: (done: number) => void; again?: RowBatches; timeoutMs?: number },
  ): Promise<InsertResult> {
    const t0 = performance.now();
    const columnNames = model.columns.map((c) => c.name);
    const dbNames = Object.fromEntries(model.columns.filter((c) => c.dbName).map((c) => [c.dbName!, c.name]));
    let done = 0;
    try {
      await this.client.$transaction(
        async (tx) => {
          const d = this.delegate(model, tx) as Delegate & {
            createMany?(args: Record<string, unknown>): Promise<{ count: number }>;
          };
          const written = new AutoincrementMax(model);
          for await (const chunk of batches) {
            if (options.signal?.aborted) throw new ImportAborted();
            if (chunk.length === 0) continue;
            if (typeof d.createMany === 'function') {
              await d.createMany({ data: chunk });
            } else {
              for (const row of chunk)
                await d.create({ data: row, select: Object.fromEntries(model.primaryKey.map((k) => [k, true])) });
            }
            if (this.provider === 'postgresql') written.see(chunk);
            done += chunk.length;
            options.onProgress?.(done);
            // a turn of the event loop between batches: SQLite runs each on this thread, and batches read
            // from buffered parser output follow each other in microtasks, so without it Cancel (a message
            // from the window) and every other extension would wait for the whole import
            await new Promise((resolve) => setImmediate(resolve));
          }
          if (options.signal?.aborted) throw new ImportAborted();
          if (this.provider === 'postgresql') await advanceSequences(tx, model, written);
        },
        // the user has Cancel; the limit only ends a transaction left behind (a day, below setTimeout's 2^31 ms)
        { maxWait: 10_000, timeout: options.timeoutMs ?? 24 * 3600_000 },
      );
    } catch (e) {
      if (e instanceof ImportAborted)
        return {
          ok: false,
          aborted: true,
          message: `Cancelled: nothing was imported (the transaction was rolled back after ${done.toLocaleString('en-US')} rows).`,
        };
      if (e instanceof ImportParseError)
        return { ok: false, aborted: false, message: `Nothing was imported (rolled back): ${e.message}` };
      const explained = explainPrismaError(e, columnNames, dbNames);
      // after the rollback: which rows of the file the database refused (best effort, read-only)
      const behind = options.again
        ? await rowsBehindImportFailure(this.reader, model, explained, options.again).catch(() => undefined)
        : undefined;
      if (!behind?.rows.length)
        return { ok: false, aborted: false, ...explained, message: `Nothing was imported: ${explained.message}` };
      const { column, rows, total } = behind;
      const which =
        explained.code === 'P2002'
          ? `The table already holds the ${column.name} of ${rowList(rows, 5, total)} of the file.`
          : `No ${column.references?.model ?? 'related'} record matches the ${column.name} of ${rowList(rows, 5, total)} of the file.`;
      return {
        ok: false,
        aborted: false,
        ...explained,
        column: column.name,
        rows,
        message: `Nothing was imported: ${explained.message} ${which}`,
      };
    }
    this.anchors.clear();
    return { ok: true, inserted: done, ms: Math.round(performance.now() - t0) };
  }

  /** Rows of `model` (its `columns` are what is read and encoded) in Prisma Client's own shape: the relation picker. */
  async findRows(
    model: ModelMeta,
    args: { where: Where; orderBy: unknown; take: number; select: Record<string, true> },
  ): Promise<WireRow[]> {
    return (await this.delegate(model).findMany(args)).map((r) => this.encodeRow(model, r));
  }

  /** Reads raw rows of any model of the schema (the delete plan follows relations with it). */
  readonly reader: RowReader = {
    find: (modelName, where, select, take) =>
      this.delegate({ name: modelName, columns: [], primaryKey: [], backRelations: [] }).findMany({
        where,
        select,
        ...(take !== undefined ? { take } : {}),
      }),
  };

  private safeKey(model: ModelMeta, key: WireRow, kind: CellError['kind'], index: number, errors: CellError[]): Where {
    try {
      if (Object.keys(key).some((k) => !model.primaryKey.includes(k)))
        throw new QueryError(`the row key names columns outside ${model.primaryKey.join(', ')}`);
      return keyWhere(model, key, this.nulls);
    } catch (e) {
      errors.push({ kind, index, message: e instanceof Error ? e.message : String(e) });
      return {};
    }
  }
}
