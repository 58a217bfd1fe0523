// The selected range of cells: an anchor (where a drag, a Shift+click or Shift+arrows started) and the
// active cell (the grid's focus). No anchor is a single cell. Row and column indexes are the shown ones.

export interface CellPos {
  row: number;
  col: number;
}

/** Inclusive bounds. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rangeOf(focus: CellPos, anchor?: CellPos): CellRange {
  const a = anchor ?? focus;
  return {
    top: Math.min(a.row, focus.row),
    bottom: Math.max(a.row, focus.row),
    left: Math.min(a.col, focus.col),
    right: Math.max(a.col, focus.col),
  };
}

export function inRange(r: CellRange, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function rangeSize(r: CellRange): { rows: number; cols: number; cells: number } {
  const rows = r.bottom - r.top + 1;
  const cols = r.right - r.left + 1;
  return { rows, cols, cells: rows * cols };
}

/** Every cell of a table of `rows` × `cols` (Ctrl/Cmd+A): the anchor at the top left, the focus kept in it. */
export function selectAll(rows: number, cols: number): { anchor: CellPos; focus: CellPos } {
  return { anchor: { row: 0, col: 0 }, focus: { row: Math.max(0, rows - 1), col: Math.max(0, cols - 1) } };
}

/** Moving the active cell: with Shift the anchor stays (set where the focus was); without, the range collapses. */
export function moveSelection(
  focus: CellPos,
  anchor: CellPos | undefined,
  to: CellPos,
  extend: boolean,
): { anchor: CellPos | undefined; focus: CellPos } {
  return extend ? { anchor: anchor ?? focus, focus: to } : { anchor: undefined, focus: to };
}
