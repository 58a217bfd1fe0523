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

export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 8): Window {
  const natural = rowCount * rowHeight;
  const contentHeight = Math.min(natural, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, contentHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  // fraction of the way through the scrollable range -> the same fraction through the rows
  const firstExact = maxScroll > 0 && natural > contentHeight ? (top / maxScroll) * Math.max(0, rowCount - viewportHeight / rowHeight) : top / rowHeight;
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
