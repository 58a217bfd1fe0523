// Explain and Explain with ANALYZE on a SQL cell (the cell toolbar): the database's plan as the cell's
// output, drawn as a tree by the notebook renderer with the costly nodes marked, and as text. Runs through
// the SQL controller like a cell run (Stop cancels it on the server), always read-only and rolled back.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { planText } from '../../shared/planText';
import { QUERY_PLAN_MIME, type QueryPlan } from '../../shared/protocol/queryPlan';
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
