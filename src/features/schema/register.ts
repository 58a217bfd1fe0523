import * as vscode from 'vscode';
import { registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { configTemplate, schemaTemplate } from './schemaTemplate';

const docsUrl = 'https://www.prisma.io/docs/orm/prisma-schema/overview';

/**
 * Commands about the workspace's schemas as a whole: create one, documentation, the log. User-facing words go
 * through vscode.l10n.t (English is the key; translations in l10n/bundle.l10n.<locale>.json).
 */
export function registerSchemaCommands(context: vscode.ExtensionContext, { log, schemas }: Services): void {
  registerCommand(context, log, 'prismaWorkbench.schema.create', async () => {
    const folder =
      vscode.workspace.workspaceFolders?.length === 1
        ? vscode.workspace.workspaceFolders[0]
        : await vscode.window.showWorkspaceFolderPick({
            placeHolder: vscode.l10n.t('Where should the Prisma schema go?'),
          });
    if (!folder) {
      if (!vscode.workspace.workspaceFolders?.length)
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Open a folder first: the Prisma schema is created in it.'),
        );
      return;
    }
    const schemaUri = vscode.Uri.joinPath(folder.uri, 'prisma', 'schema.prisma');
    const configUri = vscode.Uri.joinPath(folder.uri, 'prisma.config.ts');
    const exists = async (uri: vscode.Uri) =>
      vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      );
    if (await exists(schemaUri)) {
      await vscode.window.showTextDocument(schemaUri);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(schemaUri, { contents: new TextEncoder().encode(schemaTemplate) });
    if (!(await exists(configUri))) edit.createFile(configUri, { contents: new TextEncoder().encode(configTemplate) });
    await vscode.workspace.applyEdit(edit);
    await vscode.workspace.save(schemaUri);
    if (!(await exists(configUri))) await vscode.workspace.save(configUri);
    await vscode.window.showTextDocument(schemaUri);
    await schemas.refresh();
  });

  registerCommand(context, log, 'prismaWorkbench.openDocumentation', () =>
    vscode.env.openExternal(vscode.Uri.parse(docsUrl)),
  );
  registerCommand(context, log, 'prismaWorkbench.showLog', () => log.show());
}
