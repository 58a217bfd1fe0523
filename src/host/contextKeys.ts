import * as vscode from 'vscode';

/** Every context key the extension sets, with its type; `when` clauses in package.json use these names. */
export interface ContextKeys {
  /** Discovery has run at least once (hides the welcome view until then). */
  'prismaWorkbench.discovered': boolean;
  /** At least one Prisma schema is in the workspace. */
  'prismaWorkbench.hasSchema': boolean;
  /** Drift state of the active schema: inSync, pending, failed, drift, unmigrated, schemaDiffers, providerMismatch, error. */
  'prismaWorkbench.drift.state': string;
  /** The folder is open in Restricted Mode (not trusted): nothing connects, spawns or runs the engine. */
  'prismaWorkbench.restricted': boolean;
  /** A query notebook is on screen: the Query History view lists its runs (else its welcome says to open one). */
  'prismaWorkbench.queryHistory.notebook': boolean;
}

export function setContext<K extends keyof ContextKeys>(key: K, value: ContextKeys[K]): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
