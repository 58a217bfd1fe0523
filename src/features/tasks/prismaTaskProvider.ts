// The `prisma` task type: every Prisma workflow as a VS Code task (also writable in tasks.json). Runs the
// workspace's own CLI with ProcessExecution and an argument array, or — when the CLI's native engine is
// missing (`engine: auto`) or the user asks (`engine: embedded`) — the embedded wasm engine in a
// CustomExecution pseudo-terminal that prints what the CLI would.
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
import type { Log } from '../../host/log';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { databaseOf } from '../connections/schemaDatabase';

export const PRISMA_TASK_TYPE = 'prisma';

export interface PrismaTaskDefinition extends vscode.TaskDefinition, PrismaCommandOptions {
  readonly type: 'prisma';
  readonly command: PrismaCommandKind;
  /** The schema (file or folder), relative to the workspace folder; the first schema when left out. */
  readonly schema?: string;
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
  /** An embedded run really ended (after a terminated task too, when its last migration is through). */
  readonly onDidFinishEmbedded = this.finished.event;

  constructor(
    private readonly schemas: WorkspaceSchemas,
    private readonly log: Log,
    private readonly wasmPath: string | undefined,
    /** The CLI shipped in the .vsix (dist/prisma), used when the workspace has none. */
    private readonly bundledCli: string | undefined,
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
    return all.find(
      (s) =>
        this.relativeSchema(s) === wanted ||
        s.root.schemaPath === wanted ||
        (folder !== undefined && path.resolve(folder.uri.fsPath, wanted) === s.root.schemaPath),
    );
  }

  private relativeSchema(schema: WorkspaceSchema): string {
    return schema.folder ? path.relative(schema.folder.uri.fsPath, schema.root.schemaPath) : schema.root.schemaPath;
  }

  /** Builds the task for a definition; `from` keeps the definition object of a tasks.json task. */
  build(def: PrismaTaskDefinition, schema: WorkspaceSchema, from?: vscode.Task): vscode.Task | undefined {
    const engine = this.engineFor(def.command, schema);
    const scope = schema.folder ?? vscode.TaskScope.Workspace;
    const label = `${commandLabel(def.command, def)}${this.schemas.schemas.length > 1 ? ` (${schema.label})` : ''}`;
    const execution =
      engine.kind === 'cli'
        ? new vscode.ProcessExecution(
            process.execPath,
            [
              engine.entry,
              ...buildArgv(
                def.command,
                { schemaPath: schema.root.schemaPath, configFile: schema.root.configFile },
                def,
              ),
            ],
            {
              cwd: schema.root.projectDir,
              env: { ELECTRON_RUN_AS_NODE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
            },
          )
        : new vscode.CustomExecution(async () => {
            const { EmbeddedTaskTerminal } = await import('./embeddedTaskTerminal');
            return new EmbeddedTaskTerminal(def.command, def, schema, this.log, this.wasmPath, () =>
              this.finished.fire(),
            );
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
    if (!cli)
      return { kind: 'cli', entry: 'prisma-cli-not-found', version: 'missing', source: 'run npm install -D prisma' };
    return { kind: 'cli', entry: cli.entry, version: cli.version, source: cli.source };
  }
}
