// "Load more rows" under a result the host can page (it carries a resultId): the renderer asks the host for
// the next page through renderer messaging (LoadRowsRequest), the host runs the statement again read-only and
// answers with those rows, which are appended to the table with the first page's column types. A run that
// stopped after its page ("1,000+ rows") offers the next 1,000 until a page comes back with the end.
import type { LoadRowsReply, LoadRowsRequest, QueryResult } from '../../src/shared/protocol/queryResult';
import { pagedSummary, resultTable, type TableCell } from './resultTable';

/** Rows asked for per click. */
export const PAGE_ROWS = 1000;

interface Messaging {
  postMessage?(message: unknown): void;
  onDidReceiveMessage?(listener: (message: unknown) => void): { dispose(): void };
}

export function bodyRow(cells: TableCell[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.className = [c.numeric ? 'pw-num' : '', c.isNull ? 'pw-null' : ''].join(' ').trim();
    td.textContent = c.text;
    if (c.title) td.title = c.title;
    tr.append(td);
  }
  return tr;
}

const isReply = (m: unknown): m is LoadRowsReply =>
  typeof m === 'object' &&
  m !== null &&
  ((m as LoadRowsReply).type === 'rows' || (m as LoadRowsReply).type === 'rowsFailed');

/** A maker of Load-more buttons, or undefined when the host does not listen. */
export function pager(context: Messaging) {
  const { postMessage, onDidReceiveMessage } = context;
  if (!postMessage || !onDidReceiveMessage) return undefined;
  const waiting = new Map<number, (reply: LoadRowsReply) => void>();
  let next = 1;
  onDidReceiveMessage.call(context, (m) => {
    if (!isReply(m)) return;
    waiting.get(m.requestId)?.(m);
    waiting.delete(m.requestId);
  });
  return (first: QueryResult, body: HTMLTableSectionElement, summary: HTMLElement): HTMLElement => {
    const box = document.createElement('div');
    const button = document.createElement('button');
    const error = document.createElement('div');
    error.className = 'pw-error';
    let shown = first.rows.length;
    let total = first.rowCount;
    // the run stopped after its page: there are more rows, how many is not known until the last page
    let more = first.moreRows === true;
    const label = () => {
      const left = more ? PAGE_ROWS : total - shown;
      button.textContent = `Load ${Math.min(PAGE_ROWS, left).toLocaleString('en-US')} more rows`;
      button.hidden = left <= 0;
    };
    label();
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = 'Loading…';
      error.textContent = '';
      const requestId = next++;
      waiting.set(requestId, (reply) => {
        button.disabled = false;
        if (reply.type === 'rowsFailed') {
          error.textContent = reply.message;
          label();
          return;
        }
        const page = resultTable({ ...reply.result, columns: first.columns });
        for (const row of page.body) body.append(bodyRow(row));
        shown += reply.result.rows.length;
        total = reply.result.rowCount;
        more = reply.result.moreRows === true;
        summary.textContent = pagedSummary(first, shown, total, more);
        label();
      });
      const request: LoadRowsRequest = {
        type: 'loadRows',
        requestId,
        resultId: first.resultId!,
        offset: shown,
        limit: PAGE_ROWS,
      };
      postMessage.call(context, request);
    });
    box.append(button, error);
    return box;
  };
}
