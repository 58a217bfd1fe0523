// One diagram tab: the relationship diagram of one schema. The host builds the graph and lays it out
// (core/diagram: dagre runs in Node, where it is unit-tested and benchmarked, and the webview stays a thin
// SVG renderer); the webview draws and reports clicks. Every message from the webview is validated: a
// `reveal` names a model (and field) of the graph this panel holds, so it can only open that schema's
// definitions; an `export` must be an SVG document or PNG bytes and is written only where the user chooses.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildDiagram, type DiagramGraph } from '../../core/diagram/diagramModel';
import { toDiagramView } from '../../core/diagram/diagramView';
import { capDiagram } from '../../core/diagram/cap';
import { layoutDiagram } from '../../core/diagram/layout';
import type { SourceLocation } from '../../core/schema/model';
import { DiagramRequests, exportBytes, locationIn } from '../../core/diagram/diagramRequests';
import type { DiagramHostMessage } from '../../shared/protocol/diagram';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { revealLocation } from '../models/revealLocation';
import { webviewHtml } from '../../host/webviewHtml';
import { samePath } from '../../core/util/pathFlavour';

export interface DiagramHost {
  schemas: WorkspaceSchemas;
  log: Log;
  extensionUri: vscode.Uri;
}

export class DiagramPanel extends Disposable {
  private readonly closed = this.register(new vscode.EventEmitter<void>());
  readonly onDidClose = this.closed.event;
  /** Messages posted to the webview, newest last (the integration tests read what the user was shown). */
  readonly posted: DiagramHostMessage[] = [];
  private readonly postedEmitter = this.register(new vscode.EventEmitter<DiagramHostMessage>());
  readonly onDidPost = this.postedEmitter.event;
  /** Tests: where the next export is written instead of asking with a save dialog. */
  nextExportTarget: vscode.Uri | undefined;
  private ready = false;
  private graph: DiagramGraph | undefined;
  private sentKey: string | undefined;
  private stale = false;
  private sawChange = false;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly requests: DiagramRequests;

  constructor(
    readonly host: DiagramHost,
    readonly panel: vscode.WebviewPanel,
    private id: string,
  ) {
    super();
    this.requests = new DiagramRequests({
      post: (m) => this.post(m),
      log: host.log,
      graph: () => this.graph,
      ready: () => {
        this.ready = true;
        this.sendGraph('init');
      },
      reveal: (location) => this.revealAt(location),
      saveExport: (format, bytes) => {
        const target = this.nextExportTarget;
        this.nextExportTarget = undefined;
        return this.saveBytes(format, bytes, target);
      },
      problem: (text) => {
        this.host.log.warn(`diagram webview: ${text}`);
        void vscode.window.showWarningMessage(`Prisma Workbench diagram: ${text}`);
      },
    });
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview')],
    };
    webview.html = webviewHtml(webview, host.extensionUri, { bundle: 'diagram', title: panel.title });
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'prisma.svg');
    this.register(webview.onDidReceiveMessage((m: unknown) => void this.handle(m)));
    this.register(
      panel.onDidDispose(() => {
        this.closed.fire();
        this.dispose();
      }),
    );
    this.register(
      host.schemas.onDidChange(() => {
        this.sawChange = true;
        this.scheduleUpdate();
      }),
    );
    // a hidden panel is not redrawn on every edit: once, when it is shown again
    this.register(
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.scheduleUpdate();
      }),
    );
    this.register({
      dispose: () => {
        if (this.updateTimer) clearTimeout(this.updateTimer);
      },
    });
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
  }

  get schemaId(): string {
    return this.id;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The schema this panel draws; a panel restored without a usable id adopts the only schema there is. */
  schema(): WorkspaceSchema | undefined {
    const all = this.host.schemas.schemas;
    const found = all.find((s) => s.root.id === this.id);
    if (found) return found;
    if (!this.id && all.length === 1) {
      this.id = all[0].root.id;
      return all[0];
    }
    return undefined;
  }

  private post(message: DiagramHostMessage): void {
    this.posted.push(message);
    if (this.posted.length > 100) this.posted.splice(0, this.posted.length - 100);
    this.postedEmitter.fire(message);
    void this.panel.webview.postMessage(message);
  }

  private scheduleUpdate(): void {
    if (!this.ready || this.isDisposed) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => this.sendGraph('update'), 100);
  }

  /** Builds the graph and its layout and sends them, unless the drawing would not change. */
  private sendGraph(reason: 'init' | 'update'): void {
    this.stale = false;
    const schema = this.schema();
    if (!schema) {
      const discovered = this.sawChange || this.host.schemas.schemas.length > 0;
      this.graph = undefined;
      this.sentKey = undefined;
      this.post({
        type: 'empty',
        schemaId: this.id,
        title: this.panel.title,
        message: discovered
          ? 'This schema is no longer in the workspace. Close this tab and run "Prisma: Show Diagram" again.'
          : 'Looking for the Prisma schema…',
      });
      return;
    }
    const graph = buildDiagram(schema.doc);
    this.graph = graph; // always: source locations move with every edit, and reveal reads them
    if (graph.nodes.length === 0) {
      this.sentKey = undefined;
      this.post({
        type: 'empty',
        schemaId: this.id,
        title: schema.label,
        message: schema.failure ?? `${schema.label} has no models yet. Add a model and save: the diagram follows.`,
      });
      return;
    }
    const key = JSON.stringify(graph, (k, v: unknown) => (k === 'location' ? undefined : v));
    if (reason === 'update' && key === this.sentKey) return;
    const t0 = performance.now();
    const capped = capDiagram(graph); // a huge schema: the most related models, and words saying so
    const view = toDiagramView(capped.graph, layoutDiagram(capped.graph));
    const layoutMs = Math.round(performance.now() - t0);
    this.sentKey = key;
    this.panel.title = `Diagram · ${path.basename(schema.root.schemaPath)}`;
    this.host.log.info(
      `diagram ${schema.label}: ${capped.graph.nodes.length} of ${graph.nodes.length} models, ${capped.graph.edges.length} relations laid out in ${layoutMs} ms (${reason})`,
    );
    this.post({
      type: 'graph',
      schemaId: this.id,
      title: schema.label,
      reason,
      diagram: view,
      layoutMs,
      ...(capped.notice ? { notice: capped.notice } : {}),
    });
  }

  /** Handles one message as if the webview sent it (the integration tests call this too); never rejects. */
  handle(raw: unknown): Promise<void> {
    return this.requests.handle(raw);
  }

  /** Where a model (or one of its fields) is defined, from the graph this panel last drew. */
  locationOf(model: string, field?: string): SourceLocation {
    return locationIn(this.graph, model, field);
  }

  /** Opens the definition in an editor group beside the diagram (so the diagram stays in view). */
  async reveal(model: string, field?: string): Promise<vscode.TextEditor> {
    return this.revealAt(this.locationOf(model, field));
  }

  private async revealAt(location: SourceLocation): Promise<vscode.TextEditor> {
    const mine = this.panel.viewColumn;
    const editors = vscode.window.visibleTextEditors.filter((e) => e.viewColumn !== undefined && e.viewColumn !== mine);
    const target = editors.find((e) => samePath(e.document.uri.fsPath, location.file)) ?? editors[0];
    await vscode.window.showTextDocument(vscode.Uri.file(location.file), {
      viewColumn: target?.viewColumn ?? vscode.ViewColumn.Beside,
      preview: true,
    });
    return revealLocation(location);
  }

  /** Writes an exported image where the user chooses (or `target`). */
  async saveExport(format: 'svg' | 'png', data: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return this.saveBytes(format, exportBytes(format, data), target);
  }

  private async saveBytes(format: 'svg' | 'png', bytes: Buffer, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const schema = this.schema();
    const dir = schema ? vscode.Uri.file(schema.root.projectDir) : vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${schema ? path.basename(schema.root.schemaPath, '.prisma') : 'schema'}-diagram.${format}`;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: `Export Diagram as ${format.toUpperCase()}`,
        ...(dir ? { defaultUri: vscode.Uri.joinPath(dir, name) } : {}),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, bytes);
    this.host.log.info(`diagram exported to ${uri.fsPath} (${bytes.length} bytes)`);
    this.post({ type: 'exported', format, file: vscode.workspace.asRelativePath(uri) });
    if (!target) {
      void vscode.window
        .showInformationMessage(`Diagram saved to ${vscode.workspace.asRelativePath(uri)}.`, 'Open')
        .then((c) => c && vscode.commands.executeCommand('vscode.open', uri));
    }
    return uri;
  }

  /** The first message posted matching `match`, already posted or still to come (tests). */
  waitForPost<T extends DiagramHostMessage>(match: (m: DiagramHostMessage) => m is T, timeoutMs = 30000): Promise<T> {
    const already = this.posted.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error('timed out waiting for the diagram'));
      }, timeoutMs);
      const sub = this.onDidPost((m) => {
        if (match(m)) {
          clearTimeout(timer);
          sub.dispose();
          resolve(m);
        }
      });
    });
  }
}
