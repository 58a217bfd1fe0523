// Workspace trust, decided in one place. In Restricted Mode the extension only reads files: the Models view, our
// own parser's diagnostics and the diagram work; nothing spawns a process, connects to a database, generates a
// client, runs the schema engine or replays a migration. Every feature that does one of those asks this module,
// and comes up when trust is granted (no window reload).
import * as vscode from 'vscode';
import { setContext } from './contextKeys';
import { Disposable } from './disposable';

/** What the views and the status bar say while the folder is not trusted. */
export const RESTRICTED_MODE_TEXT = 'Restricted Mode: trust this folder to read the database';
/** VS Code's own command that opens the workspace trust editor (Trust / Don't Trust). */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** Thrown by an action that would run something in an untrusted folder; the command wrapper offers the trust editor. */
export class RestrictedModeError extends Error {
  constructor(readonly action: string) {
    super(
      `${action} does not run in Restricted Mode: it would connect to the database or run code this folder names. Trust the folder to use it.`,
    );
    this.name = 'RestrictedModeError';
  }
}

/** May something run here (spawn, connect, generate, run the engine)? */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** Throws a RestrictedModeError naming `action` unless the workspace is trusted. */
export function requireTrust(action: string): void {
  if (!vscode.workspace.isTrusted) throw new RestrictedModeError(action);
}

/** Opens VS Code's workspace trust editor. */
export function manageTrust(): Thenable<unknown> {
  return vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
}

/**
 * The trust state for features: `isTrusted`, `require`, and `onDidGrant`, which fires once trust is granted
 * (after the `prismaWorkbench.restricted` context key is cleared). Created once in activate().
 */
export class WorkspaceTrust extends Disposable {
  private readonly granted = this.register(new vscode.EventEmitter<void>());
  /** Fires when the user trusts the folder: features start what they held back. */
  readonly onDidGrant = this.granted.event;

  constructor() {
    super();
    void setContext('prismaWorkbench.restricted', !vscode.workspace.isTrusted);
    this.register(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        void setContext('prismaWorkbench.restricted', false);
        this.granted.fire();
      }),
    );
  }

  get isTrusted(): boolean {
    return isTrusted();
  }

  require(action: string): void {
    requireTrust(action);
  }
}
