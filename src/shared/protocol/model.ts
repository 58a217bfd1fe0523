// What the grid knows about a model and its values, shared by the host and the webview (no vscode, no DOM).
// Values travel as `WireValue`: JSON-safe and exact. Types that JavaScript numbers or JSON cannot hold
// exactly (BigInt, Decimal, DateTime, Bytes, Json) travel as strings; see core/data/codec.ts.

/** Prisma scalar types the grid handles; `Enum` for enum fields. */
export type ScalarType =
  'String' | 'Int' | 'BigInt' | 'Float' | 'Decimal' | 'Boolean' | 'DateTime' | 'Json' | 'Bytes' | 'Enum';

/**
 * One cell's value on the wire. `null` is the database NULL. Int and Boolean as themselves; Float as a
 * number (or 'NaN' / 'Infinity' / '-Infinity'); BigInt and Decimal as their exact decimal text; DateTime
 * as ISO 8601 in UTC with milliseconds; Bytes as base64; Json as its JSON text (`"null"` is a JSON null,
 * distinct from the database NULL); a list as the JSON text of an array of element wire values.
 */
export type WireValue = string | number | boolean | null;

export type WireRow = Record<string, WireValue>;

export interface ColumnMeta {
  name: string;
  type: ScalarType;
  /** The enum's name and its values, for `Enum` columns. */
  enumName?: string;
  enumValues?: string[];
  optional: boolean;
  list: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  /** `@default(...)` text, shown in new rows. */
  defaultValue?: string;
  /** Set when this column is (part of) a foreign key: the related model and the field it references. */
  references?: { model: string; field: string; relationField: string };
  /** The database column's name when `@map` renames it. */
  dbName?: string;
  /** The database can sort by it (not Json, Bytes on some databases, lists). */
  sortable: boolean;
}

/** A back relation (`posts Post[]` on User): shown as a count, opens the related grid filtered. */
export interface BackRelationMeta {
  name: string;
  model: string;
  /** Foreign-key columns on the related model and the columns of this model they reference. */
  fields: string[];
  references: string[];
  list: boolean;
  /** The related model's foreign key is required: a related row cannot be disconnected, only moved. */
  required?: boolean;
}

export interface ModelMeta {
  name: string;
  columns: ColumnMeta[];
  /** The columns that identify a row: `@id`, `@@id`, else the first `@unique` / `@@unique`. */
  primaryKey: string[];
  backRelations: BackRelationMeta[];
  /** Implicit many-to-many relations (`tags Tag[]` on both sides, Prisma's hidden `_AToB` table). */
  manyToMany?: { name: string; model: string; /** The related model's field back to this one. */ backField: string }[];
  /** A soft-delete column (`deletedAt`, `isDeleted`, ...) when the model has one. */
  softDelete?: { column: string; kind: 'timestamp' | 'boolean' };
  /** A `view` block: Prisma Client only reads views, so the grid never saves to it. */
  view?: boolean;
  /** The table's name in the database (`@@map`, else the model's name) and its `@@schema`, for the row estimate. */
  table?: { name: string; schema?: string };
}

/** Identifies a row by its primary-key values. */
export type RowKey = Record<string, WireValue>;
