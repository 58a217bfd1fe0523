// Runs one Prisma workflow as a task, from a command: picks the schema, asks what the command needs,
// confirms destructive ones naming the database (password masked), guards production databases by
// making the user type the database name (a production Migrate Deploy first lists the pending migrations'
// lint findings), and refreshes the views when the task ends.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  COMMANDS,
  isDestructive,
  type PrismaCommandKind,
  type PrismaCommandOptions,
} from '../../core/cli/prismaCommands';
import { describeDatabase, isProduction } from '../../core/connections/databaseInfo';
import { deployFindingsText, deployFindingsTitle, type PendingFindings } from '../../core/migrationLint';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { productionPatterns } from '../connections/production';
import { databaseOf, markedProduction } from '../connections/schemaDatabase';
import type { PrismaTaskProvider } from './prismaTaskProvider';

/** What a command may be given besides a tree node: for keybindings, other extensions and tests. */
export interface RunArgs extends PrismaCommandOptions {
  /** Schema path (absolute or workspace-relative); the only/picked schema otherwise. */
  readonly schema?: string;
  /** The database name, confirming a destructive command without the dialog (it must match). */
  readonly confirmDatabase?: string;
  /** With confirmDatabase on a production database: deploy although pending migrations carry lint findings. */
  readonly acceptLintFindings?: boolean;
}

/** What the caller knows beyond the schema: the lint findings of what a deploy would apply. */
export interface RunHooks {
  readonly deployFindings?: (schema: WorkspaceSchema) => Promise<readonly PendingFindings[]>;
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
  hooks: RunHooks = {},
): Promise<RunResult | undefined> {
  const schema = await pickSchema(schemas.schemas, args.schema);
  if (!schema) return undefined;
  const options: PrismaCommandOptions = { ...args };
  if (kind === 'migrateDev' && !options.name) {
    const name = await vscode.window.showInputBox({
      title: `Migrate Dev${options.createOnly ? ' (create only)' : ''} — ${schema.label}`,
      prompt: 'Name of the new migration',
      placeHolder: 'e.g. add_user_email',
      validateInput: (v) => (v.trim() === '' ? 'Give the migration a name' : undefined),
      ignoreFocusOut: true,
    });
    if (name === undefined) return undefined;
    (options as { name?: string }).name = name;
  }
  if (COMMANDS[kind].needsDatabase && !(await confirm(kind, options, schema, args, hooks))) return undefined;
  const task = provider.build({ type: 'prisma', command: kind, ...options }, schema);
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
        s.root.schemaPath === wanted ||
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

/** Destructive: modal naming the database. Production: the user types the database name. */
async function confirm(
  kind: PrismaCommandKind,
  options: PrismaCommandOptions,
  schema: WorkspaceSchema,
  args: RunArgs,
  hooks: RunHooks,
): Promise<boolean> {
  const { confirmDatabase } = args;
  const db = databaseOf(schema);
  if (!db.ok) return true; // the task itself reports the missing URL
  const info = describeDatabase(db.url, db.baseDir, schema.root.projectDir);
  const patterns = productionPatterns(vscode.Uri.file(schema.root.schemaPath));
  const production = isProduction(db.url, patterns) || markedProduction(schema);
  const destructive = isDestructive(kind, options);
  const writes = kind !== 'migrateStatus' && kind !== 'dbPull';
  if (production && kind === 'migrateDeploy' && hooks.deployFindings) {
    const pending = await hooks.deployFindings(schema);
    if (pending.length > 0) {
      const title = `Migrate Deploy to the PRODUCTION database ${info.name}: ${deployFindingsTitle(pending)}`;
      if (confirmDatabase !== undefined) {
        if (!args.acceptLintFindings) {
          throw new Error(
            `${title}, so nothing was run: ${pending.map((p) => p.name).join(', ')}. Review them in the Problems panel, then confirm with acceptLintFindings.`,
          );
        }
      } else {
        const go = 'Deploy Anyway';
        const review = 'Show Problems';
        const choice = await vscode.window.showWarningMessage(
          title,
          { modal: true, detail: `${deployFindingsText(pending)}\n\nDatabase: ${info.maskedUrl}` },
          go,
          review,
        );
        if (choice === review) await vscode.commands.executeCommand('workbench.actions.view.problems');
        if (choice !== go) return false;
      }
    }
  }
  if (confirmDatabase !== undefined) {
    if (confirmDatabase !== info.name)
      throw new Error(`The database is ${info.name}, not ${confirmDatabase}: nothing was run.`);
    return true;
  }
  if (production && (destructive || writes)) {
    const typed = await vscode.window.showInputBox({
      title: `${COMMANDS[kind].title} on a PRODUCTION database`,
      prompt: `${info.label} (${info.maskedUrl}) matches prismaWorkbench.production.urlPatterns. Type the database name "${info.name}" to run ${COMMANDS[kind].title} on it.`,
      validateInput: (v) => (v === info.name ? undefined : `Type ${info.name} to confirm`),
      ignoreFocusOut: true,
    });
    return typed === info.name;
  }
  if (!destructive) return true;
  const what =
    kind === 'migrateReset'
      ? 'drop every table and all data, then apply all migrations again'
      : kind === 'migrateResolve'
        ? `mark ${options.migration ?? 'the migration'} as ${options.resolveAs === 'applied' ? 'applied' : 'rolled back'} without running it`
        : 'apply changes that can lose data';
  const go = 'Yes, run it';
  const choice = await vscode.window.showWarningMessage(
    `${COMMANDS[kind].title} will ${what} in ${info.label}.`,
    { modal: true, detail: `Database: ${info.maskedUrl}\nSchema: ${schema.label}` },
    go,
  );
  return choice === go;
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
