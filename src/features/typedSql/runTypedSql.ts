// Run on a TypedSQL file: asks for each parameter (checked against its `-- @param` type, prefilled with the
// values last used for this file), then shows the query and its result in a query notebook, one per file,
// reused while it is open. The notebook's SQL controller runs it, so the result is the notebook's own: the
// same renderer, paging, export, Open in Grid, history, Stop; read-only and rolled back, values bound by the
// driver. Nothing runs in Restricted Mode.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { parseSqlDoc } from '../../core/typedSql/sqlDoc';
import {
  parameterValue,
  schemaEnums,
  typedSqlParameters,
  type TypedSqlParameter,
} from '../../core/typedSql/parameters';
import { BadArgumentError } from '../../host/commands';
import type { Services } from '../../host/services';
import { databaseFor } from '../notebook/notebookDatabase';
import { SQL_CONTROLLER_ID, type SqlController } from '../notebook/sqlController';
import type { TypedSqlCellMetadata } from '../notebook/typedSqlCell';
import { typedSqlHome } from './typedSqlHome';
import { runTypedSqlCommand } from './typedSqlLens';

const LAST_VALUES_KEY = 'prismaWorkbench.typedSql.lastValues';

interface RunRequest {
  uri: vscode.Uri;
  /** Values given by the caller (in parameter order): no questions asked. */
  values?: string[];
}

/** A Uri, a Uri's JSON (from another extension or a webview), or a URI string. */
function uriOf(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && /^[a-z][\w+.-]*:/i.test(v)) return vscode.Uri.parse(v);
  if (typeof v !== 'object' || v === null) return undefined;
  const u = v as { scheme?: unknown; path?: unknown; authority?: unknown; query?: unknown; fragment?: unknown };
  if (typeof u.scheme !== 'string' || typeof u.path !== 'string') return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  return vscode.Uri.from({
    scheme: u.scheme,
    path: u.path,
    authority: str(u.authority),
    query: str(u.query),
    fragment: str(u.fragment),
  });
}

function requestOf(arg: unknown): RunRequest {
  if (arg === undefined) {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error('Open a TypedSQL file (prisma/sql/*.sql) to run it.');
    return { uri: editor.document.uri };
  }
  const direct = uriOf(arg);
  if (direct) return { uri: direct };
  if (typeof arg === 'object' && arg !== null) {
    const { uri, values } = arg as { uri?: unknown; values?: unknown };
    const parsed = uriOf(uri);
    if (parsed && (values === undefined || (Array.isArray(values) && values.every((v) => typeof v === 'string'))))
      return { uri: parsed, ...(values ? { values: values as string[] } : {}) };
  }
  throw new BadArgumentError(runTypedSqlCommand, 'something that is not a .sql file');
}

/** The user's values for the parameters, one input box each; undefined when one was cancelled. */
async function askValues(
  file: string,
  params: TypedSqlParameter[],
  check: (p: TypedSqlParameter, text: string) => string | undefined,
  state: vscode.Memento,
): Promise<string[] | undefined> {
  const last = state.get<Record<string, Record<string, string>>>(LAST_VALUES_KEY, {})[file] ?? {};
  const values: string[] = [];
  for (const [i, p] of params.entries()) {
    const type = p.type ? `${p.type}${p.nullable ? '?' : ''}` : 'untyped';
    const text = await vscode.window.showInputBox({
      title: `TypedSQL: ${vscode.workspace.asRelativePath(vscode.Uri.parse(file))} (${i + 1}/${params.length})`,
      prompt: `${p.label} (${type})${p.documentation ? ` — ${p.documentation}` : ''}${p.nullable || !p.type ? '. Type null for NULL.' : ''}`,
      value: last[p.label] ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => check(p, v),
    });
    if (text === undefined) return undefined;
    values.push(text);
  }
  return values;
}

async function remember(state: vscode.Memento, file: string, params: TypedSqlParameter[], values: string[]) {
  const all = state.get<Record<string, Record<string, string>>>(LAST_VALUES_KEY, {});
  all[file] = Object.fromEntries(params.map((p, i) => [p.label, values[i]]));
  await state.update(LAST_VALUES_KEY, all);
}

/** The open notebook showing this file's query, or a new one. */
async function notebookFor(file: string, schemaLabel: string): Promise<vscode.NotebookDocument> {
  const open = vscode.workspace.notebookDocuments.find(
    (nb) => nb.notebookType === NOTEBOOK_TYPE && !nb.isClosed && nb.metadata?.typedSqlFile === file,
  );
  if (open) return open;
  const data = new vscode.NotebookData([]);
  data.metadata = { schema: schemaLabel, typedSqlFile: file };
  return vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
}

export async function runTypedSql(
  arg: unknown,
  services: Services,
  controller: SqlController,
  state: vscode.Memento,
  extensionId: string,
): Promise<{ notebook: string } | undefined> {
  const request = requestOf(arg);
  const home = typedSqlHome(request.uri.fsPath, services.schemas);
  if (!home)
    throw new Error(
      `${vscode.workspace.asRelativePath(request.uri)} is not a TypedSQL file: those are the .sql files in the sql folder beside a schema whose generator has previewFeatures = ["typedSql"].`,
    );
  services.trust.require('Running a TypedSQL query');
  const db = databaseFor(home.schema);
  const document = await vscode.workspace.openTextDocument(request.uri);
  const sql = document.getText();
  const enums = schemaEnums(home.schema.doc);
  const annotations = parseSqlDoc(sql, Object.keys(enums));
  if (annotations.problems[0])
    throw new Error(`Line ${annotations.problems[0].line + 1}: ${annotations.problems[0].message}`);
  const params = typedSqlParameters(sql, db.provider, annotations);
  const check = (p: TypedSqlParameter, text: string) => {
    const v = parameterValue(p, text, db.provider, enums);
    return 'error' in v ? v.error : undefined;
  };
  const file = request.uri.toString();
  const values = request.values ?? (await askValues(file, params, check, state));
  if (!values) return undefined; // cancelled: nothing run
  const wrong = params.map((p, i) => (i < values.length ? check(p, values[i]) : 'no value')).find((e) => e);
  if (wrong || values.length !== params.length)
    throw new Error(
      `The values do not fit the parameters (${params.map((p) => p.label).join(', ')}): ${wrong ?? 'count'}`,
    );
  await remember(state, file, params, values);

  const notebook = await notebookFor(file, home.schema.label);
  const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, sql, 'sql');
  cell.metadata = { typedSql: { file, values } satisfies TypedSqlCellMetadata };
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(0, notebook.cellCount), [cell])]);
  await vscode.workspace.applyEdit(edit);
  const editor = await vscode.window.showNotebookDocument(notebook, {
    viewColumn: vscode.ViewColumn.Beside,
    preserveFocus: true,
  });
  if (!controller.isSelectedFor(notebook))
    await vscode.commands.executeCommand('notebook.selectKernel', {
      notebookEditor: editor,
      id: SQL_CONTROLLER_ID,
      extension: extensionId,
    });
  await controller.runCells([notebook.cellAt(0)]);
  services.log.info(
    `TypedSQL ${vscode.workspace.asRelativePath(request.uri)} ran on ${db.label} with ${params.length} parameter(s)`,
  );
  return { notebook: notebook.uri.toString() };
}
