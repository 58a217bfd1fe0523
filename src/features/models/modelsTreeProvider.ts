import * as vscode from 'vscode';
import { buildModelsTree } from '../../core/tree/modelsTree';
import type { TreeNode } from '../../core/tree/treeNode';
import { type RootInput, sameRootInputs } from '../../core/tree/treeInputs';
import { Disposable } from '../../host/disposable';
import type { WorkspaceContract, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { driftBlockUri } from '../drift/driftUris';
import { revealCommand } from './revealLocation';

/** Generates the client of a Models root (contributed and registered by the client feature). */
export const generateClientCommand = 'prismaWorkbench.client.generate';

const contractSignals: Record<WorkspaceContract['root']['signal'], string> = {
  header: 'its first line says `// use prisma-next`',
  'file name': 'a `contract.prisma` without a datasource',
  dependencies: 'its project depends on Prisma Next',
};

const collapsible: Record<TreeNode['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/** The Models view: one root per schema; nodes come from core/tree, this only maps them to TreeItems. */
export class ModelsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] = [];
  private inputs: RootInput[] = [];
  /** When the view first had a root (performance.now(), the extension host's clock): the bench reads it. */
  firstRootsAt?: number;
  /** The host process's CPU time then (ms, user + system): the bench compares it with the wall time since activation. */
  firstRootsCpuMs?: number;
  /** The view showing this tree (set by register): the drift marks put their badge on it. */
  treeView?: vscode.TreeView<TreeNode>;
  /** Roots (schema ids) whose generated Prisma Client is older than the schema -> the generators concerned. */
  private staleClients = new Map<string, string[]>();

  constructor(private readonly schemas: WorkspaceSchemas) {
    super();
    this.register(schemas.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  private rebuild(): void {
    const inputs: RootInput[] = this.schemas.schemas.map((s) => ({
      files: s.files,
      tree: {
        id: s.root.id,
        label: s.label,
        detail: `${s.root.source === 'default' ? 'found on disk' : `from ${s.root.source}`} · migrations: ${vscode.workspace.asRelativePath(s.root.migrationsDir)}`,
        doc: s.doc,
        problems: s.problems,
        failure: s.failure,
        rules: s.rules,
      },
    }));
    for (const c of this.schemas.contracts)
      inputs.push({
        files: c.files,
        tree: {
          id: c.root.id,
          label: c.label,
          detail: `project: ${vscode.workspace.asRelativePath(c.root.projectDir)}`,
          doc: c.doc,
          problems: [],
          failure: c.files.length ? undefined : `contract not found: ${c.label}`,
          contract: contractSignals[c.root.signal],
        },
      });
    // the same view again (a refresh or reparse that found what is shown): no event, so VS Code keeps its rows
    // and a click landing meanwhile still reaches its command with the row
    if (this.roots.length && sameRootInputs(inputs, this.inputs)) return;
    this.inputs = inputs;
    this.roots = inputs.map((i) => buildModelsTree(i.tree));
    if (this.roots.length && this.firstRootsAt === undefined) {
      this.firstRootsAt = performance.now();
      const cpu = process.cpuUsage();
      this.firstRootsCpuMs = (cpu.user + cpu.system) / 1000;
    }
    this.changed.fire(undefined);
  }

  /**
   * Marks the roots whose generated client is out of date (client freshness sets it after each check): the
   * root says "client out of date" with Generate Client, and the mark clears when the next check finds it fresh.
   */
  setStaleClients(stale: ReadonlyMap<string, string[]>): void {
    const key = (m: ReadonlyMap<string, string[]>) => JSON.stringify([...m].sort());
    if (key(stale) === key(this.staleClients)) return;
    this.staleClients = new Map(stale);
    this.changed.fire(undefined);
  }

  get rootNodes(): readonly TreeNode[] {
    return this.roots;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children() : this.roots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, collapsible[node.collapsible]);
    item.id = node.id;
    item.description = node.description;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    item.contextValue = node.contextValue;
    if (node.kind === 'schema' && this.staleClients.has(node.id)) {
      item.description = `client out of date · ${node.description ?? ''}`;
      item.contextValue = `${node.contextValue}.clientStale`;
      if (!node.iconColor)
        item.iconPath = new vscode.ThemeIcon(node.icon, new vscode.ThemeColor('list.warningForeground'));
    }
    if (node.location) item.command = revealCommand(node.location, `Go to ${node.label}`);
    // drift findings on a model, view or enum come as this URI's file decoration (no rebuild when a check ends)
    if (node.location && node.target && (node.kind === 'model' || node.kind === 'view' || node.kind === 'enum'))
      item.resourceUri = driftBlockUri(node.location.file, node.target);
    return item;
  }

  /** Tooltips are built when the user hovers, not for every item shown. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip(), true);
    const stale = node.kind === 'schema' ? this.staleClients.get(node.id) : undefined;
    if (stale) {
      const generate = `command:${generateClientCommand}?${encodeURIComponent(JSON.stringify([{ schemaId: node.id }]))}`;
      const tooltip = new vscode.MarkdownString(
        `$(warning) **Client out of date**: the generated Prisma Client (${stale.map((g) => `generator \`${g}\``).join(', ')}) ` +
          `is older than this schema, so its types and queries do not know your last changes. [Generate](${generate})\n\n---\n\n` +
          (node.tooltip?.() ?? ''),
        true,
      );
      tooltip.isTrusted = { enabledCommands: [generateClientCommand] };
      item.tooltip = tooltip;
    }
    return item;
  }
}
