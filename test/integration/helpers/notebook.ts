// What the query-notebook suites share: setting cell 0's code and running it with the extension's controller
// as the user does (the kernel picked, the cell executed), and reading the output items it gives.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QueryResult } from '../../../src/shared/protocol/queryResult';
import { extensionId, waitFor } from './extension';

export const NOTEBOOK_TYPE = 'prisma-workbench-queries';
export const RESULT_MIME = 'application/vnd.prisma-workbench.query-result+json';
export const ERROR_MIME = 'application/vnd.code.notebook.error';
export const PLAN_MIME = 'application/vnd.prisma-workbench.query-plan+json';

/** A result as the output carries it (RESULT_MIME). */
export type Result = QueryResult;

export const decode = (item: vscode.NotebookCellOutputItem): string => new TextDecoder().decode(item.data);

/** Sets cell 0's code (replacing every cell) and starts it with the extension's controller. */
export async function startCell(
  editor: vscode.NotebookEditor,
  code: string,
  language = 'sql',
  metadata: Record<string, unknown> = {},
): Promise<void> {
  const nb = editor.notebook;
  const edit = new vscode.WorkspaceEdit();
  edit.set(nb.uri, [
    vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(0, nb.cellCount), [
      Object.assign(new vscode.NotebookCellData(vscode.NotebookCellKind.Code, code, language), { metadata }),
    ]),
  ]);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await vscode.commands.executeCommand('notebook.selectKernel', {
    notebookEditor: editor,
    id: 'prismaWorkbench.notebook.sql',
    extension: extensionId,
  });
  void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 1 }], document: nb.uri });
}

/** The output items of cell 0 once its run ended. */
export function outputOf(
  editor: vscode.NotebookEditor,
  timeoutMs = 90_000,
): Promise<readonly vscode.NotebookCellOutputItem[]> {
  return waitFor(
    'the cell output',
    () => {
      const cell = editor.notebook.cellAt(0);
      return cell.outputs.length > 0 && cell.executionSummary?.success !== undefined
        ? cell.outputs[0].items
        : undefined;
    },
    timeoutMs,
  );
}

/** Sets cell 0's code, runs it and returns its output items. */
export async function runCell(
  editor: vscode.NotebookEditor,
  code: string,
  language = 'sql',
): Promise<readonly vscode.NotebookCellOutputItem[]> {
  await startCell(editor, code, language);
  return outputOf(editor);
}

/** Runs cell 0 and returns its result (an error output fails the test with its text). */
export async function runResult(editor: vscode.NotebookEditor, code: string, language = 'sql'): Promise<Result> {
  const items = await runCell(editor, code, language);
  assert.equal(items[0].mime, RESULT_MIME, decode(items[0]));
  return JSON.parse(decode(items[0])) as Result;
}

/** One column of a result, by name. */
export const column = (r: Result, name: string): Result['rows'][number] =>
  r.rows.map((row) => row[r.columns.findIndex((c) => c.name === name)]);

/**
 * Reruns a history entry (`command` with its argument: the History view's rerun, or the picker's `{ index }`) and
 * waits for the new cell it adds at the end of `nb` to have run; returns that cell.
 */
export async function rerunFromHistory(
  nb: vscode.NotebookDocument,
  command: string,
  arg: unknown,
  timeoutMs = 90_000,
): Promise<vscode.NotebookCell> {
  const before = nb.cellCount;
  await vscode.commands.executeCommand(command, arg);
  return waitFor(
    'the run again',
    () => {
      const c = nb.cellCount === before + 1 ? nb.cellAt(before) : undefined;
      return c && c.outputs.length > 0 && c.executionSummary?.success !== undefined ? c : undefined;
    },
    timeoutMs,
  );
}
