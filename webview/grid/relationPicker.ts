// A foreign-key cell's picker: a popup with a search box and the related model's rows, read from the host
// a page at a time (keyset: scrolling to the end or "More" continues after the last row). Choosing a row
// stages the foreign-key change like any edit (one undo step, saved with the others); "Clear" stages NULL
// on an optional relation and, on a required one, says why it cannot be cleared and stages nothing.
import type { HostMessage } from '../../src/shared/protocol/messages';
import type { ColumnMeta, WireRow } from '../../src/shared/protocol/model';
import { clearRefusal, clearedValue, relationOf } from '../../src/shared/protocol/relations';
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
      draw?: () => void;
    }
  | undefined;

/** Opens the picker for foreign-key column `c` under `cell`; `commit` stages the chosen foreign-key values. */
export function openRelationPicker(cell: HTMLElement, c: ColumnMeta, commit: (changes: WireRow) => void): void {
  if (!g.st) return;
  const meta = g.st.model;
  const relation = relationOf(meta, c.name);
  if (!relation) return;
  const list = new PickerList();
  const input = el('input', {
    class: 'picker-search',
    type: 'search',
    placeholder: `Search ${relation.model} by id, unique or text columns`,
    'aria-label': `Search ${relation.model}`,
    'aria-controls': 'picker-list',
  });
  const listEl = el('div', { class: 'picker-list', id: 'picker-list', role: 'listbox', 'aria-label': relation.model });
  const note = el('div', { class: 'picker-note', role: 'status' });
  const more = el('button', { class: 'tb', title: `Read the next ${PAGE} rows` }, 'More');
  const clear = el(
    'button',
    { class: 'tb', title: relation.required ? `${relation.field} is required` : `Set ${relation.field} to NULL` },
    icon('clear-all'),
    el('span', {}, 'Clear'),
  );
  const box = el(
    'div',
    {
      class: 'relation-picker',
      role: 'dialog',
      'aria-label': `Pick the ${relation.model} of ${meta.name}.${relation.field}`,
    },
    el('div', { class: 'picker-title' }, `${meta.name}.${relation.field} → ${relation.model}`),
    input,
    listEl,
    note,
    el('div', { class: 'picker-actions' }, more, clear),
  );
  const choose = (changes: WireRow) => {
    close();
    commit(changes);
  };
  clear.addEventListener('click', () => {
    const refusal = clearRefusal(meta, c.name);
    if (refusal) {
      note.textContent = refusal;
      note.classList.add('error');
      setStatus(refusal, 'error');
      return;
    }
    choose(clearedValue(meta, c.name));
  });
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
      if (row) choose(row.value);
    }
  });
  const close = popup(box, cell.getBoundingClientRect().left, cell.getBoundingClientRect().bottom + 2, viewport);
  open = { column: c.name, list, listEl, note, more, close };
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
      column: c.name,
      search: list.search,
      ...(fresh ? {} : { after: list.next }),
      count: PAGE,
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
        );
        option.setAttribute('aria-selected', String(i === list.active));
        option.addEventListener('click', () => choose(r.value));
        return option;
      }),
    );
    input.setAttribute('aria-activedescendant', list.rows.length ? `pick-${list.active}` : '');
    listEl.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
    more.disabled = !list.next;
  }
  open.draw = draw;
  input.focus();
  ask(true);
}

/** A page for the open picker; dropped when it answers another search or the picker is closed. */
export function onRelated(m: Extract<HostMessage, { type: 'related' }>): void {
  requests.delete(m.requestId);
  if (!open || !open.listEl.isConnected || m.column !== open.column) return;
  if (!open.list.received(m.requestId, m.rows, m.next)) return;
  open.note.textContent = open.list.rows.length
    ? `${open.list.rows.length}${m.next ? '+' : ''} ${m.model} row(s) · ${m.ms} ms`
    : `No ${m.model} matches.`;
  open.draw?.();
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
