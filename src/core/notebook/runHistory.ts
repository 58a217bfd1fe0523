// The last runs of a notebook's SQL cells (newest first): what ran, when, how long, how many rows, or why it
// failed. Kept per notebook by the host (workspace state); shown in the History view and picker to run again.

export interface HistoryEntry {
  /** The cell's text: a SQL statement, or Prisma Client code. */
  sql: string;
  /** The cell's language (`sql`, `prisma-client`, `typescript`…); entries written before it was kept are SQL. */
  language?: string;
  /** When the run started (ms since the epoch). */
  at: number;
  durationMs: number;
  ok: boolean;
  mode: 'read-only' | 'writes';
  rows?: number;
  /** The run stopped after its first page: `rows` is a lower bound ("1000+ rows"). */
  moreRows?: boolean;
  affectedRows?: number;
  /** The first line of the error, for a failed run. */
  error?: string;
  /** A TypedSQL query's run: its file and the values bound to its parameters, bound again on a rerun. */
  typedSql?: TypedSqlRun;
}

/** The `.sql` file a TypedSQL cell came from (a URI string) and one text per parameter, as the user typed it. */
export interface TypedSqlRun {
  file: string;
  values: string[];
}

export function isTypedSqlRun(v: unknown): v is TypedSqlRun {
  if (typeof v !== 'object' || v === null) return false;
  const { file, values } = v as { file?: unknown; values?: unknown };
  return typeof file === 'string' && Array.isArray(values) && values.every((x) => typeof x === 'string');
}

export const HISTORY_MAX = 50;

export function addEntry(list: readonly HistoryEntry[], entry: HistoryEntry, max = HISTORY_MAX): HistoryEntry[] {
  return [entry, ...list].slice(0, max);
}

/** Whether a stored value is a history list (workspace state may hold anything an older version wrote). */
export function isHistory(v: unknown): v is HistoryEntry[] {
  return (
    Array.isArray(v) &&
    v.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as HistoryEntry).sql === 'string' &&
        typeof (e as HistoryEntry).at === 'number' &&
        typeof (e as HistoryEntry).durationMs === 'number' &&
        ((e as HistoryEntry).language === undefined || typeof (e as HistoryEntry).language === 'string') &&
        ((e as HistoryEntry).typedSql === undefined || isTypedSqlRun((e as HistoryEntry).typedSql)),
    )
  );
}

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/**
 * The cell a run of the entry adds: its text and language, marked as writing if the run it came from was;
 * a TypedSQL query's cell with the values its run bound.
 */
export function cellOf(e: HistoryEntry): { source: string; language: string; writes: boolean; typedSql?: TypedSqlRun } {
  return {
    source: e.sql,
    language: e.language ?? 'sql',
    writes: e.mode === 'writes',
    ...(e.typedSql ? { typedSql: e.typedSql } : {}),
  };
}

/** label: the statement on one line; description: when, how long, rows; detail: the error or the mode. */
export function describeEntry(e: HistoryEntry, now: number): { label: string; description: string; detail: string } {
  const oneLine = e.sql.replace(/\s+/g, ' ').trim();
  const label = oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine;
  const what = !e.ok
    ? 'failed'
    : e.affectedRows !== undefined
      ? `${e.affectedRows} row(s) changed`
      : e.moreRows
        ? `${e.rows ?? 0}+ rows`
        : `${e.rows ?? 0} row${e.rows === 1 ? '' : 's'}`;
  return {
    label,
    description: `${ago(now - e.at)} · ${Math.round(e.durationMs)} ms · ${what}`,
    detail: e.ok ? (e.mode === 'writes' ? 'writing, committed' : 'read-only, rolled back') : (e.error ?? 'failed'),
  };
}
