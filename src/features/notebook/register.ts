// Query notebooks (issue #18, first slice): `.prisma-queries` files, SQL cells run on the schema's database
// (read-only unless marked as writing), results drawn by a notebook renderer.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE, starterNotebook } from '../../core/notebook/notebookFile';
import { registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { toggleWrites, toggleWritesCommand, WritesStatusBar } from './cellWrites';
import { explainAnalyzeCommand, explainCell, explainCommand } from './explainCell';
import { registerSerializer, toVscode } from './notebookSerializer';
import { registerSqlCompletion } from './sqlCompletionProvider';
import { SqlController } from './sqlController';

export const newNotebookCommand = 'prismaWorkbench.notebook.new';

export function registerNotebook(context: vscode.ExtensionContext, services: Services): SqlController {
  const controller = new SqlController(services);
  context.subscriptions.push(
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
  return controller;
}
