// A query notebook cell that holds a TypedSQL query (made by Run on a `prisma/sql/*.sql` file) carries the
// texts given for its parameters in its metadata (`typedSql.values`), so that running it again binds them.
import type * as vscode from 'vscode';

export interface TypedSqlCellMetadata {
  /** The `.sql` file the query came from (a URI string). */
  file: string;
  /** One text per parameter, in position order, as the user typed it. */
  values: string[];
}

export function typedSqlValues(cell: vscode.NotebookCell): string[] | undefined {
  const meta = (cell.metadata as { typedSql?: unknown } | undefined)?.typedSql;
  if (typeof meta !== 'object' || meta === null) return undefined;
  const values = (meta as { values?: unknown }).values;
  return Array.isArray(values) && values.every((v) => typeof v === 'string') ? values : undefined;
}
