import * as vscode from 'vscode';
import type { TreeNode } from '../../core/tree/treeNode';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { ModelsTreeProvider } from './modelsTreeProvider';
import { isSourceLocation, revealCommandId, revealLocation } from './revealLocation';

export const modelsViewId = 'prismaWorkbench.models';

function isTreeNode(v: unknown): v is TreeNode {
  return typeof (v as TreeNode | undefined)?.id === 'string' && typeof (v as TreeNode).children === 'function';
}

export function registerModels(context: vscode.ExtensionContext, services: Services): ModelsTreeProvider {
  const { log, schemas } = services;
  const provider = new ModelsTreeProvider(schemas);
  const view = vscode.window.createTreeView(modelsViewId, { treeDataProvider: provider, showCollapseAll: true });
  provider.treeView = view;
  context.subscriptions.push(provider, view);

  registerCommand(context, log, revealCommandId, async (location) => {
    if (!isSourceLocation(location)) throw new BadArgumentError(revealCommandId, 'no source location');
    await revealLocation(location);
  });

  registerCommand(context, log, 'prismaWorkbench.models.refresh', () => schemas.refresh());

  registerCommand(context, log, 'prismaWorkbench.models.openRelatedModel', async (node) => {
    if (!isTreeNode(node) || !node.target)
      throw new BadArgumentError('Open Related Model', 'something that is not a relation');
    const related = node.children()[0] ?? node;
    if (!related.location) throw new Error(`the model ${node.target} is not defined in this schema`);
    await revealLocation(related.location);
  });

  return provider;
}
