// The notebook renderer for query results (package.json contributes.notebookRenderer): a table in the
// output, themed with --vscode-* variables only. Loaded by VS Code as an ES module.
import { isQueryPlan, QUERY_PLAN_MIME } from '../../src/shared/protocol/queryPlan';
import { renderPlan } from './planTree';
import { bodyRow, pager } from './pager';
import { isQueryResult, resultTable } from './resultTable';
import type { ExplainStatementRequest, StatementRun } from '../../src/shared/protocol/queryResult';

/** The parts of VS Code's renderer API this renderer uses (vscode-notebook-renderer's types). */
interface OutputItem {
  readonly mime: string;
  json(): unknown;
}
interface RendererContext {
  readonly workspace?: { readonly isTrusted: boolean };
  /** Present when the host listens (package.json `requiresMessaging: optional`). */
  postMessage?(message: unknown): void;
  onDidReceiveMessage?(listener: (message: unknown) => void): { dispose(): void };
}

const css = `
.pw-result { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.pw-result .pw-scroll { max-height: 420px; overflow: auto; border: 1px solid var(--vscode-panel-border, transparent); }
.pw-result table { border-collapse: collapse; }
.pw-result th, .pw-result td { padding: 2px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, transparent); white-space: pre; text-align: left; }
.pw-result th { position: sticky; top: 0; background: var(--vscode-editor-background); color: var(--vscode-foreground); font-weight: 600; }
.pw-result th .pw-type { color: var(--vscode-descriptionForeground); font-weight: normal; margin-left: 6px; }
.pw-result td.pw-num { text-align: right; font-variant-numeric: tabular-nums; }
.pw-result td.pw-null { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); font-style: italic; }
.pw-result .pw-summary { color: var(--vscode-descriptionForeground); margin-top: 4px; }
.pw-result button { margin-top: 4px; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 2px 10px; cursor: pointer; }
.pw-result button:hover { background: var(--vscode-button-hoverBackground); }
.pw-result button:disabled { opacity: 0.6; cursor: default; }
.pw-result .pw-error { color: var(--vscode-errorForeground); margin-top: 4px; }
.pw-result .pw-sql { margin-top: 4px; }
.pw-result .pw-sql pre { margin: 2px 0 0; white-space: pre-wrap; }
.pw-result .pw-sql .pw-detail { color: var(--vscode-descriptionForeground); margin-bottom: 4px; }
.pw-result .pw-sql .pw-explain { margin: 0 0 0 8px; padding: 0 8px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The SQL a Prisma Client cell produced, folded under the result; each statement with *Explain* when the host
 * listens (the plan is added to the cell's outputs).
 */
function sqlList(
  sql: { query: string; detail: string }[],
  statements: StatementRun[],
  post: ((m: ExplainStatementRequest) => void) | undefined,
): HTMLElement {
  const details = el('details', 'pw-sql');
  details.append(
    el('summary', undefined, `SQL the client ran (${sql.length} statement${sql.length === 1 ? '' : 's'})`),
  );
  sql.forEach((s, i) => {
    details.append(el('pre', undefined, s.query));
    const detail = el('div', 'pw-detail', s.detail);
    const run = statements[i];
    if (post && run) {
      const explain = el('button', 'pw-explain', 'Explain');
      explain.title = 'The plan of this statement, with its parameters (read-only, rolled back)';
      explain.addEventListener('click', () => post({ type: 'explainStatement', query: run.query, params: run.params }));
      detail.append(' ', explain);
    }
    details.append(detail);
  });
  return details;
}

export function activate(context: RendererContext) {
  const more = pager(context);
  const post = context.postMessage ? (m: ExplainStatementRequest) => context.postMessage!.call(context, m) : undefined;
  return {
    renderOutputItem(item: OutputItem, element: HTMLElement): void {
      element.replaceChildren();
      const value = item.json();
      if (item.mime === QUERY_PLAN_MIME) {
        if (isQueryPlan(value)) element.append(renderPlan(value));
        else element.textContent = 'This output is not a query plan this version of Prisma Workbench can show.';
        return;
      }
      if (!isQueryResult(value)) {
        element.textContent = 'This output is not a query result this version of Prisma Workbench can show.';
        return;
      }
      const t = resultTable(value);
      const root = el('div', 'pw-result');
      root.append(el('style', undefined, css));
      if (t.head.length > 0) {
        const scroll = el('div', 'pw-scroll');
        const table = el('table');
        const headRow = el('tr');
        for (const h of t.head) {
          const th = el('th', undefined, h.name);
          th.append(el('span', 'pw-type', h.type));
          headRow.append(th);
        }
        table.append(el('thead'));
        table.tHead!.append(headRow);
        const body = el('tbody');
        for (const row of t.body) body.append(bodyRow(row));
        table.append(body);
        scroll.append(table);
        root.append(scroll);
      }
      const summary = el('div', 'pw-summary', t.summary);
      root.append(summary);
      const tbody = root.querySelector('tbody');
      if (tbody && value.truncated && value.resultId && more) root.append(more(value, tbody, summary));
      if (t.sql.length > 0) root.append(sqlList(t.sql, value.statements ?? [], post));
      element.append(root);
    },
  };
}
