// One DataSession per workspace schema, opened on first use and reused by every grid of that schema:
// the private Prisma Client is generated (with progress, cancellable) when the schema's hash is new, the
// database URL resolved as Prisma resolves it, and the session closed when the schema changes or goes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeDatabase } from '../../core/connections/databaseInfo';
import { createClientAdapter } from '../../core/data/adapters';
import { ClientStore } from '../../core/data/clientStore';
import { DataSession, type QueryEvent } from '../../core/data/dataSession';
import { normalizeSchema, type DataProvider } from '../../core/data/schemaCopy';
import { resolveSqliteUrl } from '../../core/engine/sqliteUrl';
import { maskSecrets } from '../../core/util/maskSecrets';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import { requireTrust } from '../../host/trust';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { connectionStore } from '../connections/connectionStore';
import { targetOf } from '../connections/schemaDatabase';

export interface OpenedSession {
  session: DataSession;
  schema: WorkspaceSchema;
  provider: DataProvider;
  /** `SQLite file prisma/dev.db`, `shop on 127.0.0.1:5432` (no password). */
  database: string;
  production: boolean;
}

interface Entry {
  hash: string;
  opening: Promise<OpenedSession>;
}

/** The Prisma version of the runtime we ship; part of the client hash. */
const RUNTIME_KEY = 'prisma-client-js@7.10';

export class GridSessions extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly store: ClientStore;
  private queryLog: vscode.LogOutputChannel | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<string>());
  /** Fires a schema id whose session was closed because the schema changed or went away. */
  readonly onDidReset = this.changed.event;

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly schemas: WorkspaceSchemas,
  ) {
    super();
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist', 'prisma').fsPath;
    this.store = new ClientStore({
      storageDir: path.join(context.globalStorageUri.fsPath, 'grid-clients'),
      cliPath: path.join(dist, 'build', 'index.js'),
      runtimePackages: ['@prisma/client', '@prisma/client-runtime-utils'].map((name) => ({
        name,
        dir: path.join(dist, 'runtime', ...name.split('/')),
      })),
      log: (m) => log.info(m),
    });
    this.register(schemas.onDidChange(() => this.reconcile()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          !e.affectsConfiguration('prismaWorkbench.data.databaseUrl') &&
          !e.affectsConfiguration('prismaWorkbench.production.urlPatterns')
        )
          return;
        for (const id of [...this.entries.keys()]) {
          void this.close(id);
          this.changed.fire(id);
        }
      }),
    );
    // another active connection, or one (un)marked production: the next open resolves it again
    const connections = connectionStore();
    if (connections)
      this.register(
        connections.onDidChange((id) => {
          if (!this.entries.has(id)) return;
          void this.close(id);
          this.changed.fire(id);
        }),
      );
    this.register({ dispose: () => void this.closeAll() });
  }

  private queryChannel(): vscode.LogOutputChannel {
    if (!this.queryLog)
      this.queryLog = this.register(vscode.window.createOutputChannel('Prisma Workbench: Queries', { log: true }));
    return this.queryLog;
  }

  private logQuery(e: QueryEvent): void {
    const showParams = vscode.workspace
      .getConfiguration('prismaWorkbench.data')
      .get<boolean>('logQueryParameters', false);
    const params = showParams
      ? ` ${maskSecrets(e.params)}`
      : e.params && e.params !== '[]'
        ? ' [parameters hidden]'
        : '';
    this.queryChannel().info(`${e.durationMs} ms  ${maskSecrets(e.query)}${params}`);
  }

  schemaById(id: string): WorkspaceSchema | undefined {
    return this.schemas.schemas.find((s) => s.root.id === id);
  }

  /** The open session for this schema, opening it (and generating its client) when needed. */
  open(schema: WorkspaceSchema): Promise<OpenedSession> {
    requireTrust('Open Data'); // it generates a client and connects: every grid, import and restored tab comes here
    const copy = normalizeSchema(schema.files, schema.doc, RUNTIME_KEY);
    const existing = this.entries.get(schema.root.id);
    if (existing && existing.hash === copy.hash) return existing.opening;
    if (existing) void this.close(schema.root.id);
    const opening = this.create(schema, copy);
    const entry = { hash: copy.hash, opening };
    this.entries.set(schema.root.id, entry);
    opening.catch(() => {
      if (this.entries.get(schema.root.id) === entry) this.entries.delete(schema.root.id);
    });
    return opening;
  }

  /** This schema's session is open (or opening) for its current content: reading ahead costs no client. */
  isOpen(schema: WorkspaceSchema): boolean {
    return this.entries.get(schema.root.id)?.hash === safeHash(schema);
  }

  /**
   * The folder of the schema's private client (generated when missing, without connecting): the types a
   * query notebook's Prisma Client cells are checked against.
   */
  clientFolder(schema: WorkspaceSchema, signal?: AbortSignal): Promise<string> {
    requireTrust('Prisma Client cell completion');
    return this.store.ensure(normalizeSchema(schema.files, schema.doc, RUNTIME_KEY), signal);
  }

  private async create(schema: WorkspaceSchema, copy: ReturnType<typeof normalizeSchema>): Promise<OpenedSession> {
    const override = vscode.workspace
      .getConfiguration('prismaWorkbench.data', vscode.Uri.file(schema.root.schemaPath))
      .get<string>('databaseUrl', '')
      .trim();
    // the one resolver: the active named connection, and production by pattern or "Mark as production"
    const resolved = targetOf(
      schema,
      override ? { url: override, from: 'the prismaWorkbench.data.databaseUrl setting' } : undefined,
    );
    if (!resolved.ok)
      throw new Error(`${resolved.reason} Set prismaWorkbench.data.databaseUrl to open the data anyway.`);
    const url = copy.provider === 'sqlite' ? resolveSqliteUrl(resolved.url, resolved.baseDir) : resolved.url;
    const description = describeDatabase(url, resolved.baseDir, schema.root.projectDir);
    const dir = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Prisma: preparing the data grid for ${schema.label}`,
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          progress.report({ message: 'generating a private Prisma Client…' });
          return await this.store.ensure(copy, abort.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    const mod = this.store.load(dir);
    const seconds = vscode.workspace.getConfiguration('prismaWorkbench.data').get<number>('queryTimeoutSeconds', 30);
    const adapter = await createClientAdapter(copy.provider, url, { timeoutMs: Math.max(1, seconds) * 1000 });
    const session = await DataSession.open(mod, copy.provider, adapter, (e) => this.logQuery(e));
    this.log.info(
      `data grid connected to ${description.label} (${resolved.source}, connection "${resolved.connectionName}")`,
    );
    this.store.prune(new Set([...this.entries.values()].map((e) => e.hash)));
    return {
      session,
      schema,
      provider: copy.provider,
      database: description.label,
      production: resolved.production,
    };
  }

  private reconcile(): void {
    for (const [id, entry] of this.entries) {
      const schema = this.schemaById(id);
      const hash = schema ? safeHash(schema) : undefined;
      if (hash !== entry.hash) {
        void this.close(id);
        this.changed.fire(id);
      }
    }
  }

  private async close(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    try {
      await (await entry.opening).session.dispose();
    } catch {
      // it never opened
    }
  }

  private async closeAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.close(id)));
  }
}

function safeHash(schema: WorkspaceSchema): string | undefined {
  try {
    return normalizeSchema(schema.files, schema.doc, RUNTIME_KEY).hash;
  } catch {
    return undefined;
  }
}
