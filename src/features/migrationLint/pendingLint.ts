// The migration lint on the Migrations tree and in a production deploy's confirmation: pending migrations
// (and rolled-back ones, which deploy applies again) that carry lint errors or warnings get a warning
// icon, a count in their description and the findings in their tooltip.
import * as vscode from 'vscode';
import { countText, pendingFindings } from '../../core/migrationLint';
import type { LintFinding, MigrationLint, PendingFindings } from '../../core/migrationLint';
import type { MigrationEntry } from '../../core/migrations/migrationStates';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';

/** What the tree needs from the linter (MigrationLinter). */
export interface LintSource {
  lintOf(schemaId: string): readonly MigrationLint[];
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

/** Marks a pending migration's tree item with its lint findings (nothing when it has none). */
export function markLintedMigration(
  item: vscode.TreeItem,
  lint: LintSource | undefined,
  schemaId: string,
  entry: MigrationEntry,
): void {
  const { lint: l, findings } = entryFindings(lint, schemaId, entry);
  if (!l || findings.length === 0) return;
  const error = findings.some((f) => f.severity === 'error');
  item.iconPath = new vscode.ThemeIcon(
    error ? 'error' : 'warning',
    new vscode.ThemeColor(error ? 'list.errorForeground' : 'list.warningForeground'),
  );
  item.description = `${typeof item.description === 'string' ? `${item.description} · ` : ''}${countText(findings)}`;
  const md =
    item.tooltip instanceof vscode.MarkdownString
      ? item.tooltip
      : new vscode.MarkdownString(typeof item.tooltip === 'string' ? item.tooltip : '');
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
