// When the database drops, the grid must not re-request a failed page on every animation frame (the
// renderer asks for missing pages on each frame): a failed page waits for a retry, which scrolling grants
// after a back-off that grows while failures go on, and Retry / Refresh grant at once. Rows held and the
// pages that arrive after the server is back are kept.
import * as assert from 'node:assert/strict';
import { FIRST_BACKOFF_MS, MAX_BACKOFF_MS, PAGE_SIZE, RowCache } from '../../../webview/grid/rowCache';
import { readFailureText } from '../../../webview/grid/readFailure';

/** What the renderer does each frame: request every missing page of the visible window. */
function frame(cache: RowCache, sent: number[]): void {
  for (const page of cache.missing(0, 30, undefined)) {
    cache.requested(page);
    sent.push(page);
  }
}

describe('Grid row cache after a failed read', () => {
  it('does not ask for a failed page again on the following frames (no request storm)', () => {
    const cache = new RowCache();
    const sent: number[] = [];
    frame(cache, sent);
    cache.failed(0, 1000);
    for (let i = 0; i < 600; i++) frame(cache, sent); // ten seconds of animation frames
    assert.deepEqual(sent, [0]);
    assert.equal(cache.failing, true);
  });

  it('scrolling retries only after a back-off that doubles while failures go on, up to a limit', () => {
    const cache = new RowCache();
    const sent: number[] = [];
    let now = 0;
    frame(cache, sent);
    cache.failed(0, now);
    assert.equal(cache.retry(now + FIRST_BACKOFF_MS - 1), false, 'too soon');
    now += FIRST_BACKOFF_MS;
    assert.equal(cache.retry(now), true);
    frame(cache, sent);
    cache.failed(0, now);
    assert.equal(cache.retry(now + FIRST_BACKOFF_MS), false, 'the second wait is longer');
    assert.equal(cache.retry(now + 2 * FIRST_BACKOFF_MS), true);
    for (let i = 0; i < 20; i++) {
      frame(cache, sent);
      cache.failed(0, now);
      cache.retry(now, true);
    }
    frame(cache, sent);
    cache.failed(0, now);
    assert.equal(cache.retry(now + MAX_BACKOFF_MS - 1), false);
    assert.equal(cache.retry(now + MAX_BACKOFF_MS), true, 'never waits longer than the limit');
  });

  it('Retry asks at once; a page that arrives resets the back-off and keeps what was held', () => {
    const cache = new RowCache();
    const sent: number[] = [];
    cache.received(PAGE_SIZE, [{ id: 101 }], 0);
    frame(cache, sent);
    cache.failed(0, 5000);
    assert.equal(cache.retry(5000, true), true);
    frame(cache, sent);
    assert.deepEqual(sent, [0, 0]);
    cache.received(0, [{ id: 1 }], 0);
    assert.equal(cache.failing, false);
    assert.deepEqual(cache.row(0), { id: 1 });
    assert.deepEqual(cache.row(PAGE_SIZE), { id: 101 });
    cache.failed(0, 9000);
    assert.equal(cache.retry(9000 + FIRST_BACKOFF_MS), true, 'back to the first back-off');
  });

  it('Refresh (a new view) asks for the pages again', () => {
    const cache = new RowCache();
    const sent: number[] = [];
    frame(cache, sent);
    cache.failed(0, 0);
    cache.reset();
    frame(cache, sent);
    assert.deepEqual(sent, [0, 0]);
  });

  it('says in words that the connection was lost, and that pending edits are kept', () => {
    assert.equal(
      readFailureText('connect ECONNREFUSED 127.0.0.1:5432'),
      'Connection lost: the database did not answer (connect ECONNREFUSED 127.0.0.1:5432). Your pending edits are kept.',
    );
    assert.match(readFailureText('Query read timeout'), /^Connection lost/);
    assert.equal(
      readFailureText('User has no column "nope".'),
      'Could not read rows: User has no column "nope". Your pending edits are kept.',
    );
  });
});
