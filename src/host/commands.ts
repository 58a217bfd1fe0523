import * as vscode from 'vscode';
import { maskSecrets } from '../core/util/maskSecrets';
import type { Log } from './log';
import { manageTrust, RestrictedModeError } from './trust';

/**
 * Registers a command whose argument is validated by the handler (it arrives as `unknown`), and turns any
 * failure into one message with a next step instead of an unhandled rejection.
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  log: Log,
  id: string,
  handler: (...args: unknown[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (e) {
        if (e instanceof RestrictedModeError) {
          log.info(`${id}: ${e.message}`);
          const trust = 'Manage Workspace Trust';
          if ((await vscode.window.showWarningMessage(`Prisma Workbench: ${e.message}`, trust)) === trust)
            await manageTrust();
          return undefined;
        }
        // a driver's message can quote the connection URL: the notification shows it masked (the log masks too)
        const message = maskSecrets(e instanceof Error ? e.message : String(e));
        log.error(`${id} failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
        const choice = await vscode.window.showErrorMessage(`Prisma Workbench: ${message}`, 'Show Log');
        if (choice === 'Show Log') log.show();
        return undefined;
      }
    }),
  );
}

/** Thrown for a command argument that is not what the command takes. */
export class BadArgumentError extends Error {
  constructor(command: string, what: string) {
    super(`${command} was called with ${what}. Run it from the Prisma view or the command palette.`);
  }
}
