// Runs SQL cells: one at a time, on the notebook's schema database, read-only unless the cell is marked as
// writing, with the grid's time limit; the Stop button cancels the query on the server. Nothing runs in
// Restricted Mode. The result is an output the notebook renderer draws as a table, with text and JSON
// fallbacks.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { QUERY_RESULT_MIME, resultText, type QueryResult } from '../../core/notebook/queryResult';
import { maskSecrets } from '../../core/util/maskSecrets';
import type { Services } from '../../host/services';
import { Disposable } from '../../host/disposable';
import { cellWrites } from './cellWrites';
import { confirmProductionWrite, databaseFor, schemaFor } from './notebookDatabase';

export const SQL_CONTROLLER_ID = 'prismaWorkbench.notebook.sql';

/** The outputs of a result: the table (renderer), then text and JSON for anything else that reads them. */
export function resultOutput(result: QueryResult): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.json(result, QUERY_RESULT_MIME),
    vscode.NotebookCellOutputItem.text(resultText(result)),
    vscode.NotebookCellOutputItem.json(
      {
        columns: result.columns.map((c) => c.name),
        rows: result.rows,
        rowCount: result.rowCount,
      },
      'application/json',
    ),
  ]);
}

export class SqlController extends Disposable {
  private readonly controller: vscode.NotebookController;
  private order = 0;

  constructor(private readonly services: Services) {
    super();
    this.controller = this.register(
      vscode.notebooks.createNotebookController(
        SQL_CONTROLLER_ID,
        NOTEBOOK_TYPE,
        'Prisma: SQL on the schema’s database',
      ),
    );
    this.controller.supportedLanguages = ['sql'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'read-only unless a cell is marked as writing';
    this.controller.executeHandler = (cells, notebook) => this.runAll(cells, notebook);
    // the only kernel for query notebooks: chosen without asking
    const prefer = (nb: vscode.NotebookDocument) => {
      if (nb.notebookType === NOTEBOOK_TYPE)
        this.controller.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
    };
    vscode.workspace.notebookDocuments.forEach(prefer);
    this.register(vscode.workspace.onDidOpenNotebookDocument(prefer));
  }

  get id(): string {
    return this.controller.id;
  }

  private async runAll(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    for (const cell of cells) await this.run(cell, notebook);
  }

  private async run(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    const abort = new AbortController();
    const sub = execution.token.onCancellationRequested(() => abort.abort());
    try {
      this.services.trust.require('Running a query notebook cell');
      const db = databaseFor(await schemaFor(notebook, this.services.schemas));
      const writes = cellWrites(cell);
      if (writes) await confirmProductionWrite(db);
      const seconds = vscode.workspace.getConfiguration('prismaWorkbench.data').get<number>('queryTimeoutSeconds', 30);
      // the drivers' glue loads with the first cell run
      const { runQuery } = await import('../../core/notebook/runQuery');
      const result = await runQuery(db.provider, db.url, cell.document.getText(), {
        writes,
        timeoutMs: Math.max(1, seconds) * 1000,
        signal: abort.signal,
      });
      this.services.log.info(
        `notebook cell ran on ${db.label}: ${result.rowCount} row(s) in ${Math.round(result.durationMs)} ms (${result.mode})`,
      );
      await execution.replaceOutput(resultOutput(result));
      execution.end(true, Date.now());
    } catch (e) {
      const message = maskSecrets(e instanceof Error ? e.message : String(e));
      const error = new Error(message);
      error.name = 'Query not run';
      error.stack = message; // the driver's stack says nothing to the user
      await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(error)]));
      execution.end(false, Date.now());
    } finally {
      sub.dispose();
    }
  }
}
