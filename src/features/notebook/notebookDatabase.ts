// Which database a notebook's SQL cells run on: the schema's, as the grid sees it (the active named
// connection, the grid's prismaWorkbench.data.databaseUrl override, production by pattern or mark).
// With several schemas the user picks once; the choice is kept in the notebook's metadata (`schema`:
// the schema's workspace-relative path) and so saved with the file.
import * as vscode from 'vscode';
import { describeDatabase } from '../../core/connections/databaseInfo';
import { resolveSqliteUrl } from '../../core/engine/sqliteUrl';
import type { SqlProvider } from '../../core/notebook/runQuery';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { targetOf } from '../connections/schemaDatabase';

export interface NotebookDatabase {
  schema: WorkspaceSchema;
  provider: SqlProvider;
  url: string;
  label: string;
  /** The name a user types to confirm a write on production. */
  name: string;
  production: boolean;
  productionWhy?: string;
}

/** The notebook's schema: the one its metadata names, the only one, or the user's pick (then remembered). */
export async function schemaFor(
  notebook: vscode.NotebookDocument,
  schemas: WorkspaceSchemas,
): Promise<WorkspaceSchema> {
  const all = schemas.schemas.filter((s) => !s.failure);
  if (all.length === 0)
    throw new Error('No Prisma schema was found in this workspace: a query notebook runs on a schema’s database.');
  const named = notebook.metadata?.schema;
  const found = typeof named === 'string' ? all.find((s) => s.label === named) : undefined;
  if (found) return found;
  if (all.length === 1) return all[0];
  const pick = await vscode.window.showQuickPick(
    all.map((s) => ({ label: s.label, schema: s })),
    { title: 'Prisma: Query Notebook', placeHolder: 'Which schema’s database should this notebook query?' },
  );
  if (!pick) throw new Error('No schema was chosen: nothing was run.');
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata({ ...notebook.metadata, schema: pick.label })]);
  await vscode.workspace.applyEdit(edit);
  return pick.schema;
}

export function databaseFor(schema: WorkspaceSchema): NotebookDatabase {
  const scope = vscode.Uri.file(schema.root.schemaPath);
  const override = vscode.workspace
    .getConfiguration('prismaWorkbench.data', scope)
    .get<string>('databaseUrl', '')
    .trim();
  const t = targetOf(
    schema,
    override ? { url: override, from: 'the prismaWorkbench.data.databaseUrl setting' } : undefined,
  );
  if (!t.ok) throw new Error(t.reason);
  const provider: SqlProvider | undefined =
    t.provider === 'cockroachdb'
      ? 'postgresql'
      : t.provider === 'sqlserver' || t.provider === 'mongodb'
        ? undefined
        : t.provider;
  if (!provider)
    throw new Error(
      `Query notebooks run SQL on PostgreSQL, MySQL/MariaDB and SQLite; this schema uses ${t.provider ?? 'an unknown provider'}.`,
    );
  const url = provider === 'sqlite' ? resolveSqliteUrl(t.url, t.baseDir) : t.url;
  const description = describeDatabase(url, t.baseDir, schema.root.projectDir);
  return {
    schema,
    provider,
    url,
    label: description.label,
    name: description.name,
    production: t.production,
    ...(t.productionWhy ? { productionWhy: t.productionWhy } : {}),
  };
}

/** A writing cell on production runs only once the user typed the database's name (as Migrate Deploy asks). */
export async function confirmProductionWrite(db: NotebookDatabase): Promise<void> {
  if (!db.production) return;
  const typed = await vscode.window.showInputBox({
    title: 'A writing query cell on a PRODUCTION database',
    prompt: `${db.label} is production: ${db.productionWhy ?? 'production'}. Type the database name "${db.name}" to run this writing cell on it.`,
    validateInput: (v) => (v === db.name ? undefined : `Type ${db.name} to confirm`),
    ignoreFocusOut: true,
  });
  if (typed !== db.name)
    throw new Error(
      typed === undefined
        ? 'The writing cell was not run: the production database name was not typed.'
        : `The database is ${db.name}, not ${typed}: nothing was run.`,
    );
}
