// Spreadsheet work in the grid, the DOM side (the logic is in selection.ts, clipboardText.ts, pastePlan.ts
// and pending.ts): the selected range drawn and changed by mouse, copy and paste through the page's
// clipboard events (VS Code and the browser both send them to the focused webview), the paste preview in
// the status line, fill down, and the cell context menu.
import { cache, columns, g } from './context';
import { openMenu } from './columnsMenu';
import { formatRange, decodeTsv, type CopyFormat } from './clipboardText';
import { grid, rowsEl, setStatus, status, viewport } from './layout';
import { describePlan, planFillDown, planPaste, type PastePlan, type PasteTarget } from './pastePlan';
import { render } from './rows';
import { inRange, rangeOf, rangeSize, selectAll, type CellRange } from './selection';
import { el } from '../shared/dom';
import type { ColumnMeta, WireRow } from '../../src/shared/protocol/model';
import { COPY_ROW_CAP, copyValue, readRowsForCopy } from './copyRows';

const formatNames: Record<CopyFormat, string> = { tsv: 'TSV', csv: 'CSV', markdown: 'Markdown', json: 'JSON' };
const mod = /Mac/.test(navigator.platform) ? 'Cmd' : 'Ctrl';

export function selectedRange(): CellRange {
  return rangeOf(g.st!.focus, g.anchor);
}

/** Marks the drawn cells of the selected range (without drawing the rows again: a double-click survives). */
export function paintSelection(): void {
  if (!g.st) return;
  const r = selectedRange();
  const index = new Map(columns().map((c, i) => [c.name, i]));
  const several = rangeSize(r).cells > 1;
  for (const row of rowsEl.querySelectorAll<HTMLElement>('.row[data-row]')) {
    const ri = Number(row.dataset.row);
    for (const cell of row.querySelectorAll<HTMLElement>('.cell[data-col]')) {
      const ci = index.get(cell.dataset.col!) ?? -1;
      cell.classList.toggle('selected', several && inRange(r, ri, ci));
    }
  }
}

/** Moves the focused cell to (row, col); `extend` keeps the anchor (Shift), else the range collapses. */
export function selectCell(row: number, col: number, extend: boolean): void {
  if (!g.st) return;
  g.anchor = extend ? (g.anchor ?? { ...g.st.focus }) : undefined;
  g.st.focus = { row, col };
  for (const c of rowsEl.querySelectorAll('.cell.focused')) {
    c.classList.remove('focused');
    c.removeAttribute('aria-selected');
  }
  const name = columns()[col]?.name;
  const cell = name
    ? rowsEl.querySelector<HTMLElement>(`[data-row="${row}"] [data-col="${CSS.escape(name)}"]`)
    : undefined;
  cell?.classList.add('focused');
  cell?.setAttribute('aria-selected', 'true');
  paintSelection();
}

export function selectEverything(): void {
  if (!g.st) return;
  const all = selectAll(g.st.total ?? cache.knownPrefix(), columns().length);
  g.anchor = all.anchor;
  g.st.focus = all.focus;
  render();
}

/** The cell under a mouse event, as shown indexes. */
function cellAt(target: EventTarget | null): { row: number; col: number } | undefined {
  const cell = (target as HTMLElement | null)?.closest?.<HTMLElement>('.cell[data-col]');
  const row = cell?.closest<HTMLElement>('.row[data-row]');
  if (!cell || !row) return undefined;
  const col = columns().findIndex((c) => c.name === cell.dataset.col);
  return col < 0 ? undefined : { row: Number(row.dataset.row), col };
}

/** The grid (not a text box in it) has the keyboard: copy and paste are ours. */
function gridHasFocus(): boolean {
  const a = document.activeElement;
  if (!g.st || g.editing || !a) return false;
  if (a instanceof HTMLInputElement || a instanceof HTMLTextAreaElement || a instanceof HTMLSelectElement) return false;
  return a === viewport || grid.contains(a) || a === document.body;
}

/** A range's rows as text in `format`, and the status line's words for it. */
function rangeText(format: CopyFormat, cols: ColumnMeta[], rows: WireRow[], capped = 0): string {
  const size = `${plural(rows.length, 'row')} × ${plural(cols.length, 'column')}`;
  if (capped)
    setStatus(
      `Copied the first ${size} as ${formatNames[format]}: ${capped.toLocaleString('en-US')} more rows were selected, more than one copy takes (${COPY_ROW_CAP.toLocaleString('en-US')}). Use Export for every row.`,
      'error',
    );
  else setStatus(`Copied ${size} as ${formatNames[format]}.`);
  return formatRange(
    format,
    cols.map((c) => c.name),
    rows.map((row) => cols.map((c) => copyValue(row, c.name))),
  );
}

/**
 * The selected range as text, when every row of it is loaded; else undefined, and the rows not loaded
 * are read from the host, then the whole range goes to the clipboard (the async clipboard: the copy
 * event cannot wait).
 */
function copyText(format: CopyFormat): string | undefined {
  const r = selectedRange();
  const cols = columns().slice(r.left, r.right + 1);
  const rows: WireRow[] = [];
  for (let i = r.top; i <= r.bottom; i++) {
    const row = cache.row(i);
    if (!row) break;
    rows.push(row);
  }
  if (rows.length === r.bottom - r.top + 1) return rangeText(format, cols, rows);
  const selected = r.bottom - r.top + 1;
  setStatus(`Copying ${plural(Math.min(selected, COPY_ROW_CAP), 'row')}: reading the rows not loaded…`);
  readRowsForCopy(
    r.top,
    r.bottom,
    (all) => {
      const text = rangeText(format, cols, all, Math.max(0, selected - all.length));
      void navigator.clipboard
        .writeText(text)
        .catch(() => setStatus(`Could not write to the clipboard: press ${mod}+C again.`, 'error'));
    },
    (message) => setStatus(`Nothing copied: ${message}`, 'error'),
  );
  return undefined;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

let nextFormat: CopyFormat = 'tsv';
/** A copy asked for by the context menu: the copy event is ours wherever the focus went. */
let fromMenu = false;

/** Copies the selection in a format (the context menu): through the page's copy event, else the async clipboard. */
export function copyAs(format: CopyFormat): void {
  nextFormat = format;
  fromMenu = true;
  let done = false;
  try {
    done = document.execCommand('copy') && !fromMenu; // the copy event clears fromMenu when it wrote the text
  } catch {
    done = false;
  }
  nextFormat = 'tsv';
  fromMenu = false;
  if (!done) {
    const text = copyText(format);
    if (text !== undefined) void navigator.clipboard.writeText(text).catch(() => setStatus(`Press ${mod}+C to copy.`));
  }
}

function pasteTarget(): PasteTarget {
  const st = g.st!;
  return {
    columns: columns(),
    rowAt: (i) => cache.row(i),
    total: st.total ?? cache.knownPrefix(),
    totalExact: st.total !== undefined && !st.totalEstimated,
    readOnly: st.readOnly
      ? st.readOnlyForced
        ? 'the grid is read-only (the database is marked production)'
        : 'the grid is read-only (turn it off to edit)'
      : undefined,
    cellValue: (row, column) => (g.pending ? g.pending.value(row, column) : (row[column] ?? null)),
  };
}

/** A pasted text: its preview in the status line, with Stage and Cancel. */
export function pasteText(text: string): void {
  if (!g.st || !g.pending || text === '') return;
  preview(planPaste(decodeTsv(text), selectedRange(), pasteTarget()), 'Paste');
}

export function fillDown(): void {
  if (!g.st || !g.pending) return;
  const plan = planFillDown(selectedRange(), pasteTarget());
  if (plan.refused.length === 0 && plan.cells.length > 0) stage(plan, 'Fill down');
  else preview(plan, 'Fill down');
}

function preview(plan: PastePlan, verb: string): void {
  const text = describePlan(plan, verb);
  if (plan.cells.length === 0 && plan.newRows.length === 0) {
    setStatus(text, plan.refused.length ? 'error' : 'info');
    return;
  }
  setStatus(text, plan.refused.length ? 'error' : 'info');
  const stageButton = el(
    'button',
    { class: 'tb primary', id: 'paste-stage' },
    `Stage ${plural(plan.cells.length, 'edit')}${plan.newRows.length ? ` and ${plural(plan.newRows.length, 'new row')}` : ''}`,
  );
  const cancel = el('button', { class: 'tb', id: 'paste-cancel' }, 'Cancel');
  const generation = cache.generation;
  stageButton.addEventListener('click', () => {
    // the rows under the plan moved (a sort, a filter, a refresh): its row numbers no longer say which rows
    if (cache.generation !== generation)
      setStatus(`The rows changed since the preview: ${verb.toLowerCase()} again.`, 'error');
    else stage(plan, verb);
  });
  cancel.addEventListener('click', () => {
    setStatus(`${verb} cancelled: nothing staged.`);
    viewport.focus();
  });
  for (const b of [stageButton, cancel])
    b.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') cancel.click();
    });
  status.append(' ', stageButton, ' ', cancel);
  stageButton.focus();
}

/** The plan's cells become pending edits, one undo step; the written area is selected. */
function stage(plan: PastePlan, verb: string): void {
  if (!g.st || !g.pending) return;
  const cells = plan.cells.flatMap((c) => {
    const row = cache.row(c.row);
    return row ? [{ row, column: c.column, value: c.value }] : [];
  });
  g.pending.editMany(
    cells,
    plan.newRows.map((n) => n.values),
  );
  const shownCols = columns().length;
  const total = g.st.total ?? cache.knownPrefix();
  g.anchor = { row: plan.area.top, col: plan.area.left };
  g.st.focus = {
    row: Math.max(plan.area.top, Math.min(plan.area.bottom, total - 1)),
    col: Math.max(plan.area.left, Math.min(plan.area.right, shownCols - 1)),
  };
  setStatus(
    `${verb}: ${cells.length} ${cells.length === 1 ? 'edit' : 'edits'}${plan.newRows.length ? ` and ${plural(plan.newRows.length, 'new row')}` : ''} staged${plan.refused.length ? `, ${plan.refused.length} refused` : ''}. Save writes them; ${mod}+Z undoes the ${verb.toLowerCase()}.`,
  );
  viewport.focus();
  render();
}

export function undo(): void {
  if (g.pending?.undo()) render();
}
export function redo(): void {
  if (g.pending?.redo()) render();
}

/** Mouse selection, clipboard events and the cell context menu. */
export function bindSpreadsheet(): void {
  let dragging = false;
  rowsEl.addEventListener('mouseover', (e) => {
    if (!dragging || !(e.buttons & 1)) return;
    const at = cellAt(e.target);
    if (at && g.st && (at.row !== g.st.focus.row || at.col !== g.st.focus.col)) {
      g.anchor ??= { ...g.st.focus };
      selectCell(at.row, at.col, true);
    }
  });
  window.addEventListener('mouseup', () => (dragging = false));
  rowsEl.addEventListener('mousedown', (e) => {
    const at = cellAt(e.target);
    if (!at || !g.st) return;
    // a right click inside the range keeps it (for the context menu)
    if (e.button !== 0 && inRange(selectedRange(), at.row, at.col)) return;
    if (e.button === 0) dragging = true;
    selectCell(at.row, at.col, e.shiftKey && e.button === 0);
  });
  rowsEl.addEventListener('contextmenu', (e) => {
    if (!g.st || !cellAt(e.target)) return;
    e.preventDefault();
    openCellMenu(e.clientX, e.clientY);
  });
  document.addEventListener('copy', (e) => {
    if (!(fromMenu || gridHasFocus()) || !e.clipboardData) return;
    const text = copyText(nextFormat);
    if (text !== undefined) e.clipboardData.setData('text/plain', text); // else written once its rows are read
    e.preventDefault();
    fromMenu = false;
  });
  document.addEventListener('paste', (e) => {
    if (!gridHasFocus() || !e.clipboardData) return;
    e.preventDefault();
    pasteText(e.clipboardData.getData('text/plain'));
  });
}

export function openCellMenu(x: number, y: number): void {
  const editable = !!g.st && !g.st.readOnly;
  openMenu(
    { id: 'cell-menu', label: 'Cells' },
    [
      { label: 'Copy', icon: 'copy', act: () => copyAs('tsv'), keys: `${mod}+C` },
      { label: 'Copy as CSV', icon: 'copy', act: () => copyAs('csv') },
      { label: 'Copy as Markdown', icon: 'markdown', act: () => copyAs('markdown') },
      { label: 'Copy as JSON', icon: 'json', act: () => copyAs('json') },
      {
        label: 'Paste',
        icon: 'clippy',
        keys: `${mod}+V`,
        disabled: !editable,
        act: () =>
          void navigator.clipboard.readText().then(pasteText, () => setStatus(`Press ${mod}+V to paste here.`)),
      },
      { label: 'Fill Down', icon: 'arrow-down', act: fillDown, disabled: !editable, keys: 'Ctrl+D' },
      { label: 'Undo', icon: 'discard', act: undo, keys: `${mod}+Z` },
      { label: 'Redo', icon: 'redo', act: redo, keys: mod === 'Cmd' ? 'Cmd+Shift+Z' : 'Ctrl+Y' },
    ],
    x,
    y,
    viewport,
  );
}
