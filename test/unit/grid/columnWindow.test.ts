// Column virtualisation: which columns a sideways scroll position draws, and the spacers that keep the
// rest in place; where a keyboard move scrolls to.
import assert from 'node:assert/strict';
import { scrollLeftForColumn, visibleColumns } from '../../../webview/grid/virtual';

describe('grid: column window', () => {
  const widths = Array.from({ length: 300 }, () => 100); // 300 columns of 100 px, row header 64 px

  it('draws what the viewport shows plus the overscan, and spacers for the rest', () => {
    const span = visibleColumns(widths, 0, 0, 1000, 64, 200);
    // x of column i = 64 + 100 i; shown while x < 1200
    assert.deepEqual(span, { from: 0, to: 12, before: 0, after: 288 * 100 });
    const far = visibleColumns(widths, 0, 15_000, 1000, 64, 200);
    assert.equal(far.from, 147); // column 147 ends at 14864 > 14800, column 146 at 14764
    assert.equal(far.to, 162); // column 161 starts at 16164 < 16200, column 162 at 16264
    assert.equal(far.before, far.from * 100);
    assert.equal(
      far.before + (far.to - far.from) * 100 + far.after,
      300 * 100,
      'the spacers and the drawn columns add up to the full width',
    );
  });

  it('always draws the pinned columns, and windows only the others', () => {
    const span = visibleColumns(widths, 2, 10_000, 800, 64, 0);
    assert.ok(span.from >= 2);
    assert.equal(span.before, (span.from - 2) * 100);
    assert.equal(span.before + (span.to - span.from) * 100 + span.after, 298 * 100);
  });

  it('a model narrower than the viewport is drawn whole', () => {
    assert.deepEqual(visibleColumns([100, 180, 200], 0, 0, 1200, 64), { from: 0, to: 3, before: 0, after: 0 });
    assert.deepEqual(visibleColumns([100, 180], 2, 0, 1200, 64), { from: 2, to: 2, before: 0, after: 0 });
  });

  it('scrolls a column into view beside the pinned ones, and not when it is in view', () => {
    assert.equal(scrollLeftForColumn(widths, 0, 5, 0, 1000, 64), 0);
    assert.equal(scrollLeftForColumn(widths, 0, 20, 0, 1000, 64), 64 + 2100 - 1000);
    // pinned 2 (264 px with the row header): going back left stops right of them
    assert.equal(scrollLeftForColumn(widths, 2, 10, 5000, 1000, 64), 64 + 1000 - 264);
    assert.equal(scrollLeftForColumn(widths, 2, 1, 5000, 1000, 64), 5000, 'a pinned column is always in view');
  });
});
