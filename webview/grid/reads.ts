// Reading rows and totals from the host: a view change resets the cache, pages are asked for as they come
// into view, totals are remembered per view, and a failed read is retried after a back-off or with Retry.
import type { HostMessage, ViewQuery } from '../../src/shared/protocol/messages';
import type { WireRow } from '../../src/shared/protocol/model';
import { button, cache, g, newRequest, requests, ROW_HEIGHT, send } from './context';
import { renderHeader } from './header';
import { setStatus, status, viewport } from './layout';
import { readFailureText } from './readFailure';
import { RecentTotals } from './recentTotals';
import { PAGE_SIZE } from './rowCache';
import { render } from './rows';
import { persist, persistSoon } from './viewState';
import { visibleWindow } from './virtual';

export function countExactly(): void {
  if (!g.st) return;
  const requestId = newRequest('count');
  g.counting = true;
  render();
  send({ type: 'count', requestId, query: sentQuery(), exact: true });
}

let lastCountKey = '';
export const recentTotals = new RecentTotals();
let knownTotal: number | undefined;
let knownEstimated = false;

/** `fresh`: the page's first view (not scrolled yet; the host knows it: its state is kept a moment later). */
export function queryChanged(
  first?: { rows: WireRow[]; total?: number; estimated?: boolean },
  recount = false,
  fresh = false,
): void {
  if (!g.st) return;
  cache.reset();
  countFailed = false;
  g.st.total = undefined;
  g.st.totalEstimated = false;
  g.counting = false;
  g.st.conflicts.clear();
  g.st.cellErrors.clear();
  // a sort change keeps the total: only filters, search and the soft-delete toggle change it
  const countKey = JSON.stringify([
    sentQuery().filters,
    g.st.query.combinator,
    g.st.query.search,
    g.st.query.showDeleted,
  ]);
  if (first) {
    cache.received(0, first.rows, 0);
    if (first.total !== undefined) {
      g.st.total = first.total;
      g.st.totalEstimated = first.estimated === true;
    } else {
      requestCount(); // a big SQLite table: the rows are drawn first, then counted
    }
  } else if (countKey === lastCountKey && knownTotal !== undefined && !recount) {
    g.st.total = knownTotal;
    g.st.totalEstimated = knownEstimated;
  } else {
    if (recount) recentTotals.clear(); // a reload or a save: every count may be stale
    // a view shown lately (a search cleared): its total at once, checked by the count below
    const remembered = recentTotals.get(countKey);
    if (remembered) {
      g.st.total = remembered.total;
      g.st.totalEstimated = remembered.estimated;
    }
    // the first page before the count: rows show without waiting for a count that scans the table
    // (on SQLite's one connection the page would queue behind it)
    ensureRows(0, 1);
    requestCount();
  }
  lastCountKey = countKey;
  knownTotal = g.st.total;
  knownEstimated = g.st.totalEstimated;
  if (g.st.total !== undefined) recentTotals.set(countKey, g.st.total, g.st.totalEstimated);
  if (!fresh) viewport.scrollTop = 0;
  renderHeader();
  if (fresh) persistSoon();
  else persist();
  render();
}

/** Asks the host for the current view's total (only complete filters go to the host). */
/** A read (rows or count) failed: what happened, and a Retry button. */
let readFailureShown = false;
/** The count failed: asked again with the next retry. */
let countFailed = false;
export function showReadFailure(message: string): void {
  readFailureShown = true;
  setStatus(readFailureText(message), 'error');
  status.append(
    ' ',
    button('Retry', 'refresh', 'Read the rows again', () => retryReads(true), 'retry'),
  );
}

/** Asks again for what failed: at once when `force`d (Retry), else (scrolling) once the back-off has passed. */
export function retryReads(force: boolean): void {
  if (!g.st || (!cache.failing && !countFailed)) return;
  const released = cache.retry(performance.now(), force);
  if (countFailed && (released || force)) {
    countFailed = false;
    requestCount();
  }
  if (released || force) {
    setStatus('Retrying…');
    render();
  }
}

export function requestCount(): void {
  const requestId = newRequest('count');
  send({ type: 'count', requestId, query: sentQuery() });
}

export function sentQuery(): ViewQuery {
  const q = g.st!.query;
  const complete = q.filters.filter(
    (f) =>
      f.op === 'isNull' ||
      f.op === 'notNull' ||
      (f.op === 'in'
        ? (f.values?.length ?? 0) > 0
        : f.op === 'between'
          ? (f.values ?? []).some((v) => v !== null && v !== '')
          : f.value !== undefined && f.value !== ''),
  );
  return { ...q, filters: complete };
}

export function ensureRows(first: number, count: number): void {
  if (!g.st) return;
  for (const page of cache.missing(first, count, g.st.total)) {
    cache.requested(page);
    const requestId = newRequest('rows', page * PAGE_SIZE);
    send({ type: 'fetch', requestId, query: sentQuery(), start: page * PAGE_SIZE, count: PAGE_SIZE });
  }
}

/** The answer to a count: the view's total, remembered for this view. */
export function onCountRead(m: Extract<HostMessage, { type: 'count' }>): void {
  const r = requests.get(m.requestId);
  requests.delete(m.requestId);
  if (!g.st || !r || r.generation !== cache.generation) return;
  g.st.total = m.total;
  g.st.totalEstimated = m.estimated === true;
  g.counting = false;
  knownTotal = m.total;
  knownEstimated = g.st.totalEstimated;
  recentTotals.set(lastCountKey, m.total, g.st.totalEstimated);
  render();
}

/** A page of rows: into the cache; an estimated total is corrected by what the rows show. */
export function onRowsRead(m: Extract<HostMessage, { type: 'rows' }>): void {
  const r = requests.get(m.requestId);
  requests.delete(m.requestId);
  if (!g.st || !r || r.generation !== cache.generation) return;
  const first = visibleWindow(viewport.scrollTop, viewport.clientHeight, ROW_HEIGHT, g.st.total ?? 0).first;
  cache.received(m.start, m.rows, Math.floor(first / PAGE_SIZE));
  if (g.st.totalEstimated && g.st.total !== undefined) {
    // an estimate is corrected by the rows themselves: a short page is the end, a full one past the estimate goes on
    if (m.rows.length < PAGE_SIZE && m.start + m.rows.length !== g.st.total) {
      g.st.total = m.start + m.rows.length;
      knownTotal = g.st.total;
    } else if (m.rows.length === PAGE_SIZE && m.start + PAGE_SIZE >= g.st.total) {
      g.st.total = m.start + PAGE_SIZE + 1;
      knownTotal = g.st.total;
    }
  }
  document.body.dataset.lastFetchMs = String(m.ms);
  if (readFailureShown && !cache.failing) {
    readFailureShown = false;
    setStatus('');
  }
  render();
}

/**
 * An error answering request `requestId`. True when it was a read (shown with Retry) or an answer for a
 * view no longer shown (dropped); false when the caller shows it (a save's error, or no such request).
 */
export function onReadFailed(requestId: number, message: string): boolean {
  const r = requests.get(requestId);
  requests.delete(requestId);
  // an answer to a request of a view (or a model) no longer shown
  if (!r || (r.kind !== 'save' && r.generation !== cache.generation)) return true;
  if (r.kind === 'save') return false;
  if (r.kind === 'count' && g.st) {
    g.st.total ??= 0;
    g.counting = false;
    countFailed = true;
  }
  if (r.kind === 'rows' && r.start !== undefined) cache.failed(r.start, performance.now());
  showReadFailure(message);
  render();
  return true;
}
