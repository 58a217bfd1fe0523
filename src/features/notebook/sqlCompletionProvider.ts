// Completion in the SQL cells of query notebooks: the tables and columns of the notebook's schema by their
// database names (core/notebook/sqlCompletion.ts). Only for cells of `.prisma-queries` notebooks; the
// notebook's schema is the one it runs on (never asked for here: with several schemas and none chosen yet,
// every schema's tables are offered).
import * as vscode from 'vscode';
import { urlSchema } from '../../core/connections/postgresSchema';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import type { SqlProvider } from '../../core/notebook/runSupport';
import {
  schemaTables,
  sqlCompletions,
  type CompletionContext,
  type SqlCompletion,
} from '../../core/notebook/sqlCompletion';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { databaseFor } from './notebookDatabase';

const KIND: Record<SqlCompletion['kind'], vscode.CompletionItemKind> = {
  table: vscode.CompletionItemKind.Class,
  column: vscode.CompletionItemKind.Field,
  schema: vscode.CompletionItemKind.Module,
};

/** The database the schema points at, for quoting and the default schema; the datasource's provider without one. */
function contextOf(schema: WorkspaceSchema): CompletionContext {
  try {
    const db = databaseFor(schema);
    if (db.provider === 'postgresql') return { provider: 'postgresql', defaultSchema: urlSchema(db.url) ?? 'public' };
    if (db.provider === 'mysql') {
      const name = decodeURIComponent(new URL(db.url).pathname.replace(/^\//, ''));
      return { provider: 'mysql', ...(name ? { defaultSchema: name } : {}) };
    }
    return { provider: 'sqlite' };
  } catch {
    const datasource = schema.doc.blocks.find((b) => b.kind === 'datasource');
    const raw = datasource?.properties.find((p) => p.key === 'provider')?.value.replace(/"/g, '') ?? 'postgresql';
    const provider: SqlProvider = raw === 'mysql' || raw === 'sqlite' ? raw : 'postgresql';
    return { provider, ...(provider === 'postgresql' ? { defaultSchema: 'public' } : {}) };
  }
}

export class SqlCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly schemas: WorkspaceSchemas) {}

  private schemasOf(document: vscode.TextDocument): WorkspaceSchema[] {
    const notebook = vscode.workspace.notebookDocuments.find(
      (nb) => nb.notebookType === NOTEBOOK_TYPE && nb.getCells().some((c) => c.document === document),
    );
    const all = this.schemas.schemas.filter((s) => !s.failure);
    const named = notebook?.metadata?.schema;
    const chosen = typeof named === 'string' ? all.find((s) => s.label === named) : undefined;
    return chosen ? [chosen] : all;
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const text = document.getText();
    const offset = document.offsetAt(position);
    return this.schemasOf(document).flatMap((schema) =>
      sqlCompletions(text, offset, schemaTables(schema.doc), contextOf(schema)).map((c) => {
        const item = new vscode.CompletionItem(c.label, KIND[c.kind]);
        item.insertText = c.insertText;
        item.detail = c.detail;
        if (c.documentation) item.documentation = new vscode.MarkdownString().appendCodeblock(c.documentation);
        item.sortText = c.sortText;
        // typed with its opening quote: filter on the quoted name, else on the name
        item.filterText = /^["`[]/.test(text.slice(c.range[0], c.range[0] + 1)) ? c.insertText : c.label;
        item.range = new vscode.Range(document.positionAt(c.range[0]), document.positionAt(c.range[1]));
        return item;
      }),
    );
  }
}

export function registerSqlCompletion(schemas: WorkspaceSchemas): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    { notebookType: NOTEBOOK_TYPE, language: 'sql' },
    new SqlCompletionProvider(schemas),
    '.',
    '"',
    '`',
  );
}
