// The data grid front end: a virtualised table of one model's rows, pages fetched from the host as the
// user scrolls, sort / filters / quick search, inline editing with pending changes and one Save.
// Plain DOM and a small fixed-row-height virtualiser (virtual.ts): no framework, ~30 KB bundled.
import type { ColumnMeta, ModelMeta, WireRow, WireValue } from '../../src/shared/protocol/model';
import {
  emptyQuery,
  type Crumb,
  type Filter,
  type FilterOp,
  type HostMessage,
  type SaveResult,
  type ViewQuery,
  type ViewStateSnapshot,
  type WebviewMessage,
} from '../../src/shared/protocol/messages';
import { display, editText, opLabels, opsFor } from './format';
import { renderBreadcrumbs } from './breadcrumbs';
import { cleanLayout, orderedColumns } from './columns';
import { closePopup, openColumnMenu, openColumnsPanel, type ColumnsMenuHost } from './columnsMenu';
import { dateTimeEditor, jsonPathInput, jsonPathValueInput, type JsonPathSupport } from './filterEditors';
import { describeFilters, jsonPathOps } from './filterValues';
import { PendingChanges, rowIdOf } from './pending';
import { RecentTotals } from './recentTotals';
import { PAGE_SIZE, RowCache } from './rowCache';
import { readFailureText } from './readFailure';
import { saveFailureText, saveResultText } from './saveOutcome';
import { scrollLeftForColumn, scrollTopForRow, visibleColumns, visibleWindow, type ColumnSpan } from './virtual';
import { el, icon } from '../shared/dom';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
// marks the grid bench reads to see where the time to first rows goes (bench/grid/ours.ts)
performance.mark('grid: script runs');
let firstRowsMarked = false;
const send = (m: WebviewMessage) => vscode.postMessage(m);
const ROW_HEIGHT = 24;
const COUNT_COL = '@count.';

interface State {
  schemaId: string;
  model: ModelMeta;
  database: string;
  readOnly: boolean;
  readOnlyForced: boolean;
  query: ViewQuery;
  total: number | undefined;
  /** The total is the database's estimate (≈), not a count. */
  totalEstimated: boolean;
  widths: Record<string, number>;
  hidden: string[];
  /** Columns frozen at the left, in order. */
  pinned: string[];
  /** Breadcrumbs: the models this panel came from (the host keeps them; `navigate` names an index). */
  trail: Crumb[];
  jsonPath: JsonPathSupport;
  focus: { row: number; col: number };
  /** rows whose save conflicted / cells with errors: rowId -> message, `${rowId}\n${col}` -> message */
  conflicts: Map<string, string>;
  cellErrors: Map<string, string>;
}

let st: State | undefined;
let pending: PendingChanges | undefined;
const cache = new RowCache();
let nextRequest = 1;
const requests = new Map<
  number,
  { kind: 'rows' | 'count' | 'save'; generation: number; started: number; start?: number }
>();

function button(label: string, iconName: string, title: string, onClick: () => void, id?: string): HTMLButtonElement {
  const b = el(
    'button',
    { class: 'tb', title, ...(id ? { id } : {}) },
    icon(iconName),
    label ? el('span', {}, label) : '',
  );
  b.addEventListener('click', onClick);
  return b;
}

// ---- layout ----
const app = document.getElementById('app')!;
const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'status' });
const countLabel = el('span', { class: 'count', id: 'row-count' }, '…');
const exactButton = button(
  'Count',
  'symbol-numeric',
  "The total is the database's estimate: count the rows exactly",
  () => countExactly(),
  'exact-count',
);
const crumbBar = el('nav', { class: 'crumbs', id: 'breadcrumbs', 'aria-label': 'Breadcrumbs: where you came from' });
crumbBar.hidden = true;
const columnsButton = button(
  'Columns',
  'list-selection',
  'Show, hide and pin columns',
  () => openColumnsPanel(columnsButton, columnsHost),
  'columns',
);
columnsButton.setAttribute('aria-haspopup', 'dialog');
const search = el('input', {
  type: 'search',
  placeholder: 'Search text columns',
  'aria-label': 'Quick search',
  id: 'quick-search',
});
const saveButton = button('Save', 'save', 'Save pending changes in one transaction (Ctrl/Cmd+S)', () => save(), 'save');
const discardButton = button(
  'Discard',
  'discard',
  'Discard pending changes',
  () => {
    pending?.clear();
    render();
  },
  'discard',
);
const readOnlyButton = button(
  '',
  'lock',
  'Toggle read-only',
  () => st && !st.readOnlyForced && send({ type: 'setReadOnly', readOnly: !st.readOnly }),
  'read-only',
);
const deletedButton = button(
  '',
  'trash',
  'Show soft-deleted rows',
  () => {
    if (st) {
      st.query.showDeleted = !st.query.showDeleted;
      queryChanged();
    }
  },
  'show-deleted',
);
const toolbar = el(
  'div',
  { class: 'toolbar', role: 'toolbar' },
  search,
  button('Filter', 'filter', 'Add a filter', () => addFilter(), 'add-filter'),
  button('Add row', 'add', 'Add a row (defaults apply to empty cells)', () => addRow(), 'add-row'),
  button('Delete', 'trash', 'Mark the focused row for deletion', () => deleteFocused(), 'delete-row'),
  saveButton,
  discardButton,
  button('', 'refresh', 'Reload rows from the database', () => queryChanged(undefined, true), 'refresh'),
  button(
    'CSV',
    'export',
    'Export the current view to CSV',
    () => st && send({ type: 'export', format: 'csv', query: st.query }),
  ),
  button(
    'JSON',
    'json',
    'Export the current view to JSON',
    () => st && send({ type: 'export', format: 'json', query: st.query }),
  ),
  button(
    'Import…',
    'cloud-upload',
    'Import rows from a CSV or JSON file: preview, type checks, one transaction',
    () => st && send({ type: 'import' }),
    'import',
  ),
  deletedButton,
  readOnlyButton,
  columnsButton,
  el('span', { class: 'spacer' }),
  countLabel,
  exactButton,
);
const filterBar = el('div', { class: 'filters', id: 'filters' });
const header = el('div', { class: 'row header', role: 'row', 'aria-rowindex': '1' });
const rowsEl = el('div', { class: 'rows', role: 'rowgroup' });
const insertsEl = el('div', { class: 'inserts', role: 'rowgroup' });
const content = el('div', { class: 'content' }, rowsEl);
const viewport = el('div', { class: 'viewport', tabindex: '0', id: 'viewport' }, content);
const grid = el('div', { class: 'grid', role: 'grid', 'aria-label': 'rows', id: 'grid' }, header, insertsEl, viewport);
app.append(crumbBar, toolbar, filterBar, grid, status);
// pinned columns stay at the left: they move back by what the grid scrolled sideways; the rows draw
// only the columns in view (see columnSpan), so a sideways scroll past them draws the next ones
let drawnSpan = '';
grid.addEventListener('scroll', () => {
  grid.style.setProperty('--sx', `${grid.scrollLeft}px`);
  const span = columnSpan(columns());
  if (`${span.from}:${span.to}` !== drawnSpan) renderRows();
});

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

// ---- columns ----
function columns(): ColumnMeta[] {
  return st ? orderedColumns(st.model.columns, { hidden: st.hidden, pinned: st.pinned }) : [];
}

const columnsHost: ColumnsMenuHost = {
  columns: () =>
    st?.model.columns.map((c) => ({
      name: c.name,
      type: `${c.type === 'Enum' ? (c.enumName ?? 'Enum') : c.type}${c.list ? '[]' : ''}${c.optional ? '?' : ''}`,
    })) ?? [],
  layout: () => ({ hidden: st?.hidden ?? [], pinned: st?.pinned ?? [] }),
  setLayout: (layout) => {
    if (!st) return;
    st.hidden = layout.hidden;
    st.pinned = layout.pinned;
    st.focus.col = Math.min(st.focus.col, Math.max(0, columns().length - 1));
    renderHeader();
    renderRows();
    persist();
  },
};

/** Follows a relation in this panel (a breadcrumb leads back), or with `newTab` in another tab. */
function follow(model: string, filters: Filter[], newTab: boolean): void {
  if (!newTab && (pending?.count ?? 0) > 0) {
    setStatus(
      `Save or discard your ${pending!.count} pending change(s) before leaving ${st?.model.name ?? 'this model'}, or Ctrl/Cmd+click to open ${model} in a new tab.`,
      'error',
    );
    return;
  }
  clearTimeout(persistTimer);
  persist();
  send({ type: 'openRelated', model, filters, ...(newTab ? { newTab: true } : {}) });
}

function goBack(index: number): void {
  if ((pending?.count ?? 0) > 0) {
    setStatus(`Save or discard your ${pending!.count} pending change(s) before going back.`, 'error');
    return;
  }
  clearTimeout(persistTimer);
  persist();
  send({ type: 'navigate', index });
}

function countExactly(): void {
  if (!st) return;
  const requestId = nextRequest++;
  requests.set(requestId, { kind: 'count', generation: cache.generation, started: performance.now() });
  counting = true;
  render();
  send({ type: 'count', requestId, query: sentQuery(), exact: true });
}
function relationColumns(): { name: string; model: string; fields: string[]; references: string[] }[] {
  return st ? st.model.backRelations.filter((r) => r.list) : [];
}
function width(name: string, c?: ColumnMeta): number {
  return st?.widths[name] ?? (c?.type === 'Json' || c?.type === 'String' ? 180 : c?.type === 'DateTime' ? 200 : 110);
}

const ROW_HEADER_WIDTH = 64;

/** Column virtualisation: which unpinned columns of `cols` the rows draw at this sideways scroll. */
function columnSpan(cols: readonly ColumnMeta[]): ColumnSpan {
  const pinnedCount = cols.filter((c) => st?.pinned.includes(c.name)).length;
  return visibleColumns(
    cols.map((c) => width(c.name, c)),
    pinnedCount,
    grid.scrollLeft,
    grid.clientWidth || 1200,
    ROW_HEADER_WIDTH,
  );
}

/** A spacer standing in for columns that are not drawn. */
function spacer(px: number): HTMLElement {
  const s = el('div', { class: 'cell spacer', 'aria-hidden': 'true' });
  s.style.width = `${px}px`;
  return s;
}

function renderHeader(): void {
  if (!st) return;
  header.replaceChildren();
  header.append(el('div', { class: 'cell gutter pinned', role: 'columnheader' }, '#'));
  columns().forEach((c, i) => {
    const sortIndex = st!.query.sort.findIndex((s) => s.column === c.name);
    const sort = sortIndex >= 0 ? st!.query.sort[sortIndex] : undefined;
    const cell = el(
      'div',
      {
        class: `cell${c.sortable ? ' sortable' : ''}`,
        role: 'columnheader',
        'aria-colindex': String(i + 2),
        'data-col': c.name,
        'aria-sort': sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
        title: `${c.name}: ${c.type}${c.list ? '[]' : ''}${c.optional ? '?' : ''}${c.isId ? ' · id' : ''}${c.defaultValue ? ` · default ${c.defaultValue}` : ''}${c.references ? ` · → ${c.references.model}` : ''}${c.sortable ? ' · click to sort, shift+click to add' : ''}`,
      },
      c.isId ? icon('key') : c.references ? icon('link') : '',
      el('span', { class: 'name' }, c.name),
      el(
        'span',
        { class: 'type' },
        `${c.type === 'Enum' ? c.enumName : c.type}${c.list ? '[]' : ''}${c.optional ? '?' : ''}`,
      ),
      sort
        ? el(
            'span',
            { class: 'sort' },
            icon(sort.dir === 'asc' ? 'arrow-up' : 'arrow-down'),
            st!.query.sort.length > 1 ? String(sortIndex + 1) : '',
          )
        : '',
    );
    cell.style.width = `${width(c.name, c)}px`;
    if (st!.pinned.includes(c.name)) cell.classList.add('pinned');
    if (c.sortable) cell.addEventListener('click', (e) => toggleSort(c.name, e.shiftKey));
    cell.addEventListener('contextmenu', (e) => {
      e.preventDefault();
      openColumnMenu(c.name, e.clientX, e.clientY, columnsHost, viewport, columnsButton);
    });
    const handle = el('span', { class: 'resize', 'aria-hidden': 'true' });
    handle.addEventListener('mousedown', (e) => startResize(e, c.name));
    handle.addEventListener('click', (e) => e.stopPropagation());
    cell.append(handle);
    header.append(cell);
  });
  for (const r of relationColumns()) {
    header.append(
      el(
        'div',
        {
          class: 'cell relation',
          role: 'columnheader',
          title: `${r.name}: ${r.model}[] (count; click a count to open them)`,
        },
        icon('references'),
        el('span', { class: 'name' }, r.name),
      ),
    );
  }
}

function startResize(e: MouseEvent, name: string): void {
  e.preventDefault();
  e.stopPropagation();
  const startX = e.clientX;
  const start = width(name);
  const move = (m: MouseEvent) => {
    st!.widths[name] = Math.max(50, Math.round(start + m.clientX - startX));
    renderHeader();
    renderRows();
  };
  const up = () => {
    window.removeEventListener('mousemove', move);
    window.removeEventListener('mouseup', up);
    persist();
  };
  window.addEventListener('mousemove', move);
  window.addEventListener('mouseup', up);
}

function toggleSort(column: string, add: boolean): void {
  if (!st) return;
  const sort = st.query.sort;
  const at = sort.findIndex((s) => s.column === column);
  if (!add) {
    const current = at >= 0 ? sort[at] : undefined;
    st.query.sort = !current ? [{ column, dir: 'asc' }] : current.dir === 'asc' ? [{ column, dir: 'desc' }] : [];
  } else if (at < 0) sort.push({ column, dir: 'asc' });
  else if (sort[at].dir === 'asc') sort[at].dir = 'desc';
  else sort.splice(at, 1);
  queryChanged();
}

// ---- filters ----
function addFilter(f?: Filter): void {
  if (!st) return;
  const c = st.model.columns[0];
  st.query.filters.push(f ?? { column: c.name, op: opsFor(c)[0] });
  renderFilters();
}

function renderFilters(): void {
  if (!st) return;
  filterBar.replaceChildren();
  if (st.query.filters.length === 0) return;
  if (st.query.filters.length > 1) {
    const comb = el(
      'select',
      { 'aria-label': 'Combine filters with' },
      el('option', { value: 'AND' }, 'all of (AND)'),
      el('option', { value: 'OR' }, 'any of (OR)'),
    );
    comb.value = st.query.combinator;
    comb.addEventListener('change', () => {
      st!.query.combinator = comb.value === 'OR' ? 'OR' : 'AND';
      queryChanged();
    });
    filterBar.append(el('div', { class: 'filter' }, el('span', {}, 'Match'), comb));
  }
  st.query.filters.forEach((f, i) => {
    const column = st!.model.columns.find((c) => c.name === f.column) ?? st!.model.columns[0];
    const colSel = el(
      'select',
      { 'aria-label': 'Filter column', class: 'filter-column' },
      ...st!.model.columns.map((c) => el('option', { value: c.name }, c.name)),
    );
    colSel.value = column.name;
    const byPath = column.type === 'Json' && !column.list && (f.path?.length ?? 0) > 0 && st!.jsonPath.supported;
    const ops = byPath ? jsonPathOps : opsFor(column);
    const opSel = el(
      'select',
      { 'aria-label': 'Filter operator', class: 'filter-op' },
      ...ops.map((o) => el('option', { value: o }, opLabels[o])),
    );
    opSel.value = ops.includes(f.op) ? f.op : ops[0];
    const row = el('div', { class: 'filter', 'data-index': String(i) }, colSel);
    if (column.type === 'Json' && !column.list) {
      row.append(
        jsonPathInput(f, st!.jsonPath, () => {
          const allowed = f.path?.length ? jsonPathOps : opsFor(column);
          if (!allowed.includes(f.op)) f.op = allowed[0];
          delete f.value;
          delete f.values;
          renderFilters();
          queryChanged();
        }),
      );
    }
    row.append(opSel);
    const apply = () => queryChanged();
    colSel.addEventListener('change', () => {
      const c = st!.model.columns.find((x) => x.name === colSel.value)!;
      st!.query.filters[i] = { column: c.name, op: opsFor(c)[0] };
      renderFilters();
    });
    opSel.addEventListener('change', () => {
      f.op = opSel.value as FilterOp;
      delete f.value;
      delete f.values;
      renderFilters();
      if (f.op === 'isNull' || f.op === 'notNull') apply();
    });
    if (f.op !== 'isNull' && f.op !== 'notNull') {
      if (byPath) {
        row.append(jsonPathValueInput(f, apply));
      } else if (column.type === 'DateTime' && !column.list && f.op !== 'in') {
        row.append(...dateTimeEditor(f, apply, () => renderFilters()));
      } else if (f.op === 'between') {
        const [a, b] = [
          valueInput(column, f.values?.[0] ?? null, (v) => {
            f.values = [v, f.values?.[1] ?? null];
            apply();
          }),
          valueInput(column, f.values?.[1] ?? null, (v) => {
            f.values = [f.values?.[0] ?? null, v];
            apply();
          }),
        ];
        row.append(a, el('span', {}, 'and'), b);
      } else if (f.op === 'in') {
        const input = el('input', {
          type: 'text',
          class: 'filter-value',
          placeholder: 'a, b, c',
          'aria-label': 'Filter values',
        });
        input.value = (f.values ?? []).join(', ');
        input.addEventListener('change', () => {
          f.values = input.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => typed(column, s));
          apply();
        });
        row.append(input);
      } else {
        row.append(
          valueInput(column, f.value ?? null, (v) => {
            f.value = v;
            apply();
          }),
        );
      }
    }
    row.append(
      button('', 'close', 'Remove this filter', () => {
        st!.query.filters.splice(i, 1);
        renderFilters();
        queryChanged();
      }),
    );
    filterBar.append(row);
  });
}

/** A text value typed in a filter, as the wire value its column takes. */
function typed(c: ColumnMeta, s: string): WireValue {
  if ((c.type === 'Int' || c.type === 'Float') && s.trim() !== '' && !Number.isNaN(Number(s))) return Number(s);
  if (c.type === 'Boolean') return s === 'true';
  return s;
}

function valueInput(c: ColumnMeta, value: WireValue, onChange: (v: WireValue) => void): HTMLElement {
  if (c.type === 'Enum' || c.type === 'Boolean') {
    const options = c.type === 'Boolean' ? ['true', 'false'] : (c.enumValues ?? []);
    const sel = el(
      'select',
      { class: 'filter-value', 'aria-label': 'Filter value' },
      el('option', { value: '' }, '—'),
      ...options.map((o) => el('option', { value: o }, o)),
    );
    sel.value = value === null ? '' : String(value);
    sel.addEventListener('change', () => onChange(sel.value === '' ? null : typed(c, sel.value)));
    return sel;
  }
  const input = el('input', {
    type: c.type === 'DateTime' ? 'text' : 'text',
    class: 'filter-value',
    'aria-label': 'Filter value',
    placeholder: c.type === 'DateTime' ? '2024-01-31 or ISO date-time' : c.type,
  });
  input.value = value === null ? '' : String(value);
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange(typed(c, input.value)), 350);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(timer);
      onChange(typed(c, input.value));
    }
  });
  return input;
}

// ---- data ----
let lastCountKey = '';
const recentTotals = new RecentTotals();
let knownTotal: number | undefined;
let knownEstimated = false;
/** An exact count asked for is on its way. */
let counting = false;

function queryChanged(first?: { rows: WireRow[]; total?: number; estimated?: boolean }, recount = false): void {
  if (!st) return;
  cache.reset();
  countFailed = false;
  st.total = undefined;
  st.totalEstimated = false;
  counting = false;
  st.conflicts.clear();
  st.cellErrors.clear();
  // a sort change keeps the total: only filters, search and the soft-delete toggle change it
  const countKey = JSON.stringify([sentQuery().filters, st.query.combinator, st.query.search, st.query.showDeleted]);
  if (first) {
    cache.received(0, first.rows, 0);
    if (first.total !== undefined) {
      st.total = first.total;
      st.totalEstimated = first.estimated === true;
    } else {
      requestCount(); // a big SQLite table: the rows are drawn first, then counted
    }
  } else if (countKey === lastCountKey && knownTotal !== undefined && !recount) {
    st.total = knownTotal;
    st.totalEstimated = knownEstimated;
  } else {
    if (recount) recentTotals.clear(); // a reload or a save: every count may be stale
    // a view shown lately (a search cleared): its total at once, checked by the count below
    const remembered = recentTotals.get(countKey);
    if (remembered) {
      st.total = remembered.total;
      st.totalEstimated = remembered.estimated;
    }
    // the first page before the count: rows show without waiting for a count that scans the table
    // (on SQLite's one connection the page would queue behind it)
    ensureRows(0, 1);
    requestCount();
  }
  lastCountKey = countKey;
  knownTotal = st.total;
  knownEstimated = st.totalEstimated;
  if (st.total !== undefined) recentTotals.set(countKey, st.total, st.totalEstimated);
  viewport.scrollTop = 0;
  renderHeader();
  persist();
  render();
}

/** Asks the host for the current view's total (only complete filters go to the host). */
/** A read (rows or count) failed: what happened, and a Retry button. */
let readFailureShown = false;
/** The count failed: asked again with the next retry. */
let countFailed = false;
function showReadFailure(message: string): void {
  readFailureShown = true;
  setStatus(readFailureText(message), 'error');
  status.append(
    ' ',
    button('Retry', 'refresh', 'Read the rows again', () => retryReads(true), 'retry'),
  );
}

/** Asks again for what failed: at once when `force`d (Retry), else (scrolling) once the back-off has passed. */
function retryReads(force: boolean): void {
  if (!st || (!cache.failing && !countFailed)) return;
  const released = cache.retry(performance.now(), force);
  if (countFailed && (released || force)) {
    countFailed = false;
    requestCount();
  }
  if (released || force) {
    setStatus('Retrying…');
    render();
  }
}

function requestCount(): void {
  const requestId = nextRequest++;
  requests.set(requestId, { kind: 'count', generation: cache.generation, started: performance.now() });
  send({ type: 'count', requestId, query: sentQuery() });
}

function sentQuery(): ViewQuery {
  const q = st!.query;
  const complete = q.filters.filter(
    (f) =>
      f.op === 'isNull' ||
      f.op === 'notNull' ||
      (f.op === 'in'
        ? (f.values?.length ?? 0) > 0
        : f.op === 'between'
          ? (f.values ?? []).some((v) => v !== null && v !== '')
          : f.value !== undefined && f.value !== ''),
  );
  return { ...q, filters: complete };
}

function ensureRows(first: number, count: number): void {
  if (!st) return;
  for (const page of cache.missing(first, count, st.total)) {
    cache.requested(page);
    const requestId = nextRequest++;
    requests.set(requestId, {
      kind: 'rows',
      generation: cache.generation,
      started: performance.now(),
      start: page * PAGE_SIZE,
    });
    send({ type: 'fetch', requestId, query: sentQuery(), start: page * PAGE_SIZE, count: PAGE_SIZE });
  }
}

// ---- rendering ----
let frame = 0;
function render(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderRows();
    renderToolbar();
  });
}

function renderToolbar(): void {
  if (!st) return;
  const n = pending?.count ?? 0;
  saveButton.disabled = n === 0 || st.readOnly;
  discardButton.disabled = n === 0;
  saveButton.querySelector('span:last-child')!.textContent = n ? `Save (${n})` : 'Save';
  readOnlyButton.classList.toggle('on', st.readOnly);
  readOnlyButton.title = st.readOnlyForced
    ? 'Read-only: this database is marked production'
    : st.readOnly
      ? 'Read-only (click to allow edits)'
      : 'Editable (click for read-only)';
  readOnlyButton.querySelector('.codicon')!.className = `codicon codicon-${st.readOnly ? 'lock' : 'unlock'}`;
  deletedButton.hidden = !st.model.softDelete;
  deletedButton.classList.toggle('on', st.query.showDeleted);
  countLabel.textContent = `${st.total === undefined ? '…' : `${st.totalEstimated ? '≈ ' : ''}${st.total.toLocaleString()}`} rows · ${st.database}${st.readOnly ? ' · read-only' : ''}`;
  countLabel.title = st.totalEstimated
    ? "Estimated from the database's statistics (the table is large): Count gives the exact number"
    : '';
  if (counting) countLabel.textContent = `counting… · ${st.database}`;
  exactButton.hidden = !st.totalEstimated;
  exactButton.disabled = counting;
  grid.setAttribute('aria-rowcount', String((st.total ?? 0) + 1));
  grid.setAttribute('aria-readonly', String(st.readOnly));
}

let editing = false;

function renderRows(): void {
  if (!st || editing) return;
  renderInserts();
  const total = st.total ?? cache.knownPrefix(); // the rows held so far, until the count comes back
  const win = visibleWindow(viewport.scrollTop, viewport.clientHeight, ROW_HEIGHT, total);
  content.style.height = `${win.contentHeight}px`;
  rowsEl.style.transform = `translateY(${win.offset}px)`;
  ensureRows(win.first, win.count);
  const cols = columns();
  const rels = relationColumns();
  // the rows are absolutely placed: give the content their width, or a sideways scroll clips them
  content.style.width = `${ROW_HEADER_WIDTH + cols.reduce((n, c) => n + width(c.name, c), 0) + rels.length * 140}px`;
  const span = columnSpan(cols);
  drawnSpan = `${span.from}:${span.to}`;
  const pinnedCount = cols.filter((c) => st!.pinned.includes(c.name)).length;
  const drawn = (ci: number) => ci < pinnedCount || (ci >= span.from && ci < span.to);
  const out: HTMLElement[] = [];
  for (let i = win.first; i < win.first + win.count; i++) {
    const row = cache.row(i);
    const r = el('div', { class: 'row', role: 'row', 'aria-rowindex': String(i + 2), 'data-row': String(i) });
    r.append(el('div', { class: 'cell gutter pinned', role: 'rowheader' }, String(i + 1)));
    if (!row) {
      r.classList.add('loading');
      cols.forEach((c, ci) => {
        if (ci === pinnedCount && span.before) r.append(spacer(span.before));
        if (!drawn(ci)) return;
        const cell = el('div', { class: `cell${st!.pinned.includes(c.name) ? ' pinned' : ''}`, role: 'gridcell' }, '');
        cell.style.width = `${width(c.name, c)}px`;
        r.append(cell);
      });
      out.push(r);
      continue;
    }
    const id = rowIdOf(st.model, row);
    if (pending?.isDeleted(row)) r.classList.add('deleted');
    if (st.conflicts.has(id)) {
      r.classList.add('conflict');
      r.title = st.conflicts.get(id)!;
    }
    cols.forEach((c, ci) => {
      if (ci === pinnedCount && span.before) r.append(spacer(span.before));
      if (!drawn(ci)) return;
      const v = pending ? pending.value(row, c.name) : (row[c.name] ?? null);
      const cell = el(
        'div',
        {
          class: `cell t-${c.type}${v === null ? ' null' : ''}`,
          role: 'gridcell',
          'data-col': c.name,
          'aria-colindex': String(ci + 2),
        },
        display(v, c),
      );
      cell.style.width = `${width(c.name, c)}px`;
      if (st!.pinned.includes(c.name)) cell.classList.add('pinned');
      if (pending?.isEdited(row, c.name)) cell.classList.add('edited');
      const err = st!.cellErrors.get(`${id}\n${c.name}`);
      if (err) {
        cell.classList.add('error');
        cell.title = err;
      }
      if (st!.focus.row === i && st!.focus.col === ci) {
        cell.classList.add('focused');
        cell.setAttribute('aria-selected', 'true');
      }
      if (c.references && v !== null) {
        const link = el(
          'a',
          {
            class: 'fk',
            href: '#',
            title: `Open ${c.references.model} where ${c.references.field} = ${String(v)} (Ctrl/Cmd+click: in a new tab)`,
          },
          icon('link-external'),
        );
        link.addEventListener('click', (e) => {
          e.preventDefault();
          e.stopPropagation();
          follow(
            c.references!.model,
            [{ column: c.references!.field, op: 'equals', value: v }],
            e.ctrlKey || e.metaKey,
          );
        });
        cell.append(link);
      }
      cell.addEventListener('mousedown', () => setFocus(i, ci, cell));
      cell.addEventListener('dblclick', () => startEdit(i, ci));
      r.append(cell);
    });
    if (span.after && rels.length) r.append(spacer(span.after));
    for (const rel of rels) {
      const n = row[COUNT_COL + rel.name];
      const cell = el('div', { class: 'cell relation', role: 'gridcell' });
      const link = el(
        'a',
        { href: '#', title: `Open the ${rel.model} rows of this ${st.model.name} (Ctrl/Cmd+click: in a new tab)` },
        `${n ?? '?'} ${rel.model}`,
      );
      link.addEventListener('click', (e) => {
        e.preventDefault();
        follow(
          rel.model,
          rel.fields.map((f, k) => ({ column: f, op: 'equals' as const, value: row[rel.references[k]] ?? null })),
          e.ctrlKey || e.metaKey,
        );
      });
      cell.append(link);
      r.append(cell);
    }
    out.push(r);
  }
  rowsEl.replaceChildren(...out);
  if (!firstRowsMarked && cache.row(win.first)) {
    firstRowsMarked = true;
    performance.mark('grid: first rows in the DOM');
  }
}

/** Moves the focused cell without re-rendering the rows (a re-render between two clicks loses a double-click). */
function setFocus(row: number, col: number, cell: HTMLElement): void {
  if (!st) return;
  st.focus = { row, col };
  for (const el of rowsEl.querySelectorAll('.cell.focused')) {
    el.classList.remove('focused');
    el.removeAttribute('aria-selected');
  }
  cell.classList.add('focused');
  cell.setAttribute('aria-selected', 'true');
}

function renderInserts(): void {
  if (!st || !pending) return;
  insertsEl.replaceChildren(
    ...pending.inserts.map((row, index) => {
      const r = el(
        'div',
        { class: 'row inserted', role: 'row', 'data-insert': String(index) },
        el('div', { class: 'cell gutter', role: 'rowheader' }, icon('add')),
      );
      columns().forEach((c) => {
        const v = row[c.name];
        const cell = el(
          'div',
          { class: `cell t-${c.type}${v === undefined ? ' default' : ''}`, role: 'gridcell', 'data-col': c.name },
          v === undefined
            ? c.defaultValue
              ? `default: ${c.defaultValue}`
              : c.isUpdatedAt
                ? 'now()'
                : c.optional
                  ? 'NULL'
                  : '(required)'
            : display(v, c),
        );
        cell.style.width = `${width(c.name, c)}px`;
        const err = st!.cellErrors.get(`insert:${index}\n${c.name}`);
        if (err) {
          cell.classList.add('error');
          cell.title = err;
        }
        cell.addEventListener('dblclick', () =>
          editCell(cell, c, v ?? null, (nv) => {
            pending!.editInsert(index, c.name, nv);
            render();
          }),
        );
        r.append(cell);
      });
      return r;
    }),
  );
}

// ---- editing ----
function startEdit(rowIndex: number, colIndex: number): void {
  if (!st || !pending) return;
  if (st.readOnly) {
    setStatus(
      st.readOnlyForced ? 'Read-only: this database is marked production.' : 'Read-only: turn it off to edit.',
      'error',
    );
    return;
  }
  const row = cache.row(rowIndex);
  const c = columns()[colIndex];
  if (!row || !c) return;
  const cell = rowsEl.querySelector<HTMLElement>(`[data-row="${rowIndex}"] [data-col="${CSS.escape(c.name)}"]`);
  if (!cell) return;
  editCell(cell, c, pending.value(row, c.name), (v) => {
    pending!.edit(row, c.name, v);
    render();
  });
}

function editCell(cell: HTMLElement, c: ColumnMeta, value: WireValue, commit: (v: WireValue) => void): void {
  let editor: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (c.type === 'Enum' || c.type === 'Boolean') {
    const options = c.type === 'Boolean' ? ['true', 'false'] : (c.enumValues ?? []);
    editor = el(
      'select',
      { class: 'editor', 'aria-label': `Edit ${c.name}` },
      ...(c.optional ? [el('option', { value: '\u0000' }, 'NULL')] : []),
      ...options.map((o) => el('option', { value: o }, o)),
    );
    editor.value = value === null ? '\u0000' : String(value);
  } else if (
    c.type === 'Json' ||
    c.list ||
    (c.type === 'String' && typeof value === 'string' && (value.includes('\n') || value.length > 60))
  ) {
    editor = el('textarea', { class: 'editor multiline', 'aria-label': `Edit ${c.name} (Ctrl+Enter to apply)` });
    editor.value = c.type === 'Json' && typeof value === 'string' ? prettyJson(value) : editText(value);
  } else {
    editor = el('input', {
      class: 'editor',
      type: 'text',
      'aria-label': `Edit ${c.name}`,
      placeholder: c.optional ? 'empty = NULL' : '',
    });
    editor.value = editText(value);
  }
  const done = (apply: boolean) => {
    if (!editor.isConnected) return;
    if (apply) {
      const raw = editor.value;
      let v: WireValue;
      if (raw === '\u0000' || (raw === '' && c.optional && c.type !== 'String')) v = null;
      else if (c.type === 'Int' || c.type === 'Float')
        v = raw.trim() === '' ? null : Number.isNaN(Number(raw)) ? raw : Number(raw);
      else if (c.type === 'Boolean') v = raw === 'true';
      else if (c.type === 'Json') {
        try {
          v = JSON.stringify(JSON.parse(raw));
        } catch (e) {
          editor.classList.add('invalid');
          setStatus(`${c.name}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, 'error');
          return;
        }
      } else v = raw;
      commit(v);
    }
    editing = false;
    editor.remove();
    viewport.focus();
    render();
  };
  editor.addEventListener('keydown', (e) => {
    const ke = e as KeyboardEvent;
    ke.stopPropagation();
    if (ke.key === 'Escape') done(false);
    else if (ke.key === 'Enter' && (!(editor instanceof HTMLTextAreaElement) || ke.ctrlKey || ke.metaKey)) {
      ke.preventDefault();
      done(true);
    }
  });
  editor.addEventListener('blur', () => done(true));
  editor.addEventListener('mousedown', (e) => e.stopPropagation());
  editor.addEventListener('dblclick', (e) => e.stopPropagation());
  editing = true;
  cell.append(editor);
  editor.focus();
  if (editor instanceof HTMLInputElement) editor.select();
}

function prettyJson(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}

function addRow(): void {
  if (!st || !pending) return;
  if (st.readOnly) {
    setStatus('Read-only: turn it off to add rows.', 'error');
    return;
  }
  pending.insert({});
  render();
}

function deleteFocused(): void {
  if (!st || !pending) return;
  if (st.readOnly) {
    setStatus('Read-only: turn it off to delete rows.', 'error');
    return;
  }
  const row = cache.row(st.focus.row);
  if (row) pending.toggleDelete(row);
  render();
}

function save(): void {
  if (!st || !pending || pending.count === 0) return;
  const requestId = nextRequest++;
  requests.set(requestId, { kind: 'save', generation: cache.generation, started: performance.now() });
  saveRequest = pending.toRequest();
  setStatus('Saving…');
  send({ type: 'save', requestId, request: saveRequest });
}
let saveRequest: ReturnType<PendingChanges['toRequest']> | undefined;

function onSaved(result: SaveResult): void {
  if (!st || !pending) return;
  st.conflicts.clear();
  st.cellErrors.clear();
  if (result.ok) {
    pending.clear();
    setStatus(saveResultText(result));
    queryChanged(undefined, true);
    return;
  }
  const req = saveRequest;
  for (const c of result.conflicts) {
    const original = c.kind === 'update' ? req?.updates[c.index]?.original : req?.deletes[c.index]?.original;
    if (original)
      st.conflicts.set(
        rowIdOf(st.model, original),
        c.current ? 'Changed in the database since you read it' : 'Deleted from the database since you read it',
      );
  }
  for (const e of result.errors) {
    const original =
      e.kind === 'update'
        ? req?.updates[e.index]?.original
        : e.kind === 'delete'
          ? req?.deletes[e.index]?.original
          : undefined;
    const id = e.kind === 'insert' ? `insert:${e.index}` : original ? rowIdOf(st.model, original) : '';
    if (e.column) st.cellErrors.set(`${id}\n${e.column}`, e.message);
    else if (id) st.conflicts.set(id, e.message);
  }
  setStatus(saveResultText(result), 'error');
  render();
}

// ---- keyboard ----
viewport.addEventListener('keydown', (e) => {
  if (!st) return;
  const cols = columns().length;
  const f = st.focus;
  const move = (row: number, col: number) => {
    st!.focus = { row: Math.max(0, Math.min((st!.total ?? 1) - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) };
    const top = st!.focus.row * ROW_HEIGHT;
    if ((st!.total ?? 0) * ROW_HEIGHT <= 8_000_000) {
      if (top < viewport.scrollTop) viewport.scrollTop = top;
      else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight)
        viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight;
    } else viewport.scrollTop = scrollTopForRow(st!.focus.row, viewport.clientHeight, ROW_HEIGHT, st!.total ?? 0);
    // sideways too: the focused column may not be drawn yet (column virtualisation)
    const shown = columns();
    const pinnedCount = shown.filter((c) => st!.pinned.includes(c.name)).length;
    grid.scrollLeft = scrollLeftForColumn(
      shown.map((c) => width(c.name, c)),
      pinnedCount,
      st!.focus.col,
      grid.scrollLeft,
      grid.clientWidth,
      ROW_HEADER_WIDTH,
    );
    render();
  };
  switch (e.key) {
    case 'ArrowDown':
      move(f.row + 1, f.col);
      break;
    case 'ArrowUp':
      move(f.row - 1, f.col);
      break;
    case 'ArrowLeft':
      move(f.row, f.col - 1);
      break;
    case 'ArrowRight':
      move(f.row, f.col + 1);
      break;
    case 'PageDown':
      move(f.row + Math.floor(viewport.clientHeight / ROW_HEIGHT), f.col);
      break;
    case 'PageUp':
      move(f.row - Math.floor(viewport.clientHeight / ROW_HEIGHT), f.col);
      break;
    case 'Home':
      if (e.ctrlKey) move(0, f.col);
      else move(f.row, 0);
      break;
    case 'End':
      if (e.ctrlKey) move((st.total ?? 1) - 1, f.col);
      else move(f.row, cols - 1);
      break;
    case 'Enter':
    case 'F2':
      startEdit(f.row, f.col);
      break;
    case 'Delete':
      deleteFocused();
      break;
    case 'ContextMenu':
    case 'F10': {
      // Shift+F10 or the menu key: the focused column's menu (hide, pin)
      if (e.key === 'F10' && !e.shiftKey) return;
      const c = columns()[f.col];
      const cell =
        rowsEl.querySelector<HTMLElement>('.cell.focused') ??
        header.querySelector<HTMLElement>(`[data-col="${CSS.escape(c?.name ?? '')}"]`);
      const at = cell?.getBoundingClientRect();
      if (c) openColumnMenu(c.name, at?.left ?? 0, at?.bottom ?? 0, columnsHost, viewport, columnsButton);
      break;
    }
    default:
      return;
  }
  e.preventDefault();
});
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    e.preventDefault();
    save();
  } else if (
    (e.ctrlKey || e.metaKey) &&
    e.key.toLowerCase() === 'z' &&
    !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
  ) {
    e.preventDefault();
    if (pending?.undo()) render();
  }
});
viewport.addEventListener('scroll', () => {
  retryReads(false);
  render();
  persistSoon();
});
window.addEventListener('resize', () => render());
let searchTimer: ReturnType<typeof setTimeout> | undefined;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    if (st) {
      st.query.search = search.value;
      queryChanged();
    }
  }, 250);
});

// ---- state ----
let persistTimer: ReturnType<typeof setTimeout> | undefined;
function persistSoon(): void {
  clearTimeout(persistTimer);
  persistTimer = setTimeout(persist, 300);
}
function persist(): void {
  if (!st) return;
  const view: ViewStateSnapshot = {
    query: st.query,
    scrollTop: Math.round(viewport.scrollTop),
    widths: st.widths,
    hidden: st.hidden,
    pinned: st.pinned,
  };
  vscode.setState({ schemaId: st.schemaId, model: st.model.name, view, trail: st.trail });
  send({ type: 'viewState', state: view, model: st.model.name });
}

// ---- messages ----
window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'init': {
      performance.mark('grid: init received');
      const saved = vscode.getState() as { model?: string; view?: ViewStateSnapshot } | undefined;
      // the saved state is this model's only if the panel still shows the model it was saved for
      const view = m.state ?? (saved?.model === m.model.name ? saved.view : undefined);
      const query = view?.query ?? emptyQuery();
      if (m.initialFilters) query.filters = m.initialFilters;
      // the layout of this panel's own view, else the one remembered for the model
      const layout = view ?? m.columns;
      const names = m.model.columns.map((c) => c.name);
      const cleaned = cleanLayout({ hidden: layout?.hidden ?? [], pinned: layout?.pinned ?? [] }, names);
      closePopup();
      st = {
        schemaId: m.schemaId,
        model: m.model,
        database: m.database,
        readOnly: m.readOnly,
        readOnlyForced: m.readOnlyForced,
        query,
        total: undefined,
        totalEstimated: false,
        widths: { ...(m.columns?.widths ?? {}), ...(view?.widths ?? {}) },
        hidden: cleaned.hidden,
        pinned: cleaned.pinned,
        trail: m.trail ?? [],
        jsonPath: m.jsonPath ?? { supported: true },
        focus: { row: 0, col: 0 },
        conflicts: new Map(),
        cellErrors: new Map(),
      };
      renderBreadcrumbs(crumbBar, st.trail, m.model.name, describeFilters(m.initialFilters ?? []), goBack);
      grid.scrollLeft = 0;
      // a schema change keeps pending edits only if the model's columns are the same
      pending = new PendingChanges(m.model);
      search.value = query.search;
      document.title = m.model.name;
      renderFilters();
      // the host read the first page while this page loaded: use it when it is for the same view
      queryChanged(
        m.firstPage && JSON.stringify(m.firstPage.query) === JSON.stringify(sentQuery()) ? m.firstPage : undefined,
        true,
      );
      if (view?.scrollTop)
        requestAnimationFrame(() => {
          viewport.scrollTop = view.scrollTop;
          render();
        });
      setStatus('');
      break;
    }
    case 'count': {
      const r = requests.get(m.requestId);
      requests.delete(m.requestId);
      if (!st || !r || r.generation !== cache.generation) return;
      st.total = m.total;
      st.totalEstimated = m.estimated === true;
      counting = false;
      knownTotal = m.total;
      knownEstimated = st.totalEstimated;
      recentTotals.set(lastCountKey, m.total, st.totalEstimated);
      render();
      break;
    }
    case 'rows': {
      const r = requests.get(m.requestId);
      requests.delete(m.requestId);
      if (!st || !r || r.generation !== cache.generation) return;
      const first = visibleWindow(viewport.scrollTop, viewport.clientHeight, ROW_HEIGHT, st.total ?? 0).first;
      cache.received(m.start, m.rows, Math.floor(first / PAGE_SIZE));
      if (st.totalEstimated && st.total !== undefined) {
        // an estimate is corrected by the rows themselves: a short page is the end, a full one past the estimate goes on
        if (m.rows.length < PAGE_SIZE && m.start + m.rows.length !== st.total) {
          st.total = m.start + m.rows.length;
          knownTotal = st.total;
        } else if (m.rows.length === PAGE_SIZE && m.start + PAGE_SIZE >= st.total) {
          st.total = m.start + PAGE_SIZE + 1;
          knownTotal = st.total;
        }
      }
      document.body.dataset.lastFetchMs = String(m.ms);
      if (readFailureShown && !cache.failing) {
        readFailureShown = false;
        setStatus('');
      }
      render();
      break;
    }
    case 'saved':
      requests.delete(m.requestId);
      onSaved(m.result);
      break;
    case 'readOnly':
      if (!st) return;
      st.readOnly = m.readOnly;
      st.readOnlyForced = m.readOnlyForced;
      render();
      break;
    case 'error': {
      if (m.requestId !== undefined) {
        const r = requests.get(m.requestId);
        requests.delete(m.requestId);
        // an answer to a request of a view (or a model) no longer shown
        if (!r || (r.kind !== 'save' && r.generation !== cache.generation)) return;
        if (r?.kind === 'count' && st) {
          st.total ??= 0;
          counting = false;
          countFailed = true;
        }
        if (r?.kind === 'rows' && r.start !== undefined && r.generation === cache.generation)
          cache.failed(r.start, performance.now());
        if (r.kind !== 'save') {
          // not asked again on the next frame: on scroll after a back-off, or at once with Retry / Refresh
          showReadFailure(m.message);
          render();
          break;
        }
        setStatus(saveFailureText(m.message), 'error');
        render();
        break;
      }
      setStatus(m.message, 'error');
      render();
      break;
    }
    case 'refresh':
      queryChanged(undefined, true);
      break;
  }
});

// the host may put the first `init` (with its first page) in the page itself: draw it now, without a round trip
const initInPage = document.getElementById('grid-init')?.textContent;
if (initInPage) window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(initInPage) as HostMessage }));
performance.mark('grid: ready sent');
send({ type: 'ready' });
