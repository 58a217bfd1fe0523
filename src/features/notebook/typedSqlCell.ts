// A query notebook cell that holds a TypedSQL query (made by Run on a `prisma/sql/*.sql` file) carries the
// texts given for its parameters in its metadata (`typedSql.values`), so that running it again binds them.
import type * as vscode from 'vscode';
import { isTypedSqlRun, type TypedSqlRun } from '../../core/notebook/runHistory';

/** `typedSql` in a cell's metadata: the `.sql` file (a URI string) and one text per parameter, in order. */
export type TypedSqlCellMetadata = TypedSqlRun;

const metaOf = (cell: vscode.NotebookCell): unknown => (cell.metadata as { typedSql?: unknown } | undefined)?.typedSql;

export function typedSqlValues(cell: vscode.NotebookCell): string[] | undefined {
  const meta = metaOf(cell);
  if (typeof meta !== 'object' || meta === null) return undefined;
  const values = (meta as { values?: unknown }).values;
  return Array.isArray(values) && values.every((v) => typeof v === 'string') ? values : undefined;
}

/** The cell's TypedSQL file and values, for its history entry (a rerun binds the same values). */
export function typedSqlRunOf(cell: vscode.NotebookCell): TypedSqlRun | undefined {
  const meta = metaOf(cell);
  return isTypedSqlRun(meta) ? { file: meta.file, values: [...meta.values] } : undefined;
}
