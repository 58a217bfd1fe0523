// The webview's state logic, in plain Node: virtual window, page cache, pending changes.
import * as assert from 'node:assert/strict';
import { PendingChanges } from '../../../webview/grid/pending';
import { PAGE_SIZE, RowCache } from '../../../webview/grid/rowCache';
import { MAX_SCROLL_PX, scrollTopForRow, visibleWindow } from '../../../webview/grid/virtual';
import type { ModelMeta } from '../../../src/shared/protocol/model';

describe('grid: virtual window', () => {
  it('renders only the rows in view (plus overscan)', () => {
    const w = visibleWindow(240, 480, 24, 1000, 5);
    assert.equal(w.first, 5);
    assert.equal(w.count, 21 + 10);
    assert.equal(w.contentHeight, 24_000);
    assert.equal(w.offset, 120);
  });

  it('scales a million rows into the browser height limit and reaches the last row', () => {
    const rows = 1_000_000;
    const end = visibleWindow(MAX_SCROLL_PX, 600, 24, rows, 0);
    assert.equal(end.contentHeight, MAX_SCROLL_PX);
    assert.ok(end.first + end.count >= rows - 1, `last rows rendered (${end.first}+${end.count})`);
    const top = scrollTopForRow(900_000, 600, 24, rows);
    const at = visibleWindow(top, 600, 24, rows, 0);
    assert.ok(Math.abs(at.first - 900_000) <= 1, `row 900000 at the top, got ${at.first}`);
  });
});

describe('grid: row cache', () => {
  it('asks only for missing pages, once, and forgets far pages', () => {
    const cache = new RowCache(3);
    assert.deepEqual(cache.missing(0, 150, 1000), [0, 1]);
    cache.requested(0);
    assert.deepEqual(cache.missing(0, 150, 1000), [1]);
    cache.received(0, [{ id: 1 }], 0);
    assert.equal(cache.row(0)?.id, 1);
    assert.deepEqual(cache.missing(950, 100, 1000), [9]);
    for (const p of [1, 2, 3, 4]) cache.received(p * PAGE_SIZE, [{ id: p }], 4);
    assert.equal(cache.size, 3);
    assert.equal(cache.row(0), undefined, 'the farthest page was dropped');
    cache.reset();
    assert.equal(cache.row(400), undefined);
  });
});

describe('grid: pending changes', () => {
  const model: ModelMeta = { name: 'User', primaryKey: ['id'], backRelations: [], columns: [] };
  it('keeps edits with the row as read, undoes, and builds the save request', () => {
    const p = new PendingChanges(model);
    const row = { id: 1, name: 'Ada', '@count.posts': 3 };
    p.edit(row, 'name', 'Ada L.');
    assert.equal(p.value(row, 'name'), 'Ada L.');
    assert.ok(p.isEdited(row, 'name'));
    p.insert({ name: 'New' });
    p.toggleDelete({ id: 2, name: 'Bob' });
    assert.equal(p.count, 3);
    assert.deepEqual(p.toRequest(), {
      updates: [{ key: { id: 1 }, original: { id: 1, name: 'Ada' }, changes: { name: 'Ada L.' } }],
      inserts: [{ name: 'New' }],
      deletes: [{ key: { id: 2 }, original: { id: 2, name: 'Bob' } }],
    });
    p.undo();
    p.undo();
    p.undo();
    assert.equal(p.count, 0);
    assert.equal(p.value(row, 'name'), 'Ada');
  });

  it('editing back to the original value is no change', () => {
    const p = new PendingChanges(model);
    const row = { id: 1, name: 'Ada' };
    p.edit(row, 'name', 'x');
    p.edit(row, 'name', 'Ada');
    assert.equal(p.count, 0);
  });
});
