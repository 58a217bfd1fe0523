// Every message between the grid's host and its webview: typed definitions, and validators for what
// the webview sends (the host trusts nothing from it). The webview says `ready` first; the host then
// sends `init`. A panel is bound to one model: no message names a model, so none can reach another.
import type { ModelMeta, RowKey, WireRow, WireValue } from './model';
import type { RelatedRow } from './relations';
import {
  ValidationError,
  array,
  bool,
  int,
  isPlainObject,
  literal,
  object,
  optional,
  record,
  str,
  type Validator,
} from './validate';

export const filterOps = [
  'equals',
  'not',
  'contains',
  'startsWith',
  'endsWith',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'isNull',
  'notNull',
] as const;
export type FilterOp = (typeof filterOps)[number];

export interface Filter {
  column: string;
  op: FilterOp;
  /** `in` takes `values`; `between` takes `values` [from, to]; `isNull`/`notNull` take nothing. */
  value?: WireValue;
  values?: WireValue[];
  /**
   * Json columns only: the value at this path inside the document is compared (`['a', 'b', '0']` is
   * `a.b[0]`). PostgreSQL and MySQL/MariaDB; Prisma has no path filter on SQLite.
   */
  path?: string[];
}

export interface SortKey {
  column: string;
  dir: 'asc' | 'desc';
}

/** What the user is looking at: the rows it selects, in order. */
export interface ViewQuery {
  filters: Filter[];
  /** How the filters combine. */
  combinator: 'AND' | 'OR';
  /** Quick search across the text columns (and equal numbers). */
  search: string;
  sort: SortKey[];
  /** Show soft-deleted rows too. */
  showDeleted: boolean;
}

export const emptyQuery = (): ViewQuery => ({
  filters: [],
  combinator: 'AND',
  search: '',
  sort: [],
  showDeleted: false,
});

export interface RowUpdate {
  key: RowKey;
  /** The row as it was read: the database must still hold these values, or the save is refused. */
  original: WireRow;
  changes: WireRow;
}

/**
 * A row of a list relation connected to or disconnected from a row of the grid's model: a back relation
 * (1-n: the related row's foreign key set or cleared) or an implicit many-to-many (a join row added or removed).
 */
export interface LinkChange {
  /** The relation field of the grid's model (`members`, `tags`). */
  relation: string;
  /** The grid's row and the related row, by their keys. */
  parent: RowKey;
  child: RowKey;
  connect: boolean;
}

export interface SaveRequest {
  updates: RowUpdate[];
  inserts: WireRow[];
  deletes: { key: RowKey; original: WireRow }[];
  /** Relation links, written in the same transaction after the updates. */
  links?: LinkChange[];
}

/** What went wrong with one cell (or the row, when `column` is absent). */
export interface CellError {
  /** 'update' / 'insert' / 'delete' index in the SaveRequest. */
  kind: 'update' | 'insert' | 'delete' | 'link';
  index: number;
  column?: string;
  code?: string;
  message: string;
}

export type SaveResult =
  | { ok: true; updated: number; inserted: number; deleted: number; linked?: number; ms: number }
  | {
      ok: false;
      conflicts: { kind: 'update' | 'delete'; index: number; current: WireRow | null }[];
      errors: CellError[];
    };

// ---- webview -> host ----
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'fetch'; requestId: number; query: ViewQuery; start: number; count: number }
  /** Without `exact`, an unfiltered view of a huge table may be answered with an estimate. */
  | { type: 'count'; requestId: number; query: ViewQuery; exact?: boolean }
  | { type: 'save'; requestId: number; request: SaveRequest }
  | { type: 'setReadOnly'; readOnly: boolean }
  /**
   * The picker of foreign-key cell `column`: a page of the related model's rows matching `search`, after
   * `after` (the previous page's `next`; the related model's key).
   */
  | {
      type: 'pickRelated';
      requestId: number;
      /** A foreign-key column, or a list relation (`members`, `tags`): then the rows' keys are the values. */
      column: string;
      search: string;
      after?: WireRow;
      count: number;
      /** A list relation: only the rows linked to this row of the grid's model. */
      linkedTo?: RowKey;
    }
  /** Follows a relation of the panel's model: in this panel (a breadcrumb leads back) or, `newTab`, in another. */
  | { type: 'openRelated'; model: string; filters: Filter[]; newTab?: boolean }
  /**
   * The pointer is on a relation's link: the host may read the first page of `model` with `filters` ahead,
   * for an `openRelated` of the same (in this panel) that may follow. Nothing is shown.
   */
  | { type: 'warm'; model: string; filters: Filter[] }
  /** Goes back to breadcrumb `index` of the trail the host sent (the host keeps the trail: no model is named). */
  | { type: 'navigate'; index: number }
  | { type: 'export'; format: 'csv' | 'json'; query: ViewQuery }
  /** "Import…": the host picks the file, previews, asks and writes (nothing else comes from the webview). */
  | { type: 'import' }
  /** `model`: the model the state is for (a late message about the model shown before is ignored). */
  | { type: 'viewState'; state: ViewStateSnapshot; model?: string }
  /**
   * How many staged edits the webview holds for `model` (sent when the number changes): the host opens
   * another model in a new tab rather than in this one while it is not 0, so no edit is lost.
   */
  | { type: 'pending'; count: number; model: string }
  /**
   * The webview did not show the `replaces` init of `model`: it holds `count` staged edits of `kept`, which
   * it still shows. The host binds the panel to `kept` again and opens `model` in a new tab.
   */
  | { type: 'replaceRefused'; model: string; kept: string; count: number };

/** View state the host keeps for the serializer (restored after a reload). */
export interface ViewStateSnapshot {
  query: ViewQuery;
  scrollTop: number;
  widths: Record<string, number>;
  hidden: string[];
  /** Columns frozen at the left, in order. */
  pinned?: string[];
}

/** Column layout remembered per model (workspace state): a new tab of the model opens with it. */
export type ColumnLayout = Pick<ViewStateSnapshot, 'widths' | 'hidden' | 'pinned'>;

/** Where a panel came from, one crumb per relation followed, oldest first. */
export interface Crumb {
  model: string;
  filters: Filter[];
}

// ---- host -> webview ----
export type HostMessage =
  | {
      type: 'init';
      schemaId: string;
      model: ModelMeta;
      readOnly: boolean;
      readOnlyForced: boolean;
      database: string;
      state?: ViewStateSnapshot;
      initialFilters?: Filter[];
      /**
       * The first page and the total for `query`, read while the webview was loading (saves a round trip).
       * Without `total` (a big SQLite table: no estimate, and a count is a full scan) the webview asks for
       * the count once the rows are drawn.
       */
      firstPage?: { query: ViewQuery; rows: WireRow[]; total?: number; estimated?: boolean };
      /** The models this panel came from (breadcrumbs); `navigate` goes back to one. */
      trail?: Crumb[];
      /** The model's remembered column layout, when the panel has no view state of its own. */
      columns?: ColumnLayout;
      /** Whether Json path filters work on this database, and if not, why (in words). */
      jsonPath?: { supported: true } | { supported: false; reason: string };
      /**
       * Another model swapped into this tab (the user opened it, the tab was reused): a webview holding
       * staged edits of another model keeps them and answers `replaceRefused` instead of showing it.
       */
      replaces?: boolean;
    }
  | { type: 'rows'; requestId: number; start: number; rows: WireRow[]; ms: number }
  /** `estimated`: the database's statistics (≈), not a count; ask again with `exact` for the count. */
  | { type: 'count'; requestId: number; total: number; ms: number; estimated?: boolean }
  | { type: 'saved'; requestId: number; result: SaveResult }
  /** A page of the relation picker; `next` (absent on the last page) is the `after` of the next one. */
  | {
      type: 'related';
      requestId: number;
      column: string;
      model: string;
      rows: RelatedRow[];
      next?: WireRow;
      /** More rows follow for this request (the search's exact matches come first, at once). */
      partial?: true;
      ms: number;
    }
  | { type: 'readOnly'; readOnly: boolean; readOnlyForced: boolean }
  | { type: 'error'; requestId?: number; message: string }
  | { type: 'refresh' };

const NAME = 200;
export const wireValue: Validator<WireValue> = (v, p) => {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ValidationError(p, 'a finite number');
    return v;
  }
  if (typeof v === 'string') return str(50_000_000)(v, p);
  throw new ValidationError(p, 'a cell value');
};

const wireRow = record(wireValue, 2000);

export const filter: Validator<Filter> = object({
  column: str(NAME),
  op: literal(...filterOps),
  value: optional(wireValue),
  values: optional(array(wireValue, 10_000)),
  path: optional(array(str(NAME), 32)),
});

export const viewQuery: Validator<ViewQuery> = object({
  filters: array(filter, 100),
  combinator: literal('AND', 'OR'),
  search: str(1000),
  sort: array(object({ column: str(NAME), dir: literal('asc', 'desc') }), 20),
  showDeleted: bool,
});

const saveRequest: Validator<SaveRequest> = object({
  updates: array(object({ key: wireRow, original: wireRow, changes: wireRow }), 100_000),
  inserts: array(wireRow, 100_000),
  deletes: array(object({ key: wireRow, original: wireRow }), 100_000),
  links: optional(
    array(
      object({ relation: str(NAME), parent: record(wireValue, 32), child: record(wireValue, 32), connect: bool }),
      10_000,
    ),
  ),
});

const viewState: Validator<ViewStateSnapshot> = object({
  query: viewQuery,
  scrollTop: int(0, 1e12),
  widths: record(int(0, 10_000), 2000),
  hidden: array(str(NAME), 2000),
  pinned: optional(array(str(NAME), 2000)),
});

const requestId = int(0, Number.MAX_SAFE_INTEGER);

const validators: { [K in WebviewMessage['type']]: Validator<Extract<WebviewMessage, { type: K }>> } = {
  ready: object({ type: literal('ready') }),
  fetch: object({ type: literal('fetch'), requestId, query: viewQuery, start: int(0), count: int(1, 5000) }),
  count: object({ type: literal('count'), requestId, query: viewQuery, exact: optional(bool) }),
  save: object({ type: literal('save'), requestId, request: saveRequest }),
  setReadOnly: object({ type: literal('setReadOnly'), readOnly: bool }),
  pickRelated: object({
    type: literal('pickRelated'),
    requestId,
    column: str(NAME),
    search: str(200),
    after: optional(record(wireValue, 32)),
    count: int(1, 200),
    linkedTo: optional(record(wireValue, 32)),
  }),
  openRelated: object({
    type: literal('openRelated'),
    model: str(NAME),
    filters: array(filter, 100),
    newTab: optional(bool),
  }),
  warm: object({ type: literal('warm'), model: str(NAME), filters: array(filter, 100) }),
  navigate: object({ type: literal('navigate'), index: int(0, 1000) }),
  export: object({ type: literal('export'), format: literal('csv', 'json'), query: viewQuery }),
  import: object({ type: literal('import') }),
  viewState: object({ type: literal('viewState'), state: viewState, model: optional(str(NAME)) }),
  pending: object({ type: literal('pending'), count: int(0, Number.MAX_SAFE_INTEGER), model: str(NAME) }),
  replaceRefused: object({
    type: literal('replaceRefused'),
    model: str(NAME),
    kept: str(NAME),
    count: int(1, Number.MAX_SAFE_INTEGER),
  }),
};

/** Checks a message from the webview; throws a ValidationError saying what is wrong. */
export function parseWebviewMessage(raw: unknown): WebviewMessage {
  if (!isPlainObject(raw) || typeof raw.type !== 'string' || !Object.hasOwn(validators, raw.type)) {
    throw new ValidationError('type', `one of ${Object.keys(validators).join(', ')}`);
  }
  return validators[raw.type as WebviewMessage['type']](raw, '') as WebviewMessage;
}

/** A trail persisted by the webview (serializer): checked like a message; models are checked when used. */
export const crumbs: Validator<Crumb[]> = array(object({ model: str(NAME), filters: array(filter, 100) }), 50);

export function parseViewState(raw: unknown): ViewStateSnapshot | undefined {
  try {
    return viewState(raw, 'state');
  } catch {
    return undefined;
  }
}

export type { RowKey, WireRow, WireValue };
