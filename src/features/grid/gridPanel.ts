// One grid tab: a webview showing one model of one schema. The host owns the data (the DataSession); the
// webview asks for windows of rows. Every message from the webview is validated against the protocol;
// the panel is bound to its model, so no message can reach another model or run SQL.
import * as vscode from 'vscode';
import { modelMeta } from '../../core/data/modelMeta';
import { RowOriginals } from '../../core/data/rowOriginals';
import { GridRequests, type PanelAction } from '../../core/data/gridRequests';
import { csvLines } from '../../core/data/exportFormat';
import type { ModelMeta } from '../../shared/protocol/model';
import {
  emptyQuery,
  parseViewState,
  type ColumnLayout,
  type Filter,
  type HostMessage,
  type ViewQuery,
  type ViewStateSnapshot,
} from '../../shared/protocol/messages';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import type { GridSessions, OpenedSession } from './gridSessions';
import { webviewHtml } from '../../host/webviewHtml';
import { settlesWithin } from '../../core/util/settlesWithin';
import { plainErrorText } from '../../core/data/prismaErrors';
import { askInModal, confirmDeletes, type DeleteAsker, type DeleteQuestion } from './deleteConfirm';
import { maskErrorText } from '../../core/data/maskErrorText';
import { politeTotals } from './gridPoliteness';
import { benchTrace } from '../../host/benchTrace';
import { isTrusted } from '../../host/trust';

type InitMessage = Extract<HostMessage, { type: 'init' }>;
/** How long the page waits for the first page read ahead (code-server's webview frame takes ≈ 250 ms to be ready anyway). */
const FIRST_PAGE_WAIT_MS = 200;
/** The webview's page size (webview/grid/rowCache.ts PAGE_SIZE). */
const FIRST_PAGE_ROWS = 100;
/** How long a first page read ahead for a model about to be shown here (warm) may stand for it. */
export const WARM_MS = 5000;

type FirstPage = NonNullable<InitMessage['firstPage']>;

/** A first page read ahead: of `model` with `filters` (none: the palette's, the Models view's open). */
interface Warmed {
  model: string;
  key: string;
  at: number;
  page: Promise<FirstPage | undefined>;
  /** Another read ahead was asked for since: this one does not start if it has not yet. */
  dropped?: boolean;
}

const warmKey = (model: string, filters: Filter[] | undefined) => JSON.stringify([model, filters ?? []]);

/** What the webview keeps with setState and the serializer gets back after a reload. */
export interface PersistedGridState {
  schemaId: string;
  model: string;
  view?: ViewStateSnapshot;
  /** Breadcrumbs: the models this panel came from (checked again when the user goes back to one). */
  trail?: { model: string; filters: Filter[] }[];
}

/** One step back: the model the panel showed before following a relation, and how the user left it. */
export interface TrailEntry {
  model: string;
  filters: Filter[];
  view?: ViewStateSnapshot;
}

/** How a panel showed a model it swapped out (restored when the webview refuses the swap). */
interface Binding {
  trail: TrailEntry[];
  view: ViewStateSnapshot | undefined;
  filters: Filter[] | undefined;
}

/** Sets `key` as the newest entry of a small map (the oldest go first). */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= 8) break;
    map.delete(oldest);
  }
}

const layoutKey = (schemaId: string, model: string) => `prismaWorkbench.grid.columns:${schemaId}:${model}`;

export interface GridHost {
  sessions: GridSessions;
  log: Log;
  extensionUri: vscode.Uri;
  /** Column layouts per model (workspace state). */
  workspaceState: vscode.Memento;
  openRelated(schemaId: string, model: string, filters: Filter[]): Promise<unknown>;
  /** Opens a model in a tab of its own (a model this panel's webview refused to swap in). */
  openInNewTab(schemaId: string, model: string, filters?: Filter[]): Promise<unknown>;
  /** "Import…" from the grid's toolbar into the panel's model (see gridImport.ts). */
  importInto(panel: GridPanel): Promise<{ result?: { ok: boolean } } | undefined>;
}

export class GridPanel extends Disposable {
  private readonly closed = this.register(new vscode.EventEmitter<void>());
  readonly onDidClose = this.closed.event;
  /** Messages posted to the webview, newest last (the integration tests read what the user was shown). */
  readonly posted: HostMessage[] = [];
  private readonly postedEmitter = this.register(new vscode.EventEmitter<HostMessage>());
  readonly onDidPost = this.postedEmitter.event;
  /** Asks before pending deletes are saved (a modal with what else goes; tests replace it). */
  askDelete: DeleteAsker = askInModal;
  /** The last delete question asked (tests read what the user was told). */
  lastDeleteQuestion: DeleteQuestion | undefined;
  private meta: ModelMeta | undefined;
  /** The rows this panel sent to its webview: its saves are conditional on them (never on the webview's copy). */
  private readonly originals = new RowOriginals();
  private readOnlyChoice: boolean;
  private ready = false;
  /** The first `init`, put in the page itself: recorded as posted when the webview says it is ready. */
  private initInPage: InitMessage | undefined;
  private viewState: ViewStateSnapshot | undefined;
  private readonly requests: GridRequests;
  private prefetched: Promise<FirstPage | undefined>;
  /** The first page of a model read ahead (warm) before it is shown here, and when it was asked for. */
  private warmed: Warmed | undefined;
  /** The model shown now: following a relation re-binds the panel to the related model. */
  private boundModel: string;
  private initialFilters: Filter[] | undefined;
  private trail: TrailEntry[];
  /** Staged edits the webview reported for the model shown (not saved, not discarded). */
  private pendingEdits = 0;
  /**
   * What `show` swapped out (by model) and in (with its filters), for a webview that refuses the swap
   * (it held staged edits the host had not heard of yet): the panel is bound again to what it kept.
   */
  private readonly swappedOut = new Map<string, Binding>();
  private readonly swappedIn = new Map<string, Filter[] | undefined>();

  constructor(
    private readonly host: GridHost,
    readonly panel: vscode.WebviewPanel,
    readonly schemaId: string,
    model: string,
    restored?: ViewStateSnapshot,
    initialFilters?: Filter[],
    trail: TrailEntry[] = [],
  ) {
    super();
    this.boundModel = model;
    this.initialFilters = initialFilters;
    this.trail = trail;
    this.viewState = restored;
    this.readOnlyChoice = vscode.workspace.getConfiguration('prismaWorkbench.data').get<boolean>('readOnly', false);
    this.requests = new GridRequests({
      post: (m) => this.post(m),
      log: host.log,
      label: () => this.model,
      current: async () => {
        const { opened, meta } = await this.current();
        return { session: opened.session, meta, totals: politeTotals(opened) };
      },
      relatedMeta: async (name) => (await this.modelMeta(name)).meta,
      originals: this.originals,
      readOnly: () => this.readOnlyState(),
      confirmDeletes: async (meta, request) =>
        confirmDeletes(await this.opened(), meta, request, this.askDelete, (q) => {
          this.lastDeleteQuestion = q;
        }),
      panelAction: (m) => this.panelAction(m),
    });
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview')],
    };
    this.register(webview.onDidReceiveMessage((m: unknown) => void this.handle(m)));
    // read the first page while the webview loads: it comes with `init` instead of after a round trip
    this.prefetched = this.prefetch().catch(() => undefined);
    void this.loadPage();
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(
      host.sessions.onDidReset((id) => {
        if (id !== schemaId) return;
        this.meta = undefined; // read again from the new schema (the model may have changed or gone)
        if (this.ready) void this.sendInit().catch((e: unknown) => this.reportFailure('reloading the grid', e));
        else this.initInPage = undefined; // the page's init is stale: send a fresh one when the webview is ready
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('prismaWorkbench.data.readOnly')) {
          this.readOnlyChoice = vscode.workspace
            .getConfiguration('prismaWorkbench.data')
            .get<boolean>('readOnly', false);
          void this.sendReadOnly().catch((e: unknown) => this.reportFailure('updating read-only', e));
        }
      }),
    );
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.closed.fire(); // before the emitter goes: the manager forgets the panel however it was closed
    super.dispose();
    this.panel.dispose();
  }

  get isReady(): boolean {
    return this.ready;
  }

  get model(): string {
    return this.boundModel;
  }

  /** The view state the webview last reported (what the serializer keeps). */
  get currentView(): ViewStateSnapshot | undefined {
    return this.viewState;
  }

  /** The webview holds staged edits: showing another model here would drop them. */
  get hasPendingEdits(): boolean {
    return this.pendingEdits > 0;
  }

  /**
   * Shows another model in this tab (the Models view, the palette: a fresh start, no breadcrumbs), as
   * VS Code's preview editors do; the webview stays, only its `init` changes. The caller checks
   * hasPendingEdits first.
   */
  async show(model: string, filters?: Filter[]): Promise<void> {
    remember(this.swappedOut, this.model, { trail: this.trail, view: this.viewState, filters: this.initialFilters });
    remember(this.swappedIn, model, filters);
    await this.rebind(model, [], filters, undefined, true);
  }

  /**
   * The webview kept `kept` (staged edits) instead of showing `model`: bound to `kept` again (as it was
   * when `model` was swapped in), and `model` opens in a new tab. A refusal of an older swap (the panel
   * shows another model since) only opens its model.
   */
  private async swapRefused(message: Extract<PanelAction, { type: 'replaceRefused' }>): Promise<void> {
    if (!this.swappedIn.has(message.model)) return; // never swapped in here
    const filters = this.swappedIn.get(message.model);
    this.swappedIn.delete(message.model);
    const before = this.swappedOut.get(message.kept);
    if (message.model === this.model && before) {
      const { meta } = await this.modelMeta(message.kept);
      this.boundModel = message.kept;
      this.meta = meta;
      this.trail = before.trail;
      this.viewState = before.view;
      this.initialFilters = before.filters;
      this.pendingEdits = message.count;
      this.panel.title = `${message.kept} · data`;
      this.prefetched = Promise.resolve(undefined);
    }
    await this.host.openInNewTab(this.schemaId, message.model, filters);
  }

  /** The breadcrumbs: where this panel came from, oldest first. */
  get breadcrumbs(): readonly TrailEntry[] {
    return this.trail;
  }

  private post(unmasked: HostMessage, inPageAlready = false): void {
    const message = maskErrorText(unmasked);
    this.posted.push(message);
    if (this.posted.length > 200) this.posted.splice(0, this.posted.length - 200);
    this.postedEmitter.fire(message);
    if (!inPageAlready) void this.panel.webview.postMessage(message);
  }

  private async opened(): Promise<OpenedSession> {
    const schema = this.host.sessions.schemaById(this.schemaId);
    if (!schema) throw new Error(`the schema ${this.schemaId} is no longer in the workspace`);
    return this.host.sessions.open(schema);
  }

  private async modelMeta(model = this.model): Promise<{ opened: OpenedSession; meta: ModelMeta }> {
    const opened = await this.opened();
    const softDelete = vscode.workspace.getConfiguration('prismaWorkbench.data').get<string[]>('softDeleteColumns');
    // throws when the model is not in this schema: nothing else can be reached
    const meta = modelMeta(opened.schema.doc, model, softDelete?.length ? softDelete : undefined);
    if (model === this.model) this.meta = meta;
    return { opened, meta };
  }

  /** The column layout last used for this model (any tab), if any. */
  private columnLayout(): ColumnLayout | undefined {
    const saved = this.host.workspaceState.get<unknown>(layoutKey(this.schemaId, this.model));
    const parsed =
      saved && typeof saved === 'object' ? parseViewState({ query: emptyQuery(), scrollTop: 0, ...saved }) : undefined;
    return parsed
      ? { widths: { ...parsed.widths }, hidden: parsed.hidden, ...(parsed.pinned ? { pinned: parsed.pinned } : {}) }
      : undefined;
  }

  private rememberLayout(state: ViewStateSnapshot): void {
    const layout: ColumnLayout = { widths: state.widths, hidden: state.hidden, pinned: state.pinned ?? [] };
    const key = layoutKey(this.schemaId, this.model);
    if (JSON.stringify(this.host.workspaceState.get(key)) !== JSON.stringify(layout))
      void this.host.workspaceState.update(key, layout);
  }

  /**
   * Shows another model of this schema in this panel: a related one (`trail` grows) or one of the
   * breadcrumbs (`trail` shrinks). The model is checked against the schema before anything changes.
   */
  private async rebind(
    model: string,
    trail: TrailEntry[],
    filters: Filter[] | undefined,
    view: ViewStateSnapshot | undefined,
    replaces = false,
  ): Promise<void> {
    const { meta } = await this.modelMeta(model);
    this.boundModel = model;
    this.meta = meta;
    this.pendingEdits = 0; // the webview starts the new model with none (its init resets them)
    this.trail = trail;
    this.viewState = view;
    this.initialFilters = filters;
    this.prefetched = this.takeWarmed(model, filters, view) ?? this.prefetch().catch(() => undefined);
    try {
      await this.sendInit(replaces);
    } finally {
      // after the init: the workbench redraws the tab bar for a new title, and would before relaying the rows
      this.panel.title = `${model} · data`;
    }
    benchTrace('grid host: init posted');
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

  /**
   * Reads the first page of `model` ahead, for `show(model)` within WARM_MS (the palette's highlighted
   * model, before the user presses Enter), or with `filters` for following a relation here (the pointer on
   * its link): the rows then come with `init` without a read after the user's action. One read at a time:
   * asked again meanwhile (a pointer crossing links), only the latest waits for it.
   */
  warm(model: string, filters?: Filter[]): void {
    const key = warmKey(model, filters);
    const w = this.warmed;
    if ((model === this.model && !filters) || (w?.key === key && Date.now() - w.at < WARM_MS)) return;
    const query = filters ? { ...emptyQuery(), filters } : emptyQuery();
    const entry: Warmed = { model, key, at: Date.now(), page: Promise.resolve(undefined) };
    if (w) w.dropped = true;
    entry.page = (w?.page ?? Promise.resolve(undefined)).then(() =>
      entry.dropped ? undefined : this.prefetch(model, query).catch(() => undefined),
    );
    this.warmed = entry;
  }

  /** The model whose first page was read ahead (warm) and waits to be shown here (tests). */
  get warming(): string | undefined {
    return this.warmed?.model;
  }

  /** Settles when the read ahead is done (tests). */
  async warmRead(): Promise<void> {
    await this.warmed?.page;
  }

  /** The page warm read for `model` and `filters` when it is recent and the view starts afresh (no view state). */
  private takeWarmed(
    model: string,
    filters: Filter[] | undefined,
    view: ViewStateSnapshot | undefined,
  ): Promise<FirstPage | undefined> | undefined {
    const w = this.warmed;
    this.warmed = undefined;
    return w && w.key === warmKey(model, filters) && !view && Date.now() - w.at < WARM_MS ? w.page : undefined;
  }

  private async prefetch(model = this.model, query = this.startQuery()): Promise<FirstPage> {
    const { opened, meta } = await this.modelMeta(model);
    const page = opened.session.page(meta, query, 0, FIRST_PAGE_ROWS, this.originals);
    void page.then(
      () => benchTrace('grid host: first page read'),
      () => undefined,
    );
    // SQLite keeps no row estimate and counts by scanning, on this (the extension host's) thread, while VS
    // Code is making the webview: the rows go first, the webview asks for the count once they are drawn.
    // A short first page is its own count.
    if (opened.provider === 'sqlite') {
      const rows = await page;
      return { query, rows, ...(rows.length < FIRST_PAGE_ROWS ? { total: rows.length } : {}) };
    }
    const [rows, total] = await Promise.all([page, opened.session.total(meta, query, politeTotals(opened))]);
    return { query, rows, total: total.total, ...(total.estimated ? { estimated: true } : {}) };
  }

  private async sendInit(replaces = false): Promise<void> {
    const init = await this.initMessage();
    this.post(replaces ? { ...init, replaces } : init);
  }

  /**
   * Sets the page. When the first page is read within FIRST_PAGE_WAIT_MS (a warm session), `init` goes in
   * the page itself and the webview draws the rows as its script runs, with no round trip; the script and
   * CSS are in the page too (no resource requests before the first paint).
   */
  private async loadPage(): Promise<void> {
    const init = (await settlesWithin(this.prefetched, FIRST_PAGE_WAIT_MS))
      ? await this.initMessage().catch(() => undefined)
      : undefined;
    if (this.isDisposed) return;
    this.initInPage = init;
    this.panel.webview.html = webviewHtml(this.panel.webview, this.host.extensionUri, {
      bundle: 'grid',
      title: this.model,
      app: { 'data-model': this.model },
      inline: true,
      ...(init ? { data: { id: 'grid-init', value: init } } : {}),
    });
    benchTrace(init ? 'grid host: page set, with the first rows' : 'grid host: page set, rows to follow');
  }

  /** The `init` message: the model, where the view starts, and (the first time) the first page read ahead. */
  private async initMessage(): Promise<InitMessage> {
    const { opened, meta } = await this.modelMeta();
    const ro = await this.readOnlyState();
    const firstPage = await this.prefetched;
    this.prefetched = Promise.resolve(undefined); // only the first init: later ones (schema changed) fetch afresh
    const layout = this.columnLayout();
    return {
      type: 'init',
      schemaId: this.schemaId,
      model: meta,
      readOnly: ro.readOnly,
      readOnlyForced: ro.forced,
      database: opened.database,
      ...(this.viewState ? { state: this.viewState } : {}),
      ...(this.initialFilters ? { initialFilters: this.initialFilters } : {}),
      ...(firstPage ? { firstPage } : {}),
      trail: this.trail.map((e) => ({ model: e.model, filters: e.filters })),
      ...(layout ? { columns: layout } : {}),
      jsonPath:
        opened.provider === 'sqlite'
          ? {
              supported: false,
              reason: 'Json path filters are not supported on SQLite: Prisma offers them on PostgreSQL and MySQL only.',
            }
          : { supported: true },
    };
  }

  /** A failure with no request to answer: logged, and shown in the grid. */
  private reportFailure(what: string, e: unknown): void {
    const text = e instanceof Error ? e.message : String(e);
    this.host.log.error(`grid ${this.model}: ${what} failed: ${text}`);
    if (!this.isDisposed)
      this.post({
        type: 'error',
        message: `${what.charAt(0).toUpperCase()}${what.slice(1)} failed: ${plainErrorText(text)}`,
      });
  }

  /** Handles one message as if the webview sent it (the integration tests call this too); never rejects. */
  handle(raw: unknown): Promise<void> {
    return this.requests.handle(raw);
  }

  /** What only the panel can do (UI, rebinding the tab); reads and saves are GridRequests'. */
  private async panelAction(message: PanelAction): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.initInPage) {
          // the page came with its init (and first page): the webview has drawn it already
          this.post(this.initInPage, true);
          this.initInPage = undefined;
          return;
        }
        await this.sendInit();
        return;
      case 'setReadOnly':
        this.readOnlyChoice = message.readOnly;
        await this.sendReadOnly();
        return;
      case 'openRelated': {
        benchTrace('grid host: openRelated received');
        // GridRequests checked that the model is related
        if (message.newTab) {
          await this.host.openRelated(this.schemaId, message.model, message.filters);
          return;
        }
        await this.rebind(
          message.model,
          [
            ...this.trail,
            {
              model: this.model,
              filters: this.viewState?.query.filters ?? this.initialFilters ?? [],
              ...(this.viewState ? { view: this.viewState } : {}),
            },
          ],
          message.filters,
          undefined,
        );
        return;
      }
      case 'warm': {
        // reads only, on the session already open (no client generated, no connection), never untrusted
        const schema = this.host.sessions.schemaById(this.schemaId);
        if (isTrusted() && !this.hasPendingEdits && schema && this.host.sessions.isOpen(schema))
          this.warm(message.model, message.filters);
        return;
      }
      case 'navigate': {
        const back = this.trail[message.index];
        if (!back) throw new Error('There is no such breadcrumb.');
        // the view as the user left it; a trail restored after a reload has only the filters (the layout is the model's)
        await this.rebind(
          back.model,
          this.trail.slice(0, message.index),
          back.view ? undefined : back.filters,
          back.view,
        );
        return;
      }
      case 'import':
        if ((await this.host.importInto(this))?.result?.ok) this.post({ type: 'refresh' });
        return;
      case 'export':
        await this.exportView(message.format, message.query);
        return;
      case 'pending':
        if (message.model === this.model) this.pendingEdits = message.count;
        return;
      case 'replaceRefused':
        await this.swapRefused(message);
        return;
      case 'viewState':
        if (message.model !== undefined && message.model !== this.model) return; // about the model shown before
        this.viewState = message.state;
        this.rememberLayout(message.state);
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
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(
          vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(opened.schema.root.projectDir),
          `${meta.name}.${format}`,
        ),
        filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      }));
    if (!uri) return undefined;
    const columns = meta.columns.map((c) => c.name);
    const csv = {
      escapeFormulas: vscode.workspace
        .getConfiguration('prismaWorkbench.data')
        .get<boolean>('csvEscapeFormulas', false),
    };
    const { writeExportFile } = await import('../../core/data/exportFile');
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting ${meta.name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let n = 0;
        const session = opened.session;
        async function* pieces(): AsyncGenerator<string> {
          if (format === 'json') yield '[';
          for await (const batch of session.batches(meta, query, 1000, abort.signal)) {
            if (format === 'csv') yield csvLines(columns, batch, n === 0, csv);
            else
              yield batch
                .map(
                  (r, i) =>
                    `${n + i === 0 ? '' : ','}\n  ${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c]])))}`,
                )
                .join('');
            n += batch.length;
            progress.report({ message: `${n.toLocaleString()} rows` });
          }
          if (format === 'json') yield '\n]\n';
          if (format === 'csv' && n === 0) yield csvLines(columns, [], true, csv) + '\r\n';
        }
        try {
          // written beside the path and renamed at the end: a failure or cancel leaves no truncated file
          await writeExportFile(uri.fsPath, pieces(), abort.signal);
        } finally {
          sub.dispose();
        }
        if (abort.signal.aborted) {
          void vscode.window.showWarningMessage(`Export of ${meta.name} cancelled after ${n} rows.`);
          return undefined;
        }
        this.host.log.info(`exported ${n} rows of ${meta.name} to ${uri.fsPath}`);
        if (!target)
          void vscode.window
            .showInformationMessage(`Exported ${n.toLocaleString()} rows of ${meta.name}.`, 'Open')
            .then((c) => c && vscode.window.showTextDocument(uri));
        return uri;
      },
    );
  }

  /** Waits for the next posted message matching `match` (tests). */
  waitForPost<T extends HostMessage>(match: (m: HostMessage) => m is T, timeoutMs = 30000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error('timed out waiting for the grid to answer'));
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
