// A query result -> what the table shows: header cells, body cells with the grid's exact formatting
// (webview/grid/format.ts display()), NULL marked apart from an empty string, and the summary line.
// No DOM here, so it is tested in plain Node.
import { display } from '../grid/format';
import type { ColumnMeta } from '../../src/shared/protocol/model';
import { summary, type QueryResult } from '../../src/shared/protocol/queryResult';

export interface TableCell {
  text: string;
  /** A database NULL (shown dimmed), as opposed to the text "NULL" or an empty string. */
  isNull: boolean;
  /** Numbers align right. */
  numeric: boolean;
  /** The full value, for the cell's tooltip, when display() shortened it. */
  title?: string;
}

export interface ResultTable {
  head: { name: string; type: string }[];
  body: TableCell[][];
  summary: string;
  /** A Prisma Client cell: the SQL its code produced, each with its parameters and time. */
  sql: { query: string; detail: string }[];
}

const numericTypes = new Set(['Int', 'BigInt', 'Float', 'Decimal']);

export function resultTable(r: QueryResult): ResultTable {
  const metas: ColumnMeta[] = r.columns.map((c) => ({ name: c.name, type: c.type }) as ColumnMeta);
  return {
    head: r.columns.map((c) => ({ name: c.name, type: c.type })),
    body: r.rows.map((row) =>
      row.map((v, i) => {
        const text = display(v, metas[i]);
        const full = v === null ? 'NULL' : String(v);
        return {
          text,
          isNull: v === null,
          numeric: numericTypes.has(metas[i].type),
          ...(full !== text ? { title: full } : {}),
        };
      }),
    ),
    summary:
      summary(r) +
      (r.truncated && !r.resultId
        ? '. Only these rows are kept: a writing cell or a Prisma Client cell runs once (run the statement as a read-only SQL cell to page through all rows).'
        : ''),
    sql: (r.statements ?? []).map((s) => ({
      query: s.query,
      detail: `${s.params && s.params !== '[]' ? `parameters ${s.params}, ` : ''}${Math.round(s.durationMs)} ms`,
    })),
  };
}

/**
 * "2,000 of 5,000 shown (later pages read again from the database, read-only)", or, while the end is not
 * reached (`more`), "2,000 of 2,000+ shown …".
 */
export function pagedSummary(first: QueryResult, shown: number, total: number, more = false): string {
  const base = summary({ ...first, rows: first.rows.slice(0, 0), truncated: false, rowCount: total, moreRows: more });
  return `${base}; ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}${more ? '+' : ''} shown${
    shown > first.rows.length ? ' (later pages read again from the database, read-only)' : ''
  }`;
}

/** Whether a value read from an output is a QueryResult (the renderer draws nothing it cannot read). */
export function isQueryResult(v: unknown): v is QueryResult {
  const r = v as QueryResult;
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(r.columns) &&
    Array.isArray(r.rows) &&
    typeof r.rowCount === 'number' &&
    typeof r.durationMs === 'number'
  );
}
