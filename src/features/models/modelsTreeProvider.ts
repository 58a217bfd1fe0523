import * as vscode from 'vscode';
import { buildModelsTree } from '../../core/tree/modelsTree';
import type { TreeNode } from '../../core/tree/treeNode';
import { type RootInput, sameRootInputs } from '../../core/tree/treeInputs';
import { Disposable } from '../../host/disposable';
import type { WorkspaceContract, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { driftBlockUri } from '../drift/driftUris';
import { revealCommand } from './revealLocation';

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
  /** The view showing this tree (set by register): the drift marks put their badge on it. */
  treeView?: vscode.TreeView<TreeNode>;

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
    if (this.roots.length) this.firstRootsAt ??= performance.now();
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
    if (node.location) item.command = revealCommand(node.location, `Go to ${node.label}`);
    // drift findings on a model, view or enum come as this URI's file decoration (no rebuild when a check ends)
    if (node.location && node.target && (node.kind === 'model' || node.kind === 'view' || node.kind === 'enum'))
      item.resourceUri = driftBlockUri(node.location.file, node.target);
    return item;
  }

  /** Tooltips are built when the user hovers, not for every item shown. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip(), true);
    return item;
  }
}
