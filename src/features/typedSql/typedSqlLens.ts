// The Run lens on a TypedSQL file (`prisma/sql/*.sql` of a schema with the typedSql preview feature), above
// its first line, saying how many parameters Run will ask for.
import * as vscode from 'vscode';
import { parseSqlDoc } from '../../core/typedSql/sqlDoc';
import { schemaEnums, typedSqlParameters } from '../../core/typedSql/parameters';
import type { WorkspaceSchemas } from '../../host/workspaceSchemas';
import { isTrusted, MANAGE_TRUST_COMMAND } from '../../host/trust';
import { typedSqlHome } from './typedSqlHome';

export const runTypedSqlCommand = 'prismaWorkbench.typedSql.run';

export class TypedSqlLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly schemas: WorkspaceSchemas) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const home = typedSqlHome(document.uri.fsPath, this.schemas);
    if (!home?.provider) return [];
    const sql = document.getText();
    const params = typedSqlParameters(sql, home.provider, parseSqlDoc(sql, Object.keys(schemaEnums(home.schema.doc))));
    const asks = params.length === 0 ? '' : ` (${params.map((p) => p.label).join(', ')})`;
    if (!isTrusted())
      return [
        new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
          title: `$(shield) Run${asks}: trust this folder to run queries`,
          tooltip: 'Restricted Mode: nothing connects to the database until the folder is trusted',
          command: MANAGE_TRUST_COMMAND,
        }),
      ];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: `$(play) Run${asks}`,
        tooltip: `Run this TypedSQL query read-only on ${home.schema.label}'s database; the result opens in a query notebook`,
        command: runTypedSqlCommand,
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
