// The webview's window onto the host's rows: pages of PAGE_SIZE rows by index, requested when the
// visible range needs them, dropped when far away (the host owns the data; memory stays flat).
// A page whose request failed (the database dropped or hung) is not asked again on the next frame: it
// waits for a retry, which scrolling grants once the back-off has passed (1 s, doubling to 30 s while
// failures go on) and the Retry / Refresh buttons grant at once.
import type { WireRow } from '../../src/shared/protocol/model';

export const PAGE_SIZE = 100;
export const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;

export class RowCache {
  private readonly pages = new Map<number, WireRow[]>();
  private readonly inFlight = new Set<number>();
  /** Pages whose last request failed: not requested again until `retry`. */
  private readonly failedPages = new Set<number>();
  /** Failures in a row (reset by a page that arrives) and when scrolling may retry. */
  private failures = 0;
  private retryAt = 0;
  /** Bumped on every query change: answers for an older generation are ignored. */
  generation = 0;

  constructor(private readonly maxPages = 60) {}

  reset(): void {
    this.pages.clear();
    this.inFlight.clear();
    this.failedPages.clear();
    this.generation++;
  }

  row(index: number): WireRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Page indexes to request for rows [first, first + count), nearest first, none already held or asked. */
  missing(first: number, count: number, total: number | undefined): number[] {
    const last = total === undefined ? first + count - 1 : Math.min(first + count, total) - 1;
    const out: number[] = [];
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(Math.max(first, last) / PAGE_SIZE); p++) {
      if (total !== undefined && p * PAGE_SIZE >= total && p > 0) break;
      if (!this.pages.has(p) && !this.inFlight.has(p) && !this.failedPages.has(p)) out.push(p);
    }
    return out;
  }

  requested(page: number): void {
    this.inFlight.add(page);
  }

  received(start: number, rows: WireRow[], centre: number): void {
    const page = Math.floor(start / PAGE_SIZE);
    this.inFlight.delete(page);
    this.failedPages.delete(page);
    this.failures = 0;
    this.pages.set(page, rows);
    if (this.pages.size > this.maxPages) {
      const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
      for (const p of far.slice(0, this.pages.size - this.maxPages)) this.pages.delete(p);
    }
  }

  /** A page request failed at `now` (ms): it waits for `retry`, later each time failures go on. */
  failed(start: number, now: number): void {
    const page = Math.floor(start / PAGE_SIZE);
    this.inFlight.delete(page);
    this.failedPages.add(page);
    this.failures++;
    this.retryAt = now + Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (this.failures - 1));
  }

  /** Some page could not be read and waits for a retry. */
  get failing(): boolean {
    return this.failedPages.size > 0;
  }

  /**
   * Lets failed pages be requested again: at once when `force`d (Retry, Refresh), else (scrolling) only
   * once the back-off has passed. True when pages were released.
   */
  retry(now: number, force = false): boolean {
    if (this.failedPages.size === 0 || (!force && now < this.retryAt)) return false;
    this.failedPages.clear();
    return true;
  }

  /** Replaces a row's values in place (after a save reread). */
  update(index: number, row: WireRow): void {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    if (page && index % PAGE_SIZE < page.length) page[index % PAGE_SIZE] = row;
  }

  /** How many rows from the first are held without a gap (all of them when the last held page is short). */
  knownPrefix(): number {
    let n = 0;
    for (let p = 0; ; p++) {
      const rows = this.pages.get(p);
      if (!rows) return n;
      n += rows.length;
      if (rows.length < PAGE_SIZE) return n;
    }
  }

  get size(): number {
    return this.pages.size;
  }
}
