import * as vscode from 'vscode';
import { describeDatabase } from '../../core/connections/databaseInfo';
import type { MigrationStatus } from '../../core/migrations/liveStatus';
import { stateLabel, summarize, type MigrationEntry, type MigrationState } from '../../core/migrations/migrationStates';
import { migrationTooltip } from '../../core/migrations/migrationTooltip';
import { debounce } from '../../core/util/debounce';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import { isTrusted, MANAGE_TRUST_COMMAND, RESTRICTED_MODE_TEXT } from '../../host/trust';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { databaseOf } from '../connections/schemaDatabase';
import { markLintedMigration, type LintSource } from '../migrationLint/pendingLint';
import { driftMigrationUri } from '../drift/driftUris';

export type MigrationsNode =
  | { kind: 'schema'; schema: WorkspaceSchema; status?: MigrationStatus; loading: boolean; database: string }
  | { kind: 'migration'; schema: WorkspaceSchema; entry: MigrationEntry }
  | {
      kind: 'info';
      schema: WorkspaceSchema;
      text: string;
      tooltip: string;
      command?: vscode.Command;
      /** A codicon (default: info, or the trust icon for a command). */
      icon?: string;
    };

const icons: Record<MigrationState, [string, string | undefined]> = {
  applied: ['pass-filled', 'testing.iconPassed'],
  pending: ['circle-large-outline', 'charts.yellow'],
  failed: ['error', 'testing.iconFailed'],
  rolledBack: ['discard', 'descriptionForeground'],
  edited: ['warning', 'list.warningForeground'],
  missingLocally: ['question', 'list.warningForeground'],
  unknown: ['circle-large-outline', 'disabledForeground'],
};

/** The Migrations view: one root per schema, its migrations with their state against the database. */
export class MigrationsTreeProvider extends Disposable implements vscode.TreeDataProvider<MigrationsNode> {
  private readonly changed = this.register(new vscode.EventEmitter<MigrationsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Extract<MigrationsNode, { kind: 'schema' }>[] = [];
  private readonly statuses = new Map<string, MigrationStatus>();
  private loadGeneration = 0;
  private loading: Promise<void> = Promise.resolve();
  readonly scheduleRefresh = debounce(() => void this.refresh(), 400);
  /** The view showing this tree (set by register): the drift marks put their badge on it. */
  treeView?: vscode.TreeView<MigrationsNode>;
  /** The migration linter (set by its feature): pending migrations with findings are marked. */
  lintSource?: LintSource;

  attachLint(lint: LintSource): void {
    this.lintSource = lint;
    this.register(lint.onDidChange(() => this.changed.fire(undefined)));
  }

  constructor(
    private readonly schemas: WorkspaceSchemas,
    private readonly log: Log,
  ) {
    super();
    this.register(schemas.onDidChange(() => this.scheduleRefresh()));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/migrations/**'));
    for (const ev of [watcher.onDidCreate, watcher.onDidChange, watcher.onDidDelete])
      this.register(ev(() => this.scheduleRefresh()));
    this.register({ dispose: () => this.scheduleRefresh.cancel() });
    void this.refresh();
  }

  /** Reads every schema's states again; resolves when the tree shows them. */
  refresh(): Promise<void> {
    const gen = ++this.loadGeneration;
    this.roots = this.schemas.schemas.map((schema) => ({
      kind: 'schema',
      schema,
      status: this.statuses.get(schema.root.id),
      loading: true,
      database: '',
    }));
    this.changed.fire(undefined);
    this.loading = (async () => {
      const { loadMigrationStatus } = await import('../../core/migrations/liveStatus');
      for (const root of this.roots) {
        const db = databaseOf(root.schema);
        // Restricted Mode: the local migrations are listed, the database is not read
        const trusted = isTrusted();
        const status = await loadMigrationStatus(
          db.ok && trusted
            ? { migrationsDir: root.schema.root.migrationsDir, provider: db.provider, url: db.url, baseDir: db.baseDir }
            : {
                migrationsDir: root.schema.root.migrationsDir,
                provider: db.provider,
                noUrlReason: trusted ? (db.ok ? undefined : db.reason) : RESTRICTED_MODE_TEXT,
                baseDir: root.schema.root.projectDir,
              },
        );
        if (gen !== this.loadGeneration || this.isDisposed) return;
        this.statuses.set(root.schema.root.id, status);
        root.status = status;
        root.loading = false;
        root.database = db.ok && trusted ? describeDatabase(db.url, db.baseDir, root.schema.root.projectDir).label : '';
        this.log.trace(
          `migrations of ${root.schema.label}: ${status.database} in ${status.ms.toFixed(0)} ms${status.reason ? ` (${status.reason})` : ''}`,
        );
        this.changed.fire(undefined);
      }
    })().catch((e: unknown) => this.log.error(e instanceof Error ? e : String(e)));
    return this.loading;
  }

  get rootNodes(): readonly MigrationsNode[] {
    return this.roots;
  }

  getChildren(node?: MigrationsNode): MigrationsNode[] {
    if (!node) return this.roots;
    if (node.kind !== 'schema' || !node.status) return [];
    const children: MigrationsNode[] = [];
    if (node.status.reason === RESTRICTED_MODE_TEXT) {
      children.push({
        kind: 'info',
        schema: node.schema,
        text: RESTRICTED_MODE_TEXT,
        tooltip:
          'The migrations are listed from the folder; their states need the database. Click to manage workspace trust.',
        command: { command: MANAGE_TRUST_COMMAND, title: 'Manage Workspace Trust' },
      });
    } else if (node.status.reason && node.status.database !== 'read') {
      children.push({
        kind: 'info',
        schema: node.schema,
        text: node.status.database === 'unknown' ? 'States unknown' : 'Nothing applied yet',
        tooltip: node.status.reason,
      });
    }
    const lock = this.lintSource?.lockOf?.(node.schema.root.id);
    if (lock && lock.findings.length > 0) {
      children.push({
        kind: 'info',
        schema: node.schema,
        text: 'migration_lock.toml: provider conflict',
        tooltip: lock.findings.map((f) => f.message).join('\n\n'),
        command: { command: 'vscode.open', title: 'Open migration_lock.toml', arguments: [vscode.Uri.file(lock.file)] },
        icon: 'git-merge',
      });
    }
    if (!node.status.local.exists || node.status.entries.length === 0) {
      children.push({
        kind: 'info',
        schema: node.schema,
        text: 'No migrations yet',
        tooltip: 'Run "Prisma: Migrate Dev" to create the first migration.',
      });
    }
    for (const entry of node.status.entries) children.push({ kind: 'migration', schema: node.schema, entry });
    return children;
  }

  getTreeItem(node: MigrationsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'schema': {
        const item = new vscode.TreeItem(node.schema.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `migrations:${node.schema.root.id}`;
        item.contextValue = 'migrationsRoot';
        item.iconPath = new vscode.ThemeIcon('database');
        const s = node.status;
        if (!s) {
          item.description = 'reading…';
        } else {
          const counts = summarize(s.entries);
          const parts = (Object.keys(counts) as MigrationState[]).map((k) => `${counts[k]} ${stateLabel[k]}`);
          item.description = [
            parts.join(' · ') || 'no migrations',
            s.reason === RESTRICTED_MODE_TEXT
              ? 'Restricted Mode'
              : s.database === 'unknown'
                ? 'schema only'
                : node.database,
          ]
            .filter(Boolean)
            .join(' — ');
          const md = new vscode.MarkdownString();
          md.appendMarkdown(`**${node.schema.label}**\n\n`);
          if (node.database) md.appendMarkdown(`Database: ${node.database}\n\n`);
          md.appendMarkdown(
            s.database === 'unknown'
              ? `Schema-only mode: ${s.reason ?? ''}\n\n`
              : `States read by the ${s.answeredBy ?? 'embedded'} engine in ${s.ms.toFixed(0)} ms\n\n`,
          );
          md.appendMarkdown(`Migrations folder: ${vscode.workspace.asRelativePath(s.local.dir)}`);
          item.tooltip = md;
        }
        return item;
      }
      case 'info': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = `migrations:${node.schema.root.id}:info:${node.text}`;
        item.description = node.command ? undefined : node.tooltip;
        item.tooltip = node.tooltip;
        item.iconPath = node.icon
          ? new vscode.ThemeIcon(node.icon, new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon(node.command ? 'workspace-untrusted' : 'info');
        item.contextValue = 'migrationsInfo';
        item.command = node.command;
        return item;
      }
      case 'migration': {
        const { entry } = node;
        const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.None);
        item.id = `migrations:${node.schema.root.id}:${entry.name}`;
        item.contextValue = `migration.${entry.state}`;
        item.resourceUri = driftMigrationUri(node.schema.root.id, entry.name); // drift marks come as its file decoration
        const [icon, color] = icons[entry.state];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        const when = entry.appliedAt ? new Date(entry.appliedAt).toLocaleString() : undefined;
        item.description = entry.state === 'applied' && when ? `applied ${when}` : stateLabel[entry.state];
        // untrusted: the name and the log come from the database or the folder (escaped in migrationTooltip)
        const md = new vscode.MarkdownString(migrationTooltip(entry, when));
        md.isTrusted = false;
        md.supportHtml = false;
        item.tooltip = md;
        markLintedMigration(item, this.lintSource, node.schema.root.id, entry);
        if (entry.local?.checksum) {
          item.command = {
            command: 'vscode.open',
            title: 'Open migration.sql',
            arguments: [vscode.Uri.file(entry.local.sqlFile)],
          };
        }
        return item;
      }
    }
  }

  /** Waits for the load in progress (tests and tasks use it). */
  whenLoaded(): Promise<void> {
    return this.loading;
  }
}
