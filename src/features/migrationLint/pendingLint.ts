// The migration lint on the Migrations tree and in a production deploy's confirmation: pending migrations
// (and rolled-back ones, which deploy applies again) that carry lint errors or warnings get a warning
// icon, a count in their description and the findings in their tooltip; a migration in a branch conflict
// (any state) gets a merge icon, "branch conflict" and what to do.
import * as vscode from 'vscode';
import { countText, pendingFindings } from '../../core/migrationLint/deployWarnings';
import { HISTORY_RULES } from '../../core/migrationLint/history/historyRules';
import type { LintFinding, MigrationLint, PendingFindings, RuleId } from '../../core/migrationLint';
import type { MigrationEntry } from '../../core/migrations/migrationStates';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';

/** What the tree needs from the linter (MigrationLinter). */
export interface LintSource {
  lintOf(schemaId: string): readonly MigrationLint[];
  /** Findings on the schema's migration_lock.toml (its provider changed), from the last lint. */
  lockOf?(schemaId: string): { readonly file: string; readonly findings: readonly LintFinding[] } | undefined;
  readonly onDidChange: vscode.Event<void>;
  whenIdle(): Promise<void>;
}

/** States whose migrations Migrate Deploy would run. */
export const deployedStates: ReadonlySet<MigrationEntry['state']> = new Set(['pending', 'rolledBack']);

const TOOLTIP_MAX = 8;

/** The errors and warnings of one migration, when deploy would run it. */
export function entryFindings(
  lint: LintSource | undefined,
  schemaId: string,
  entry: MigrationEntry,
): { lint?: MigrationLint; findings: readonly LintFinding[] } {
  if (!lint || !deployedStates.has(entry.state)) return { findings: [] };
  const l = lint.lintOf(schemaId).find((x) => x.name === entry.name);
  return { lint: l, findings: l ? (pendingFindings([l], [entry.name])[0]?.findings ?? []) : [] };
}

/** Branch conflicts: shown on a migration whatever its state (history/historyConflicts.ts decides which). */
const HISTORY: ReadonlySet<RuleId> = new Set(HISTORY_RULES);

/** The branch conflicts of one migration, from the last lint. */
export function historyFindings(lint: LintSource | undefined, schemaId: string, name: string): readonly LintFinding[] {
  const l = lint?.lintOf(schemaId).find((x) => x.name === name);
  return l ? l.findings.filter((f) => HISTORY.has(f.rule)) : [];
}

/**
 * Marks a migration's tree item with its branch conflicts (a merge icon, "branch conflict", what is wrong and
 * what to do), and a pending one with its other lint findings. Nothing when it has none.
 */
export function markLintedMigration(
  item: vscode.TreeItem,
  lint: LintSource | undefined,
  schemaId: string,
  entry: MigrationEntry,
): void {
  const history = historyFindings(lint, schemaId, entry.name);
  if (history.length > 0) {
    item.iconPath = new vscode.ThemeIcon('git-merge', new vscode.ThemeColor('list.errorForeground'));
    item.description = `${typeof item.description === 'string' ? `${item.description} · ` : ''}branch conflict`;
    const md = tooltipOf(item);
    md.appendMarkdown('\n\n---\n\n**Branch conflict**\n\n');
    for (const f of history) {
      md.appendMarkdown(`- \`${f.rule}\`: `);
      md.appendText(f.message);
      md.appendMarkdown('\n');
    }
    item.tooltip = md;
  }
  const { lint: l, findings: all } = entryFindings(lint, schemaId, entry);
  const findings = all.filter((f) => !HISTORY.has(f.rule));
  if (!l || findings.length === 0) return;
  const error = findings.some((f) => f.severity === 'error');
  // the merge icon of a branch conflict stays: it says what to fix first
  if (history.length === 0)
    item.iconPath = new vscode.ThemeIcon(
      error ? 'error' : 'warning',
      new vscode.ThemeColor(error ? 'list.errorForeground' : 'list.warningForeground'),
    );
  item.description = `${typeof item.description === 'string' ? `${item.description} · ` : ''}${countText(findings)}`;
  const md = tooltipOf(item);
  md.appendMarkdown(`\n\n---\n\n**Migration lint: ${countText(findings)}** before this migration is deployed:\n\n`);
  for (const f of findings.slice(0, TOOLTIP_MAX)) {
    const line = l.sql.slice(0, f.start).split('\n').length;
    md.appendMarkdown(`- ${f.severity === 'error' ? '$(error)' : '$(warning)'} \`${f.rule}\` line ${line}: `);
    md.appendText(f.message);
    md.appendMarkdown('\n');
  }
  if (findings.length > TOOLTIP_MAX)
    md.appendMarkdown(`- … and ${findings.length - TOOLTIP_MAX} more (Problems panel)\n`);
  md.supportThemeIcons = true;
  item.tooltip = md;
}

function tooltipOf(item: vscode.TreeItem): vscode.MarkdownString {
  return item.tooltip instanceof vscode.MarkdownString
    ? item.tooltip
    : new vscode.MarkdownString(typeof item.tooltip === 'string' ? item.tooltip : '');
}

/**
 * The findings of what Migrate Deploy would apply to the schema's database, after the tree's load and the
 * lint in progress are done. Empty when the database's states are unknown.
 */
export async function deployFindings(
  tree: {
    whenLoaded(): Promise<void>;
    readonly rootNodes: readonly {
      kind: string;
      schema?: WorkspaceSchema;
      status?: { entries: readonly MigrationEntry[] };
    }[];
    readonly lintSource?: LintSource;
  },
  schema: WorkspaceSchema,
): Promise<PendingFindings[]> {
  const lint = tree.lintSource;
  if (!lint) return [];
  await tree.whenLoaded();
  await lint.whenIdle();
  const root = tree.rootNodes.find((r) => r.kind === 'schema' && r.schema?.root.id === schema.root.id);
  const names = root?.status?.entries.filter((e) => deployedStates.has(e.state)).map((e) => e.name) ?? [];
  return pendingFindings(lint.lintOf(schema.root.id), names);
}
