// What a paste or a fill down would change, before anything is staged: the cells that get a new value
// (parsed with the grid's own rules, shared/cellText.ts), the ones left as they are, and every refused cell
// with why (the grid is read-only, beyond the last row or column, a row not loaded, a bad value).
import { parseCellText } from '../../src/shared/cellText';
import type { ColumnMeta, WireRow, WireValue } from '../../src/shared/protocol/model';
import { rangeSize, type CellRange } from './selection';

export interface PasteTarget {
  /** The shown columns, in order. */
  columns: ColumnMeta[];
  /** The row at a shown index, when loaded. */
  rowAt(index: number): WireRow | undefined;
  /** How many rows the view has. */
  total: number;
  /** `total` is a count (not an estimate, not only the rows loaded so far): a paste past it adds rows. */
  totalExact?: boolean;
  /** Why nothing may be edited (the grid is read-only), if so. */
  readOnly?: string;
  /** The value a cell shows now (its pending edit, else the row's). */
  cellValue(row: WireRow, column: string): WireValue;
}

export interface PlannedCell {
  row: number;
  col: number;
  column: string;
  value: WireValue;
}

export interface RefusedCell {
  /** 0-based shown row and column; `column` is absent beyond the last column. */
  row: number;
  col: number;
  column?: string;
  reason: string;
}

/** A line of the block pasted past the last row: a new row (an insert) with the cells it gives. */
export interface NewRow {
  /** The shown row index it would have. */
  row: number;
  values: WireRow;
}

export interface PastePlan {
  /** Cells whose value changes. */
  cells: PlannedCell[];
  /** Lines of a paste that ran past the last row: staged as new rows. */
  newRows: NewRow[];
  /** Cells given the value they already have. */
  unchanged: number;
  refused: RefusedCell[];
  /** The area written: the block's size, or the selection when one value fills it. */
  area: CellRange;
}

/**
 * Pasting `block` (rows of cell texts; null = empty unquoted field) with `selection` selected: the block
 * starts at the selection's top left; a single value fills the whole selection, as spreadsheets do.
 */
export function planPaste(block: (string | null)[][], selection: CellRange, target: PasteTarget): PastePlan {
  const height = block.length;
  const width = Math.max(0, ...block.map((r) => r.length));
  const fill = height === 1 && width === 1 && rangeSize(selection).cells > 1;
  const area: CellRange = fill
    ? selection
    : {
        top: selection.top,
        left: selection.left,
        bottom: selection.top + height - 1,
        right: selection.left + width - 1,
      };
  return plan(
    area,
    target,
    (r, c) => {
      const text = fill ? block[0][0] : block[r - area.top]?.[c - area.left];
      return text === undefined ? undefined : { text };
    },
    true,
  );
}

/**
 * Ctrl+D: the top row of the selection copied into the rows below it, column by column; with one row
 * selected, the row above is copied into it (as spreadsheets do).
 */
export function planFillDown(selection: CellRange, target: PasteTarget): PastePlan {
  const sourceRow = selection.top === selection.bottom ? selection.top - 1 : selection.top;
  const area: CellRange = { ...selection, top: sourceRow + 1 };
  if (sourceRow < 0) return { cells: [], newRows: [], unchanged: 0, refused: [], area };
  const source = target.rowAt(sourceRow);
  return plan(area, target, (_r, c) => {
    const column = target.columns[c];
    if (!source || !column) return undefined;
    return { wire: target.cellValue(source, column.name) };
  });
}

type Input = { text: string | null } | { wire: WireValue } | undefined;

/** `addRows`: lines past the last row become new rows (a paste), else they are refused. */
function plan(
  area: CellRange,
  target: PasteTarget,
  input: (row: number, col: number) => Input,
  addRows = false,
): PastePlan {
  const out: PastePlan = { cells: [], newRows: [], unchanged: 0, refused: [], area };
  for (let r = area.top; r <= area.bottom; r++) {
    const added: WireRow | undefined = r >= target.total && addRows && target.totalExact ? {} : undefined;
    for (let c = area.left; c <= area.right; c++) {
      const given = input(r, c);
      if (given === undefined) continue; // a short line of the block: nothing to put there
      const column = target.columns[c];
      const refuse = (reason: string) => out.refused.push({ row: r, col: c, column: column?.name, reason });
      if (!column) {
        refuse('beyond the last column');
        continue;
      }
      if (target.readOnly) {
        refuse(target.readOnly);
        continue;
      }
      if (r >= target.total && !added) {
        refuse(
          addRows && target.totalExact === false
            ? 'beyond the last row known (count the rows first: then a paste past the end adds rows)'
            : 'beyond the last row',
        );
        continue;
      }
      const row = added ? undefined : target.rowAt(r);
      if (!added && !row) {
        refuse('not loaded yet (scroll to it and paste again)');
        continue;
      }
      let value: WireValue;
      if ('wire' in given) value = given.wire;
      else {
        const parsed = parseCellText(given.text, column);
        if (!parsed.ok) {
          refuse(parsed.reason);
          continue;
        }
        value = parsed.value;
      }
      if (column.references && !column.optional && (value === null || value === '')) {
        // an empty text key would point at no row (relationMode = "prisma" has no foreign key to catch it)
        refuse(`is the key of the required relation ${column.references.relationField}: it cannot be cleared`);
        continue;
      }
      if (added) added[column.name] = value;
      else if (value === target.cellValue(row!, column.name)) out.unchanged++;
      else out.cells.push({ row: r, col: c, column: column.name, value });
    }
    if (added && Object.keys(added).length) out.newRows.push({ row: r, values: added });
  }
  return out;
}

/** The preview in words: what would change and, for the first refused cells, where and why. */
export function describePlan(p: PastePlan, verb = 'Paste', shown = 5): string {
  const rows = new Set(p.cells.map((c) => c.row)).size;
  const parts = [
    p.cells.length
      ? `${verb} changes ${plural(p.cells.length, 'cell')} in ${plural(rows, 'row')}`
      : p.newRows.length
        ? `${verb} changes no existing row`
        : `${verb} changes nothing`,
  ];
  if (p.newRows.length) parts.push(`Adds ${plural(p.newRows.length, 'new row')} after the last one`);
  if (p.unchanged)
    parts.push(`${plural(p.unchanged, 'cell')} already ${p.unchanged === 1 ? 'holds' : 'hold'} the value`);
  if (p.refused.length) {
    const named = p.refused
      .slice(0, shown)
      .map((r) => `row ${r.row + 1}${r.column ? ` · ${r.column}` : `, column ${r.col + 1}`}: ${r.reason}`);
    const more = p.refused.length > shown ? `; and ${p.refused.length - shown} more` : '';
    parts.push(`${plural(p.refused.length, 'cell')} refused — ${named.join('; ')}${more}`);
  }
  return `${parts.join('. ')}.`;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
