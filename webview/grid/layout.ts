// The grid's page: toolbar, breadcrumbs, filter bar, header, rows and the status line.
import { button, columns, g, send } from './context';
import { openColumnsPanel } from './columnsMenu';
import { addRow, deleteFocused, save } from './editing';
import { addFilter } from './filterBar';
import { columnSpan, columnsHost } from './header';
import { countExactly, queryChanged } from './reads';
import { render, renderRows } from './rows';
import { el } from '../shared/dom';

export const app = document.getElementById('app')!;
export const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'status' });
export const countLabel = el('span', { class: 'count', id: 'row-count' }, '…');
export const exactButton = button(
  'Count',
  'symbol-numeric',
  "The total is the database's estimate: count the rows exactly",
  () => countExactly(),
  'exact-count',
);
export const crumbBar = el('nav', {
  class: 'crumbs',
  id: 'breadcrumbs',
  'aria-label': 'Breadcrumbs: where you came from',
});
crumbBar.hidden = true;
export const columnsButton = button(
  'Columns',
  'list-selection',
  'Show, hide and pin columns',
  () => openColumnsPanel(columnsButton, columnsHost),
  'columns',
);
columnsButton.setAttribute('aria-haspopup', 'dialog');
export const search = el('input', {
  type: 'search',
  placeholder: 'Search text columns',
  'aria-label': 'Quick search',
  id: 'quick-search',
});
export const saveButton = button(
  'Save',
  'save',
  'Save pending changes in one transaction (Ctrl/Cmd+S)',
  () => save(),
  'save',
);
export const discardButton = button(
  'Discard',
  'discard',
  'Discard pending changes',
  () => {
    g.pending?.clear();
    render();
  },
  'discard',
);
export const readOnlyButton = button(
  '',
  'lock',
  'Toggle read-only',
  () => g.st && !g.st.readOnlyForced && send({ type: 'setReadOnly', readOnly: !g.st.readOnly }),
  'read-only',
);
export const deletedButton = button(
  '',
  'trash',
  'Show soft-deleted rows',
  () => {
    if (g.st) {
      g.st.query.showDeleted = !g.st.query.showDeleted;
      queryChanged();
    }
  },
  'show-deleted',
);
export const toolbar = el(
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
    () => g.st && send({ type: 'export', format: 'csv', query: g.st.query }),
  ),
  button(
    'JSON',
    'json',
    'Export the current view to JSON',
    () => g.st && send({ type: 'export', format: 'json', query: g.st.query }),
  ),
  button(
    'Import…',
    'cloud-upload',
    'Import rows from a CSV or JSON file: preview, type checks, one transaction',
    () => g.st && send({ type: 'import' }),
    'import',
  ),
  deletedButton,
  readOnlyButton,
  columnsButton,
  el('span', { class: 'spacer' }),
  countLabel,
  exactButton,
);
export const filterBar = el('div', { class: 'filters', id: 'filters' });
export const header = el('div', { class: 'row header', role: 'row', 'aria-rowindex': '1' });
export const rowsEl = el('div', { class: 'rows', role: 'rowgroup' });
export const insertsEl = el('div', { class: 'inserts', role: 'rowgroup' });
export const content = el('div', { class: 'content' }, rowsEl);
export const viewport = el('div', { class: 'viewport', tabindex: '0', id: 'viewport' }, content);
export const grid = el(
  'div',
  { class: 'grid', role: 'grid', 'aria-label': 'rows', id: 'grid' },
  header,
  insertsEl,
  viewport,
);
app.append(crumbBar, toolbar, filterBar, grid, status);
// pinned columns stay at the left: they move back by what the grid scrolled sideways; the rows draw
// only the columns in view (see columnSpan), so a sideways scroll past them draws the next ones
grid.addEventListener('scroll', () => {
  grid.style.setProperty('--sx', `${grid.scrollLeft}px`);
  const span = columnSpan(columns());
  if (`${span.from}:${span.to}` !== g.drawnSpan) renderRows();
});

export function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}
