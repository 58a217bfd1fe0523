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

/** The rows of the file again, in batches, in order (a file is read again; an array is sliced). */
export type RowBatches = () =>
  AsyncIterable<readonly Record<string, unknown>[]> | Iterable<readonly Record<string, unknown>[]>;

/** Most row numbers kept for the report (the rest are counted). */
const ROWS_KEPT = 1000;

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

/** Rows of the file (1-based) whose `column` value `hit` says is behind the failure: the first ROWS_KEPT, and how many in all. */
async function rowsWhere(
  batches: RowBatches,
  column: ColumnMeta,
  lookup: (values: readonly unknown[]) => Promise<(v: unknown) => boolean>,
): Promise<{ rows: number[]; total: number }> {
  const rows: number[] = [];
  let total = 0;
  let offset = 0;
  for await (const batch of batches()) {
    for (let i = 0; i < batch.length; i += BATCH) {
      const slice = batch.slice(i, i + BATCH);
      const hit = await lookup(slice.map((r) => r[column.name]));
      slice.forEach((r, j) => {
        const v = r[column.name];
        if (v === null || v === undefined || !hit(v)) return;
        total++;
        if (rows.length < ROWS_KEPT) rows.push(offset + i + j + 1);
      });
    }
    offset += batch.length;
  }
  return { rows, total };
}

/**
 * The 1-based rows of the file behind a failed import and the column they fail on, or undefined when the
 * error is not one we can trace (another code, a constraint over several columns). SQLite does not name
 * the column of a foreign-key failure: then every relation column of the model is tried. The file is read
 * again in batches (`batches`), so this works on a file of any size; the first 1,000 rows are listed.
 */
export async function rowsBehindImportFailure(
  reader: RowReader,
  model: ModelMeta,
  failure: { code?: string; column?: string },
  batches: RowBatches,
): Promise<{ column: ColumnMeta; rows: number[]; total: number } | undefined> {
  if (failure.code === 'P2002') {
    const column = model.columns.find((c) => c.name === failure.column);
    if (!column) return undefined;
    const found = await rowsWhere(batches, column, async (values) => {
      const { exact } = await present(reader, model.name, column.name, values);
      return (v) => exact.has(keyOf(v));
    });
    if (found.total) return { column, ...found };
    // a case-insensitive collation (MySQL's default) holds `A@x` where the file has `a@x`
    return {
      column,
      ...(await rowsWhere(batches, column, async (values) => {
        const { folded } = await present(reader, model.name, column.name, values);
        return (v) => folded.has(keyOf(v).toLowerCase());
      })),
    };
  }
  if (failure.code === 'P2003') {
    const candidates = model.columns.filter(
      (c) => c.references && (failure.column === undefined || c.name === failure.column),
    );
    for (const column of candidates) {
      const ref = column.references!;
      const found = await rowsWhere(batches, column, async (values) => {
        const { exact, folded } = await present(reader, ref.model, ref.field, values);
        return (v) => !exact.has(keyOf(v)) && !folded.has(keyOf(v).toLowerCase());
      });
      if (found.total) return { column, ...found };
    }
  }
  return undefined;
}

/** "rows 3, 7, 12 and 4 more" (`total`: how many in all, when only the first are listed) */
export function rowList(rows: readonly number[], shown = 5, total = rows.length): string {
  const head = rows.slice(0, shown).join(', ');
  const more = total - Math.min(shown, rows.length);
  return more > 0 ? `rows ${head} and ${more} more` : total === 1 ? `row ${head}` : `rows ${head}`;
}
