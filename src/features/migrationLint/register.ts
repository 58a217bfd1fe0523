// Migration safety lint: diagnostics in every migration.sql, the rename quick fix, a refresh command, and
// the marks on the Migrations tree's pending migrations (which its deploy confirmation lists).
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { requireTrust } from '../../host/trust';
import type { MigrationsTreeProvider } from '../migrations/migrationsTreeProvider';
import { MigrationLinter, isMigrationFile } from './migrationLinter';
import { previewNextMigration } from './previewMigration';
import { schemaAtPath } from '../../core/discovery/schemaOfFile';

export function registerMigrationLint(
  context: vscode.ExtensionContext,
  services: Services,
  migrations?: MigrationsTreeProvider,
): MigrationLinter {
  const docs = vscode.Uri.joinPath(context.extensionUri, 'docs', 'migration-lint.md');
  const linter = new MigrationLinter(services.schemas, services.log, docs);
  context.subscriptions.push(linter);
  migrations?.attachLint(linter);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      { scheme: 'file', pattern: '**/migration.sql' },
      {
        provideCodeActions(document, _range, ctx) {
          if (!isMigrationFile(document.uri)) return [];
          const actions: vscode.CodeAction[] = [];
          for (const d of ctx.diagnostics) {
            const fix = linter.fixFor(d);
            if (!fix) continue;
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [d];
            action.isPreferred = true;
            action.edit = new vscode.WorkspaceEdit();
            for (const e of fix.edits)
              action.edit.replace(
                document.uri,
                new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)),
                e.newText,
              );
            actions.push(action);
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  registerCommand(context, services.log, 'prismaWorkbench.migrationLint.refresh', () => linter.refresh());
  const wasm = path.join(context.extensionPath, 'dist', 'schema_engine_bg.wasm');
  /** Args: a Migrations tree node, `{ schema }` (path, id or label), or nothing (the only schema, else a pick). */
  registerCommand(context, services.log, 'prismaWorkbench.migrationLint.previewNext', async (arg) => {
    requireTrust('Preview Next Migration'); // it replays the migrations in a shadow database
    const all = services.schemas.schemas;
    const wanted = typeof arg === 'object' && arg !== null ? (arg as { schema?: unknown }).schema : undefined;
    let schema =
      typeof wanted === 'object' && wanted !== null && 'root' in wanted ? all.find((s) => s === wanted) : undefined;
    if (!schema && typeof wanted === 'string')
      schema = all.find((s) => s.root.id === wanted || s.label === wanted) ?? schemaAtPath(all, wanted);
    if (!schema && wanted !== undefined)
      throw new BadArgumentError('Preview Next Migration', 'a schema this workspace does not have');
    if (!schema) {
      if (all.length === 0)
        throw new Error(
          'No Prisma schema was found in this workspace. Create one with "Prisma: Create a Prisma Schema".',
        );
      schema =
        all.length === 1
          ? all[0]
          : (
              await vscode.window.showQuickPick(
                all.map((s) => ({ label: s.label, schema: s })),
                { title: 'Preview the next migration of which schema?' },
              )
            )?.schema;
    }
    if (!schema) return undefined;
    return previewNextMigration(schema, linter, services.log, existsSync(wasm) ? wasm : undefined);
  });
  // Restricted Mode linted the SQL text only: add the database facts once the folder is trusted
  context.subscriptions.push(services.trust.onDidGrant(() => void linter.refresh()));
  void linter.refresh();
  return linter;
}
