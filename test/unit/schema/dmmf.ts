// The part of Prisma's DMMF (get_dmmf of @prisma/prisma-schema-wasm) the agreement test compares.

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  isUpdatedAt?: boolean;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  documentation?: string;
  /** `@default(...)`: a function call, a list, or a literal value. */
  default?: { name: string; args: unknown[] } | unknown[] | string | number | boolean | null;
  /** `@db.VarChar(80)` -> `["VarChar", ["80"]]`. */
  nativeType?: [string, string[]] | null;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueFields: string[][];
  documentation?: string;
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null; documentation?: string }[];
  documentation?: string;
}

/** One entry of `datamodel.indexes` (Prisma 5+): every id, unique and index, named by model. */
export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string }[];
}

export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  types: DmmfModel[];
  indexes?: DmmfIndex[];
}

export interface Dmmf {
  datamodel: DmmfDatamodel;
}
