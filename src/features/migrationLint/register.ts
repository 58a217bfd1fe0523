// Migration safety lint: diagnostics in every migration.sql, the rename quick fix, a refresh command.
import * as vscode from 'vscode';
import { registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { MigrationLinter, isMigrationFile } from './migrationLinter';

export function registerMigrationLint(context: vscode.ExtensionContext, services: Services): MigrationLinter {
  const docs = vscode.Uri.joinPath(context.extensionUri, 'docs', 'migration-lint.md');
  const linter = new MigrationLinter(services.schemas, services.log, docs);
  context.subscriptions.push(linter);
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(
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
          for (const e of fix.edits) action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
          actions.push(action);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  ));
  registerCommand(context, services.log, 'prismaWorkbench.migrationLint.refresh', () => linter.refresh());
  void linter.refresh();
  return linter;
}
