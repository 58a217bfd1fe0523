// The rows the grid may draw before the host's count comes back: those held from the first one, no gap.
import * as assert from 'node:assert/strict';
import { PAGE_SIZE, RowCache } from '../../../webview/grid/rowCache';

const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

describe('grid row cache: rows known from the start', () => {
  it('is 0 before the first page arrives, even when a later page is there', () => {
    const cache = new RowCache();
    assert.equal(cache.knownPrefix(), 0);
    cache.received(PAGE_SIZE * 3, rows(PAGE_SIZE, PAGE_SIZE * 3), 3);
    assert.equal(cache.knownPrefix(), 0);
  });

  it('counts full pages from the first until a gap', () => {
    const cache = new RowCache();
    cache.received(0, rows(PAGE_SIZE), 0);
    cache.received(PAGE_SIZE, rows(PAGE_SIZE, PAGE_SIZE), 0);
    cache.received(PAGE_SIZE * 3, rows(PAGE_SIZE, PAGE_SIZE * 3), 0);
    assert.equal(cache.knownPrefix(), PAGE_SIZE * 2);
  });

  it('is exact when a page is short (the end of the rows), and 0 for an empty result', () => {
    const cache = new RowCache();
    cache.received(0, rows(PAGE_SIZE), 0);
    cache.received(PAGE_SIZE, rows(7, PAGE_SIZE), 0);
    assert.equal(cache.knownPrefix(), PAGE_SIZE + 7);
    cache.reset();
    cache.received(0, [], 0);
    assert.equal(cache.knownPrefix(), 0);
  });
});
