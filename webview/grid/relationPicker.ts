// A foreign-key cell's picker: a popup with a search box and the related model's rows, read from the host
// a page at a time (keyset: scrolling to the end or "More" continues after the last row). Choosing a row
// stages the foreign-key change like any edit (one undo step, saved with the others); "Clear" stages NULL
// on an optional relation and, on a required one, says why it cannot be cleared and stages nothing. A list
// relation's cell (a back relation or an implicit many-to-many) opens it on the row's linked rows
// (choose one to disconnect it) and on all rows (choose one to connect it).
import type { HostMessage, LinkChange } from '../../src/shared/protocol/messages';
import type { ColumnMeta, RowKey, WireRow } from '../../src/shared/protocol/model';
import { clearRefusal, clearedValue, relationOf, type RelatedRow } from '../../src/shared/protocol/relations';
import { g, newRequest, requests, send } from './context';
import { popup } from './columnsMenu';
import { setStatus, viewport } from './layout';
import { PickerList } from './pickerList';
import { el, icon } from '../shared/dom';

const PAGE = 50;

let open:
  | {
      column: string;
      list: PickerList;
      listEl: HTMLElement;
      note: HTMLElement;
      more: HTMLButtonElement;
      close(): void;
      draw: () => void;
    }
  | undefined;

/** Opens the picker for foreign-key column `c` under `cell`; `commit` stages the chosen foreign-key values. */
export function openRelationPicker(cell: HTMLElement, c: ColumnMeta, commit: (changes: WireRow) => void): void {
  if (!g.st) return;
  const meta = g.st.model;
  const relation = relationOf(meta, c.name);
  if (!relation) return;
  pickerPopup(cell, {
    column: c.name,
    model: relation.model,
    title: `${meta.name}.${relation.field} → ${relation.model}`,
    choose: (r) => commit(r.value),
    clear: {
      title: relation.required ? `${relation.field} is required` : `Set ${relation.field} to NULL`,
      refusal: () => clearRefusal(meta, c.name),
      run: () => commit(clearedValue(meta, c.name)),
    },
  });
}

/**
 * Opens the picker of list relation `rel` (a back relation or an implicit many-to-many) for one row:
 * "Linked" shows the rows linked to it (choosing one stages a disconnect), "All" every row of the related
 * model (choosing one stages a connect).
 */
export function openLinkPicker(
  cell: HTMLElement,
  rel: { name: string; model: string; required?: boolean },
  parent: RowKey,
  stage: (change: LinkChange) => void,
): void {
  if (!g.st) return;
  const meta = g.st.model;
  pickerPopup(cell, {
    column: rel.name,
    model: rel.model,
    title: `${meta.name}.${rel.name} (${rel.model})`,
    linkedTo: parent,
    choose: (r, linked) => {
      if (linked && rel.required) {
        const why = `${rel.model} ${r.id} cannot be disconnected: its ${meta.name} is required. Connect it to another ${meta.name} from its own grid instead.`;
        setStatus(why, 'error');
        return why;
      }
      stage({ relation: rel.name, parent, child: r.value, connect: !linked });
      return undefined;
    },
  });
}

interface PickerOptions {
  column: string;
  model: string;
  title: string;
  /** A list relation: the row whose linked rows "Linked" shows. */
  linkedTo?: RowKey;
  /** Stages the choice; a refusal in words keeps the picker open and shows it. */
  choose(row: RelatedRow, linked: boolean): string | undefined | void;
  clear?: { title: string; refusal(): string | undefined; run(): void };
}

function pickerPopup(cell: HTMLElement, o: PickerOptions): void {
  const list = new PickerList();
  let linked = o.linkedTo !== undefined;
  const input = el('input', {
    class: 'picker-search',
    type: 'search',
    placeholder: `Search ${o.model} by id, unique or text columns`,
    'aria-label': `Search ${o.model}`,
    'aria-controls': 'picker-list',
  });
  const listEl = el('div', { class: 'picker-list', id: 'picker-list', role: 'listbox', 'aria-label': o.model });
  const note = el('div', { class: 'picker-note', role: 'status' });
  const more = el('button', { class: 'tb', title: `Read the next ${PAGE} rows` }, 'More');
  const actions = el('div', { class: 'picker-actions' }, more);
  const tabs = el('div', { class: 'picker-tabs', role: 'tablist' });
  if (o.linkedTo) {
    const tab = (label: string, on: boolean, title: string) => {
      const b = el('button', { class: 'tb', role: 'tab', title, 'aria-selected': String(linked === on) }, label);
      b.addEventListener('click', () => {
        linked = on;
        for (const t of tabs.children) t.setAttribute('aria-selected', String(t === b));
        ask(true);
        input.focus();
      });
      return b;
    };
    tabs.append(
      tab('Linked', true, `The ${o.model} rows linked to this row: choose one to disconnect it`),
      tab('All', false, `Every ${o.model} row: choose one to connect it`),
    );
  }
  const box = el(
    'div',
    { class: 'relation-picker', role: 'dialog', 'aria-label': o.title },
    el('div', { class: 'picker-title' }, o.title),
    tabs,
    input,
    listEl,
    note,
    actions,
  );
  const refuse = (why: string) => {
    note.textContent = why;
    note.classList.add('error');
  };
  const choose = (r: RelatedRow) => {
    const refusal = o.choose(r, linked);
    if (refusal) refuse(refusal);
    else close();
  };
  if (o.clear) {
    const clear = o.clear;
    const b = el('button', { class: 'tb', title: clear.title }, icon('clear-all'), el('span', {}, 'Clear'));
    b.addEventListener('click', () => {
      const refusal = clear.refusal();
      if (refusal) {
        refuse(refusal);
        setStatus(refusal, 'error');
        return;
      }
      close();
      clear.run();
    });
    actions.append(b);
  }
  more.addEventListener('click', () => ask(false));
  listEl.addEventListener('scroll', () => {
    if (listEl.scrollTop + listEl.clientHeight >= listEl.scrollHeight - 24) ask(false);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => ask(true), 200);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      list.move(e.key === 'ArrowDown' ? 1 : -1);
      draw();
      if (list.active >= list.rows.length - 3) ask(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const row = list.chosen();
      if (row) choose(row);
    }
  });
  const at = cell.getBoundingClientRect();
  const close = popup(box, at.left, at.bottom + 2, viewport);
  open = { column: o.column, list, listEl, note, more, close, draw };
  /** A new search (`fresh`) or the next page of this one. */
  function ask(fresh: boolean): void {
    const requestId = newRequest('pick');
    if (fresh) list.begin(input.value, requestId);
    else {
      const after = list.moreAfter();
      if (!after) {
        requests.delete(requestId);
        return;
      }
      list.asked(requestId);
    }
    note.textContent = 'Reading…';
    note.classList.remove('error');
    send({
      type: 'pickRelated',
      requestId,
      column: o.column,
      search: list.search,
      ...(fresh ? {} : { after: list.next }),
      count: PAGE,
      ...(linked && o.linkedTo ? { linkedTo: o.linkedTo } : {}),
    });
  }
  function draw(): void {
    listEl.replaceChildren(
      ...list.rows.map((r, i) => {
        const option = el(
          'div',
          { class: `picker-option${i === list.active ? ' active' : ''}`, role: 'option', id: `pick-${i}` },
          el('span', { class: 'picker-id' }, r.id),
          el('span', { class: 'picker-label' }, r.label),
          ...(o.linkedTo ? [el('span', { class: 'picker-verb' }, linked ? 'disconnect' : 'connect')] : []),
        );
        option.setAttribute('aria-selected', String(i === list.active));
        option.addEventListener('click', () => choose(r));
        return option;
      }),
    );
    input.setAttribute('aria-activedescendant', list.rows.length ? `pick-${list.active}` : '');
    listEl.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
    more.disabled = !list.next;
  }
  input.focus();
  ask(true);
}

/** A page for the open picker; dropped when it answers another search or the picker is closed. */
export function onRelated(m: Extract<HostMessage, { type: 'related' }>): void {
  if (!m.partial) requests.delete(m.requestId);
  if (!open || !open.listEl.isConnected || m.column !== open.column) return;
  if (!open.list.received(m.requestId, m.rows, m.next, m.partial === true)) return;
  open.note.textContent = open.list.rows.length
    ? `${open.list.rows.length}${m.next || m.partial ? '+' : ''} ${m.model} row(s) · ${m.ms} ms${m.partial ? ' · reading more…' : ''}`
    : `No ${m.model} matches.`;
  open.draw();
}

/** An error answering a picker request: shown in the picker. False when the request was not the picker's. */
export function onPickerError(requestId: number, message: string): boolean {
  if (requests.get(requestId)?.kind !== 'pick') return false;
  requests.delete(requestId);
  if (open?.list.failed(requestId)) {
    open.note.textContent = message;
    open.note.classList.add('error');
  }
  return true;
}
