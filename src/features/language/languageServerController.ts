// Owns the Prisma language clients: one per workspace folder (as in a multi-root workspace each folder may be
// a project of another Prisma major), started on the folder's first `.prisma` document with the bundled
// server line matching the project's Prisma version; not started beside the official Prisma extension
// (setting decides); restarted on crashes with growing delays, logged, never a modal storm.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { projectPrismaVersion } from '../../core/languageServer/prismaVersion';
import { RestartBackoff } from '../../core/languageServer/restartBackoff';
import {
  selectServer,
  serverLines,
  shouldStartServer,
  type EnabledSetting,
  type ServerChoice,
  type ServerLine,
  type VersionSetting,
} from '../../core/languageServer/serverSelection';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import { isTrusted, MANAGE_TRUST_COMMAND } from '../../host/trust';

export const officialExtensionId = 'Prisma.prisma';
const configSection = 'prismaWorkbench.languageServer';

export type LanguageServerState =
  | { kind: 'idle' }
  | { kind: 'off'; reason: string }
  /** Restricted Mode: Prisma's server runs the folder's prisma.config.ts, so it waits for trust. */
  | { kind: 'restricted' }
  | { kind: 'starting' | 'running' | 'restarting'; choice: ServerChoice }
  | { kind: 'failed'; choice: ServerChoice; message: string };

const readText = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

export function isPrismaDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'prisma' && doc.uri.scheme === 'file';
}

/** One folder's client and what it went through. */
interface FolderServer {
  folder: vscode.WorkspaceFolder | undefined;
  client?: LanguageClient;
  disposables: vscode.Disposable[];
  backoff: RestartBackoff;
  state: LanguageServerState;
}

const keyOf = (folder: vscode.WorkspaceFolder | undefined) => folder?.uri.toString() ?? '';

export class LanguageServerController extends Disposable {
  private readonly servers = new Map<string, FolderServer>();
  private readonly status: vscode.LanguageStatusItem;
  private readonly serverOutput: vscode.LogOutputChannel;
  private queue: Promise<void> = Promise.resolve();
  private readonly stateChanged = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    /** Schema files this server leaves to other tooling (Prisma Next contracts): never opened to it. */
    private readonly leaveAlone: (file: string, text: () => string) => boolean = () => false,
  ) {
    super();
    this.status = this.register(
      vscode.languages.createLanguageStatusItem('prismaWorkbench.languageServer', { language: 'prisma' }),
    );
    this.status.name = 'Prisma Language Server';
    this.serverOutput = this.register(vscode.window.createOutputChannel('Prisma Language Server', { log: true }));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.register({
      dispose: () => {
        for (const s of this.servers.values()) void this.stopServer(s);
      },
    });
    this.render();
  }

  /** The state of the server for `doc`'s folder (the active editor's when omitted). */
  stateFor(doc?: vscode.TextDocument): LanguageServerState {
    const d = doc ?? vscode.window.activeTextEditor?.document;
    return this.servers.get(keyOf(d && vscode.workspace.getWorkspaceFolder(d.uri)))?.state ?? { kind: 'idle' };
  }

  /** A Prisma document this server is for: not one it leaves alone. */
  serves(doc: vscode.TextDocument): boolean {
    return isPrismaDocument(doc) && !this.leaveAlone(doc.uri.fsPath, () => doc.getText(new vscode.Range(0, 0, 64, 0)));
  }

  /** Starts the server for `doc`'s folder unless one runs or it should not; serialized with stop/restart. */
  ensureStarted(doc: vscode.TextDocument): Promise<void> {
    if (!this.serves(doc)) return Promise.resolve();
    return this.enqueue(async () => {
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      if (this.isDisposed || this.servers.has(keyOf(folder))) return;
      await this.start(doc, folder);
    });
  }

  /** Stops every server and starts one again for each folder with an open schema, choosing lines afresh. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      const old = [...this.servers.values()];
      this.servers.clear();
      await Promise.all(old.map((s) => this.stopServer(s)));
      this.render();
      const byFolder = new Map<string, vscode.TextDocument>();
      for (const doc of vscode.workspace.textDocuments.filter((d) => this.serves(d))) {
        const key = keyOf(vscode.workspace.getWorkspaceFolder(doc.uri));
        if (!byFolder.has(key)) byFolder.set(key, doc);
      }
      for (const doc of byFolder.values()) await this.start(doc, vscode.workspace.getWorkspaceFolder(doc.uri));
    });
  }

  showOutput(): void {
    this.serverOutput.show(true);
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(job, job);
    return this.queue;
  }

  private async start(doc: vscode.TextDocument, folder: vscode.WorkspaceFolder | undefined): Promise<void> {
    const server: FolderServer = { folder, disposables: [], backoff: new RestartBackoff(), state: { kind: 'idle' } };
    this.servers.set(keyOf(folder), server);
    const where = folder ? ` for ${folder.name}` : '';
    const config = vscode.workspace.getConfiguration(configSection, doc.uri);
    const decision = shouldStartServer(
      config.get<EnabledSetting>('enabled', 'auto'),
      vscode.extensions.getExtension(officialExtensionId) !== undefined,
    );
    if (!decision.start) {
      this.log.info(`Prisma language server not started${where}: ${decision.reason}`);
      this.setState(server, { kind: 'off', reason: decision.reason });
      return;
    }
    // Prisma's language server loads prisma.config.ts by importing it (@prisma/config), and has no mode that
    // skips it: in an untrusted folder it does not start (register starts it when trust is granted).
    if (!isTrusted()) {
      this.log.info(`Prisma language server not started${where}: the folder is open in Restricted Mode`);
      this.setState(server, { kind: 'restricted' });
      return;
    }
    const detected = projectPrismaVersion(doc.uri.fsPath, doc.getText(), readText, folder?.uri.fsPath);
    const choice = selectServer(config.get<VersionSetting>('version', 'auto'), detected);
    this.log.info(`starting the ${serverLines[choice.line].label} language server${where}: ${choice.reason}`);
    this.setState(server, { kind: 'starting', choice });
    const t0 = performance.now();
    try {
      server.client = await this.createClient(server, choice.line);
      await server.client.start();
      this.log.info(
        `${serverLines[choice.line].label} language server${where} ready in ${Math.round(performance.now() - t0)} ms`,
      );
      this.setState(server, { kind: 'running', choice });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`the Prisma language server${where} failed to start: ${message}`);
      await this.stopServer(server);
      this.setState(server, { kind: 'failed', choice, message });
      this.offerRestart(`the Prisma language server did not start (${message}).`);
    }
  }

  private offerRestart(message: string): void {
    void vscode.window
      .showWarningMessage(`Prisma Workbench: ${message}`, 'Show Log', 'Restart')
      .then((c) => (c === 'Show Log' ? this.showOutput() : c === 'Restart' ? this.restart() : undefined));
  }

  private async createClient(server: FolderServer, line: ServerLine): Promise<LanguageClient> {
    // loaded here, not at activation: the client library is only needed once a schema is open
    const { LanguageClient, TransportKind, CloseAction, ErrorAction, RevealOutputChannelOn } =
      await import('vscode-languageclient/node');
    const module = this.context.asAbsolutePath(`dist/server/${line}/server.js`);
    const folderPath = server.folder?.uri.fsPath;
    const glob = server.folder ? new vscode.RelativePattern(server.folder, '**/*.prisma') : '**/*.prisma';
    const watcher = vscode.workspace.createFileSystemWatcher(glob);
    server.disposables.push(watcher);
    // this folder's schemas only; with no folder open, whatever schema is opened
    const documentSelector = folderPath
      ? [
          {
            scheme: 'file',
            language: 'prisma',
            pattern: `${folderPath.replace(/\\/g, '/').replace(/[[{}*?]/g, '[$&]')}/**/*`,
          },
        ]
      : [{ scheme: 'file', language: 'prisma' }];
    return new LanguageClient(
      'prismaWorkbench.languageServer',
      `Prisma Language Server (${serverLines[line].label})`,
      {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
      },
      {
        documentSelector,
        ...(server.folder ? { workspaceFolder: server.folder } : {}),
        diagnosticCollectionName: 'prisma-language-server',
        outputChannel: this.serverOutput,
        revealOutputChannelOn: RevealOutputChannelOn.Never,
        synchronize: { fileEvents: watcher },
        middleware: {
          // a Prisma Next contract is not a Prisma ORM schema: the server never sees it, so it reports nothing on it
          didOpen: (doc, next) => (this.serves(doc) ? next(doc) : Promise.resolve()),
          didChange: (e, next) => (this.serves(e.document) ? next(e) : Promise.resolve()),
          didSave: (doc, next) => (this.serves(doc) ? next(doc) : Promise.resolve()),
          didClose: (doc, next) => (this.serves(doc) ? next(doc) : Promise.resolve()),
          handleDiagnostics: (uri, diagnostics, next) =>
            next(uri, this.leaveAlone(uri.fsPath, () => '') ? [] : diagnostics),
          workspace: {
            // The server reads the `prisma` section (the official extension's settings) and crashes on the null
            // VS Code returns when no extension contributes it: answer with an object, the user's if any.
            configuration: async (params, token, next) => {
              const result = await next(params, token);
              return Array.isArray(result) ? result.map((r: unknown) => r ?? {}) : result;
            },
          },
        },
        errorHandler: {
          error: (error, _message, count) => {
            this.log.warn(`Prisma language server connection error (${count ?? 1}): ${error.message}`);
            return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
          },
          closed: async () => {
            const verdict = server.backoff.crashed();
            const s = server.state;
            if (!verdict.restart || this.isDisposed) {
              this.log.error(
                `the Prisma language server stopped ${verdict.crashes} times in a few minutes: not restarting it`,
              );
              if (s.kind !== 'idle' && s.kind !== 'off' && s.kind !== 'restricted')
                this.setState(server, { kind: 'failed', choice: s.choice, message: 'it kept crashing' });
              if (!this.isDisposed) this.offerRestart('the Prisma language server keeps crashing and was stopped.');
              return { action: CloseAction.DoNotRestart, handled: true };
            }
            this.log.warn(
              `the Prisma language server stopped (crash ${verdict.crashes}); restarting in ${verdict.delayMs} ms`,
            );
            if (s.kind === 'running') this.setState(server, { kind: 'restarting', choice: s.choice });
            await new Promise((r) => setTimeout(r, verdict.delayMs));
            if (this.isDisposed) return { action: CloseAction.DoNotRestart, handled: true };
            if (server.state.kind === 'restarting')
              this.setState(server, { kind: 'running', choice: server.state.choice });
            return { action: CloseAction.Restart, handled: true };
          },
        },
      },
    );
  }

  private async stopServer(server: FolderServer): Promise<void> {
    const client = server.client;
    server.client = undefined;
    for (const d of server.disposables.splice(0)) d.dispose();
    if (!client) return;
    try {
      await client.dispose(2000);
    } catch (e) {
      this.log.warn(`stopping the Prisma language server: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private setState(server: FolderServer, state: LanguageServerState): void {
    server.state = state;
    this.render();
    this.stateChanged.fire();
  }

  private render(): void {
    const s = this.stateFor();
    const restart = { title: 'Restart', command: 'prismaWorkbench.languageServer.restart' };
    this.status.busy = s.kind === 'starting' || s.kind === 'restarting';
    this.status.severity =
      s.kind === 'failed' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    switch (s.kind) {
      case 'idle':
        this.status.text = 'Prisma language server: not started';
        this.status.detail = 'starts with the first schema';
        this.status.command = undefined;
        break;
      case 'off':
        this.status.text = 'Prisma language server: off';
        this.status.detail = s.reason;
        this.status.command = {
          title: 'Settings',
          command: 'workbench.action.openSettings',
          arguments: [configSection],
        };
        break;
      case 'restricted':
        this.status.text = '$(workspace-untrusted) Prisma language server: waits for trust';
        this.status.detail = 'Restricted Mode: it would run prisma.config.ts';
        this.status.command = { title: 'Manage Workspace Trust', command: MANAGE_TRUST_COMMAND };
        break;
      case 'failed':
        this.status.text = `$(warning) ${serverLines[s.choice.line].label} language server stopped`;
        this.status.detail = s.message;
        this.status.command = restart;
        break;
      default:
        this.status.text = `${serverLines[s.choice.line].label} language server${s.kind === 'running' ? '' : ` (${s.kind})`}`;
        this.status.detail = s.choice.reason;
        this.status.command = restart;
    }
  }
}
