// What the grid suites share: asking a GridPanel as its webview would (a request id, then the answer it
// posts), reading pages and counts, and opening a model's grid from the Models view or by name.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GridPanel } from '../../../src/features/grid/gridPanel';
import type { HostMessage, ViewQuery } from '../../../src/shared/protocol/messages';
import { shown, shownChild, waitFor } from './extension';

export type Posted<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;

export const is =
  <T extends HostMessage['type']>(type: T, requestId?: number) =>
  (m: HostMessage): m is Posted<T> =>
    m.type === type && (requestId === undefined || ('requestId' in m && m.requestId === requestId));

let nextId = 1_000_000;

/** Sends `message` with a fresh request id and waits for the answer of `type` (an error answer fails the test). */
export async function ask<T extends 'rows' | 'count' | 'saved' | 'related'>(
  panel: GridPanel,
  type: T,
  message: Record<string, unknown>,
): Promise<Posted<T>> {
  const requestId = nextId++;
  // a picker search may answer twice: its exact matches first (`partial`), then the rest; one answer here
  const early: Posted<'related'>[] = [];
  const answer = panel.waitForPost((m): m is Posted<T> => {
    if ((m.type !== type && m.type !== 'error') || !('requestId' in m) || m.requestId !== requestId) return false;
    if (m.type === 'related' && m.partial) {
      early.push(m);
      return false;
    }
    return true;
  });
  await panel.handle({ ...message, requestId });
  const m = await answer;
  const any = m as HostMessage;
  if (any.type === 'error') assert.fail(`the grid answered with an error: ${any.message}`);
  if (any.type === 'related' && early.length)
    return { ...any, rows: [...early.flatMap((e) => e.rows), ...any.rows] } as Posted<T>;
  return m;
}

export const rows = async (panel: GridPanel, query: ViewQuery, start: number, count: number) =>
  (await ask(panel, 'rows', { type: 'fetch', query, start, count })).rows;

/** The exact count (never an estimate). */
export const count = async (panel: GridPanel, query: ViewQuery) =>
  (await ask(panel, 'count', { type: 'count', query, exact: true })).total;

/** Opens a model's grid from its item in the Models view (the first schema) and waits for the webview's init. */
export async function openFromModelsView(
  model: string,
  timeoutMs = 90_000,
): Promise<{ panel: GridPanel; init: Posted<'init'> }> {
  const roots = await waitFor(
    'the Models view to show the schema',
    async () => {
      const r = await shown();
      return r.length ? r : undefined;
    },
    60_000,
  );
  const item = await shownChild(roots[0].node, model);
  const panel = await vscode.commands.executeCommand<GridPanel>('prismaWorkbench.data.open', item.node);
  assert.ok(panel, 'the command returned no panel');
  // a reused tab has the init of the model it showed before: wait for this model's
  const init = await waitFor(
    `the ${model} grid to be initialised`,
    () => [...panel.posted].reverse().find((m): m is Posted<'init'> => is('init')(m) && m.model.name === model),
    timeoutMs,
  );
  return { panel, init };
}

/** Opens (or reveals) another model's grid of the same schema in a tab of its own (the other grids stay as they are). */
export async function openModel(schemaId: string, model: string): Promise<GridPanel> {
  const panel = await vscode.commands.executeCommand<GridPanel>('prismaWorkbench.data.open', {
    schemaId,
    model,
    newTab: true,
  });
  assert.ok(panel, `no panel for ${model}`);
  return panel;
}

export async function closeGridTabs(): Promise<void> {
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputWebview) await vscode.window.tabGroups.close(tab);
  }
}
