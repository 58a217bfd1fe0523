// TypedSQL files (issue #18): the `.sql` files Prisma's typedSql preview feature reads from the schema's `sql`
// folder get a Run lens (parameters asked for, the result in a query notebook) and diagnostics when the query
// no longer matches the schema.
import * as vscode from 'vscode';
import { registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import type { SqlController } from '../notebook/sqlController';
import { runTypedSql } from './runTypedSql';
import { TypedSqlDiagnostics } from './typedSqlDiagnostics';
import { runTypedSqlCommand, TypedSqlLens } from './typedSqlLens';

export function registerTypedSql(
  context: vscode.ExtensionContext,
  services: Services,
  controller: SqlController,
): void {
  const lens = new TypedSqlLens(services.schemas);
  const diagnostics = new TypedSqlDiagnostics(services);
  context.subscriptions.push(
    lens,
    diagnostics,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/*.sql' }, lens),
    services.trust.onDidGrant(() => {
      lens.refresh();
      diagnostics.recheck();
    }),
    services.schemas.onDidChange(() => {
      lens.refresh();
      diagnostics.refresh();
    }),
  );
  registerCommand(context, services.log, runTypedSqlCommand, (arg: unknown) =>
    runTypedSql(arg, services, controller, context.workspaceState, context.extension.id),
  );
}
