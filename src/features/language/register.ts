// Language features for `.prisma` files: Prisma's own language server (bundled, two lines) through
// vscode-languageclient, started lazily on the first schema opened. Syntax colouring is the TextMate
// grammar contributed in package.json (media/syntaxes/prisma.tmLanguage.json).
import * as vscode from 'vscode';
import { registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { hasContractHeader } from '../../core/discovery';
import { LanguageServerController, officialExtensionId } from './languageServerController';

export function registerLanguage(context: vscode.ExtensionContext, services: Services): LanguageServerController {
  const { log, trust, schemas } = services;
  // Prisma Next contracts are left to Prisma Next's own tooling: known ones from discovery, and any file
  // whose first line says `// use prisma-next` even before discovery has run
  const controller = new LanguageServerController(
    context,
    log,
    (file, text) => schemas.isContract(file) || hasContractHeader(text()),
  );
  context.subscriptions.push(controller);

  const startFor = (doc: vscode.TextDocument) => {
    if (controller.serves(doc)) void controller.ensureStarted(doc);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startFor));
  vscode.workspace.textDocuments.forEach(startFor);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('prismaWorkbench.languageServer')) void controller.restart();
    }),
  );

  // The official extension enabled or disabled while we run: give way to it, or take over.
  let officialActive = vscode.extensions.getExtension(officialExtensionId) !== undefined;
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      const now = vscode.extensions.getExtension(officialExtensionId) !== undefined;
      if (now === officialActive) return;
      officialActive = now;
      log.info(`the Prisma extension (${officialExtensionId}) was ${now ? 'enabled' : 'disabled'}`);
      void controller.restart();
    }),
  );

  // held back in Restricted Mode (the server runs prisma.config.ts): starts for the open schemas once trusted
  context.subscriptions.push(trust.onDidGrant(() => void controller.restart()));

  registerCommand(context, log, 'prismaWorkbench.languageServer.restart', () => controller.restart());
  registerCommand(context, log, 'prismaWorkbench.languageServer.showOutput', () => controller.showOutput());
  return controller;
}
