// One small statement model the rules read, whatever parser produced it. Only what the rules need;
// everything else is `other`. Identifiers are unquoted; types are lower-case, normalised per dialect
// (`varchar(50)`, `int4`, `text`), so equal types compare equal.

export interface ColumnDef {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
  /** PRIMARY KEY on the column itself, or generated/serial (never needs a default). */
  readonly primaryKey?: boolean;
  /** Enum values of an inline MySQL ENUM(...) type. */
  readonly enumValues?: readonly string[];
  /**
   * PostgreSQL: a default computed per row (gen_random_uuid(), random(), clock_timestamp(), nextval of a
   * serial, an identity or a stored generated column), as written for messages; absent for constants and
   * now()/CURRENT_TIMESTAMP (stable: computed once).
   */
  readonly volatileDefault?: string;
}

export interface ForeignKeyDef {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly notValid?: boolean;
}

export interface IndexDef {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export type AlterAction =
  | { readonly kind: 'addColumn'; readonly column: ColumnDef }
  | { readonly kind: 'dropColumn'; readonly name: string }
  | {
      readonly kind: 'alterType';
      readonly name: string;
      readonly type: string;
      readonly using?: boolean;
      readonly enumValues?: readonly string[];
    }
  /** MySQL MODIFY: the whole column definition again. */
  | { readonly kind: 'modifyColumn'; readonly column: ColumnDef }
  | { readonly kind: 'setNotNull'; readonly name: string }
  | { readonly kind: 'addForeignKey'; readonly fk: ForeignKeyDef }
  /**
   * A unique index or constraint added by ALTER TABLE. `constraint`: ADD CONSTRAINT … UNIQUE / PRIMARY KEY
   * (ADD PRIMARY KEY on MySQL); `usingIndex`: PostgreSQL's USING INDEX (the index already exists).
   */
  | {
      readonly kind: 'addIndex';
      readonly index: IndexDef;
      readonly constraint?: 'unique' | 'primaryKey';
      readonly usingIndex?: string;
    }
  /** DROP CONSTRAINT name (PostgreSQL), DROP FOREIGN KEY name (MySQL: foreignKey). */
  | { readonly kind: 'dropConstraint'; readonly name: string; readonly foreignKey?: boolean }
  | { readonly kind: 'renameColumn'; readonly from: string; readonly to: string }
  | { readonly kind: 'renameTable'; readonly to: string }
  | { readonly kind: 'dropIndex'; readonly name: string }
  | { readonly kind: 'other' };

export type Stmt =
  | {
      readonly kind: 'createTable';
      readonly table: string;
      readonly columns: readonly ColumnDef[];
      readonly primaryKey: readonly string[];
      readonly foreignKeys: readonly ForeignKeyDef[];
      readonly indexes: readonly IndexDef[];
    }
  | { readonly kind: 'alterTable'; readonly table: string; readonly actions: readonly AlterAction[] }
  | { readonly kind: 'createIndex'; readonly table: string; readonly index: IndexDef; readonly concurrently: boolean }
  | { readonly kind: 'dropTable'; readonly tables: readonly string[] }
  /** concurrently: PostgreSQL's DROP INDEX CONCURRENTLY (absent otherwise). */
  | { readonly kind: 'dropIndex'; readonly names: readonly string[]; readonly concurrently?: boolean }
  | { readonly kind: 'createEnum'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'renameType'; readonly from: string; readonly to: string }
  | { readonly kind: 'dropType'; readonly names: readonly string[] }
  | {
      readonly kind: 'insertSelect';
      readonly table: string;
      readonly columns: readonly string[];
      readonly selected: readonly string[];
      readonly from?: string;
    }
  | { readonly kind: 'other' }
  | { readonly kind: 'unparsed'; readonly error: string };
