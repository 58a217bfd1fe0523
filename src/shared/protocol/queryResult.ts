// A SQL cell's result as the notebook output carries it (mime QUERY_RESULT_MIME) and the renderer reads it:
// columns, the first rows (capped), how many there were, how long it took. Values are the grid's wire values.
import type { ScalarType, WireValue } from './model';

/** The mime type of a result in a notebook output, drawn by dist/webview/notebookRenderer.js. */
export const QUERY_RESULT_MIME = 'application/vnd.prisma-workbench.query-result+json';
/** Rows a result holds by default (one page); a read-only run stops reading after them and one more. */
export const DEFAULT_MAX_ROWS = 1000;

export interface ResultColumn {
  name: string;
  type: ScalarType;
}

/** One SQL statement a Prisma Client cell's code produced (from the client's query events), in the order run. */
export interface StatementRun {
  query: string;
  /** The bound parameters as the client reports them (JSON text). */
  params: string;
  durationMs: number;
}

export interface QueryResult {
  columns: ResultColumn[];
  /** The first `maxRows` rows, each in column order. */
  rows: WireValue[][];
  /**
   * Rows the statement returned (all of them, also those not kept), or, when `moreRows` is set, the rows
   * up to the last one kept (there are more, how many is not known).
   */
  rowCount: number;
  /** More rows came back than were kept. */
  truncated: boolean;
  /**
   * The run stopped reading after the kept rows and one more (a read-only cell reads one page, not the
   * whole result): there are rows after these, not counted. "Load more" reads on.
   */
  moreRows?: boolean;
  /** The index of the first kept row, when rows before it were skipped (a later page). */
  offset?: number;
  /**
   * Set by the host on a read-only result it can page: the renderer asks for later rows with it (the
   * statement is run again, read-only). Absent for writing cells: they never run twice.
   */
  resultId?: string;
  /** Rows a write changed (UPDATE / INSERT / DELETE), when the driver says. */
  affectedRows?: number;
  durationMs: number;
  /** How the cell ran: `read-only` (rolled back) or `writes` (committed). */
  mode: 'read-only' | 'writes';
  /** A Prisma Client cell: the SQL its code produced, so that it can be read (and explained). */
  statements?: StatementRun[];
  /** What the rows alone do not say (a Prisma Client cell's value was null, or one record). */
  note?: string;
}

const count = (n: number) => n.toLocaleString('en-US');

/** "3 rows in 12 ms (read-only, rolled back)", "1,000+ rows (the first 1,000 shown; more available) in 9 ms (…)". */
export function summary(r: QueryResult): string {
  const rows = r.moreRows ? `${count(r.rowCount)}+ rows` : `${r.rowCount} row${r.rowCount === 1 ? '' : 's'}`;
  const kept = !r.truncated
    ? ''
    : r.moreRows
      ? ` (the first ${count(r.rows.length)} shown; more available)`
      : ` (the first ${r.rows.length} shown)`;
  const affected = r.affectedRows !== undefined && r.columns.length === 0 ? `${r.affectedRows} row(s) changed` : rows;
  const mode = r.mode === 'read-only' ? 'read-only, rolled back' : 'committed';
  const note = r.note ? `. ${r.note}` : '';
  return `${r.columns.length === 0 ? affected : rows + kept} in ${Math.round(r.durationMs)} ms (${mode})${note}`;
}

/** The renderer asks the host for more rows of a paged result (renderer messaging). */
export interface LoadRowsRequest {
  type: 'loadRows';
  requestId: number;
  resultId: string;
  offset: number;
  limit: number;
}

/** The host's answer: the rows from `offset` (a QueryResult whose `offset` is set), or why there are none. */
export type LoadRowsReply =
  | { type: 'rows'; requestId: number; resultId: string; result: QueryResult }
  | { type: 'rowsFailed'; requestId: number; resultId: string; message: string };

/** Validates what a renderer sent (the host trusts nothing from it). */
export function isLoadRowsRequest(v: unknown): v is LoadRowsRequest {
  const m = v as LoadRowsRequest;
  return (
    typeof v === 'object' &&
    v !== null &&
    m.type === 'loadRows' &&
    Number.isSafeInteger(m.requestId) &&
    typeof m.resultId === 'string' &&
    m.resultId.length <= 100 &&
    Number.isSafeInteger(m.offset) &&
    m.offset >= 0 &&
    Number.isSafeInteger(m.limit) &&
    m.limit > 0 &&
    m.limit <= 10_000
  );
}

/**
 * The renderer asks the host to explain one statement a Prisma Client cell ran (listed under its result). The
 * host explains it only if a cell of that notebook lists this very statement with these parameters.
 */
export interface ExplainStatementRequest {
  type: 'explainStatement';
  query: string;
  /** The parameters as the statement's entry holds them (JSON text). */
  params: string;
}

export function isExplainStatementRequest(v: unknown): v is ExplainStatementRequest {
  const m = v as ExplainStatementRequest;
  return (
    typeof v === 'object' &&
    v !== null &&
    m.type === 'explainStatement' &&
    typeof m.query === 'string' &&
    m.query.length <= 1_000_000 &&
    typeof m.params === 'string' &&
    m.params.length <= 1_000_000
  );
}
