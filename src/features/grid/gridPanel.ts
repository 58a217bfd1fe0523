// One grid tab: a webview showing one model of one schema. The host owns the data (the DataSession); the
// webview asks for windows of rows. Every message from the webview is validated against the protocol;
// the panel is bound to its model, so no message can reach another model or run SQL.
import * as vscode from 'vscode';
import { modelMeta } from '../../core/data/modelMeta';
import { csvLines } from '../../core/data/exportFormat';
import type { ModelMeta } from '../../shared/protocol/model';
import { emptyQuery, parseWebviewMessage, type Filter, type HostMessage, type ViewQuery, type ViewStateSnapshot, type WebviewMessage } from '../../shared/protocol/messages';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import type { GridSessions, OpenedSession } from './gridSessions';
import { webviewHtml } from '../../host/webviewHtml';

export const gridViewType = 'prismaWorkbench.grid';

/** What the webview keeps with setState and the serializer gets back after a reload. */
export interface PersistedGridState {
  schemaId: string;
  model: string;
  view?: ViewStateSnapshot;
}

export interface GridHost {
  sessions: GridSessions;
  log: Log;
  extensionUri: vscode.Uri;
  openRelated(schemaId: string, model: string, filters: Filter[]): Promise<unknown>;
}

export class GridPanel extends Disposable {
  private readonly closed = this.register(new vscode.EventEmitter<void>());
  readonly onDidClose = this.closed.event;
  /** Messages posted to the webview, newest last (the integration tests read what the user was shown). */
  readonly posted: HostMessage[] = [];
  private readonly postedEmitter = this.register(new vscode.EventEmitter<HostMessage>());
  readonly onDidPost = this.postedEmitter.event;
  private meta: ModelMeta | undefined;
  private readOnlyChoice: boolean;
  private ready = false;
  private viewState: ViewStateSnapshot | undefined;
  private fetchQueue: Promise<void> = Promise.resolve();
  private prefetched: Promise<NonNullable<Extract<HostMessage, { type: 'init' }>['firstPage']> | undefined>;

  constructor(
    private readonly host: GridHost,
    readonly panel: vscode.WebviewPanel,
    readonly schemaId: string,
    readonly model: string,
    restored?: ViewStateSnapshot,
    private readonly initialFilters?: Filter[],
  ) {
    super();
    this.viewState = restored;
    this.readOnlyChoice = vscode.workspace.getConfiguration('prismaWorkbench.data').get<boolean>('readOnly', false);
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview')] };
    webview.html = webviewHtml(webview, host.extensionUri, { bundle: 'grid', title: model, app: { 'data-model': model } });
    this.register(webview.onDidReceiveMessage((m: unknown) => void this.handle(m)));
    // read the first page while the webview loads: it comes with `init` instead of after a round trip
    this.prefetched = this.prefetch().catch(() => undefined);
    this.register(panel.onDidDispose(() => { this.closed.fire(); this.dispose(); }));
    this.register(host.sessions.onDidReset((id) => { if (id === schemaId && this.ready) void this.sendInit(); }));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('prismaWorkbench.data.readOnly')) {
        this.readOnlyChoice = vscode.workspace.getConfiguration('prismaWorkbench.data').get<boolean>('readOnly', false);
        void this.sendReadOnly();
      }
    }));
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
  }

  get isReady(): boolean {
    return this.ready;
  }

  private post(message: HostMessage): void {
    this.posted.push(message);
    if (this.posted.length > 200) this.posted.splice(0, this.posted.length - 200);
    this.postedEmitter.fire(message);
    void this.panel.webview.postMessage(message);
  }

  private async opened(): Promise<OpenedSession> {
    const schema = this.host.sessions.schemaById(this.schemaId);
    if (!schema) throw new Error(`the schema ${this.schemaId} is no longer in the workspace`);
    return this.host.sessions.open(schema);
  }

  private async modelMeta(): Promise<{ opened: OpenedSession; meta: ModelMeta }> {
    const opened = await this.opened();
    const softDelete = vscode.workspace.getConfiguration('prismaWorkbench.data').get<string[]>('softDeleteColumns');
    this.meta = modelMeta(opened.schema.doc, this.model, softDelete?.length ? softDelete : undefined);
    return { opened, meta: this.meta };
  }

  /** Read-only when the user chose it, or forced because the database is marked production. */
  async readOnlyState(): Promise<{ readOnly: boolean; forced: boolean }> {
    const opened = await this.opened();
    return { readOnly: this.readOnlyChoice || opened.production, forced: opened.production };
  }

  private async sendReadOnly(): Promise<void> {
    const s = await this.readOnlyState();
    this.post({ type: 'readOnly', readOnly: s.readOnly, readOnlyForced: s.forced });
  }

  /** The query the webview will start with: its restored view, or the filters it was opened with. */
  private startQuery(): ViewQuery {
    const q = this.viewState?.query ?? emptyQuery();
    return this.initialFilters ? { ...q, filters: this.initialFilters } : q;
  }

  private async prefetch(): Promise<Extract<HostMessage, { type: 'init' }>['firstPage']> {
    const { opened, meta } = await this.modelMeta();
    const query = this.startQuery();
    const [rows, total] = await Promise.all([opened.session.page(meta, query, 0, 100), opened.session.count(meta, query)]);
    return { query, rows, total };
  }

  private async sendInit(): Promise<void> {
    const { opened, meta } = await this.modelMeta();
    const ro = await this.readOnlyState();
    const firstPage = await this.prefetched;
    this.prefetched = Promise.resolve(undefined); // only the first init: later ones (schema changed) fetch afresh
    this.post({
      type: 'init', schemaId: this.schemaId, model: meta, readOnly: ro.readOnly, readOnlyForced: ro.forced, database: opened.database,
      ...(this.viewState ? { state: this.viewState } : {}), ...(this.initialFilters ? { initialFilters: this.initialFilters } : {}),
      ...(firstPage ? { firstPage } : {}),
    });
  }

  /** Handles one message as if the webview sent it (the integration tests call this too). */
  async handle(raw: unknown): Promise<void> {
    let message: WebviewMessage;
    try {
      message = parseWebviewMessage(raw);
    } catch (e) {
      this.host.log.warn(`grid ${this.model}: refused a message from the webview: ${e instanceof Error ? e.message : String(e)}`);
      this.post({ type: 'error', message: `Refused a malformed message (${e instanceof Error ? e.message : String(e)}).` });
      return;
    }
    const requestId = 'requestId' in message ? message.requestId : undefined;
    try {
      await this.dispatch(message);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      this.host.log.error(`grid ${this.model}: ${message.type} failed: ${e instanceof Error ? (e.stack ?? text) : text}`);
      this.post({ type: 'error', ...(requestId !== undefined ? { requestId } : {}), message: text });
    }
  }

  private async dispatch(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.sendInit();
        return;
      case 'fetch': {
        // one page at a time: the next page then starts from the keyset anchor the previous one left
        const turn = this.fetchQueue;
        let release!: () => void;
        this.fetchQueue = new Promise<void>((r) => { release = r; });
        await turn;
        try {
          const { opened, meta } = await this.current();
          const t0 = performance.now();
          const rows = await opened.session.page(meta, message.query, message.start, message.count);
          this.post({ type: 'rows', requestId: message.requestId, start: message.start, rows, ms: Math.round(performance.now() - t0) });
        } finally {
          release();
        }
        return;
      }
      case 'count': {
        const { opened, meta } = await this.current();
        const t0 = performance.now();
        const total = await opened.session.count(meta, message.query);
        this.post({ type: 'count', requestId: message.requestId, total, ms: Math.round(performance.now() - t0) });
        return;
      }
      case 'save': {
        const { opened, meta } = await this.current();
        const ro = await this.readOnlyState();
        if (ro.readOnly) {
          this.post({ type: 'saved', requestId: message.requestId, result: { ok: false, conflicts: [], errors: [{ kind: 'update', index: -1, message: ro.forced ? 'This database is marked production: the grid is read-only.' : 'The grid is read-only. Turn read-only off to save.' }] } });
          return;
        }
        const result = await opened.session.save(meta, message.request);
        if (result.ok) this.host.log.info(`grid ${this.model}: saved ${result.updated} update(s), ${result.inserted} insert(s), ${result.deleted} delete(s) in ${result.ms} ms`);
        this.post({ type: 'saved', requestId: message.requestId, result });
        return;
      }
      case 'setReadOnly':
        this.readOnlyChoice = message.readOnly;
        await this.sendReadOnly();
        return;
      case 'openRelated':
        await this.host.openRelated(this.schemaId, message.model, message.filters);
        return;
      case 'export':
        await this.exportView(message.format, message.query);
        return;
      case 'viewState':
        this.viewState = message.state;
        return;
    }
  }

  private async current(): Promise<{ opened: OpenedSession; meta: ModelMeta }> {
    const opened = await this.opened();
    if (!this.meta) return this.modelMeta();
    return { opened, meta: this.meta };
  }

  /** Writes the current view (filters and sort applied) to a file, in batches, with progress and cancel. */
  async exportView(format: 'csv' | 'json', query: ViewQuery, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const { opened, meta } = await this.current();
    const uri = target ?? await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(opened.schema.root.projectDir), `${meta.name}.${format}`),
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
    if (!uri) return undefined;
    const columns = meta.columns.map((c) => c.name);
    const fs = await import('node:fs');
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting ${meta.name}`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      const out = fs.createWriteStream(uri.fsPath, 'utf8');
      const write = (s: string) => new Promise<void>((resolve, reject) => out.write(s, (e) => (e ? reject(e) : resolve())));
      let n = 0;
      try {
        if (format === 'json') await write('[');
        for await (const batch of opened.session.batches(meta, query, 1000, abort.signal)) {
          if (format === 'csv') await write(csvLines(columns, batch, n === 0));
          else await write(batch.map((r, i) => `${n + i === 0 ? '' : ','}\n  ${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c]])))}`).join(''));
          n += batch.length;
          progress.report({ message: `${n.toLocaleString()} rows` });
        }
        if (format === 'json') await write('\n]\n');
        if (format === 'csv' && n === 0) await write(csvLines(columns, [], true) + '\r\n');
      } finally {
        sub.dispose();
        await new Promise<void>((resolve) => out.end(resolve));
      }
      if (abort.signal.aborted) {
        void vscode.window.showWarningMessage(`Export of ${meta.name} cancelled after ${n} rows.`);
        return undefined;
      }
      this.host.log.info(`exported ${n} rows of ${meta.name} to ${uri.fsPath}`);
      if (!target) void vscode.window.showInformationMessage(`Exported ${n.toLocaleString()} rows of ${meta.name}.`, 'Open').then((c) => c && vscode.window.showTextDocument(uri));
      return uri;
    });
  }

  /** Waits for the next posted message matching `match` (tests). */
  waitForPost<T extends HostMessage>(match: (m: HostMessage) => m is T, timeoutMs = 30000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { sub.dispose(); reject(new Error('timed out waiting for the grid to answer')); }, timeoutMs);
      const sub = this.onDidPost((m) => {
        if (match(m)) { clearTimeout(timer); sub.dispose(); resolve(m); }
      });
    });
  }
}
