// The data grid front end: a virtualised table of one model's rows, pages fetched from the host as the
// user scrolls, sort / filters / quick search, inline editing with pending changes and one Save.
// Plain DOM and a small fixed-row-height virtualiser (virtual.ts): no framework, ~30 KB bundled.
// The parts: context.ts (shared state), layout.ts (the page), header.ts, filterBar.ts, reads.ts (rows and
// totals from the host), rows.ts (drawing), editing.ts, keyboard.ts, viewState.ts; this file takes the
// host's messages.
import { emptyQuery, type HostMessage, type ViewStateSnapshot } from '../../src/shared/protocol/messages';
import { addDeferredFont } from '../shared/deferredFont';
import { renderBreadcrumbs } from './breadcrumbs';
import { cleanLayout } from './columns';
import { closePopup } from './columnsMenu';
import { g, requests, send, vscode } from './context';
import { onCopyFailed, onCopyRows } from './copyRows';
import { onSaved } from './editing';
import { onPickerError, onRelated } from './relationPicker';
import { renderFilters } from './filterBar';
import { describeFilters } from './filterValues';
import { bindInput } from './keyboard';
import { bindSpreadsheet } from './spreadsheet';
import { crumbBar, grid, search, setStatus, viewport } from './layout';
import { PendingChanges } from './pending';
import { onCountRead, onReadFailed, onRowsRead, queryChanged, sentQuery } from './reads';
import { render, renderNow } from './rows';
import { saveFailureText } from './saveOutcome';
import { goBack, pendingReset } from './viewState';

bindInput();
bindSpreadsheet();
addDeferredFont();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'init': {
      performance.mark('grid: init received');
      // the page's first init: nothing is scrolled, and nothing is to be told to the host yet (each
      // scroll reset or layout read here would lay the page out once more before its first paint)
      const fresh = g.st === undefined;
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
      g.anchor = undefined;
      g.st = {
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
      renderBreadcrumbs(crumbBar, g.st.trail, m.model.name, describeFilters(m.initialFilters ?? []), goBack);
      if (!fresh) grid.scrollLeft = 0;
      // a schema change keeps g.pending edits only if the model's columns are the same
      g.pending = new PendingChanges(m.model);
      pendingReset();
      search.value = query.search;
      document.title = m.model.name;
      renderFilters();
      // the host read the first page while this page loaded: use it when it is for the same view
      const first =
        m.firstPage && JSON.stringify(m.firstPage.query) === JSON.stringify(sentQuery()) ? m.firstPage : undefined;
      queryChanged(first, true, fresh);
      if (first && !view?.scrollTop) renderNow(); // in the first paint, not a frame later
      if (view?.scrollTop)
        requestAnimationFrame(() => {
          viewport.scrollTop = view.scrollTop;
          render();
        });
      setStatus('');
      break;
    }
    case 'count':
      onCountRead(m);
      break;
    case 'rows':
      if (!onCopyRows(m)) onRowsRead(m);
      break;
    case 'saved':
      requests.delete(m.requestId);
      onSaved(m.result);
      break;
    case 'related':
      onRelated(m);
      break;
    case 'readOnly':
      if (!g.st) return;
      g.st.readOnly = m.readOnly;
      g.st.readOnlyForced = m.readOnlyForced;
      render();
      break;
    case 'error':
      // a failed read (rows or count) is not asked again on the next frame: on scroll after a back-off, or
      // at once with Retry / Refresh
      if (m.requestId !== undefined) {
        if (onPickerError(m.requestId, m.message) || onCopyFailed(m.requestId, m.message)) break;
        if (onReadFailed(m.requestId, m.message)) break;
        // a save the host could not finish: nothing was written (one transaction), the edits wait
        setStatus(saveFailureText(m.message), 'error');
        render();
        break;
      }
      setStatus(m.message, 'error');
      render();
      break;
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
