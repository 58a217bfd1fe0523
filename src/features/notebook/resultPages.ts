// Results past the first 1,000 rows: a read-only cell's result carries an id; the renderer asks for the next
// page through renderer messaging and the host runs the statement again, read-only and rolled back, keeping
// the rows of that page (the grid pages the same way: the host owns the data, the view shows a window).
// A writing cell's result gets no id: it never runs twice. The same source serves Export.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { QueryResult } from '../../core/notebook/queryResult';
import type { SqlProvider } from '../../core/notebook/runQuery';
import { runQuery } from './lazyRunQuery';
import { maskSecrets } from '../../core/util/maskSecrets';
import {
  isExplainStatementRequest,
  isLoadRowsRequest,
  type ExplainStatementRequest,
  type LoadRowsReply,
} from '../../shared/protocol/queryResult';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import { queryTimeoutMs } from './sqlController';

export const RESULT_RENDERER_ID = 'prismaWorkbench.queryResult';
/** Results remembered for paging (the oldest is forgotten first). */
const KEPT = 100;

export interface ResultSource {
  provider: SqlProvider;
  url: string;
  sql: string;
  /** The values bound to its placeholders (a TypedSQL query's). */
  params?: readonly unknown[];
  label: string;
}

export class ResultPages extends Disposable {
  private readonly sources = new Map<string, ResultSource>();
  private readonly explainRequested = this.register(
    new vscode.EventEmitter<{ editor: vscode.NotebookEditor; request: ExplainStatementRequest }>(),
  );
  /** The renderer's *Explain* on a statement a Prisma Client cell ran (checked by the listener: see explainCell). */
  readonly onExplainRequested = this.explainRequested.event;

  constructor(private readonly log: Log) {
    super();
    const messaging = vscode.notebooks.createRendererMessaging(RESULT_RENDERER_ID);
    this.register(
      messaging.onDidReceiveMessage(({ editor, message }) => {
        if (isExplainStatementRequest(message)) this.explainRequested.fire({ editor, request: message });
        if (!isLoadRowsRequest(message)) return; // the host trusts nothing from a renderer
        void this.answer(message.resultId, message.offset, message.limit, message.requestId).then((reply) =>
          messaging.postMessage(reply, editor),
        );
      }),
    );
  }

  /** Remembers a read-only result's statement and gives the id its output carries. */
  remember(source: ResultSource): string {
    const id = randomUUID();
    this.sources.set(id, source);
    while (this.sources.size > KEPT) this.sources.delete(this.sources.keys().next().value!);
    return id;
  }

  source(id: string): ResultSource | undefined {
    return this.sources.get(id);
  }

  /** Runs the statement again (read-only) and keeps `limit` rows from `offset`. */
  async page(id: string, offset: number, limit: number, signal?: AbortSignal): Promise<QueryResult> {
    const source = this.sources.get(id);
    if (!source)
      throw new Error(
        'This result is no longer kept (a newer run replaced it, or the window reloaded): run the cell again.',
      );
    const result = await runQuery(source.provider, source.url, source.sql, {
      writes: false,
      timeoutMs: queryTimeoutMs(),
      maxRows: limit,
      skipRows: offset,
      ...(source.params ? { params: source.params } : {}),
      ...(signal ? { signal } : {}),
    });
    this.log.info(
      `notebook result page on ${source.label}: rows ${offset + 1}–${offset + result.rows.length} of ${result.rowCount}${result.moreRows ? '+' : ''}`,
    );
    return { ...result, resultId: id };
  }

  private async answer(resultId: string, offset: number, limit: number, requestId: number): Promise<LoadRowsReply> {
    try {
      return { type: 'rows', requestId, resultId, result: await this.page(resultId, offset, limit) };
    } catch (e) {
      return {
        type: 'rowsFailed',
        requestId,
        resultId,
        message: maskSecrets(e instanceof Error ? e.message : String(e)),
      };
    }
  }
}
