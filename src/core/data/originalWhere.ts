// The condition that makes a grid write conditional: the row's key AND the values the host sent for it,
// so the UPDATE / DELETE itself finds nothing when another session changed the row since it was read
// (checked by the affected-row count). What is compared, and how exactly:
// - NULL as IS NULL (a Json column's database NULL as Prisma's DbNull, distinct from a JSON null);
// - Int, BigInt, Boolean, Enum, String, Bytes, Float and Decimal by equality: the wire value is the exact
//   database value (Decimal as its full decimal text, compared numerically by the database);
// - Json by the database's Json equality (PostgreSQL jsonb, MySQL JSON; by meaning, not spacing);
// - DateTime within its millisecond: Prisma Client reads DateTime as a JavaScript Date, so a microsecond
//   column (timestamptz(6), DATETIME(6)) holds digits the grid never saw; equality would refuse every save
//   of such a row, a [ms, ms + 1) range accepts the value the grid saw and refuses any other millisecond;
// - scalar lists by equality, except DateTime[] and Json[] (same precision limits, rare): left out; an empty
//   list as "is empty", which a NULL array (read by Prisma as []) also is;
// Where Prisma cannot compare a type exactly (SQLite keeps Json as text, where equality would compare
// spacing), the column is left out here and compared in JavaScript inside the same transaction: SQLite
// serialises writers, so that read cannot be overtaken before the write.
import type { ColumnMeta, ModelMeta, WireRow } from '../../shared/protocol/model';
import { decodeValue, type PrismaNulls } from './codec';
import type { DataProvider } from './schemaCopy';
import type { Where } from './query';

/** Whether `column` goes into the write's WHERE on `provider` (else it is compared in the transaction). */
export function comparedInWhere(column: ColumnMeta, provider: DataProvider): boolean {
  if (column.list) return column.type !== 'DateTime' && column.type !== 'Json';
  if (column.type === 'Json') return provider !== 'sqlite';
  return true;
}

export function originalWhere(model: ModelMeta, original: WireRow, provider: DataProvider, nulls: PrismaNulls): Where {
  const parts: Where[] = [];
  for (const c of model.columns) {
    const wire = original[c.name];
    if (wire === undefined || !comparedInWhere(c, provider)) continue;
    if (c.list) {
      if (wire === null) continue;
      const items = decodeValue(wire, c, nulls, true) as unknown[];
      // Prisma reads a NULL array (PostgreSQL's `TEXT[]` left unset) as []: the empty list matches either
      parts.push(
        items.length === 0
          ? { OR: [{ [c.name]: { isEmpty: true } }, { [c.name]: { equals: null } }] }
          : { [c.name]: { equals: items } },
      );
      continue;
    }
    if (wire === null) {
      parts.push({ [c.name]: c.type === 'Json' ? { equals: nulls.DbNull } : null });
      continue;
    }
    const value = decodeValue(wire, c, nulls, true);
    if (c.type === 'DateTime' && value instanceof Date) {
      parts.push({ [c.name]: { gte: value, lt: new Date(value.getTime() + 1) } });
    } else if (c.type === 'Json') {
      parts.push({ [c.name]: { equals: value } });
    } else {
      parts.push({ [c.name]: value });
    }
  }
  return parts.length === 0 ? {} : { AND: parts };
}
