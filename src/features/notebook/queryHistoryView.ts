// The Query History view (Prisma side bar): the runs of the query notebook the user works in, newest first
// (core/notebook/historyView.ts says what each item shows). Follows the active notebook editor, refreshes when
// a run ends, and keeps "2 min ago" current while it is visible. Items: Rerun (a new cell in that notebook,
// run), Copy; the title: Clear.
import * as vscode from 'vscode';
import { historyItems, type HistoryItem } from '../../core/notebook/historyView';
import type { HistoryEntry } from '../../core/notebook/runHistory';
import { BadArgumentError, registerCommand } from '../../host/commands';
import { setContext } from '../../host/contextKeys';
import { Disposable } from '../../host/disposable';
import type { Services } from '../../host/services';
import { queryNotebookEditor, runAgain, type RunHistory } from './runHistoryStore';

export const queryHistoryViewId = 'prismaWorkbench.queryHistory';
export const rerunCommand = 'prismaWorkbench.queryHistory.rerun';
export const copyCommand = 'prismaWorkbench.queryHistory.copy';
export const clearCommand = 'prismaWorkbench.queryHistory.clear';

/** One run in the view: the notebook it belongs to, the entry, and what the item shows. */
export class HistoryRunNode {
  constructor(
    readonly notebook: vscode.Uri,
    readonly entry: HistoryEntry,
    readonly item: HistoryItem,
  ) {}
}

/** How often the "when" of the items is written again while the view is visible. */
const TICK_MS = 30_000;

export class QueryHistoryProvider extends Disposable implements vscode.TreeDataProvider<HistoryRunNode> {
  private readonly changed = this.register(new vscode.EventEmitter<HistoryRunNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private shown?: vscode.Uri;
  private view?: vscode.TreeView<HistoryRunNode>;
  private ticker?: ReturnType<typeof setInterval>;

  constructor(private readonly history: RunHistory) {
    super();
    this.register(
      history.onDidChange((uri) => {
        if (uri.toString() === this.shown?.toString()) this.changed.fire(undefined);
      }),
    );
    this.register(vscode.window.onDidChangeActiveNotebookEditor(() => this.follow()));
    this.register(vscode.window.onDidChangeVisibleNotebookEditors(() => this.follow()));
    this.register({ dispose: () => clearInterval(this.ticker) });
    this.follow();
  }

  /** The notebook whose runs are listed (none: no query notebook on screen). */
  get notebook(): vscode.Uri | undefined {
    return this.shown;
  }

  attach(view: vscode.TreeView<HistoryRunNode>): void {
    this.view = view;
    this.describe();
    const tick = () => {
      clearInterval(this.ticker);
      this.ticker = view.visible ? setInterval(() => this.changed.fire(undefined), TICK_MS) : undefined;
    };
    this.register(
      view.onDidChangeVisibility(() => {
        tick();
        if (view.visible) this.changed.fire(undefined);
      }),
    );
    tick();
  }

  private follow(): void {
    const next = queryNotebookEditor(this.shown)?.notebook.uri;
    if (next?.toString() === this.shown?.toString()) return;
    this.shown = next;
    void setContext('prismaWorkbench.queryHistory.notebook', next !== undefined);
    this.describe();
    this.changed.fire(undefined);
  }

  private describe(): void {
    if (this.view) this.view.description = this.shown ? this.shown.path.split('/').pop() : undefined;
  }

  getChildren(node?: HistoryRunNode): HistoryRunNode[] {
    const notebook = this.shown;
    if (node || !notebook) return [];
    const entries = this.history.entries(notebook);
    return historyItems(entries, Date.now()).map((item) => new HistoryRunNode(notebook, entries[item.index], item));
  }

  getTreeItem(node: HistoryRunNode): vscode.TreeItem {
    const { item } = node;
    const tree = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.None);
    tree.description = item.description;
    // untrusted: no command links, no HTML, no $(icons) from the statement or the database's message
    const tooltip = new vscode.MarkdownString(item.tooltip);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    tooltip.supportThemeIcons = false;
    tree.tooltip = tooltip;
    tree.iconPath = new vscode.ThemeIcon(item.icon.id, new vscode.ThemeColor(item.icon.color));
    tree.contextValue = item.contextValue;
    return tree;
  }
}

function nodeOf(command: string, arg: unknown): HistoryRunNode {
  if (arg instanceof HistoryRunNode) return arg;
  throw new BadArgumentError(command, 'something that is not a run of the Query History view');
}

export function registerQueryHistoryView(
  context: vscode.ExtensionContext,
  services: Services,
  history: RunHistory,
): QueryHistoryProvider {
  const provider = new QueryHistoryProvider(history);
  const view = vscode.window.createTreeView(queryHistoryViewId, { treeDataProvider: provider });
  provider.attach(view);
  context.subscriptions.push(provider, view);
  registerCommand(context, services.log, rerunCommand, (arg: unknown) => {
    const node = nodeOf(rerunCommand, arg);
    return runAgain(node.notebook, node.entry);
  });
  registerCommand(context, services.log, copyCommand, (arg: unknown) =>
    vscode.env.clipboard.writeText(nodeOf(copyCommand, arg).entry.sql),
  );
  registerCommand(context, services.log, clearCommand, () => {
    const notebook = provider.notebook;
    return notebook ? history.clear(notebook) : undefined;
  });
  return provider;
}
