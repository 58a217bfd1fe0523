// Drift state on the trees: each view's badge counts what the last checks found (pending migrations and
// drift on the Migrations view, differences on the Models view), and items carry a file decoration: a
// model with findings gets a badge with their count, a warning colour and the messages as tooltip; a
// pending / failed / edited migration gets a letter. Recomputed when a check ends, never by the trees.
import * as vscode from 'vscode';
import {
  blockKey,
  driftMarks,
  migrationsBadgeTooltip,
  modelsBadgeTooltip,
  type DriftMarks,
  type MigrationMark,
} from '../../core/drift/marks';
import { Disposable } from '../../host/disposable';
import type { DriftController } from './driftController';
import { parseDriftUri } from './driftUris';

const MIGRATION_MARKS: Record<MigrationMark, { badge: string; color: string; tooltip: string }> = {
  pending: { badge: 'P', color: 'list.warningForeground', tooltip: 'Drift check: not applied to the database yet' },
  failed: { badge: 'F', color: 'list.errorForeground', tooltip: 'Drift check: failed in the database' },
  edited: { badge: 'E', color: 'list.warningForeground', tooltip: 'Drift check: edited after it was applied' },
};

export class DriftTreeMarks extends Disposable implements vscode.FileDecorationProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.changed.event;
  /** Schema id → marks of its last check. */
  private marks = new Map<string, DriftMarks>();

  constructor(
    private readonly drift: DriftController,
    private readonly views: { models?: vscode.TreeView<unknown>; migrations?: vscode.TreeView<unknown> },
  ) {
    super();
    this.register(vscode.window.registerFileDecorationProvider(this));
    this.register(drift.onDidCheck(() => this.update()));
    this.update();
  }

  /** Marks of every schema's last report; badges and decorations follow. */
  update(): void {
    const next = new Map<string, DriftMarks>();
    for (const id of this.drift.checkedSchemaIds()) next.set(id, driftMarks(this.drift.reportOf(id)));
    this.marks = next;
    const all = [...next.values()];
    const findings = all.reduce((n, m) => n + m.findings, 0);
    const problems = all.reduce((n, m) => n + m.migrationProblems, 0);
    if (this.views.models)
      this.views.models.badge = findings ? { value: findings, tooltip: modelsBadgeTooltip(all) } : undefined;
    if (this.views.migrations)
      this.views.migrations.badge = problems ? { value: problems, tooltip: migrationsBadgeTooltip(all) } : undefined;
    this.changed.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const item = parseDriftUri(uri);
    if (!item) return undefined;
    if (item.kind === 'migration') {
      const mark = this.marks.get(item.owner)?.migrations.get(item.name);
      if (!mark) return undefined;
      const m = MIGRATION_MARKS[mark];
      return new vscode.FileDecoration(m.badge, m.tooltip, new vscode.ThemeColor(m.color));
    }
    const key = blockKey(item.owner, item.name);
    for (const marks of this.marks.values()) {
      const messages = marks.blocks.get(key);
      if (!messages?.length) continue;
      const more = messages.length > 3 ? `\n… and ${messages.length - 3} more` : '';
      return new vscode.FileDecoration(
        messages.length > 99 ? '99' : String(messages.length),
        `Drift: ${messages.slice(0, 3).join('\n')}${more}`,
        new vscode.ThemeColor('list.warningForeground'),
      );
    }
    return undefined;
  }
}
