// Drawing: the visible window of rows (virtualised both ways), the pending inserts, and the toolbar's state.
import { cache, COUNT_COL, columns, g, relationColumns, ROW_HEADER_WIDTH, ROW_HEIGHT, width } from './context';
import { editCell, startEdit } from './editing';
import { openLinkPicker, openRelationPicker } from './relationPicker';
import { display } from './format';
import { columnSpan, spacer } from './header';
import {
  content,
  countLabel,
  deletedButton,
  discardButton,
  exactButton,
  grid,
  insertsEl,
  readOnlyButton,
  rowsEl,
  saveButton,
  viewport,
} from './layout';
import { keyOf, rowIdOf } from './pending';
import { ensureRows } from './reads';
import { follow, reportPending, warmFollow } from './viewState';
import { inRange, rangeOf, rangeSize } from './selection';
import { visibleWindow } from './virtual';
import { el, icon } from '../shared/dom';
import type { Filter } from '../../src/shared/protocol/messages';

let frame = 0;
export function render(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderRows();
    renderToolbar();
  });
}

/** Draws now rather than at the next frame: the first page, so that it is in the page's first paint. */
export function renderNow(): void {
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  renderRows();
  renderToolbar();
}

export function renderToolbar(): void {
  if (!g.st) return;
  const n = g.pending?.count ?? 0;
  reportPending(n);
  saveButton.disabled = n === 0 || g.st.readOnly;
  discardButton.disabled = n === 0;
  saveButton.querySelector('span:last-child')!.textContent = n ? `Save (${n})` : 'Save';
  readOnlyButton.classList.toggle('on', g.st.readOnly);
  readOnlyButton.title = g.st.readOnlyForced
    ? 'Read-only: this database is marked production'
    : g.st.readOnly
      ? 'Read-only (click to allow edits)'
      : 'Editable (click for read-only)';
  readOnlyButton.querySelector('.codicon')!.className = `codicon codicon-${g.st.readOnly ? 'lock' : 'unlock'}`;
  deletedButton.hidden = !g.st.model.softDelete;
  deletedButton.classList.toggle('on', g.st.query.showDeleted);
  countLabel.textContent = `${g.st.total === undefined ? '…' : `${g.st.totalEstimated ? '≈ ' : ''}${g.st.total.toLocaleString()}`} rows · ${g.st.database}${g.st.readOnly ? ' · read-only' : ''}`;
  countLabel.title = g.st.totalEstimated
    ? "Estimated from the database's statistics (the table is large): Count gives the exact number"
    : '';
  if (g.counting) countLabel.textContent = `counting… · ${g.st.database}`;
  exactButton.hidden = !g.st.totalEstimated;
  exactButton.disabled = g.counting;
  grid.setAttribute('aria-rowcount', String((g.st.total ?? 0) + 1));
  grid.setAttribute('aria-readonly', String(g.st.readOnly));
}

export function renderRows(): void {
  if (!g.st || g.editing) return;
  renderInserts();
  const total = g.st.total ?? cache.knownPrefix(); // the rows held so far, until the count comes back
  const win = visibleWindow(viewport.scrollTop, viewport.clientHeight, ROW_HEIGHT, total);
  content.style.height = `${win.contentHeight}px`;
  rowsEl.style.transform = `translateY(${win.offset}px)`;
  ensureRows(win.first, win.count);
  const cols = columns();
  const rels = relationColumns();
  // the rows are absolutely placed: give the content their width, or a sideways scroll clips them
  content.style.width = `${ROW_HEADER_WIDTH + cols.reduce((n, c) => n + width(c.name, c), 0) + rels.length * 140}px`;
  const span = columnSpan(cols);
  g.drawnSpan = `${span.from}:${span.to}`;
  const pinnedCount = cols.filter((c) => g.st!.pinned.includes(c.name)).length;
  const drawn = (ci: number) => ci < pinnedCount || (ci >= span.from && ci < span.to);
  const sel = rangeOf(g.st.focus, g.anchor);
  const several = rangeSize(sel).cells > 1;
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
        const cell = el(
          'div',
          { class: `cell${g.st!.pinned.includes(c.name) ? ' pinned' : ''}`, role: 'gridcell' },
          '',
        );
        cell.style.width = `${width(c.name, c)}px`;
        r.append(cell);
      });
      out.push(r);
      continue;
    }
    const id = rowIdOf(g.st.model, row);
    if (g.pending?.isDeleted(row)) r.classList.add('deleted');
    if (g.st.conflicts.has(id)) {
      r.classList.add('conflict');
      r.title = g.st.conflicts.get(id)!;
    }
    cols.forEach((c, ci) => {
      if (ci === pinnedCount && span.before) r.append(spacer(span.before));
      if (!drawn(ci)) return;
      const v = g.pending ? g.pending.value(row, c.name) : (row[c.name] ?? null);
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
      if (g.st!.pinned.includes(c.name)) cell.classList.add('pinned');
      if (g.pending?.isEdited(row, c.name)) cell.classList.add('edited');
      const err = g.st!.cellErrors.get(`${id}\n${c.name}`);
      if (err) {
        cell.classList.add('error');
        cell.title = err;
      }
      if (several && inRange(sel, i, ci)) cell.classList.add('selected');
      if (g.st!.focus.row === i && g.st!.focus.col === ci) {
        cell.classList.add('focused');
        cell.setAttribute('aria-selected', 'true');
      }
      if (c.references && !g.st!.readOnly) {
        const pick = el(
          'a',
          { class: 'pick', href: '#', title: `Pick the ${c.references.model} (Enter or F2)` },
          icon('list-selection'),
        );
        pick.addEventListener('click', (e) => {
          e.preventDefault();
          e.stopPropagation();
          g.st!.focus = { row: i, col: ci };
          startEdit(i, ci);
        });
        cell.append(pick);
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
        const filters: Filter[] = [{ column: c.references.field, op: 'equals', value: v }];
        link.addEventListener('pointerenter', () => warmFollow(c.references!.model, filters));
        link.addEventListener('click', (e) => {
          e.preventDefault();
          e.stopPropagation();
          follow(c.references!.model, filters, e.ctrlKey || e.metaKey);
        });
        cell.append(link);
      }
      cell.addEventListener('dblclick', () => startEdit(i, ci));
      r.append(cell);
    });
    if (span.after && rels.length) r.append(spacer(span.after));
    for (const rel of rels) {
      const n = row[COUNT_COL + rel.name];
      const cell = el('div', { class: 'cell relation', role: 'gridcell' });
      const staged = g.pending?.linksOf(row, rel.name) ?? [];
      const plus = staged.filter((l) => l.connect).length;
      const minus = staged.length - plus;
      const manyToMany = rel.fields.length === 0;
      const pickLinks = () =>
        openLinkPicker(cell, rel, keyOf(g.st!.model, row), (change) => {
          g.pending!.link(change);
          render();
        });
      const link = el(
        'a',
        {
          href: '#',
          title: manyToMany
            ? `The ${rel.model} rows linked to this ${g.st.model.name}`
            : `Open the ${rel.model} rows of this ${g.st.model.name} (Ctrl/Cmd+click: in a new tab)`,
        },
        `${n ?? '?'} ${rel.model}${staged.length ? ` (${plus ? `+${plus}` : ''}${plus && minus ? ' ' : ''}${minus ? `−${minus}` : ''})` : ''}`,
      );
      if (staged.length) cell.classList.add('edited');
      const filters = (): Filter[] =>
        rel.fields.map((f, k) => ({ column: f, op: 'equals' as const, value: row[rel.references[k]] ?? null }));
      if (!manyToMany) link.addEventListener('pointerenter', () => warmFollow(rel.model, filters()));
      link.addEventListener('click', (e) => {
        e.preventDefault();
        if (manyToMany) return pickLinks(); // no filter reaches through the join table: the picker lists them
        follow(rel.model, filters(), e.ctrlKey || e.metaKey);
      });
      cell.append(link);
      if (!g.st.readOnly) {
        const pick = el(
          'a',
          { class: 'pick', href: '#', title: `Connect or disconnect ${rel.model} rows` },
          icon('list-selection'),
        );
        pick.addEventListener('click', (e) => {
          e.preventDefault();
          e.stopPropagation();
          pickLinks();
        });
        cell.append(pick);
      }
      r.append(cell);
    }
    out.push(r);
  }
  rowsEl.replaceChildren(...out);
  if (!g.firstRowsMarked && cache.row(win.first)) {
    g.firstRowsMarked = true;
    performance.mark('grid: first rows in the DOM');
  }
}

export function renderInserts(): void {
  if (!g.st || !g.pending) return;
  insertsEl.replaceChildren(
    ...g.pending.inserts.map((row, index) => {
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
        const err = g.st!.cellErrors.get(`insert:${index}\n${c.name}`);
        if (err) {
          cell.classList.add('error');
          cell.title = err;
        }
        cell.addEventListener('dblclick', () =>
          c.references
            ? openRelationPicker(cell, c, (changes) => {
                for (const [column, value] of Object.entries(changes)) g.pending!.editInsert(index, column, value);
                render();
              })
            : editCell(cell, c, v ?? null, (nv) => {
                g.pending!.editInsert(index, c.name, nv);
                render();
              }),
        );
        r.append(cell);
      });
      return r;
    }),
  );
}
