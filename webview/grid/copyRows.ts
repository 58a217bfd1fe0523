// Copying a range with rows the grid has not loaded (Ctrl/Cmd+A over a big table, a long Shift+click):
// the rows are read from the host in pages of the same view (the data session, as scrolling reads them),
// up to COPY_ROW_CAP rows, and the text goes to the clipboard when the last page is in. The copy event
// itself cannot wait for them: it is left to the async clipboard.
import type { HostMessage, WireRow } from '../../src/shared/protocol/messages';
import { cache, g, newRequest, requests, send } from './context';
import { sentQuery } from './reads';

/** At most this many rows go to the clipboard in one copy (the words say so, and point at Export). */
export const COPY_ROW_CAP = 100_000;
/** Rows per read (the protocol's largest fetch). */
const BATCH = 5000;

interface Job {
  top: number;
  pages: Map<number, WireRow[]>;
  waiting: Set<number>;
  generation: number;
  done(rows: WireRow[]): void;
  failed(message: string): void;
}
let job: Job | undefined;

/**
 * Reads shown rows `top`..`bottom` (capped at COPY_ROW_CAP) from the host; `done` gets them in order.
 * A copy started while another reads replaces it.
 */
export function readRowsForCopy(
  top: number,
  bottom: number,
  done: (rows: WireRow[]) => void,
  failed: (message: string) => void,
): void {
  if (job) for (const id of job.waiting) requests.delete(id);
  const last = Math.min(bottom, top + COPY_ROW_CAP - 1);
  const waiting = new Set<number>();
  const query = sentQuery();
  for (let start = top; start <= last; start += BATCH) {
    const requestId = newRequest('copy', start);
    waiting.add(requestId);
    send({ type: 'fetch', requestId, query, start, count: Math.min(BATCH, last - start + 1) });
  }
  job = { top, pages: new Map(), waiting, generation: cache.generation, done, failed };
}

/** A page of rows for the copy under way: true when it was one (the grid's cache does not take it). */
export function onCopyRows(m: Extract<HostMessage, { type: 'rows' }>): boolean {
  if (!job?.waiting.has(m.requestId)) return false;
  requests.delete(m.requestId);
  const j = job;
  j.waiting.delete(m.requestId);
  if (j.generation !== cache.generation) {
    finish(j, () => j.failed('The view changed while its rows were read: copy again.'));
    return true;
  }
  j.pages.set(m.start, m.rows);
  if (j.waiting.size === 0)
    finish(j, () => j.done([...j.pages.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, rows]) => rows)));
  return true;
}

/** A failed read of the copy under way: true when it was one. */
export function onCopyFailed(requestId: number, message: string): boolean {
  if (!job?.waiting.has(requestId)) return false;
  requests.delete(requestId);
  const j = job;
  finish(j, () => j.failed(message));
  return true;
}

function finish(j: Job, then: () => void): void {
  for (const id of j.waiting) requests.delete(id);
  if (job === j) job = undefined;
  then();
}

/** The copy's rows count as the grid's: `g.pending` shows staged values over them. */
export const copyValue = (row: WireRow, column: string) =>
  g.pending ? g.pending.value(row, column) : (row[column] ?? null);
