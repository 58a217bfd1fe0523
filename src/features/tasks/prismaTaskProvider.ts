// The `prisma` task type: every Prisma workflow as a VS Code task (also writable in tasks.json). A workflow
// that touches a database runs in a CustomExecution pseudo-terminal (prismaTaskTerminal) that first runs
// the guard — so tasks.json, Run Task and Rerun Last Task are confirmed like the palette — then the
// workspace's own CLI (child process, argument array) or, when the CLI's native engine is missing
// (`engine: auto`) or the user asks (`engine: embedded`), the embedded wasm engine. Workflows without a
// database (generate, format, validate) run the CLI with ProcessExecution.
import path from 'node:path';
import * as vscode from 'vscode';
import {
  buildArgv,
  COMMANDS,
  commandLabel,
  PRISMA_COMMAND_KINDS,
  type PrismaCommandKind,
  type PrismaCommandOptions,
} from '../../core/cli/prismaCommands';
import { chooseEngine, findPrismaCli, hasNativeSchemaEngine, type EngineSetting } from '../../core/cli/resolveCli';
import type { PendingFindings } from '../../core/migrationLint';
import type { Log } from '../../host/log';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { databaseOf } from '../connections/schemaDatabase';
import type { TaskOutcome } from './prismaTaskTerminal';
import type { Scripted } from './taskGuard';
import { schemaAtPath } from '../../core/discovery/schemaOfFile';

export const PRISMA_TASK_TYPE = 'prisma';

export interface PrismaTaskDefinition extends vscode.TaskDefinition, PrismaCommandOptions, Scripted {
  readonly type: 'prisma';
  readonly command: PrismaCommandKind;
  /** The schema (file or folder), relative to the workspace folder; the first schema when left out. */
  readonly schema?: string;
}

/** For a task a command builds: a confirmation given once (used by the first run only, not by a rerun). */
export interface RunOnce {
  readonly scripted?: Scripted;
  readonly onOutcome?: (outcome: TaskOutcome) => void;
}

export function isPrismaTaskDefinition(d: vscode.TaskDefinition): d is PrismaTaskDefinition {
  return (
    d.type === PRISMA_TASK_TYPE &&
    typeof d.command === 'string' &&
    (PRISMA_COMMAND_KINDS as readonly string[]).includes(d.command)
  );
}

/** The problem matcher contributed in package.json (schema errors with file:line, P1001, P3xxx). */
export const PROBLEM_MATCHER = '$prisma';

export class PrismaTaskProvider implements vscode.TaskProvider, vscode.Disposable {
  private readonly finished = new vscode.EventEmitter<void>();
  /** A guarded run really ended (after a terminated task too, when its last migration is through). */
  readonly onDidFinishRun = this.finished.event;

  constructor(
    private readonly schemas: WorkspaceSchemas,
    private readonly log: Log,
    private readonly wasmPath: string | undefined,
    /** The CLI shipped in the .vsix (dist/prisma), used when the workspace has none. */
    private readonly bundledCli: string | undefined,
    /** The lint findings of what a deploy would apply (a production deploy lists them first). */
    private readonly deployFindings?: (schema: WorkspaceSchema) => Promise<readonly PendingFindings[]>,
  ) {}

  dispose(): void {
    this.finished.dispose();
  }

  provideTasks(): vscode.Task[] {
    const tasks: vscode.Task[] = [];
    for (const schema of this.schemas.schemas) {
      for (const command of PRISMA_COMMAND_KINDS) {
        if (command === 'migrateResolve') continue; // needs a migration: from the view's context menu
        const task = this.build({ type: 'prisma', command, schema: this.relativeSchema(schema) }, schema);
        if (task) tasks.push(task);
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition;
    if (!isPrismaTaskDefinition(def)) return undefined;
    const schema = this.schemaFor(def, task.scope);
    return schema ? this.build(def, schema, task) : undefined;
  }

  schemaFor(def: PrismaTaskDefinition, scope?: vscode.TaskScope | vscode.WorkspaceFolder): WorkspaceSchema | undefined {
    const all = this.schemas.schemas;
    const wanted = def.schema;
    if (!wanted) return all[0];
    const folder = typeof scope === 'object' ? scope : undefined;
    return all.find((s) => this.relativeSchema(s) === wanted || s === schemaAtPath(all, wanted, folder?.uri.fsPath));
  }

  private relativeSchema(schema: WorkspaceSchema): string {
    return schema.folder ? path.relative(schema.folder.uri.fsPath, schema.root.schemaPath) : schema.root.schemaPath;
  }

  /**
   * Builds the task for a definition; `from` keeps the definition object of a tasks.json task. A task that
   * touches a database runs the guard when it executes; `once` carries a command's confirmation to the
   * first execution only.
   */
  build(
    def: PrismaTaskDefinition,
    schema: WorkspaceSchema,
    from?: vscode.Task,
    once?: RunOnce,
  ): vscode.Task | undefined {
    const engine = this.engineFor(def.command, schema);
    const scope = schema.folder ?? vscode.TaskScope.Workspace;
    const label = `${commandLabel(def.command, def)}${this.schemas.schemas.length > 1 ? ` (${schema.label})` : ''}`;
    const options = taskOptions(def);
    const fromDefinition: Scripted = {
      confirmed: def.confirmed === true ? true : undefined,
      confirmDatabase: typeof def.confirmDatabase === 'string' ? def.confirmDatabase : undefined,
      acceptLintFindings: def.acceptLintFindings === true ? true : undefined,
    };
    let pending = once;
    const execution = !COMMANDS[def.command].needsDatabase
      ? new vscode.ProcessExecution(
          process.execPath,
          [engine.kind === 'cli' ? engine.entry : MISSING_CLI, ...buildArgv(def.command, project(schema), options)],
          { cwd: schema.root.projectDir, env: { ELECTRON_RUN_AS_NODE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' } },
        )
      : new vscode.CustomExecution(async () => {
          const { PrismaTaskTerminal } = await import('./prismaTaskTerminal');
          const first = pending;
          pending = undefined; // a rerun of this task object asks again
          return new PrismaTaskTerminal({
            kind: def.command,
            options,
            schema,
            engine: engine.kind === 'cli' ? { kind: 'cli', entry: engine.entry } : { kind: 'embedded' },
            scripted: first?.scripted ?? fromDefinition,
            deployFindings: this.deployFindings,
            wasmPath: this.wasmPath,
            log: this.log,
            onFinished: (outcome) => {
              first?.onOutcome?.(outcome);
              this.finished.fire();
            },
          });
        });
    const task = new vscode.Task(from?.definition ?? def, scope, label, 'prisma', execution, [PROBLEM_MATCHER]);
    task.detail =
      engine.kind === 'cli'
        ? `Prisma CLI ${engine.version} (${engine.source})`
        : `embedded schema engine: ${engine.why}`;
    task.group = def.command === 'generate' ? vscode.TaskGroup.Build : undefined;
    task.presentationOptions = {
      reveal: vscode.TaskRevealKind.Always,
      panel: vscode.TaskPanelKind.Shared,
      clear: true,
    };
    return task;
  }

  private engineFor(
    kind: PrismaCommandKind,
    schema: WorkspaceSchema,
  ): { kind: 'cli'; entry: string; version: string; source: string } | { kind: 'embedded'; why: string } {
    const setting = vscode.workspace.getConfiguration('prismaWorkbench').get<EngineSetting>('engine', 'auto');
    const db = databaseOf(schema);
    const provider = db.provider;
    const embeddedSupports =
      (provider === 'sqlite' || provider === 'postgresql') &&
      ['migrateDev', 'migrateDeploy', 'migrateStatus', 'migrateReset', 'migrateResolve', 'dbPush'].includes(kind);
    const stop = schema.folder?.uri.fsPath;
    const cli = findPrismaCli(schema.root.projectDir, stop, this.bundledCli);
    const native = cli ? hasNativeSchemaEngine(cli, process.env) : false;
    const needsEngine = COMMANDS[kind].needsDatabase && kind !== 'dbSeed';
    const choice = needsEngine ? chooseEngine(setting, cli, native, embeddedSupports) : 'cli';
    if (choice === 'embedded') {
      return {
        kind: 'embedded',
        why:
          setting === 'embedded'
            ? 'prismaWorkbench.engine is "embedded"'
            : cli
              ? "the CLI's native schema engine is not installed"
              : 'no Prisma CLI in the workspace',
      };
    }
    if (!cli) return { kind: 'cli', entry: MISSING_CLI, version: 'missing', source: 'run npm install -D prisma' };
    return { kind: 'cli', entry: cli.entry, version: cli.version, source: cli.source };
  }
}

/** The entry shown when no Prisma CLI was found: running it says so. */
export const MISSING_CLI = 'prisma-cli-not-found';

function project(schema: WorkspaceSchema) {
  return { schemaPath: schema.root.schemaPath, configFile: schema.root.configFile };
}

/** The command options of a definition (tasks.json may hold anything: only the known keys pass). */
function taskOptions(def: PrismaTaskDefinition): PrismaCommandOptions {
  const out: Record<string, unknown> = {};
  if (typeof def.name === 'string') out.name = def.name;
  if (def.createOnly === true) out.createOnly = true;
  if (typeof def.migration === 'string') out.migration = def.migration;
  if (def.resolveAs === 'applied' || def.resolveAs === 'rolledBack') out.resolveAs = def.resolveAs;
  if (def.skipSeed === true) out.skipSeed = true;
  if (def.acceptDataLoss === true) out.acceptDataLoss = true;
  if (def.force === true) out.force = true;
  return out as PrismaCommandOptions;
}
