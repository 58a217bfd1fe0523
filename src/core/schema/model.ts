// The schema model the whole extension reads: what the tolerant parser produces from one or more
// `.prisma` files. No `vscode` import here: positions are 0-based line/character like LSP and VS Code.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where something is written: the absolute file path, the whole construct, and its name. */
export interface SourceLocation {
  file: string;
  range: Range;
  nameRange: Range;
}

/** `@id`, `@default(now())`, `@db.VarChar(255)`, `@@index([a, b])`: name without the `@`/`@@`. */
export interface Attribute {
  name: string;
  /** Raw text between the parentheses, trimmed; `undefined` when written without parentheses. */
  args?: string;
  range: Range;
}

export type BlockKind = 'model' | 'view' | 'enum' | 'type' | 'datasource' | 'generator';

export interface Field {
  name: string;
  /** Base type name as written: `String`, `User`, `Unsupported("circle")`. */
  type: string;
  optional: boolean;
  list: boolean;
  /** True when `type` names a model or view of the same schema (computed after parsing all files). */
  isRelation: boolean;
  /** True when `type` names an enum. */
  isEnum: boolean;
  /** True when `type` names a composite type (`type` block). */
  isComposite: boolean;
  attributes: Attribute[];
  /** `/// doc` comments directly above the field. */
  documentation?: string;
  /** The whole source line of the field, trimmed (tooltips). */
  sourceLine: string;
  location: SourceLocation;
  // Convenience views of attributes:
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  /** `@default(...)` argument text. */
  defaultValue?: string;
  /** `@map("...")` name. */
  mapName?: string;
  /** `@db.VarChar(255)` -> `VarChar(255)`. */
  nativeType?: string;
  /** Set for relation fields, see {@link RelationInfo}. */
  relation?: RelationInfo;
}

export type RelationCardinality = 'one-to-one' | 'one-to-many' | 'many-to-one' | 'many-to-many';

export interface RelationInfo {
  /** `@relation("Name")` or `@relation(name: "Name")`. */
  name?: string;
  relatedModel: string;
  /** The field on the related model that points back, when one exists. */
  backField?: string;
  /** From this field's point of view: `posts Post[]` on User is one-to-many; `author User` on Post is many-to-one. */
  cardinality: RelationCardinality;
  /** Both ends are the same model. */
  self: boolean;
  /** `fields: [...]` of `@relation`, when this side holds the foreign key. */
  fields?: string[];
  references?: string[];
  onDelete?: string;
  onUpdate?: string;
}

export interface EnumValue {
  name: string;
  mapName?: string;
  attributes: Attribute[];
  documentation?: string;
  sourceLine: string;
  location: SourceLocation;
}

/** `key = value` inside datasource / generator blocks. */
export interface Property {
  key: string;
  /** Raw value text: `"postgresql"`, `env("DATABASE_URL")`, `["a", "b"]`. */
  value: string;
  location: SourceLocation;
}

export interface Block {
  kind: BlockKind;
  name: string;
  location: SourceLocation;
  documentation?: string;
  /** model / view / type */
  fields: Field[];
  /** enum */
  values: EnumValue[];
  /** datasource / generator */
  properties: Property[];
  /** `@@id`, `@@unique`, `@@index`, `@@map`, `@@schema`, `@@ignore`, ... */
  attributes: Attribute[];
  /** `@@map("...")` */
  mapName?: string;
  /** `@@schema("...")` */
  schemaName?: string;
}

export interface ParseDiagnostic {
  file: string;
  range: Range;
  message: string;
  severity: 'error' | 'warning';
  /** 'parser' for what the tolerant reader found; 'prisma' for Prisma's own validation. */
  source: 'parser' | 'prisma';
}

export interface SchemaFile {
  path: string;
  content: string;
}

export interface SchemaDocument {
  /** Absolute paths of the files read, in the order given. */
  files: string[];
  /** All blocks of all files, in file order then source order. */
  blocks: Block[];
  diagnostics: ParseDiagnostic[];
}
