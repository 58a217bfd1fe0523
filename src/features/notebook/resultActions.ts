// What a SQL cell's result leads to: Open in Grid (the model a plain SELECT reads, with its WHERE as grid
// filters when they map) and Export as CSV / JSON (every row: a read-only cell's statement is run again,
// read-only; a writing cell's kept rows only, as it never runs twice).
import * as vscode from 'vscode';
import { gridTarget } from '../../core/notebook/gridTarget';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { QUERY_RESULT_MIME, type QueryResult } from '../../core/notebook/queryResult';
import { resultCsv, resultJson } from '../../core/notebook/resultExport';
import { runQuery } from './lazyRunQuery';
import { schemaTables } from '../../core/notebook/sqlCompletion';
import type { Services } from '../../host/services';
import { cellOf } from './cellWrites';
import { schemaFor } from './notebookDatabase';
import type { ResultPages } from './resultPages';
import { queryTimeoutMs } from './sqlController';

export const openInGridCommand = 'prismaWorkbench.notebook.openInGrid';
export const exportCsvCommand = 'prismaWorkbench.notebook.exportCsv';
export const exportJsonCommand = 'prismaWorkbench.notebook.exportJson';
/** Rows an export writes at most (the whole result is held in memory once). */
export const EXPORT_MAX_ROWS = 1_000_000;

function sqlCell(arg: unknown): vscode.NotebookCell {
  const cell = cellOf(arg);
  if (!cell || cell.notebook.notebookType !== NOTEBOOK_TYPE || cell.kind !== vscode.NotebookCellKind.Code)
    throw new Error('Select a SQL cell of a Prisma query notebook first.');
  return cell;
}

/** The result the cell's last run gave, from its output. */
function resultOf(cell: vscode.NotebookCell): QueryResult {
  for (const output of cell.outputs)
    for (const item of output.items)
      if (item.mime === QUERY_RESULT_MIME) return JSON.parse(new TextDecoder().decode(item.data)) as QueryResult;
  throw new Error('This cell has no result to export: run it first.');
}

/** Opens the grid and gives its panel (what prismaWorkbench.data.open gives), or undefined when it cannot. */
export async function openInGrid(arg: unknown, services: Services): Promise<unknown> {
  const cell = sqlCell(arg);
  const schema = await schemaFor(cell.notebook, services.schemas);
  const target = gridTarget(cell.document.getText(), schemaTables(schema.doc));
  if (!target.ok) {
    void vscode.window.showInformationMessage(target.reason);
    return undefined;
  }
  const panel = await vscode.commands.executeCommand('prismaWorkbench.data.open', {
    model: target.model,
    file: schema.root.schemaPath,
    filters: target.filters,
  });
  if (target.notCarried.length)
    void vscode.window.showInformationMessage(
      `Opened ${target.model} in the grid${target.filters.length ? ' with the WHERE as filters' : ''}; not carried over: ${target.notCarried.join('; ')}.`,
    );
  return panel;
}

export async function exportResult(
  arg: unknown,
  format: 'csv' | 'json',
  target: unknown,
  pages: ResultPages,
  services: Services,
): Promise<vscode.Uri | undefined> {
  const cell = sqlCell(arg);
  const shown = resultOf(cell);
  const source = shown.resultId ? pages.source(shown.resultId) : undefined;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(cell.notebook.uri, '..', `result.${format}`),
          filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        });
  if (!uri) return undefined;
  let result = shown;
  if (source && shown.truncated) {
    services.trust.require('Exporting a query notebook result');
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Reading every row (read-only)', cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return runQuery(source.provider, source.url, source.sql, {
          writes: false,
          timeoutMs: queryTimeoutMs(),
          maxRows: EXPORT_MAX_ROWS,
          signal: abort.signal,
        });
      },
    );
  }
  const escapeFormulas = vscode.workspace
    .getConfiguration('prismaWorkbench.data')
    .get<boolean>('csvEscapeFormulas', false);
  const text = format === 'csv' ? resultCsv(result, { escapeFormulas }) : resultJson(result);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const partial = result.truncated
    ? shown.resultId
      ? result.moreRows
        ? ` (the first ${result.rows.length.toLocaleString()}: more rows were not read)`
        : ` (the first ${result.rows.length.toLocaleString()} of ${result.rowCount.toLocaleString()})`
      : ` (the ${result.rows.length.toLocaleString()} kept of ${result.rowCount.toLocaleString()}: a writing cell runs once)`
    : '';
  services.log.info(`notebook result exported: ${result.rows.length} rows to ${uri.fsPath}`);
  if (!(target instanceof vscode.Uri))
    void vscode.window
      .showInformationMessage(`Exported ${result.rows.length.toLocaleString()} rows${partial}.`, 'Open')
      .then((c) => c && vscode.window.showTextDocument(uri));
  return uri;
}
