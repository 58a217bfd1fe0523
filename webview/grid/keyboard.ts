// Keys and scrolling: moving the focused cell (with Shift: selecting a range), editing keys, Ctrl/Cmd+A, D, S,
// Z and Shift+Z / Y, quick search as you type. Copy and paste come as clipboard events (spreadsheet.ts).
import { columns, g, ROW_HEADER_WIDTH, ROW_HEIGHT, width } from './context';
import { openColumnMenu } from './columnsMenu';
import { deleteFocused, save, startEdit } from './editing';
import { columnsHost } from './header';
import { columnsButton, grid, header, rowsEl, search, viewport } from './layout';
import { queryChanged, retryReads } from './reads';
import { render } from './rows';
import { fillDown, redo, selectEverything, undo } from './spreadsheet';
import { persistSoon } from './viewState';
import { scrollLeftForColumn, scrollTopForRow } from './virtual';

/** Listens to the keyboard, scrolling, resizing and the quick search box. */
export function bindInput(): void {
  viewport.addEventListener('keydown', (e) => {
    if (!g.st) return;
    const cols = columns().length;
    const f = g.st.focus;
    const move = (row: number, col: number) => {
      g.anchor = e.shiftKey ? (g.anchor ?? { ...f }) : undefined;
      g.st!.focus = {
        row: Math.max(0, Math.min((g.st!.total ?? 1) - 1, row)),
        col: Math.max(0, Math.min(cols - 1, col)),
      };
      const top = g.st!.focus.row * ROW_HEIGHT;
      if ((g.st!.total ?? 0) * ROW_HEIGHT <= 8_000_000) {
        if (top < viewport.scrollTop) viewport.scrollTop = top;
        else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight)
          viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight;
      } else viewport.scrollTop = scrollTopForRow(g.st!.focus.row, viewport.clientHeight, ROW_HEIGHT, g.st!.total ?? 0);
      // sideways too: the focused column may not be drawn yet (column virtualisation)
      const shown = columns();
      const pinnedCount = shown.filter((c) => g.st!.pinned.includes(c.name)).length;
      grid.scrollLeft = scrollLeftForColumn(
        shown.map((c) => width(c.name, c)),
        pinnedCount,
        g.st!.focus.col,
        grid.scrollLeft,
        grid.clientWidth,
        ROW_HEADER_WIDTH,
      );
      render();
    };
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      selectEverything();
      return;
    }
    if (e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === 'd') {
      e.preventDefault();
      fillDown();
      return;
    }
    switch (e.key) {
      case 'Escape':
        if (!g.anchor) return;
        g.anchor = undefined;
        render();
        break;
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
        if (e.ctrlKey) move((g.st.total ?? 1) - 1, f.col);
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
      (e.key.toLowerCase() === 'z' || (e.key.toLowerCase() === 'y' && !e.metaKey)) &&
      !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
    ) {
      // Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo
      e.preventDefault();
      if (e.key.toLowerCase() === 'y' || e.shiftKey) redo();
      else undo();
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
      if (g.st) {
        g.st.query.search = search.value;
        queryChanged();
      }
    }, 250);
  });
}
