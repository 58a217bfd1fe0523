// Query notebooks (issue #18, first slice): `.prisma-queries` files, SQL cells run on the schema's database
// (read-only unless marked as writing), results drawn by a notebook renderer, past runs in the Query History view.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE, starterNotebook } from '../../core/notebook/notebookFile';
import { registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { toggleWrites, toggleWritesCommand, WritesStatusBar } from './cellWrites';
import { explainAnalyzeCommand, explainCell, explainClientStatement, explainCommand } from './explainCell';
import { registerSerializer, toVscode } from './notebookSerializer';
import { ResultPages } from './resultPages';
import { historyCommand, showHistoryPicker } from './runHistoryPicker';
import { RunHistory } from './runHistoryStore';
import { registerQueryHistoryView, type QueryHistoryProvider } from './queryHistoryView';
import { exportCsvCommand, exportJsonCommand, exportResult, openInGrid, openInGridCommand } from './resultActions';
import { registerSqlCompletion } from './sqlCompletionProvider';
import { SqlController } from './sqlController';
import type { GridAccess } from '../grid/register';
import { ClientLanguage, typescriptLibDir } from './clientLanguage';

export const newNotebookCommand = 'prismaWorkbench.notebook.new';

export function registerNotebook(
  context: vscode.ExtensionContext,
  services: Services,
  grid?: GridAccess,
): { controller: SqlController; history: QueryHistoryProvider } {
  const pages = new ResultPages(services.log);
  const history = new RunHistory(context.workspaceState);
  context.subscriptions.push(history);
  // the grid's sessions (its private Prisma Client) load with the first Prisma Client cell, not at activation
  const sessions = grid && (async () => (await grid.manager()).sessions);
  const controller = new SqlController(services, sessions, pages, history);
  if (sessions)
    context.subscriptions.push(
      new ClientLanguage(sessions, services.schemas, typescriptLibDir(context.extensionUri), services.log),
    );
  context.subscriptions.push(
    pages,
    registerSerializer(),
    controller,
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, new WritesStatusBar()),
    registerSqlCompletion(services.schemas),
  );
  registerCommand(context, services.log, newNotebookCommand, async () => {
    const doc = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, toVscode(starterNotebook()));
    await vscode.window.showNotebookDocument(doc);
  });
  registerCommand(context, services.log, toggleWritesCommand, (arg: unknown) => toggleWrites(arg));
  registerCommand(context, services.log, explainCommand, (arg: unknown) =>
    explainCell(arg, false, controller, services, context.extension.id),
  );
  registerCommand(context, services.log, explainAnalyzeCommand, (arg: unknown) =>
    explainCell(arg, true, controller, services, context.extension.id),
  );
  context.subscriptions.push(
    pages.onExplainRequested(({ editor, request }) =>
      explainClientStatement(editor, request, controller, services).catch((e: unknown) =>
        services.log.error(e instanceof Error ? e : String(e)),
      ),
    ),
  );
  registerCommand(context, services.log, openInGridCommand, (arg: unknown) => openInGrid(arg, services));
  registerCommand(context, services.log, exportCsvCommand, (arg: unknown, target: unknown) =>
    exportResult(arg, 'csv', target, pages, services),
  );
  registerCommand(context, services.log, exportJsonCommand, (arg: unknown, target: unknown) =>
    exportResult(arg, 'json', target, pages, services),
  );
  registerCommand(context, services.log, historyCommand, (arg: unknown) => showHistoryPicker(history, arg));
  return { controller, history: registerQueryHistoryView(context, services, history) };
}
