// The one guard in front of every Prisma workflow that touches a database. It runs inside the task's
// execution (see prismaTaskTerminal), so the palette, the views, tasks.json, "Run Task", "Rerun Last
// Task" and other extensions all pass through it. It names the database actually used (password
// masked), asks before destructive commands, makes the user type the name of a production database,
// and for scripted runs (`"confirmed": true` in tasks.json, or a command's `confirmDatabase`) still
// refuses a production database unless the typed name is given and right.
import * as vscode from 'vscode';
import {
  COMMANDS,
  isDestructive,
  type PrismaCommandKind,
  type PrismaCommandOptions,
} from '../../core/cli/prismaCommands';
import type { DatabaseTarget } from '../../core/connections/databaseTarget';
import { deployFindingsText, deployFindingsTitle, type PendingFindings } from '../../core/migrationLint/deployWarnings';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';

/** A run confirmed ahead of time: a tasks.json definition's properties, or a command's arguments. */
export interface Scripted {
  /** `"confirmed": true`: run without dialogs (a production database still needs confirmDatabase). */
  readonly confirmed?: boolean;
  /** The database name; it must equal the real one. Implies confirmed. */
  readonly confirmDatabase?: string;
  /** A production Migrate Deploy although pending migrations carry lint findings. */
  readonly acceptLintFindings?: boolean;
  /**
   * A command's caller confirmed (the user is there): on a production database, ask for the typed name
   * instead of refusing. Never read from a task definition.
   */
  readonly askOnProduction?: boolean;
}

export interface GuardRequest {
  readonly kind: PrismaCommandKind;
  readonly options: PrismaCommandOptions;
  readonly schema: WorkspaceSchema;
  readonly target: DatabaseTarget;
  /** What runs it: the CLI must be able to reach the target's database. */
  readonly engine: 'cli' | 'embedded';
  readonly scripted?: Scripted;
  readonly deployFindings?: (schema: WorkspaceSchema) => Promise<readonly PendingFindings[]>;
}

export type GuardDecision =
  | { readonly run: true }
  /** `declined`: the user said no (nothing to report); otherwise `reason` says why it was refused. */
  | { readonly run: false; readonly declined: boolean; readonly reason: string };

const refuse = (reason: string): GuardDecision => ({ run: false, declined: false, reason });
const declined = (reason = 'Cancelled: nothing was run.'): GuardDecision => ({ run: false, declined: true, reason });

export function isScripted(s: Scripted | undefined): boolean {
  return s !== undefined && (s.confirmed === true || s.confirmDatabase !== undefined);
}

export async function guardRun(req: GuardRequest): Promise<GuardDecision> {
  const { kind, options, target } = req;
  const title = COMMANDS[kind].title;
  if (!COMMANDS[kind].needsDatabase) return { run: true };
  const destructive = isDestructive(kind, options);
  const writes = kind !== 'migrateStatus' && kind !== 'dbPull';
  const scripted = isScripted(req.scripted) ? req.scripted : undefined;

  if (!target.ok) {
    if (req.engine === 'embedded') return { run: true }; // the run reports the missing URL
    if (target.namedConnection)
      return refuse(`${title} was not run: the connection "${target.connectionName}" cannot be used: ${target.reason}`);
    if (!(destructive || writes)) return { run: true };
    if (scripted)
      return refuse(
        `${title} was not run: Prisma Workbench cannot tell which database it would act on (${target.reason}).`,
      );
    const go = 'Run It Anyway';
    const choice = await vscode.window.showWarningMessage(
      `Prisma Workbench cannot tell which database ${title} will act on.`,
      { modal: true, detail: `${target.reason}\n\nThe Prisma CLI resolves the URL itself.` },
      go,
    );
    return choice === go ? { run: true } : declined();
  }
  const info = target.description;
  if (req.engine === 'cli' && target.cli.kind === 'unreachable')
    return refuse(`${title} was not run: ${target.cli.reason}`);
  const where = `${info.label} (${info.maskedUrl}), connection "${target.connectionName}"`;

  if (target.production && kind === 'migrateDeploy' && req.deployFindings) {
    const pending = await req.deployFindings(req.schema);
    if (pending.length > 0) {
      const heading = `Migrate Deploy to the PRODUCTION database ${info.name}: ${deployFindingsTitle(pending)}`;
      if (scripted && !scripted.askOnProduction) {
        if (!scripted.acceptLintFindings)
          return refuse(
            `${heading}, so nothing was run: ${pending.map((p) => p.name).join(', ')}. Review them in the Problems panel, then confirm with acceptLintFindings.`,
          );
      } else {
        const go = 'Deploy Anyway';
        const review = 'Show Problems';
        const choice = await vscode.window.showWarningMessage(
          heading,
          { modal: true, detail: `${deployFindingsText(pending)}\n\nDatabase: ${info.maskedUrl}` },
          go,
          review,
        );
        if (choice === review) await vscode.commands.executeCommand('workbench.actions.view.problems');
        if (choice !== go) return declined();
      }
    }
  }

  if (scripted) {
    if (scripted.confirmDatabase !== undefined && scripted.confirmDatabase !== info.name)
      return refuse(`The database is ${info.name}, not ${scripted.confirmDatabase}: nothing was run.`);
    const needsName = target.production && (destructive || writes) && scripted.confirmDatabase === undefined;
    if (!needsName) return { run: true };
    if (!scripted.askOnProduction)
      return refuse(
        `${info.label} is a PRODUCTION database (${target.productionWhy ?? 'production'}): a confirmed ${title} also needs "confirmDatabase": "${info.name}". Nothing was run.`,
      );
  }

  if (target.production && (destructive || writes)) {
    const typed = await vscode.window.showInputBox({
      title: `${title} on a PRODUCTION database`,
      prompt: `${where} is production: ${target.productionWhy ?? 'production'}. Type the database name "${info.name}" to run ${title} on it.`,
      validateInput: (v) => (v === info.name ? undefined : `Type ${info.name} to confirm`),
      ignoreFocusOut: true,
    });
    if (typed === undefined) return declined();
    return typed === info.name ? { run: true } : refuse(`The database is ${info.name}, not ${typed}: nothing was run.`);
  }
  if (!destructive) return { run: true };
  const what =
    kind === 'migrateReset'
      ? 'drop every table and all data, then apply all migrations again'
      : kind === 'migrateResolve'
        ? `mark ${options.migration ?? 'the migration'} as ${options.resolveAs === 'applied' ? 'applied' : 'rolled back'} without running it`
        : kind === 'dbPull'
          ? 'overwrite the schema with what the database holds'
          : 'apply changes that can lose data';
  const go = 'Yes, run it';
  const choice = await vscode.window.showWarningMessage(
    `${title} will ${what} in ${info.label}.`,
    {
      modal: true,
      detail: `Database: ${info.maskedUrl}\nConnection: ${target.connectionName} (${target.source})\nSchema: ${req.schema.label}`,
    },
    go,
  );
  return choice === go ? { run: true } : declined();
}
