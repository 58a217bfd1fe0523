// Explain and Explain with ANALYZE on a SQL cell (the cell toolbar): the database's plan as the cell's
// output, drawn as a tree by the notebook renderer with the costly nodes marked, and as text. Runs through
// the SQL controller like a cell run (Stop cancels it on the server), always read-only and rolled back. A
// statement a Prisma Client cell ran is explained from its result's list (renderer messaging), plan below it.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { planText } from '../../shared/planText';
import { maskSecrets } from '../../core/util/maskSecrets';
import { QUERY_PLAN_MIME, type QueryPlan } from '../../shared/protocol/queryPlan';
import { QUERY_RESULT_MIME, type ExplainStatementRequest, type QueryResult } from '../../shared/protocol/queryResult';
import type { Services } from '../../host/services';
import { cellOf } from './cellWrites';
import { databaseFor, schemaFor } from './notebookDatabase';
import { queryTimeoutMs, SQL_CONTROLLER_ID, type SqlController } from './sqlController';

export const explainCommand = 'prismaWorkbench.notebook.explain';
export const explainAnalyzeCommand = 'prismaWorkbench.notebook.explainAnalyze';

export function planOutput(plan: QueryPlan): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.json(plan, QUERY_PLAN_MIME),
    vscode.NotebookCellOutputItem.text(planText(plan)),
  ]);
}

export async function explainCell(
  arg: unknown,
  analyze: boolean,
  controller: SqlController,
  services: Services,
  extensionId: string,
): Promise<void> {
  const cell = cellOf(arg);
  if (!cell || cell.notebook.notebookType !== NOTEBOOK_TYPE || cell.kind !== vscode.NotebookCellKind.Code)
    throw new Error('Explain works on a SQL cell of a Prisma query notebook: select one first.');
  if (cell.document.languageId !== 'sql') throw new Error('Explain works on SQL cells only.');
  services.trust.require('Explaining a query notebook cell');
  if (!controller.isSelectedFor(cell.notebook)) {
    const editor = vscode.window.visibleNotebookEditors.find((e) => e.notebook === cell.notebook);
    await vscode.commands.executeCommand('notebook.selectKernel', {
      ...(editor ? { notebookEditor: editor } : {}),
      id: SQL_CONTROLLER_ID,
      extension: extensionId,
    });
  }
  await controller.execute(cell, async (signal) => {
    const db = databaseFor(await schemaFor(cell.notebook, services.schemas));
    // the plan readers and the SQL runners load with the first Explain
    const { explainQuery } = await import('../../core/notebook/explain/explainQuery');
    const plan = await explainQuery(db.provider, db.url, cell.document.getText(), {
      analyze,
      timeoutMs: queryTimeoutMs(),
      signal,
    });
    services.log.info(
      `notebook cell explained on ${db.label}${analyze ? ' (ANALYZE, rolled back)' : ''} in ${Math.round(plan.durationMs)} ms`,
    );
    return planOutput(plan);
  });
}

/**
 * *Explain* on a statement a Prisma Client cell ran (the renderer lists them under the result): explained with
 * its parameters bound, read-only and rolled back, and the plan added below that cell's result. Only a
 * statement a cell of that notebook lists, with those parameters, is explained (nothing else from a renderer).
 */
export async function explainClientStatement(
  editor: vscode.NotebookEditor,
  request: ExplainStatementRequest,
  controller: SqlController,
  services: Services,
): Promise<void> {
  const cell = editor.notebook
    .getCells()
    .find((c) =>
      c.outputs.some((o) =>
        o.items.some(
          (i) =>
            i.mime === QUERY_RESULT_MIME &&
            listsStatement(JSON.parse(new TextDecoder().decode(i.data)) as QueryResult, request),
        ),
      ),
    );
  if (!cell) return;
  services.trust.require('Explaining a statement of a Prisma Client cell');
  const params = parseParams(request.params);
  // the cell's result stays; a plan explained before is replaced
  const kept = cell.outputs.filter((o) => !o.items.some((i) => i.mime === QUERY_PLAN_MIME));
  await controller.execute(cell, async (signal) => {
    try {
      const db = databaseFor(await schemaFor(cell.notebook, services.schemas));
      const { explainQuery } = await import('../../core/notebook/explain/explainQuery');
      const plan = await explainQuery(db.provider, db.url, request.query, {
        analyze: false,
        timeoutMs: queryTimeoutMs(),
        signal,
        ...(params ? { params } : {}),
      });
      services.log.info(
        `a Prisma Client cell's statement explained on ${db.label} in ${Math.round(plan.durationMs)} ms`,
      );
      return [...kept, planOutput(plan)];
    } catch (e) {
      // the cell's result stays: the failure is said below it
      const message = maskSecrets(e instanceof Error ? e.message : String(e));
      const error = new Error(message);
      error.name = 'Statement not explained';
      error.stack = message;
      return [...kept, new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(error)])];
    }
  });
}

function listsStatement(result: QueryResult, request: ExplainStatementRequest): boolean {
  return (result.statements ?? []).some((s) => s.query === request.query && s.params === request.params);
}

/** Prisma's query event gives the parameters as JSON text: an array of values (else none are bound). */
export function parseParams(text: string): unknown[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}
