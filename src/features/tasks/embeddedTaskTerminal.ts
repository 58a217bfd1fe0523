// A pseudo-terminal running one Prisma workflow on the embedded engine (see core/migrations/embeddedCommands).
import * as vscode from 'vscode';
import type { PrismaCommandKind, PrismaCommandOptions } from '../../core/cli/prismaCommands';
import { runEmbedded } from '../../core/migrations/embeddedCommands';
import { normalizeForPrisma7 } from '../../core/schema/normalize';
import { knownPreviewFeatures } from '../../core/schema/prismaWasm';
import { maskSecrets } from '../../core/util/maskSecrets';
import type { Log } from '../../host/log';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { databaseOf } from '../connections/schemaDatabase';

export class EmbeddedTaskTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private cancelled = false;

  constructor(
    private readonly kind: PrismaCommandKind,
    private readonly options: PrismaCommandOptions,
    private readonly schema: WorkspaceSchema,
    private readonly log: Log,
    private readonly wasmPath: string | undefined,
    private readonly onFinished: () => void = () => undefined,
  ) {}

  open(): void {
    void this.run().then((code) => {
      this.line(`\r\n${code === 0 ? '✔' : '✘'} exit code ${code}`);
      this.closer.fire(code);
      this.writer.dispose();
      this.closer.dispose();
      this.onFinished();
    });
  }

  close(): void {
    this.cancelled = true;
  }

  private line(text: string): void {
    this.writer.fire(`${maskSecrets(text).replace(/\r?\n/g, '\r\n')}\r\n`);
  }

  private async run(): Promise<number> {
    const db = databaseOf(this.schema);
    if (!db.ok) {
      this.line(`Error: ${db.reason}`);
      return 1;
    }
    if (db.provider !== 'sqlite' && db.provider !== 'postgresql') {
      this.line(
        `The embedded engine runs SQLite and PostgreSQL only; this schema uses ${db.provider ?? 'an unknown provider'}. Set prismaWorkbench.engine to "cli".`,
      );
      return 1;
    }
    try {
      const schemaFiles = normalizeForPrisma7(this.schema.files, knownPreviewFeatures());
      return await runEmbedded(
        this.kind,
        this.options,
        {
          provider: db.provider,
          url: db.url,
          shadowDatabaseUrl: db.shadowDatabaseUrl,
          baseDir: db.baseDir,
          projectDir: this.schema.root.projectDir,
          migrationsDir: this.schema.root.migrationsDir,
          schemaFiles,
          wasmPath: this.wasmPath,
        },
        { line: (t) => this.line(t), cancelled: () => this.cancelled },
      );
    } catch (e) {
      this.log.error(e instanceof Error ? e : String(e));
      this.line(`Error: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  }
}
