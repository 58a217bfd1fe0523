// The database schema as the migrations before the one being linted leave it: tables, columns, indexes,
// foreign keys and (PostgreSQL) enums. Built by replaying the parsed statements; good enough to know
// a column's previous type, whether a table is new, and which columns are indexed.
import type { ColumnDef, ForeignKeyDef, IndexDef } from './parse';

export interface TableState {
  columns: Map<string, ColumnDef>;
  indexes: IndexDef[];
  primaryKey: string[];
  foreignKeys: ForeignKeyDef[];
}

export class SchemaState {
  readonly tables = new Map<string, TableState>();
  readonly enums = new Map<string, string[]>();

  clone(): SchemaState {
    const s = new SchemaState();
    for (const [name, t] of this.tables) {
      s.tables.set(name, { columns: new Map(t.columns), indexes: [...t.indexes], primaryKey: [...t.primaryKey], foreignKeys: [...t.foreignKeys] });
    }
    for (const [name, v] of this.enums) s.enums.set(name, [...v]);
    return s;
  }

  /** Is the column the first column of some index (or of the primary key)? */
  isIndexed(table: string, columns: readonly string[]): boolean {
    const t = this.tables.get(table);
    if (!t) return false;
    const covers = (cols: readonly string[]) => columns.every((c, i) => cols[i] === c);
    return covers(t.primaryKey) || t.indexes.some((ix) => covers(ix.columns));
  }
}
