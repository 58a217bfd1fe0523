// Keeps track of whether each schema's generated Prisma Client is older than the schema (core/client),
// says so in the status bar with Generate, generates on save when the user opted in, and restarts the
// TypeScript server after a generate so the editor sees the new types at once.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clientLocations, generatedClientShape, stateOfShape, type ClientState } from '../../core/client/staleness';
import { debounce } from '../../core/util/debounce';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';

export const GENERATE_COMMAND = 'prismaWorkbench.tasks.generate';

/** One schema's client, as last read. */
export interface SchemaClient {
  schema: WorkspaceSchema;
  generator: string;
  state: ClientState;
}

export class ClientFreshness extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private current: SchemaClient[] = [];
  private readonly status = this.register(
    vscode.window.createStatusBarItem('prismaWorkbench.client', vscode.StatusBarAlignment.Left, 40),
  );
  private readonly scheduleCheck = debounce(() => void this.check(), 400);
  private watchers: vscode.Disposable[] = [];
  private generation = 0;
  /** Each generated client file read: its schema shape, by modification time and size. */
  private readonly shapes = new Map<string, { stamp: string; shape: string | undefined }>();

  constructor(
    private readonly schemas: WorkspaceSchemas,
    private readonly log: Log,
  ) {
    super();
    this.status.name = 'Prisma Client';
    this.register(schemas.onDidChange(() => this.scheduleCheck()));
    this.register({
      dispose: () => {
        this.scheduleCheck.cancel();
        for (const w of this.watchers) w.dispose();
      },
    });
  }

  get clients(): readonly SchemaClient[] {
    return this.current;
  }

  /** Reads every schema's generated client again and updates the status bar. */
  async check(): Promise<readonly SchemaClient[]> {
    const gen = ++this.generation;
    const found: SchemaClient[] = [];
    for (const schema of this.schemas.schemas) {
      if (!schema.files.length) continue;
      const isFile = schema.root.schemaPath.endsWith('.prisma');
      const schemaDir = isFile ? path.dirname(schema.root.schemaPath) : schema.root.schemaPath;
      for (const loc of clientLocations(schema.doc, schemaDir, schema.root.projectDir)) {
        let state: ClientState = { kind: 'missing' };
        for (const file of loc.candidates) {
          const shape = await this.generatedShape(file);
          if (shape === null) continue;
          state = stateOfShape(schema.doc, file, shape);
          if (state.kind !== 'missing') break;
        }
        found.push({ schema, generator: loc.generator, state });
      }
    }
    if (gen !== this.generation || this.isDisposed) return this.current;
    const before = JSON.stringify(this.current.map(key));
    this.current = found;
    this.watch(found);
    this.render();
    if (JSON.stringify(found.map(key)) !== before) {
      for (const c of found.filter((c) => c.state.kind === 'stale'))
        this.log.info(`the Prisma Client of ${c.schema.label} (generator ${c.generator}) is out of date`);
      this.changed.fire();
    }
    return found;
  }

  /**
   * The schema shape a generated client file holds; null when there is no such file. Kept by modification
   * time and size: a schema edit checks again, and the client (often megabytes) is read and parsed only
   * when a generate rewrote it.
   */
  private async generatedShape(file: string): Promise<string | undefined | null> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      this.shapes.delete(file);
      return null;
    }
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    const kept = this.shapes.get(file);
    if (kept?.stamp === stamp) return kept.shape;
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return null;
    const shape = generatedClientShape(file, text);
    this.shapes.set(file, { stamp, shape });
    return shape;
  }

  /** Watches the generated files, so a generate run outside the editor clears the warning too. */
  private watch(found: SchemaClient[]): void {
    for (const w of this.watchers) w.dispose();
    const dirs = new Set(found.flatMap((c) => (c.state.kind === 'missing' ? [] : [path.dirname(c.state.file)])));
    this.watchers = [...dirs].map((dir) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*'));
      w.onDidChange(() => this.scheduleCheck());
      w.onDidCreate(() => this.scheduleCheck());
      return w;
    });
  }

  private render(): void {
    const stale = this.current.filter((c) => c.state.kind === 'stale');
    if (!stale.length) {
      this.status.hide();
      return;
    }
    const names = [...new Set(stale.map((c) => c.schema.label))];
    this.status.text = '$(warning) Prisma: client out of date';
    this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.status.tooltip = new vscode.MarkdownString(
      `The generated Prisma Client is older than the schema (${names.map((n) => `\`${n}\``).join(', ')}): ` +
        'its types and queries do not know your last changes.\n\nClick to run **Prisma: Generate**.',
    );
    this.status.command = {
      title: 'Generate',
      command: GENERATE_COMMAND,
      arguments: [{ schema: stale[0].schema.root.schemaPath }],
    };
    this.status.show();
  }
}

const key = (c: SchemaClient) => [c.schema.root.id, c.generator, c.state.kind];
