// What the grid host does with a message from its webview, without VS Code: the message is checked
// against the protocol (a malformed one gets an `error` reply and nothing else happens), reads and saves
// go to the panel's DataSession, and the actions that show UI (dialogs, rebinding the tab, import, export)
// go back to the panel. The panel (features/grid/gridPanel.ts) feeds it every message; the fuzz test
// (test/unit/data/gridFuzz.test.ts) feeds it hostile ones against a real SQLite file.
import type { HostMessage, SaveRequest, WebviewMessage } from '../../shared/protocol/messages';
import { parseWebviewMessage } from '../../shared/protocol/messages';
import type { ModelMeta, WireRow } from '../../shared/protocol/model';
import type { RelatedRow } from '../../shared/protocol/relations';
import { errorStack, errorText } from '../util/errorText';
import { plainErrorText } from './prismaErrors';
import type { DataSession } from './dataSession';
import type { RowOriginals } from './rowOriginals';
import { relationOf } from '../../shared/protocol/relations';
import { dialectOf } from './query';
import { exactSearch, pickLinkable, pickRelated } from './relationPicker';
import { planLinks, type LinkWrite } from './relationLinks';

/** The messages whose handling shows UI or rebinds the tab: the panel does them. */
export type PanelAction = Extract<
  WebviewMessage,
  {
    type:
      | 'ready'
      | 'setReadOnly'
      | 'openRelated'
      | 'warm'
      | 'navigate'
      | 'import'
      | 'export'
      | 'viewState'
      | 'pending'
      | 'replaceRefused';
  }
>;

export interface GridPorts {
  /** Posts to the webview (the panel masks error text). */
  post(message: HostMessage): void;
  log: { warn(text: string): void; error(text: string): void; info(text: string): void };
  /** For log lines: the model shown. */
  label(): string;
  /**
   * The panel's session and the model it is bound to (throws when the model or schema is gone), with the
   * options for totals (production: estimates).
   */
  current(): Promise<{ session: DataSession; meta: ModelMeta; totals?: { estimateFrom?: number } }>;
  /** Another model of the same schema (the relation picker's related model); throws when it is not there. */
  relatedMeta(model: string): Promise<ModelMeta>;
  /** The rows this panel sent: saves are conditional on them, never on the webview's copy. */
  originals: RowOriginals;
  readOnly(): Promise<{ readOnly: boolean; forced: boolean }>;
  /** Undefined when the deletes may go ahead; else why nothing is saved. */
  confirmDeletes(meta: ModelMeta, request: SaveRequest): Promise<string | undefined>;
  panelAction(message: PanelAction): Promise<void>;
}

const text = errorText;

export class GridRequests {
  private fetchQueue: Promise<void> = Promise.resolve();

  constructor(private readonly ports: GridPorts) {}

  /** Handles one message as the webview sent it. Never rejects: every failure is answered with an `error`. */
  async handle(raw: unknown): Promise<void> {
    let message: WebviewMessage;
    try {
      message = parseWebviewMessage(raw);
    } catch (e) {
      this.ports.log.warn(`grid ${this.ports.label()}: refused a message from the webview: ${text(e)}`);
      this.ports.post({ type: 'error', message: `Refused a malformed message (${text(e)}).` });
      return;
    }
    const requestId = 'requestId' in message ? message.requestId : undefined;
    try {
      await this.dispatch(message);
    } catch (e) {
      const stack = errorStack(e);
      this.ports.log.error(`grid ${this.ports.label()}: ${message.type} failed: ${stack}`);
      // the log keeps Prisma's whole message; the grid shows the database's words
      this.ports.post({
        type: 'error',
        ...(requestId !== undefined ? { requestId } : {}),
        message: text(plainErrorText(e instanceof Error ? e.message : String(e))),
      });
    }
  }

  private async dispatch(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'fetch':
        return this.fetch(message);
      case 'count': {
        const { session, meta, totals } = await this.ports.current();
        const t0 = performance.now();
        const { total, estimated } = await session.total(meta, message.query, {
          exact: message.exact === true,
          ...totals,
        });
        const ms = Math.round(performance.now() - t0);
        this.ports.post({
          type: 'count',
          requestId: message.requestId,
          total,
          ms,
          ...(estimated ? { estimated } : {}),
        });
        return;
      }
      case 'save':
        return this.save(message);
      case 'pickRelated':
        return this.pickRelated(message);
      case 'openRelated':
      case 'warm': {
        // only a model this one has a relation with: a foreign key's target or a back relation's source
        const { meta } = await this.ports.current();
        if (
          !meta.columns.some((c) => c.references?.model === message.model) &&
          !meta.backRelations.some((r) => r.model === message.model)
        )
          throw new Error(`${meta.name} has no relation to ${message.model}.`);
        return this.ports.panelAction(message);
      }
      default:
        return this.ports.panelAction(message);
    }
  }

  /** One page at a time: the next page then starts from the keyset anchor the previous one left. */
  private async fetch(message: Extract<WebviewMessage, { type: 'fetch' }>): Promise<void> {
    const turn = this.fetchQueue;
    let release!: () => void;
    this.fetchQueue = new Promise<void>((r) => {
      release = r;
    });
    await turn;
    try {
      const { session, meta } = await this.ports.current();
      const t0 = performance.now();
      const rows = await session.page(meta, message.query, message.start, message.count, this.ports.originals);
      const ms = Math.round(performance.now() - t0);
      this.ports.post({ type: 'rows', requestId: message.requestId, start: message.start, rows, ms });
    } finally {
      release();
    }
  }

  /** A page of the rows a foreign-key cell can point at; only a foreign key of the panel's model. */
  private async pickRelated(message: Extract<WebviewMessage, { type: 'pickRelated' }>): Promise<void> {
    const { session, meta } = await this.ports.current();
    const options = {
      search: message.search,
      ...(message.after ? { after: message.after } : {}),
      count: message.count,
      dialect: dialectOf(session.provider),
      nulls: session.nulls,
    };
    const fk = relationOf(meta, message.column)?.model;
    const list = [...meta.backRelations.filter((r) => r.list), ...(meta.manyToMany ?? [])].find(
      (r) => r.name === message.column,
    )?.model;
    if (!fk && !list) throw new Error(`${meta.name}.${message.column} is not a foreign key or a list relation.`);
    const related = await this.ports.relatedMeta((fk ?? list)!);
    const t0 = performance.now();
    const read = (part?: 'exact' | 'rest') =>
      fk
        ? pickRelated(session, meta, message.column, related, { ...options, ...(part ? { part } : {}) })
        : pickLinkable(session, meta, message.column, related, {
            ...options,
            ...(part ? { part } : {}),
            ...(message.linkedTo ? { linkedTo: message.linkedTo } : {}),
          });
    const post = (page: { rows: RelatedRow[]; next?: WireRow }, partial = false) =>
      this.ports.post({
        type: 'related',
        requestId: message.requestId,
        column: message.column,
        model: related.name,
        rows: page.rows,
        ...(page.next ? { next: page.next } : {}),
        ...(partial ? { partial: true } : {}),
        ms: Math.round(performance.now() - t0),
      });
    // a search's first page: the rows it names exactly (an id typed, an index finds them) go first, at
    // once, while the rest of the page is read (a text search may scan); the rest never repeats them
    if (!message.after && exactSearch(related, message.search)) {
      // asked first: on SQLite's one connection the rest would otherwise be read before it
      const exactRows = read('exact');
      const rest = read('rest');
      rest.catch(() => undefined); // awaited below; not unhandled while the exact rows are read
      const exact = await exactRows;
      if (exact.rows.length) post(exact, true);
      post(await rest);
      return;
    }
    post(await read());
  }

  private async save(message: Extract<WebviewMessage, { type: 'save' }>): Promise<void> {
    const { session, meta } = await this.ports.current();
    const refuse = (kind: 'update' | 'delete' | 'link', why: string) =>
      this.ports.post({
        type: 'saved',
        requestId: message.requestId,
        result: { ok: false, conflicts: [], errors: [{ kind, index: -1, message: why }] },
      });
    // the generated client has no writes for a view (only find*/count): say so instead of failing inside Prisma
    if (meta.view)
      return refuse(
        'update',
        `${meta.name} is a view: Prisma Client only reads views, so the grid does not save to it.`,
      );
    const ro = await this.ports.readOnly();
    if (ro.readOnly)
      return refuse(
        'update',
        ro.forced
          ? 'This database is marked production: the grid is read-only.'
          : 'The grid is read-only. Turn read-only off to save.',
      );
    const refusal = await this.ports.confirmDeletes(meta, message.request);
    if (refusal) return refuse('delete', refusal);
    let links: LinkWrite[] = [];
    if (message.request.links?.length) {
      // the related models of the list relations named (only this model's), then every link checked
      const names = new Set(
        message.request.links.flatMap((l) => [
          ...meta.backRelations.filter((r) => r.name === l.relation).map((r) => r.model),
          ...(meta.manyToMany ?? []).filter((r) => r.name === l.relation).map((r) => r.model),
        ]),
      );
      const related = new Map<string, ModelMeta>();
      for (const name of names) related.set(name, await this.ports.relatedMeta(name));
      try {
        links = planLinks(meta, message.request.links, (name) => related.get(name)!, session.nulls);
      } catch (e) {
        return refuse('link', `Nothing was saved: ${text(e)}`);
      }
    }
    const result = await session.save(meta, message.request, this.ports.originals, links);
    if (result.ok)
      this.ports.log.info(
        `grid ${this.ports.label()}: saved ${result.updated} update(s), ${result.inserted} insert(s), ${result.deleted} delete(s) in ${result.ms} ms`,
      );
    this.ports.post({ type: 'saved', requestId: message.requestId, result });
  }
}
