// Every message between the grid's host and its webview: typed definitions, and validators for what
// the webview sends (the host trusts nothing from it). The webview says `ready` first; the host then
// sends `init`. A panel is bound to one model: no message names a model, so none can reach another.
import type { ModelMeta, RowKey, WireRow, WireValue } from './model';
import { ValidationError, array, bool, int, isPlainObject, literal, object, optional, record, str, type Validator } from './validate';

export const filterOps = ['equals', 'not', 'contains', 'startsWith', 'endsWith', 'in', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull', 'notNull'] as const;
export type FilterOp = (typeof filterOps)[number];

export interface Filter {
  column: string;
  op: FilterOp;
  /** `in` takes `values`; `between` takes `values` [from, to]; `isNull`/`notNull` take nothing. */
  value?: WireValue;
  values?: WireValue[];
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

export const emptyQuery = (): ViewQuery => ({ filters: [], combinator: 'AND', search: '', sort: [], showDeleted: false });

export interface RowUpdate {
  key: RowKey;
  /** The row as it was read: the database must still hold these values, or the save is refused. */
  original: WireRow;
  changes: WireRow;
}

export interface SaveRequest {
  updates: RowUpdate[];
  inserts: WireRow[];
  deletes: { key: RowKey; original: WireRow }[];
}

/** What went wrong with one cell (or the row, when `column` is absent). */
export interface CellError {
  /** 'update' / 'insert' / 'delete' index in the SaveRequest. */
  kind: 'update' | 'insert' | 'delete';
  index: number;
  column?: string;
  code?: string;
  message: string;
}

export type SaveResult =
  | { ok: true; updated: number; inserted: number; deleted: number; ms: number }
  | { ok: false; conflicts: { kind: 'update' | 'delete'; index: number; current: WireRow | null }[]; errors: CellError[] };

// ---- webview -> host ----
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'fetch'; requestId: number; query: ViewQuery; start: number; count: number }
  | { type: 'count'; requestId: number; query: ViewQuery }
  | { type: 'save'; requestId: number; request: SaveRequest }
  | { type: 'setReadOnly'; readOnly: boolean }
  | { type: 'openRelated'; model: string; filters: Filter[] }
  | { type: 'export'; format: 'csv' | 'json'; query: ViewQuery }
  | { type: 'viewState'; state: ViewStateSnapshot };

/** View state the host keeps for the serializer (restored after a reload). */
export interface ViewStateSnapshot {
  query: ViewQuery;
  scrollTop: number;
  widths: Record<string, number>;
  hidden: string[];
}

// ---- host -> webview ----
export type HostMessage =
  | {
      type: 'init'; schemaId: string; model: ModelMeta; readOnly: boolean; readOnlyForced: boolean; database: string;
      state?: ViewStateSnapshot; initialFilters?: Filter[];
      /** The first page and the total for `query`, read while the webview was loading (saves a round trip). */
      firstPage?: { query: ViewQuery; rows: WireRow[]; total: number };
    }
  | { type: 'rows'; requestId: number; start: number; rows: WireRow[]; ms: number }
  | { type: 'count'; requestId: number; total: number; ms: number }
  | { type: 'saved'; requestId: number; result: SaveResult }
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
});

const viewState: Validator<ViewStateSnapshot> = object({
  query: viewQuery,
  scrollTop: int(0, 1e12),
  widths: record(int(0, 10_000), 2000),
  hidden: array(str(NAME), 2000),
});

const requestId = int(0, Number.MAX_SAFE_INTEGER);

const validators: { [K in WebviewMessage['type']]: Validator<Extract<WebviewMessage, { type: K }>> } = {
  ready: object({ type: literal('ready') }),
  fetch: object({ type: literal('fetch'), requestId, query: viewQuery, start: int(0), count: int(1, 5000) }),
  count: object({ type: literal('count'), requestId, query: viewQuery }),
  save: object({ type: literal('save'), requestId, request: saveRequest }),
  setReadOnly: object({ type: literal('setReadOnly'), readOnly: bool }),
  openRelated: object({ type: literal('openRelated'), model: str(NAME), filters: array(filter, 100) }),
  export: object({ type: literal('export'), format: literal('csv', 'json'), query: viewQuery }),
  viewState: object({ type: literal('viewState'), state: viewState }),
};

/** Checks a message from the webview; throws a ValidationError saying what is wrong. */
export function parseWebviewMessage(raw: unknown): WebviewMessage {
  if (!isPlainObject(raw) || typeof raw.type !== 'string' || !Object.hasOwn(validators, raw.type)) {
    throw new ValidationError('type', `one of ${Object.keys(validators).join(', ')}`);
  }
  return validators[raw.type as WebviewMessage['type']](raw, '') as WebviewMessage;
}

export function parseViewState(raw: unknown): ViewStateSnapshot | undefined {
  try {
    return viewState(raw, 'state');
  } catch {
    return undefined;
  }
}

export type { RowKey, WireRow, WireValue };
