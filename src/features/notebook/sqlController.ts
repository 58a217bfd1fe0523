// Runs SQL cells: one at a time, on the notebook's schema database, read-only unless the cell is marked as
// writing, with the grid's time limit; the Stop button cancels the query on the server. Nothing runs in
// Restricted Mode. The result is an output the notebook renderer draws as a table, with text and JSON
// fallbacks.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { QUERY_RESULT_MIME, resultText, type QueryResult } from '../../core/notebook/queryResult';
import { runQuery } from './lazyRunQuery';
import { maskSecrets } from '../../core/util/maskSecrets';
import type { Services } from '../../host/services';
import { Disposable } from '../../host/disposable';
import { cellWrites } from './cellWrites';
import { CLIENT_LANGUAGE, isClientCell, runClientCellOn } from './clientCells';
import type { GridSessions } from '../grid/gridSessions';
import { DEFAULT_MAX_ROWS } from '../../core/notebook/queryResult';
import { confirmProductionWrite, databaseFor, schemaFor } from './notebookDatabase';
import type { ResultPages } from './resultPages';
import type { RunHistory } from './runHistoryStore';
import { bindTypedSql } from '../../core/typedSql/parameters';
import { typedSqlRunOf, typedSqlValues } from './typedSqlCell';

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

/** What a run gave, for its history entry. */
const counts = (r: QueryResult) =>
  r.affectedRows !== undefined && r.columns.length === 0
    ? { affectedRows: r.affectedRows }
    : { rows: r.rowCount, ...(r.moreRows ? { moreRows: true } : {}) };

/** The grid's time limit (prismaWorkbench.data.queryTimeoutSeconds), in ms. */
export function queryTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('prismaWorkbench.data').get<number>('queryTimeoutSeconds', 30);
  return Math.max(1, seconds) * 1000;
}

export class SqlController extends Disposable {
  private readonly controller: vscode.NotebookController;
  private order = 0;
  private readonly selected = new Set<string>();

  constructor(
    private readonly services: Services,
    /** The data grid's sessions: Prisma Client cells run on their private client (none: SQL cells only). */
    private readonly sessions?: () => Promise<GridSessions>,
    private readonly pages?: ResultPages,
    private readonly history?: RunHistory,
  ) {
    super();
    this.controller = this.register(
      vscode.notebooks.createNotebookController(
        SQL_CONTROLLER_ID,
        NOTEBOOK_TYPE,
        'Prisma: SQL on the schema’s database',
      ),
    );
    this.controller.supportedLanguages = ['sql', CLIENT_LANGUAGE, 'typescript', 'javascript'];
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
    this.register(
      this.controller.onDidChangeSelectedNotebooks(({ notebook, selected }) => {
        if (selected) this.selected.add(notebook.uri.toString());
        else this.selected.delete(notebook.uri.toString());
      }),
    );
  }

  get id(): string {
    return this.controller.id;
  }

  private async runAll(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    for (const cell of cells) await this.run(cell, notebook);
  }

  /** Runs cells of one notebook as the Run button does (a TypedSQL Run); resolves once they ended. */
  runCells(cells: vscode.NotebookCell[]): Promise<void> {
    return cells.length ? this.runAll(cells, cells[0].notebook) : Promise.resolve();
  }

  /** Whether the notebook runs on this controller (a cell execution can only be made for those). */
  isSelectedFor(notebook: vscode.NotebookDocument): boolean {
    return this.selected.has(notebook.uri.toString());
  }

  private async run(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<void> {
    const sql = cell.document.getText();
    // a TypedSQL query's cell always runs read-only
    const writes = cellWrites(cell) && typedSqlValues(cell) === undefined;
    const mode = writes ? 'writes' : 'read-only';
    const typedSql = typedSqlRunOf(cell);
    const at = Date.now();
    await this.execute(cell, async (signal) => {
      try {
        const output = await this.runCell(cell, notebook, sql, writes, signal);
        void this.history?.record(notebook.uri, {
          sql,
          language: cell.document.languageId,
          at,
          durationMs: output.result.durationMs,
          ok: true,
          mode,
          ...counts(output.result),
          ...(typedSql ? { typedSql } : {}),
        });
        return output.output;
      } catch (e) {
        const error = maskSecrets(e instanceof Error ? e.message : String(e)).split('\n')[0];
        void this.history?.record(notebook.uri, {
          sql,
          language: cell.document.languageId,
          at,
          durationMs: Date.now() - at,
          ok: false,
          mode,
          error,
          ...(typedSql ? { typedSql } : {}),
        });
        throw e;
      }
    });
  }

  /** One cell's run (SQL, or Prisma Client) on the notebook's database: its result and its output. */
  private async runCell(
    cell: vscode.NotebookCell,
    notebook: vscode.NotebookDocument,
    sql: string,
    writes: boolean,
    signal: AbortSignal,
  ): Promise<{ result: QueryResult; output: vscode.NotebookCellOutput }> {
    this.services.trust.require('Running a query notebook cell');
    const db = databaseFor(await schemaFor(notebook, this.services.schemas));
    if (writes) await confirmProductionWrite(db);
    const options = { writes, timeoutMs: queryTimeoutMs(), signal };
    const client = isClientCell(cell);
    // a TypedSQL query's cell carries the values given for its parameters: bound by the driver
    const values = client ? undefined : typedSqlValues(cell);
    const bound = values ? bindTypedSql(sql, db.provider, db.schema.doc, values) : { sql, params: undefined };
    const result = !client
      ? await runQuery(db.provider, db.url, bound.sql, {
          ...options,
          ...(bound.params ? { params: bound.params } : {}),
        })
      : this.sessions
        ? await runClientCellOn(await this.sessions(), cell, db, { maxRows: DEFAULT_MAX_ROWS, ...options })
        : undefined;
    if (!result) throw new Error('Prisma Client cells need the data grid, which did not start (see the log).');
    // a read-only SQL result can be paged and exported by running it again; a writing one never runs twice
    if (!writes && !client && this.pages)
      result.resultId = this.pages.remember({
        provider: db.provider,
        url: db.url,
        sql: bound.sql,
        ...(bound.params ? { params: bound.params } : {}),
        label: db.label,
      });
    this.services.log.info(
      `notebook cell ran on ${db.label}: ${result.rowCount}${result.moreRows ? '+' : ''} row(s) in ${Math.round(result.durationMs)} ms (${result.mode})`,
    );
    return { result, output: resultOutput(result) };
  }

  /**
   * Runs `work` as an execution of the cell (a run, an Explain): its output replaces the cell's, Stop aborts
   * the signal, a failure becomes an error output in words.
   */
  async execute(
    cell: vscode.NotebookCell,
    work: (signal: AbortSignal) => Promise<vscode.NotebookCellOutput | vscode.NotebookCellOutput[]>,
  ): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    const abort = new AbortController();
    const sub = execution.token.onCancellationRequested(() => abort.abort());
    try {
      await execution.replaceOutput(await work(abort.signal));
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
