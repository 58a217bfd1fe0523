// The relation picker's list, without the DOM: the rows read so far for the current search, the cursor
// of the next page, the highlighted row, and which answer from the host is the one waited for (an answer
// to an older search, or a second "more" while one is on its way, is dropped).
import type { WireRow } from '../../src/shared/protocol/model';
import type { RelatedRow } from '../../src/shared/protocol/relations';

export class PickerList {
  rows: RelatedRow[] = [];
  /** The cursor of the next page; undefined: no more rows (or none read yet). */
  next: WireRow | undefined;
  active = 0;
  search = '';
  /** The request whose answer is awaited. */
  waiting: number | undefined;
  /** The first page of the current search has come. */
  loaded = false;

  /** A new search (or the first read): the list empties and waits for `requestId`. */
  begin(search: string, requestId: number): void {
    this.search = search;
    this.rows = [];
    this.next = undefined;
    this.active = 0;
    this.loaded = false;
    this.waiting = requestId;
  }

  /** The cursor to ask the next page after, or undefined when there is none or a read is on its way. */
  moreAfter(): WireRow | undefined {
    return this.waiting === undefined ? this.next : undefined;
  }

  /** Asks the next page with `requestId`. */
  asked(requestId: number): void {
    this.waiting = requestId;
  }

  /**
   * A page from the host; false (and nothing changes) when it answers a request no longer awaited.
   * `partial`: more rows follow for the same request (a search's exact matches, sent first).
   */
  received(requestId: number, rows: RelatedRow[], next: WireRow | undefined, partial = false): boolean {
    if (requestId !== this.waiting) return false;
    if (!partial) this.waiting = undefined;
    this.loaded = true;
    this.rows.push(...rows);
    this.next = next;
    return true;
  }

  /** The awaited request failed: nothing more is awaited. */
  failed(requestId: number): boolean {
    if (requestId !== this.waiting) return false;
    this.waiting = undefined;
    return true;
  }

  move(delta: number): void {
    if (this.rows.length === 0) return;
    this.active = Math.max(0, Math.min(this.rows.length - 1, this.active + delta));
  }

  chosen(): RelatedRow | undefined {
    return this.rows[this.active];
  }
}
