// A host's `init`: the model the panel shows (the first one, a schema change, or another model shown in
// the same tab), where its view starts, and its first page when the host read it ahead. The first page is
// drawn here, so that it is in the page's first paint.
import { emptyQuery, type HostMessage, type ViewStateSnapshot } from '../../src/shared/protocol/messages';
import { renderBreadcrumbs } from './breadcrumbs';
import { cleanLayout } from './columns';
import { closePopup } from './columnsMenu';
import { g, send, vscode } from './context';
import { renderFilters } from './filterBar';
import { describeFilters } from './filterValues';
import { crumbBar, grid, search, setStatus, viewport } from './layout';
import { keepsStagedEdits, PendingChanges } from './pending';
import { queryChanged, sentQuery } from './reads';
import { render, renderNow } from './rows';
import { goBack, pendingReset } from './viewState';

export function onInit(m: Extract<HostMessage, { type: 'init' }>): void {
  performance.mark('grid: init received');
  // another model swapped into this tab while it holds staged edits (the host had not heard of them yet):
  // the edits stay, with their model; the host opens the other model in a new tab
  const staged = g.pending?.count ?? 0;
  if (m.replaces && g.st && g.st.model.name !== m.model.name && staged > 0) {
    send({ type: 'replaceRefused', model: m.model.name, kept: g.st.model.name, count: staged });
    setStatus(`${m.model.name} opens in a new tab: this one keeps your ${staged} pending change(s).`);
    return;
  }
  // the page's first init: nothing is scrolled, and nothing is to be told to the host yet (each
  // scroll reset or layout read here would lay the page out once more before its first paint)
  const fresh = g.st === undefined;
  // the same model again (a schema change reloads it): its staged edits stay when the model is unchanged
  const again = !fresh && !m.replaces && g.st?.model.name === m.model.name;
  const kept = again && staged > 0 && keepsStagedEdits(g.st!.model, m.model) ? g.pending : undefined;
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
  // a schema change keeps g.pending edits only if the model is the same (columns, types, keys)
  g.pending = kept ?? new PendingChanges(m.model);
  if (!kept) {
    pendingReset();
    if (again && staged > 0) send({ type: 'pending', count: 0, model: m.model.name });
  }
  search.value = query.search;
  document.title = m.model.name;
  renderFilters();
  // the host read the first page while this page loaded: use it when it is for the same view
  const first =
    m.firstPage && JSON.stringify(m.firstPage.query) === JSON.stringify(sentQuery()) ? m.firstPage : undefined;
  queryChanged(first, true, fresh);
  if (first && !view?.scrollTop) renderNow(); // in the first paint, not a frame later
  performance.mark('grid: init drawn');
  if (view?.scrollTop)
    requestAnimationFrame(() => {
      viewport.scrollTop = view.scrollTop;
      render();
    });
  setStatus(
    kept
      ? `The schema changed; ${m.model.name} did not: your ${staged} pending change(s) are kept.`
      : again && staged > 0
        ? `The schema changed ${m.model.name}: its ${staged} pending change(s) were staged for the old model and are dropped.`
        : '',
  );
}
