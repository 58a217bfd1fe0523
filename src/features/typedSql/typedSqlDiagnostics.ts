// Problems in a TypedSQL file. Without a database, as it is typed: its `-- @param` lines as Prisma reads them,
// and the tables and qualified columns that no model or view of the schema puts in the database
// (core/typedSql/schemaCheck). With one, when the file is opened or saved in a trusted folder: the database's
// own word from preparing the query (never running it: core/typedSql/prepareCheck), dropped on the next edit
// (its place would drift) and when it only repeats a name already flagged. Kept current as the schema
// changes; a file that is no TypedSQL query gets none.
import * as vscode from 'vscode';
import { parseSqlDoc } from '../../core/typedSql/sqlDoc';
import { schemaEnums } from '../../core/typedSql/parameters';
import { checkAgainstSchema, databaseTables } from '../../core/typedSql/schemaCheck';
import { maskSecrets } from '../../core/util/maskSecrets';
import { Disposable } from '../../host/disposable';
import type { Services } from '../../host/services';
import type { WorkspaceSchemas } from '../../host/workspaceSchemas';
import { databaseFor } from '../notebook/notebookDatabase';
import { queryTimeoutMs } from '../notebook/sqlController';
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
  /** The database's word per file (URI string), with the version of the text it was about. */
  private readonly fromDatabase = new Map<string, { version: number; diagnostic: vscode.Diagnostic }>();
  private readonly asked = new Map<string, number>();

  constructor(private readonly services: Services) {
    super();
    this.register(
      vscode.workspace.onDidOpenTextDocument((d) => {
        this.update(d);
        void this.askDatabase(d);
      }),
    );
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.update(e.document)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => void this.askDatabase(d)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.fromDatabase.delete(d.uri.toString());
      }),
    );
    this.refresh();
  }

  /** Every open `.sql` file again (the schemas changed, or trust was granted). */
  refresh(): void {
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  /** Asks the database again about every open TypedSQL file (trust was granted). */
  recheck(): void {
    for (const d of vscode.workspace.textDocuments) void this.askDatabase(d);
  }

  private isSqlFile(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && /\.sql$/i.test(document.uri.fsPath);
  }

  private update(document: vscode.TextDocument): void {
    if (!this.isSqlFile(document)) return;
    const key = document.uri.toString();
    const own = typedSqlProblems(document, this.services.schemas);
    const db = this.fromDatabase.get(key);
    const fresh = db && db.version === document.version ? db.diagnostic : undefined;
    if (db && !fresh) this.fromDatabase.delete(key);
    const repeats = fresh && own.some((d) => d.range.intersection(fresh.range) !== undefined);
    this.collection.set(document.uri, fresh && !repeats ? [...own, fresh] : own);
  }

  private async askDatabase(document: vscode.TextDocument): Promise<void> {
    if (!this.isSqlFile(document) || !this.services.trust.isTrusted) return;
    const home = typedSqlHome(document.uri.fsPath, this.services.schemas);
    if (!home?.provider) return;
    const key = document.uri.toString();
    const version = document.version;
    const ticket = (this.asked.get(key) ?? 0) + 1;
    this.asked.set(key, ticket);
    try {
      const db = databaseFor(home.schema);
      const { prepareCheck } = await import('../../core/typedSql/prepareCheck');
      const problem = await prepareCheck(db.provider, db.url, document.getText(), queryTimeoutMs());
      if (this.asked.get(key) !== ticket || document.isClosed) return;
      if (!problem) this.fromDatabase.delete(key);
      else {
        const range =
          problem.start !== undefined && problem.end !== undefined
            ? new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end))
            : new vscode.Range(0, 0, 0, 0);
        const d = new vscode.Diagnostic(
          range,
          `${db.label}: ${maskSecrets(problem.message)} (the database, preparing the query)`,
          vscode.DiagnosticSeverity.Error,
        );
        d.source = TYPEDSQL_DIAGNOSTIC_SOURCE;
        this.fromDatabase.set(key, { version, diagnostic: d });
      }
      this.update(document);
    } catch (e) {
      // no database to ask (not reachable, no URL): the schema check stands alone
      this.services.log.info(
        `TypedSQL: ${vscode.workspace.asRelativePath(document.uri)} not checked on the database: ${maskSecrets(e instanceof Error ? e.message : String(e))}`,
      );
    }
  }
}
