// Hide / show and pin columns: a "Columns" panel from the toolbar (every column with a Show checkbox and
// a Pin toggle) and a context menu on a column header (right-click, or Shift+F10 / the menu key on a
// focused cell). Both are keyboard-usable: native controls, arrows in the menu, Escape closes and gives
// focus back to where it was.
import { togglePinned, toggleHidden, type ColumnLayoutState } from './columns';
import { el, icon } from '../shared/dom';

export interface ColumnsMenuHost {
  /** Every column of the model, in model order. */
  columns(): { name: string; type: string }[];
  layout(): ColumnLayoutState;
  setLayout(layout: ColumnLayoutState): void;
}

let open: { el: HTMLElement; close: () => void } | undefined;

/** Shows `el` as a popup at (x, y); closes on Escape, outside click, or `closePopup()`. */
export function popup(el: HTMLElement, x: number, y: number, returnFocus: HTMLElement | undefined): () => void {
  closePopup();
  el.classList.add('popup');
  el.style.left = `${Math.max(0, Math.min(x, window.innerWidth - 280))}px`;
  el.style.top = `${Math.max(0, y)}px`;
  document.body.append(el);
  // wider than 280 px (the relation picker): kept inside the window too
  if (el.offsetWidth > 280) el.style.left = `${Math.max(0, Math.min(x, window.innerWidth - el.offsetWidth - 4))}px`;
  const outside = (e: MouseEvent) => {
    if (!el.contains(e.target as Node)) close();
  };
  const close = () => {
    if (!el.isConnected) return;
    el.remove();
    window.removeEventListener('mousedown', outside, true);
    if (open?.el === el) open = undefined;
    returnFocus?.focus();
  };
  el.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  window.addEventListener('mousedown', outside, true);
  open = { el, close };
  return close;
}

export function closePopup(): void {
  open?.close();
}

export function isPopupOpen(): boolean {
  return open !== undefined;
}

/** The toolbar's Columns panel: a Show checkbox and a Pin toggle per column. */
export function openColumnsPanel(anchor: HTMLElement, host: ColumnsMenuHost): void {
  const panel = el('div', {
    role: 'dialog',
    'aria-label': 'Columns: show, hide and pin',
    id: 'columns-panel',
    class: 'columns-panel',
  });
  const fill = () => {
    const layout = host.layout();
    const all = host.columns().map((c) => c.name);
    const rows = host.columns().map((c) => {
      const shown = !layout.hidden.includes(c.name);
      const pinned = layout.pinned.includes(c.name);
      const check = el('input', { type: 'checkbox', id: `col-show-${c.name}`, 'data-col': c.name, class: 'col-show' });
      check.checked = shown;
      check.addEventListener('change', () => {
        host.setLayout(toggleHidden(host.layout(), c.name, all));
        refill(`col-show-${c.name}`);
      });
      const pin = el(
        'button',
        {
          class: `tb col-pin${pinned ? ' on' : ''}`,
          'aria-pressed': String(pinned),
          'data-col': c.name,
          title: pinned ? `Unpin ${c.name}` : `Pin ${c.name} at the left`,
          'aria-label': `Pin ${c.name}`,
        },
        icon(pinned ? 'pinned' : 'pin'),
      );
      pin.addEventListener('click', () => {
        host.setLayout(togglePinned(host.layout(), c.name));
        refill(`pin:${c.name}`);
      });
      return el(
        'div',
        { class: 'col-row' },
        check,
        el('label', { for: `col-show-${c.name}` }, c.name, el('span', { class: 'type' }, ` ${c.type}`)),
        pin,
      );
    });
    const showAll = el('button', { class: 'tb', id: 'columns-show-all' }, 'Show all');
    showAll.addEventListener('click', () => {
      host.setLayout({ ...host.layout(), hidden: [] });
      refill('columns-show-all');
    });
    const unpinAll = el('button', { class: 'tb', id: 'columns-unpin-all' }, 'Unpin all');
    unpinAll.addEventListener('click', () => {
      host.setLayout({ ...host.layout(), pinned: [] });
      refill('columns-unpin-all');
    });
    panel.replaceChildren(el('div', { class: 'col-actions' }, showAll, unpinAll), ...rows);
  };
  const refill = (focusId: string) => {
    fill();
    const target = focusId.startsWith('pin:')
      ? panel.querySelector<HTMLElement>(`.col-pin[data-col="${CSS.escape(focusId.slice(4))}"]`)
      : panel.querySelector<HTMLElement>(`#${CSS.escape(focusId)}`);
    target?.focus();
  };
  fill();
  const r = anchor.getBoundingClientRect();
  popup(panel, r.left, r.bottom + 2, anchor);
  panel.querySelector<HTMLElement>('input, button')?.focus();
}

/** A column header's context menu: hide, pin / unpin, all columns. */
export function openColumnMenu(
  name: string,
  x: number,
  y: number,
  host: ColumnsMenuHost,
  returnFocus: HTMLElement | undefined,
  columnsButton: HTMLElement,
): void {
  const layout = host.layout();
  const pinned = layout.pinned.includes(name);
  const all = host.columns().map((c) => c.name);
  const shownCount = all.filter((n) => !layout.hidden.includes(n)).length;
  openMenu(
    { id: 'column-menu', label: `Column ${name}` },
    [
      {
        label: `Hide ${name}`,
        icon: 'eye-closed',
        act: () => host.setLayout(toggleHidden(host.layout(), name, all)),
        disabled: shownCount <= 1,
      },
      {
        label: pinned ? `Unpin ${name}` : `Pin ${name} at the left`,
        icon: pinned ? 'pinned' : 'pin',
        act: () => host.setLayout(togglePinned(host.layout(), name)),
      },
      { label: 'Columns…', icon: 'list-selection', act: () => openColumnsPanel(columnsButton, host) },
    ],
    x,
    y,
    returnFocus,
  );
}

export interface MenuItem {
  label: string;
  icon: string;
  act: () => void;
  disabled?: boolean;
  /** The keys that do the same, shown at the right. */
  keys?: string;
}

/** A keyboard-usable menu at (x, y): arrows move, Enter runs, Escape or Tab closes. */
export function openMenu(
  at: { id: string; label: string },
  items: MenuItem[],
  x: number,
  y: number,
  returnFocus: HTMLElement | undefined,
): void {
  const menu = el('div', { role: 'menu', 'aria-label': at.label, id: at.id, class: 'column-menu' });
  for (const it of items) {
    const b = el(
      'button',
      { role: 'menuitem', class: 'menu-item', tabindex: '-1' },
      icon(it.icon),
      el('span', {}, it.label),
      ...(it.keys ? [el('span', { class: 'menu-keys' }, it.keys)] : []),
    );
    b.disabled = it.disabled === true;
    b.addEventListener('click', () => {
      closePopup();
      it.act();
    });
    menu.append(b);
  }
  menu.addEventListener('keydown', (e) => {
    const enabled = [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')];
    const i = enabled.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      enabled[(i + 1) % enabled.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      enabled[(i - 1 + enabled.length) % enabled.length]?.focus();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      closePopup();
    }
  });
  popup(menu, x, y, returnFocus);
  menu.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
}
