// The grid's memory of recent views' totals: a view shown again gets its total at once.
import assert from 'node:assert/strict';
import { RecentTotals } from '../../../webview/grid/recentTotals';

describe('grid: recent totals', () => {
  it('gives back the total of a view seen lately, the newest first kept, the oldest dropped', () => {
    const t = new RecentTotals(2);
    t.set('all', 1_000_000, false);
    t.set('search:a', 11, false);
    assert.deepEqual(t.get('all'), { total: 1_000_000, estimated: false });
    t.set('all', 1_000_001, true); // seen again: now the newest
    t.set('search:b', 3, false); // drops search:a, the oldest
    assert.equal(t.get('search:a'), undefined);
    assert.deepEqual(t.get('all'), { total: 1_000_001, estimated: true });
    assert.deepEqual(t.get('search:b'), { total: 3, estimated: false });
  });

  it('forgets everything after a save or a reload', () => {
    const t = new RecentTotals();
    t.set('all', 5, false);
    t.clear();
    assert.equal(t.get('all'), undefined);
  });
});
