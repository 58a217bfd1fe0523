// The database schema as the migrations before the one being linted leave it: tables, columns, indexes,
// foreign keys and (PostgreSQL) enums. Built by replaying the parsed statements; good enough to know
// a column's previous type, whether a table is new, and which columns are indexed.
//
// Structural sharing: `clone()` copies only the two name maps; the table objects stay shared with the
// state they came from until one is changed, and `mutable(name)` copies just that table first. Linting
// 200 migrations therefore costs per migration what the migration touches, not the whole schema again
// (a deep copy per migration was 80% of the lint of a long history). A directory lint goes further and
// lints each migration on the same state (`beginStep`), remembering only what the tables touched looked
// like before it. Nothing may change `tables` or a table got from it directly: use `mutable`/`put`/`drop`.
import type { ColumnDef, ForeignKeyDef, IndexDef } from './parse';

export interface TableState {
  readonly columns: Map<string, ColumnDef>;
  indexes: IndexDef[];
  readonly primaryKey: string[];
  readonly foreignKeys: ForeignKeyDef[];
}

export class SchemaState {
  readonly tables: Map<string, TableState>;
  /** Enum values by type name; the arrays are never changed in place (replaced instead). */
  readonly enums: Map<string, readonly string[]>;
  /** The tables this state made or copied in this step, which it may change in place. */
  private owned = new WeakSet<TableState>();
  /** Names written in this step, with their table when it began (undefined: there was none). */
  private touched = new Map<string, TableState | undefined>();
  /**
   * Index name -> tables that were given an index of that name (may name tables that no longer have it:
   * tablesWithIndex checks). DROP INDEX looks here instead of walking every table of a long history.
   */
  private readonly indexHomes: Map<string, Set<string>>;

  constructor(from?: SchemaState) {
    this.tables = new Map(from?.tables);
    this.enums = new Map(from?.enums);
    this.indexHomes = new Map(from?.indexHomes);
  }

  clone(): SchemaState {
    return new SchemaState(this);
  }

  /** Starts the next migration on this state: tables made so far become read-only (copied on write). */
  beginStep(): void {
    this.owned = new WeakSet();
    this.touched = new Map();
  }

  /** The table as it was when the step began. */
  tableBefore(name: string): TableState | undefined {
    return this.touched.has(name) ? this.touched.get(name) : this.tables.get(name);
  }

  /** Adds (or replaces) a table this state owns. */
  put(name: string, table: TableState): void {
    this.remember(name);
    this.owned.add(table);
    this.tables.set(name, table);
    for (const ix of table.indexes) this.noteIndex(name, ix);
  }

  /** Adds an index to a known table (copied first if shared). */
  addIndex(table: string, index: IndexDef): void {
    const t = this.mutable(table);
    if (!t) return;
    t.indexes.push(index);
    this.noteIndex(table, index);
  }

  /** Tables that have an index of this name now. */
  tablesWithIndex(indexName: string): string[] {
    return [...(this.indexHomes.get(indexName) ?? [])].filter((t) =>
      this.tables.get(t)?.indexes.some((ix) => ix.name === indexName),
    );
  }

  private noteIndex(table: string, index: IndexDef): void {
    if (index.name === undefined) return;
    let homes = this.indexHomes.get(index.name);
    if (!homes) this.indexHomes.set(index.name, (homes = new Set()));
    homes.add(table);
  }

  drop(name: string): void {
    this.remember(name);
    this.tables.delete(name);
  }

  private remember(name: string): void {
    if (!this.touched.has(name)) this.touched.set(name, this.tables.get(name));
  }

  /** The table, copied first if it is still shared with another state; undefined when unknown. */
  mutable(name: string): TableState | undefined {
    const t = this.tables.get(name);
    if (!t || this.owned.has(t)) return t;
    const copy: TableState = {
      columns: new Map(t.columns),
      indexes: [...t.indexes],
      primaryKey: [...t.primaryKey],
      foreignKeys: [...t.foreignKeys],
    };
    this.put(name, copy);
    return copy;
  }

  /** Is the column the first column of some index (or of the primary key)? */
  isIndexed(table: string, columns: readonly string[]): boolean {
    const t = this.tables.get(table);
    if (!t) return false;
    const covers = (cols: readonly string[]) => columns.every((c, i) => cols[i] === c);
    return covers(t.primaryKey) || t.indexes.some((ix) => covers(ix.columns));
  }
}
