// The pseudo-terminal every database-touching Prisma task runs in, whatever started it (palette, views,
// tasks.json, Run Task, Rerun Last Task): it resolves the database (the active named connection
// included), runs the guard (taskGuard) and only then runs the workflow, on the Prisma CLI (a child
// process with an argument array, the resolved URL in the environment variable the datasource reads)
// or on the embedded engine (core/migrations/embeddedCommands). Closing the terminal cancels.
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { buildArgv, type PrismaCommandKind, type PrismaCommandOptions } from '../../core/cli/prismaCommands';
import { runCli } from '../../core/cli/runCli';
import type { DatabaseTarget } from '../../core/connections/databaseTarget';
import type { PendingFindings } from '../../core/migrationLint';
import { runEmbedded } from '../../core/migrations/embeddedCommands';
import { normalizeForPrisma7 } from '../../core/schema/normalize';
import { knownPreviewFeatures } from '../../core/schema/prismaWasm';
import { maskSecrets } from '../../core/util/maskSecrets';
import type { Log } from '../../host/log';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { targetOf } from '../connections/schemaDatabase';
import { guardRun, type GuardDecision, type Scripted } from './taskGuard';

export type TaskEngine = { kind: 'cli'; entry: string } | { kind: 'embedded' };

/** What the task's run ended with, for the command that started it. */
export interface TaskOutcome {
  readonly exitCode: number;
  /** Set when the guard stopped it: nothing ran. */
  readonly guard?: Extract<GuardDecision, { run: false }>;
}

export interface TaskRun {
  readonly kind: PrismaCommandKind;
  readonly options: PrismaCommandOptions;
  readonly schema: WorkspaceSchema;
  readonly engine: TaskEngine;
  readonly scripted?: Scripted;
  readonly deployFindings?: (schema: WorkspaceSchema) => Promise<readonly PendingFindings[]>;
  readonly wasmPath: string | undefined;
  readonly log: Log;
  readonly onFinished: (outcome: TaskOutcome) => void;
}

export class PrismaTaskTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private readonly abort = new AbortController();
  /** The end of what the terminal showed: a failed run's last lines go to the log too. */
  private tail = '';

  constructor(private readonly run: TaskRun) {}

  open(): void {
    void this.execute().then((outcome) => {
      if (outcome.exitCode !== 0 && !outcome.guard?.declined)
        this.run.log.warn(
          `prisma ${this.run.kind} (${this.run.schema.label}) ended with exit code ${outcome.exitCode}${this.abort.signal.aborted ? ' (its terminal was closed)' : ''}; the end of its output:\n${this.tail.replace(/\r\n/g, '\n').trimEnd()}`,
        );
      this.line(`\r\n${outcome.exitCode === 0 ? '✔' : '✘'} exit code ${outcome.exitCode}`);
      this.run.onFinished(outcome); // before the task ends: the command that started it reads the outcome
      this.closer.fire(outcome.exitCode);
      this.writer.dispose();
      this.closer.dispose();
    });
  }

  close(): void {
    this.abort.abort();
  }

  private line(text: string): void {
    this.write(`${maskSecrets(text).replace(/\r?\n/g, '\r\n')}\r\n`);
  }

  private write(text: string): void {
    this.tail = (this.tail + text).slice(-4000);
    this.writer.fire(text);
  }

  private async execute(): Promise<TaskOutcome> {
    const { kind, options, schema, engine } = this.run;
    const target = targetOf(schema);
    if (target.ok)
      this.line(
        `Database: ${target.description.label} (${target.description.maskedUrl}), connection "${target.connectionName}"${target.production ? ', PRODUCTION' : ''}`,
      );
    let decision: GuardDecision;
    try {
      decision = await guardRun({
        kind,
        options,
        schema,
        target,
        engine: engine.kind,
        scripted: this.run.scripted,
        deployFindings: this.run.deployFindings,
      });
    } catch (e) {
      decision = { run: false, declined: false, reason: e instanceof Error ? e.message : String(e) };
    }
    if (!decision.run) {
      this.line(decision.reason);
      return { exitCode: 1, guard: decision };
    }
    if (this.abort.signal.aborted) return { exitCode: 1 };
    try {
      const exitCode = engine.kind === 'cli' ? await this.runCli(engine.entry, target) : await this.runEmbedded(target);
      return { exitCode };
    } catch (e) {
      this.run.log.error(e instanceof Error ? e : String(e));
      this.line(`Error: ${e instanceof Error ? e.message : String(e)}`);
      return { exitCode: 1 };
    }
  }

  private async runCli(entry: string, target: DatabaseTarget): Promise<number> {
    const { kind, options, schema } = this.run;
    if (!existsSync(entry)) {
      this.line('No Prisma CLI was found for this schema: install it in the project (npm install -D prisma).');
      return 1;
    }
    const argv = buildArgv(
      kind,
      { schemaPath: schema.root.schemaPath, configFile: schema.root.configFile },
      options,
      // the guard above confirmed it: the CLI's own prompt cannot be answered in a task
      { confirmed: true },
    );
    const env: Record<string, string | undefined> = {
      ...process.env,
      ELECTRON_RUN_AS_NODE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    };
    if (target.ok && target.cli.kind === 'env') env[target.cli.variable] = target.cli.value;
    this.line(`> prisma ${argv.join(' ')}\r\n`);
    return runCli({
      node: process.execPath,
      entry,
      argv,
      cwd: schema.root.projectDir,
      env,
      onOutput: (text) => this.write(maskSecrets(text).replace(/\r?\n/g, '\r\n')),
      signal: this.abort.signal,
    });
  }

  private async runEmbedded(target: DatabaseTarget): Promise<number> {
    const { kind, options, schema } = this.run;
    if (!target.ok) {
      this.line(`Error: ${target.reason}`);
      return 1;
    }
    if (target.provider !== 'sqlite' && target.provider !== 'postgresql') {
      this.line(
        `The embedded engine runs SQLite and PostgreSQL only; this schema uses ${target.provider ?? 'an unknown provider'}. Set prismaWorkbench.engine to "cli".`,
      );
      return 1;
    }
    // the files as they are now on disk (what the CLI would read; VS Code saves editors before a task runs):
    // a task object built earlier — Rerun Last Task, a tasks.json task — must not replay an old schema
    const current = schema.files.map((f) => {
      try {
        return { path: f.path, content: readFileSync(f.path, 'utf8') };
      } catch {
        return f;
      }
    });
    const schemaFiles = normalizeForPrisma7(current, knownPreviewFeatures());
    return runEmbedded(
      kind,
      options,
      {
        provider: target.provider,
        url: target.url,
        shadowDatabaseUrl: target.shadowDatabaseUrl,
        baseDir: target.baseDir,
        projectDir: schema.root.projectDir,
        migrationsDir: schema.root.migrationsDir,
        schemaFiles,
        wasmPath: this.run.wasmPath,
      },
      { line: (t) => this.line(t), cancelled: () => this.abort.signal.aborted },
    );
  }
}
