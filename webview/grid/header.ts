// The column header: names and types, sort, resize, the column menu; and which columns the rows draw.
import type { ColumnMeta } from '../../src/shared/protocol/model';
import { columns, g, relationColumns, ROW_HEADER_WIDTH, width } from './context';
import { openColumnMenu, type ColumnsMenuHost } from './columnsMenu';
import { columnsButton, grid, header, viewport } from './layout';
import { queryChanged } from './reads';
import { renderRows } from './rows';
import { persist } from './viewState';
import { visibleColumns, type ColumnSpan } from './virtual';
import { el, icon } from '../shared/dom';

export const columnsHost: ColumnsMenuHost = {
  columns: () =>
    g.st?.model.columns.map((c) => ({
      name: c.name,
      type: `${c.type === 'Enum' ? (c.enumName ?? 'Enum') : c.type}${c.list ? '[]' : ''}${c.optional ? '?' : ''}`,
    })) ?? [],
  layout: () => ({ hidden: g.st?.hidden ?? [], pinned: g.st?.pinned ?? [] }),
  setLayout: (layout) => {
    if (!g.st) return;
    g.st.hidden = layout.hidden;
    g.st.pinned = layout.pinned;
    g.st.focus.col = Math.min(g.st.focus.col, Math.max(0, columns().length - 1));
    renderHeader();
    renderRows();
    persist();
  },
};

/** Column virtualisation: which unpinned columns of `cols` the rows draw at this sideways scroll. */
export function columnSpan(cols: readonly ColumnMeta[]): ColumnSpan {
  const pinnedCount = cols.filter((c) => g.st?.pinned.includes(c.name)).length;
  return visibleColumns(
    cols.map((c) => width(c.name, c)),
    pinnedCount,
    grid.scrollLeft,
    grid.clientWidth || 1200,
    ROW_HEADER_WIDTH,
  );
}

/** A spacer standing in for columns that are not drawn. */
export function spacer(px: number): HTMLElement {
  const s = el('div', { class: 'cell spacer', 'aria-hidden': 'true' });
  s.style.width = `${px}px`;
  return s;
}

export function renderHeader(): void {
  if (!g.st) return;
  header.replaceChildren();
  header.append(el('div', { class: 'cell gutter pinned', role: 'columnheader' }, '#'));
  columns().forEach((c, i) => {
    const sortIndex = g.st!.query.sort.findIndex((s) => s.column === c.name);
    const sort = sortIndex >= 0 ? g.st!.query.sort[sortIndex] : undefined;
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
            g.st!.query.sort.length > 1 ? String(sortIndex + 1) : '',
          )
        : '',
    );
    cell.style.width = `${width(c.name, c)}px`;
    if (g.st!.pinned.includes(c.name)) cell.classList.add('pinned');
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

export function startResize(e: MouseEvent, name: string): void {
  e.preventDefault();
  e.stopPropagation();
  const startX = e.clientX;
  const start = width(name);
  const move = (m: MouseEvent) => {
    g.st!.widths[name] = Math.max(50, Math.round(start + m.clientX - startX));
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

export function toggleSort(column: string, add: boolean): void {
  if (!g.st) return;
  const sort = g.st.query.sort;
  const at = sort.findIndex((s) => s.column === column);
  if (!add) {
    const current = at >= 0 ? sort[at] : undefined;
    g.st.query.sort = !current ? [{ column, dir: 'asc' }] : current.dir === 'asc' ? [{ column, dir: 'desc' }] : [];
  } else if (at < 0) sort.push({ column, dir: 'asc' });
  else if (sort[at].dir === 'asc') sort[at].dir = 'desc';
  else sort.splice(at, 1);
  queryChanged();
}
