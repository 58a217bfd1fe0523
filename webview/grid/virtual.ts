// Row virtualisation for fixed-height rows, with scroll scaling: browsers cap an element's height
// (≈ 16.7 M px in Firefox, 33.5 M in Chromium), so past MAX_SCROLL_PX the scrollbar maps onto rows
// proportionally. A million rows × 24 px = 24 M px would otherwise be cut off.
export const MAX_SCROLL_PX = 8_000_000;

export interface Window {
  /** Height to give the scroll content. */
  contentHeight: number;
  /** First row index to render, and how many. */
  first: number;
  count: number;
  /** Where (in content px) to place the first rendered row. */
  offset: number;
}

export function visibleWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 8,
): Window {
  const natural = rowCount * rowHeight;
  const contentHeight = Math.min(natural, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, contentHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  // fraction of the way through the scrollable range -> the same fraction through the rows
  const firstExact =
    maxScroll > 0 && natural > contentHeight
      ? (top / maxScroll) * Math.max(0, rowCount - viewportHeight / rowHeight)
      : top / rowHeight;
  const firstVisible = Math.max(0, Math.floor(firstExact));
  const first = Math.max(0, firstVisible - overscan);
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const count = Math.max(0, Math.min(rowCount - first, visible + overscan * 2));
  // pin the first visible row at the top of the viewport (minus its fractional part)
  const offset = top - (firstExact - first) * rowHeight;
  return { contentHeight, first, count, offset: Math.max(0, offset) };
}

/** The scrollTop that shows `row` at the top. */
export function scrollTopForRow(row: number, viewportHeight: number, rowHeight: number, rowCount: number): number {
  const natural = rowCount * rowHeight;
  const contentHeight = Math.min(natural, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, contentHeight - viewportHeight);
  if (natural <= contentHeight) return Math.min(row * rowHeight, maxScroll);
  const rows = Math.max(1, rowCount - viewportHeight / rowHeight);
  return Math.min(maxScroll, (row / rows) * maxScroll);
}

/** The columns to draw for a sideways scroll position: the pinned ones always, the others in `[from, to)`. */
export interface ColumnSpan {
  from: number;
  to: number;
  /** Width of the unpinned columns left out before `from` / after `to` (spacers keep the rest in place). */
  before: number;
  after: number;
}

/**
 * Column virtualisation: `widths` in display order with the `pinned` ones first, `leading` the row header's
 * width. Draws what the viewport shows plus `overscan` px on each side, so a wide model (hundreds of
 * fields) costs what fits on screen.
 */
export function visibleColumns(
  widths: readonly number[],
  pinned: number,
  scrollLeft: number,
  viewportWidth: number,
  leading: number,
  overscan = viewportWidth,
): ColumnSpan {
  const lo = scrollLeft - overscan;
  const hi = scrollLeft + viewportWidth + overscan;
  let x = leading;
  for (let i = 0; i < pinned; i++) x += widths[i];
  let from = widths.length;
  let to = pinned;
  let before = 0;
  let after = 0;
  for (let i = pinned; i < widths.length; i++) {
    const w = widths[i];
    if (x + w <= lo) before += w;
    else if (x >= hi) after += w;
    else {
      from = Math.min(from, i);
      to = i + 1;
    }
    x += w;
  }
  if (from > to) from = to; // nothing unpinned in view
  return { from, to, before, after };
}

/** Where the grid should scroll sideways so column `index` is in view beside the pinned ones (unchanged if it is). */
export function scrollLeftForColumn(
  widths: readonly number[],
  pinned: number,
  index: number,
  scrollLeft: number,
  viewportWidth: number,
  leading: number,
): number {
  if (index < pinned) return scrollLeft;
  let pinnedWidth = leading;
  for (let i = 0; i < pinned; i++) pinnedWidth += widths[i];
  let x = leading;
  for (let i = 0; i < index; i++) x += widths[i];
  const w = widths[index];
  if (x - pinnedWidth < scrollLeft) return Math.max(0, x - pinnedWidth);
  if (x + w > scrollLeft + viewportWidth) return x + w - viewportWidth;
  return scrollLeft;
}
