// When an import fails on the database's side, the error names a constraint, not a line of the file. After
// the rollback, a read-only pass finds the rows of the file that caused it: for a unique violation (P2002)
// the rows whose value the table already holds, for a foreign key (P2003) the rows whose value matches no
// related record. Reads go through the client (`in` filters, in batches), never SQL text.
import type { ColumnMeta, ModelMeta } from '../../shared/protocol/model';
import type { RowReader } from './dataSession';

const BATCH = 1000;

/** A value as the client gives it back, comparable with the one written (Date, Decimal, Buffer, BigInt…). */
function keyOf(v: unknown): string {
  if (v instanceof Date) return `d:${v.toISOString()}`;
  if (v instanceof Uint8Array) return `b:${Buffer.from(v).toString('base64')}`;
  return `v:${String(v)}`;
}

async function present(
  reader: RowReader,
  model: string,
  field: string,
  values: readonly unknown[],
): Promise<{ exact: Set<string>; folded: Set<string> }> {
  const exact = new Set<string>();
  const folded = new Set<string>();
  const distinct = [...new Map(values.filter((v) => v !== null && v !== undefined).map((v) => [keyOf(v), v])).values()];
  for (let i = 0; i < distinct.length; i += BATCH) {
    const rows = await reader.find(model, { [field]: { in: distinct.slice(i, i + BATCH) } }, { [field]: true });
    for (const r of rows) {
      exact.add(keyOf(r[field]));
      folded.add(keyOf(r[field]).toLowerCase());
    }
  }
  return { exact, folded };
}

/**
 * The 1-based rows of `data` behind a failed import and the column they fail on, or undefined when the
 * error is not one we can trace (another code, a constraint over several columns). SQLite does not name
 * the column of a foreign-key failure: then every relation column the file gives is tried.
 */
export async function rowsBehindImportFailure(
  reader: RowReader,
  model: ModelMeta,
  failure: { code?: string; column?: string },
  data: readonly Record<string, unknown>[],
): Promise<{ column: ColumnMeta; rows: number[] } | undefined> {
  const given = (c: ColumnMeta) => data.some((r) => r[c.name] !== undefined && r[c.name] !== null);
  const rowsWhere = (c: ColumnMeta, hit: (v: unknown) => boolean) =>
    data.flatMap((r, i) => (r[c.name] !== null && r[c.name] !== undefined && hit(r[c.name]) ? [i + 1] : []));
  if (failure.code === 'P2002') {
    const column = model.columns.find((c) => c.name === failure.column);
    if (!column) return undefined;
    const { exact, folded } = await present(
      reader,
      model.name,
      column.name,
      data.map((r) => r[column.name]),
    );
    const rows = rowsWhere(column, (v) => exact.has(keyOf(v)));
    // a case-insensitive collation (MySQL's default) holds `A@x` where the file has `a@x`
    return { column, rows: rows.length ? rows : rowsWhere(column, (v) => folded.has(keyOf(v).toLowerCase())) };
  }
  if (failure.code === 'P2003') {
    const candidates = model.columns.filter(
      (c) => c.references && (failure.column === undefined ? given(c) : c.name === failure.column),
    );
    for (const column of candidates) {
      const ref = column.references!;
      const { exact, folded } = await present(
        reader,
        ref.model,
        ref.field,
        data.map((r) => r[column.name]),
      );
      const rows = rowsWhere(column, (v) => !exact.has(keyOf(v)) && !folded.has(keyOf(v).toLowerCase()));
      if (rows.length) return { column, rows };
    }
  }
  return undefined;
}

/** "rows 3, 7, 12 and 4 more" */
export function rowList(rows: readonly number[], shown = 5): string {
  const head = rows.slice(0, shown).join(', ');
  return rows.length > shown
    ? `rows ${head} and ${rows.length - shown} more`
    : rows.length === 1
      ? `row ${head}`
      : `rows ${head}`;
}
