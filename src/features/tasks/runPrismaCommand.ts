// Runs one Prisma workflow as a task, from a command: picks the schema, asks what the command needs (a
// migration name), runs the task and refreshes the views when it ends. The confirmations (destructive
// commands, the typed name of a production database, a production deploy's lint findings) are not here:
// they run where the task executes (taskGuard), so every way of starting a task gets them.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type PrismaCommandKind, type PrismaCommandOptions } from '../../core/cli/prismaCommands';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import type { PrismaTaskProvider } from './prismaTaskProvider';
import type { TaskOutcome } from './prismaTaskTerminal';
import { schemaAtPath } from '../../core/discovery/schemaOfFile';

/** What a command may be given besides a tree node: for keybindings, other extensions and tests. */
export interface RunArgs extends PrismaCommandOptions {
  /** Schema path (absolute or workspace-relative); the only/picked schema otherwise. */
  readonly schema?: string;
  /** The database name, confirming a destructive command without the dialog (it must match). */
  readonly confirmDatabase?: string;
  /** The caller confirmed already: no dialog, except the typed name a production database wants. */
  readonly confirmed?: boolean;
  /** With confirmDatabase on a production database: deploy although pending migrations carry lint findings. */
  readonly acceptLintFindings?: boolean;
}

export interface RunResult {
  readonly exitCode: number | undefined;
}

export async function runPrismaCommand(
  kind: PrismaCommandKind,
  args: RunArgs,
  schemas: WorkspaceSchemas,
  provider: PrismaTaskProvider,
  afterRun: () => Promise<void>,
): Promise<RunResult | undefined> {
  const schema = await pickSchema(schemas.schemas, args.schema);
  if (!schema) return undefined;
  const { confirmDatabase, acceptLintFindings, confirmed } = args;
  let options: PrismaCommandOptions = {
    name: args.name,
    createOnly: args.createOnly,
    migration: args.migration,
    resolveAs: args.resolveAs,
    skipSeed: args.skipSeed,
    acceptDataLoss: args.acceptDataLoss,
    force: args.force,
  };
  options = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  if (kind === 'migrateDev' && !options.name) {
    const name = await vscode.window.showInputBox({
      title: `Migrate Dev${options.createOnly ? ' (create only)' : ''} — ${schema.label}`,
      prompt: 'Name of the new migration',
      placeHolder: 'e.g. add_user_email',
      validateInput: (v) => (v.trim() === '' ? 'Give the migration a name' : undefined),
      ignoreFocusOut: true,
    });
    if (name === undefined) return undefined;
    options = { ...options, name };
  }
  // a command's confirmDatabase confirms this run only: it is not put in the task's definition, so
  // "Rerun Last Task" asks again
  let outcome: TaskOutcome | undefined;
  const task = provider.build({ type: 'prisma', command: kind, ...options }, schema, undefined, {
    scripted:
      confirmDatabase !== undefined
        ? { confirmDatabase, acceptLintFindings }
        : confirmed
          ? { confirmed: true, askOnProduction: true }
          : undefined,
    onOutcome: (o) => (outcome = o),
  });
  if (!task) return undefined;
  const foldersBefore =
    kind === 'migrateDev' && options.createOnly ? migrationFolders(schema.root.migrationsDir) : undefined;
  const execution = await vscode.tasks.executeTask(task);
  const exitCode = await new Promise<number | undefined>((resolve) => {
    const done = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution !== execution) return;
      done.dispose();
      ended.dispose();
      resolve(e.exitCode);
    });
    // a CustomExecution reports its code through onDidEndTaskProcess too; this is the backstop
    const ended = vscode.tasks.onDidEndTask((e) => {
      if (e.execution !== execution) return;
      setTimeout(() => {
        done.dispose();
        ended.dispose();
        resolve(undefined);
      }, 500);
    });
  });
  await afterRun();
  if (outcome?.guard) {
    // stopped before anything ran: the user said no (nothing to add), or the guard refused
    if (outcome.guard.declined) return undefined;
    throw new Error(outcome.guard.reason);
  }
  if (exitCode === 0 && foldersBefore) {
    // --create-only: open what was written, so its migration lint diagnostics are in front of the user
    const created = [...migrationFolders(schema.root.migrationsDir)]
      .filter((f) => !foldersBefore.has(f))
      .sort()
      .at(-1);
    const file = created ? path.join(schema.root.migrationsDir, created, 'migration.sql') : undefined;
    if (file && existsSync(file)) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  }
  if (exitCode !== 0) {
    const next =
      exitCode === undefined
        ? 'The task was stopped.'
        : `It exited with code ${exitCode}: read the terminal for Prisma's message.`;
    void vscode.window
      .showWarningMessage(`Prisma ${COMMANDS[kind].title} did not succeed. ${next}`, 'Show Terminal')
      .then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.action.terminal.focus');
      });
  }
  return { exitCode };
}

async function pickSchema(
  all: readonly WorkspaceSchema[],
  wanted: string | undefined,
): Promise<WorkspaceSchema | undefined> {
  if (wanted) {
    const found = all.find(
      (s) =>
        s === schemaAtPath(all, wanted) ||
        s.root.id === wanted ||
        s.label === wanted ||
        vscode.workspace.asRelativePath(s.root.schemaPath) === wanted,
    );
    if (!found)
      throw new Error(`No Prisma schema ${wanted} in this workspace. Refresh the Migrations view and try again.`);
    return found;
  }
  if (all.length === 0)
    throw new Error('No Prisma schema was found in this workspace. Create one with "Prisma: Create a Prisma Schema".');
  if (all.length === 1) return all[0];
  const pick = await vscode.window.showQuickPick(
    all.map((s) => ({ label: s.label, schema: s })),
    { title: 'Which Prisma schema?' },
  );
  return pick?.schema;
}

function migrationFolders(dir: string): Set<string> {
  try {
    return new Set(
      readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name),
    );
  } catch {
    return new Set();
  }
}
