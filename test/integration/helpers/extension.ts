// What the integration tests share: the activated extension's API, waiting for discovery, tree reading.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PrismaWorkbenchApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/core/tree/treeNode';

export const extensionId = process.env.PW_EXTENSION_ID ?? 'prisma-workbench.prisma-workbench';

export async function activeApi(): Promise<PrismaWorkbenchApi> {
  const ext = vscode.extensions.getExtension<PrismaWorkbenchApi>(extensionId);
  assert.ok(ext, `extension ${extensionId} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

/** The Models view's items as the user sees them: label and description, via the view's own provider. */
export interface ShownItem {
  node: TreeNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
}

export async function modelsView(): Promise<NonNullable<PrismaWorkbenchApi['views']['models']>> {
  const api = await activeApi();
  assert.ok(api.views.models, 'the Models view did not register');
  return api.views.models;
}

export async function shown(parent?: TreeNode): Promise<ShownItem[]> {
  const provider = await modelsView();
  return provider.getChildren(parent).map((node) => {
    const item = provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { node, item, label, description: String(item.description ?? '') };
  });
}

export async function shownChild(parent: TreeNode | undefined, label: string): Promise<ShownItem> {
  const items = await shown(parent);
  const found = items.find((i) => i.label === label);
  assert.ok(
    found,
    `no item "${label}" under ${parent?.label ?? 'the root'}; shown: ${items.map((i) => i.label).join(', ')}`,
  );
  return found;
}

/** A run as the Query History view shows it: label, description, tooltip (Markdown), and the node for commands. */
export interface HistoryShown {
  label: string;
  description: string;
  tooltip: string;
  contextValue?: string;
  run: unknown;
}

/** The Query History view's items (the runs of the notebook it follows), via the view's own provider. */
export async function queryHistoryShown(): Promise<{ notebook?: vscode.Uri; items: HistoryShown[] }> {
  const api = await activeApi();
  const provider = api.views.queryHistory;
  assert.ok(provider, 'the Query History view did not register');
  const items = provider.getChildren().map((run) => {
    const item = provider.getTreeItem(run);
    return {
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: String(item.description ?? ''),
      tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''),
      contextValue: item.contextValue,
      run,
    };
  });
  return { notebook: provider.notebook, items };
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return folder.uri.fsPath;
}

/** Which integration run this is (test/integration/runs.mjs): suites declare the runs they belong to. */
export const runName = process.env.PW_RUN ?? 'sample';

/** `describe` for the given runs only; in other runs the suite is not declared at all. */
export function describeIn(runs: string[], title: string, fn: (this: Mocha.Suite) => void): void {
  if (runs.includes(runName)) describe(title, fn);
}

/**
 * `it` for the given runs only: a test that needs a kind of project (a multi-file schema, a Prisma 6 one) is
 * declared in the runs that have it and nowhere else, so it neither skips elsewhere nor counts as a skip.
 */
export function itIn(runs: string[], title: string, fn: (this: Mocha.Context) => Promise<void>): void {
  if (runs.includes(runName)) it(title, fn);
}
