// Places a diff item on the schema line it concerns: model / view / enum by their database names
// (@@map), fields by column name (@map), indexes and foreign keys by their columns. Multi-file schemas
// work because every location carries its file. What maps to no line goes on the datasource block.
import { argValue, fieldList, splitArgs } from '../schema/attributeArgs';
import type { Block, Field, Range, SchemaDocument } from '../schema/model';
import type { DiffItem } from './summary';

export interface SchemaSpot {
  readonly file: string;
  readonly range: Range;
  /** Model / view / enum name in the schema, when the item belongs to one. */
  readonly block?: string;
  /** Field or enum value name in the schema. */
  readonly member?: string;
  /** True when the item maps to no schema construct and sits on the datasource block. */
  readonly onDatasource: boolean;
}

const dbName = (b: Block): string => b.mapName ?? b.name;
const columnOf = (f: Field): string => f.mapName ?? f.name;

export function findTable(doc: SchemaDocument, table: string): Block | undefined {
  const candidates = doc.blocks.filter((b) => b.kind === 'model' || b.kind === 'view');
  return (
    candidates.find((b) => dbName(b) === table) ??
    candidates.find((b) => dbName(b).toLowerCase() === table.toLowerCase())
  );
}

export function findEnum(doc: SchemaDocument, name: string): Block | undefined {
  const enums = doc.blocks.filter((b) => b.kind === 'enum');
  return enums.find((b) => dbName(b) === name) ?? enums.find((b) => dbName(b).toLowerCase() === name.toLowerCase());
}

export function findColumn(block: Block, column: string): Field | undefined {
  const scalars = block.fields.filter((f) => !f.isRelation);
  return (
    scalars.find((f) => columnOf(f) === column) ??
    scalars.find((f) => columnOf(f).toLowerCase() === column.toLowerCase())
  );
}

/** The datasource block's name line; the first line of the first file when there is none. */
export function datasourceSpot(doc: SchemaDocument): SchemaSpot {
  const ds = doc.blocks.find((b) => b.kind === 'datasource');
  if (ds) return { file: ds.location.file, range: ds.location.nameRange, onDatasource: true };
  const zero = { line: 0, character: 0 };
  return { file: doc.files[0] ?? '', range: { start: zero, end: zero }, onDatasource: true };
}

export function locate(doc: SchemaDocument, item: DiffItem): SchemaSpot {
  const fallback = datasourceSpot(doc);
  const blockSpot = (b: Block): SchemaSpot => ({
    file: b.location.file,
    range: b.location.nameRange,
    block: b.name,
    onDatasource: false,
  });
  const fieldSpot = (b: Block, f: Field): SchemaSpot => ({
    file: f.location.file,
    range: f.location.range,
    block: b.name,
    member: f.name,
    onDatasource: false,
  });

  if (item.kind === 'enum' || item.kind === 'enumValue') {
    const e = item.enumName === undefined ? undefined : findEnum(doc, item.enumName);
    if (!e) return fallback;
    if (item.kind === 'enumValue' && item.name !== undefined) {
      const value = e.values.find((v) => (v.mapName ?? v.name) === item.name);
      if (value)
        return {
          file: value.location.file,
          range: value.location.range,
          block: e.name,
          member: value.name,
          onDatasource: false,
        };
    }
    return blockSpot(e);
  }
  const block = item.table === undefined ? undefined : findTable(doc, item.table);
  if (!block) return fallback;
  switch (item.kind) {
    case 'column': {
      const f = item.name === undefined ? undefined : findColumn(block, item.name);
      return f ? fieldSpot(block, f) : blockSpot(block);
    }
    case 'index':
    case 'unique':
    case 'primaryKey': {
      const fields = (item.columns ?? []).map((c) => findColumn(block, c)?.name ?? c);
      const attrName = item.kind === 'index' ? 'index' : item.kind === 'unique' ? 'unique' : 'id';
      const attr = block.attributes.find(
        (a) => a.name === attrName && sameList(fieldList(argValue(splitArgs(a.args), 'fields', true)) ?? [], fields),
      );
      if (attr) return { file: block.location.file, range: attr.range, block: block.name, onDatasource: false };
      if (fields.length === 1 && item.kind !== 'index') {
        const f = block.fields.find((x) => x.name === fields[0] && (item.kind === 'unique' ? x.isUnique : x.isId));
        if (f) return fieldSpot(block, f);
      }
      if (fields.length === 1) {
        const f = block.fields.find((x) => x.name === fields[0]);
        if (f) return fieldSpot(block, f);
      }
      return blockSpot(block);
    }
    case 'foreignKey': {
      const fields = (item.columns ?? []).map((c) => findColumn(block, c)?.name ?? c);
      const relation = block.fields.find((f) => f.relation?.fields && sameList(f.relation.fields, fields));
      if (relation) return fieldSpot(block, relation);
      const first = fields[0] === undefined ? undefined : block.fields.find((f) => f.name === fields[0]);
      return first ? fieldSpot(block, first) : blockSpot(block);
    }
    default:
      return blockSpot(block);
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.replace(/\(.*$/, '').trim() === b[i]);
}
