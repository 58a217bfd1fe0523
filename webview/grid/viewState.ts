// What survives a reload and what the host keeps: the view (query, scroll, layout), and leaving the view
// for a related model or back along the breadcrumbs.
import type { Filter, ViewStateSnapshot } from '../../src/shared/protocol/messages';
import { g, send, vscode } from './context';
import { setStatus, viewport } from './layout';

let persistTimer: ReturnType<typeof setTimeout> | undefined;
export function persistSoon(): void {
  clearTimeout(persistTimer);
  persistTimer = setTimeout(persist, 300);
}
export function persist(): void {
  if (!g.st) return;
  const view: ViewStateSnapshot = {
    query: g.st.query,
    scrollTop: Math.round(viewport.scrollTop),
    widths: g.st.widths,
    hidden: g.st.hidden,
    pinned: g.st.pinned,
  };
  vscode.setState({ schemaId: g.st.schemaId, model: g.st.model.name, view, trail: g.st.trail });
  send({ type: 'viewState', state: view, model: g.st.model.name });
}

let reportedPending: { model: string; count: number } | undefined;
/** A new `init`: the host counts none for the model it sent (a model shown again starts afresh too). */
export function pendingReset(): void {
  reportedPending = undefined;
}

/** Tells the host how many staged edits the view holds when it changed (it opens other models in a new tab meanwhile). */
export function reportPending(count: number): void {
  if (!g.st) return;
  const model = g.st.model.name;
  // the host starts each model at none
  const before = reportedPending?.model === model ? reportedPending.count : 0;
  if (before === count) return;
  reportedPending = { model, count };
  send({ type: 'pending', count, model });
}

/** Follows a relation in this panel (a breadcrumb leads back), or with `newTab` in another tab. */
export function follow(model: string, filters: Filter[], newTab: boolean): void {
  if (!newTab && (g.pending?.count ?? 0) > 0) {
    setStatus(
      `Save or discard your ${g.pending!.count} pending change(s) before leaving ${g.st?.model.name ?? 'this model'}, or Ctrl/Cmd+click to open ${model} in a new tab.`,
      'error',
    );
    return;
  }
  clearTimeout(persistTimer);
  persist();
  performance.mark('grid: openRelated sent');
  send({ type: 'openRelated', model, filters, ...(newTab ? { newTab: true } : {}) });
}

/**
 * The pointer is on a relation's link: the host reads the related rows' first page ahead, so that they
 * come at once if the user follows it here (not with staged edits: they keep the user here).
 */
export function warmFollow(model: string, filters: Filter[]): void {
  if ((g.pending?.count ?? 0) !== 0) return;
  performance.mark('grid: warm sent (pointer on the link)');
  send({ type: 'warm', model, filters });
}

export function goBack(index: number): void {
  if ((g.pending?.count ?? 0) > 0) {
    setStatus(`Save or discard your ${g.pending!.count} pending change(s) before going back.`, 'error');
    return;
  }
  clearTimeout(persistTimer);
  persist();
  send({ type: 'navigate', index });
}
