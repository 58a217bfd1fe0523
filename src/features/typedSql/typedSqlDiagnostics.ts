// Problems in a TypedSQL file, without a database: its `-- @param` lines as Prisma reads them, and the tables
// and qualified columns that no model or view of the schema puts in the database (core/typedSql/schemaCheck).
// Kept current as the file is edited and as the schema changes; a file that is no TypedSQL query gets none.
import * as vscode from 'vscode';
import { parseSqlDoc } from '../../core/typedSql/sqlDoc';
import { schemaEnums } from '../../core/typedSql/parameters';
import { checkAgainstSchema, databaseTables } from '../../core/typedSql/schemaCheck';
import { Disposable } from '../../host/disposable';
import type { WorkspaceSchemas } from '../../host/workspaceSchemas';
import { typedSqlHome } from './typedSqlHome';

export const TYPEDSQL_DIAGNOSTIC_SOURCE = 'Prisma TypedSQL';

export function typedSqlProblems(document: vscode.TextDocument, schemas: WorkspaceSchemas): vscode.Diagnostic[] {
  const home = typedSqlHome(document.uri.fsPath, schemas);
  if (!home) return [];
  const sql = document.getText();
  const out: vscode.Diagnostic[] = [];
  for (const p of parseSqlDoc(sql, Object.keys(schemaEnums(home.schema.doc))).problems)
    out.push(
      new vscode.Diagnostic(
        new vscode.Range(p.line, p.start, p.line, p.end),
        p.message,
        vscode.DiagnosticSeverity.Error,
      ),
    );
  if (home.provider)
    for (const p of checkAgainstSchema(sql, home.provider, databaseTables(home.schema.doc)))
      out.push(
        new vscode.Diagnostic(
          new vscode.Range(document.positionAt(p.start), document.positionAt(p.end)),
          `${p.message} (schema ${home.schema.label})`,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        ),
      );
  for (const d of out) d.source = TYPEDSQL_DIAGNOSTIC_SOURCE;
  return out;
}

export class TypedSqlDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('prisma-typedsql'));

  constructor(private readonly schemas: WorkspaceSchemas) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.update(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.update(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)));
    this.refresh();
  }

  /** Every open `.sql` file again (the schemas changed). */
  refresh(): void {
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  private update(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !/\.sql$/i.test(document.uri.fsPath)) return;
    this.collection.set(document.uri, typedSqlProblems(document, this.schemas));
  }
}
