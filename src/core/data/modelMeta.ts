// The grid's view of a model, read from the parsed schema: its scalar columns with types, the key that
// identifies a row, foreign keys, back relations and a soft-delete column.
import { argValue, fieldList, splitArgs } from '../schema/attributeArgs';
import type { Block, SchemaDocument } from '../schema/model';
import { findBlock } from '../schema/query';
import type { BackRelationMeta, ColumnMeta, ModelMeta, ScalarType } from '../../shared/protocol/model';

const scalarTypes = new Set<ScalarType>([
  'String',
  'Int',
  'BigInt',
  'Float',
  'Decimal',
  'Boolean',
  'DateTime',
  'Json',
  'Bytes',
]);

/** Column names taken as soft-delete markers, in order of preference. */
export const defaultSoftDeleteColumns = [
  'deletedAt',
  'deleted_at',
  'deletedOn',
  'isDeleted',
  'is_deleted',
  'deleted',
  'archivedAt',
];

export class UnsupportedModelError extends Error {}

export function modelMeta(
  doc: SchemaDocument,
  modelName: string,
  softDeleteNames = defaultSoftDeleteColumns,
): ModelMeta {
  const block = findBlock(doc, modelName, 'model') ?? findBlock(doc, modelName, 'view');
  if (!block) throw new UnsupportedModelError(`the model ${modelName} is not in the schema`);
  const columns: ColumnMeta[] = [];
  const backRelations: BackRelationMeta[] = [];
  const manyToMany: NonNullable<ModelMeta['manyToMany']> = [];
  const fkOf = new Map<string, ColumnMeta['references']>();
  for (const f of block.fields) {
    if (!f.isRelation || !f.relation) continue;
    const { fields, references, relatedModel } = f.relation;
    if (fields?.length && references?.length) {
      fields.forEach((col, i) =>
        fkOf.set(col, { model: relatedModel, field: references[i] ?? references[0], relationField: f.name }),
      );
    } else {
      const related = findBlock(doc, relatedModel, 'model');
      const back = related?.fields.find(
        (g) => g.isRelation && g.relation?.relatedModel === block.name && g.name === f.relation?.backField,
      );
      if (f.list && back?.list && !back.relation?.fields?.length) {
        manyToMany.push({ name: f.name, model: relatedModel, backField: back.name });
      } else if (back?.relation?.fields?.length && back.relation.references?.length) {
        backRelations.push({
          name: f.name,
          model: relatedModel,
          fields: back.relation.fields,
          references: back.relation.references,
          list: f.list,
          ...(back.relation.fields.some((name) => related?.fields.find((x) => x.name === name)?.optional === false)
            ? { required: true }
            : {}),
        });
      }
    }
  }
  for (const f of block.fields) {
    if (f.isRelation || f.isComposite || f.attributes.some((a) => a.name === 'ignore')) continue;
    const type: ScalarType | undefined = f.isEnum
      ? 'Enum'
      : scalarTypes.has(f.type as ScalarType)
        ? (f.type as ScalarType)
        : undefined;
    if (!type) continue; // Unsupported("...") columns cannot be read through the client
    const column: ColumnMeta = {
      name: f.name,
      type,
      optional: f.optional,
      list: f.list,
      isId: f.isId,
      isUnique: f.isUnique,
      isUpdatedAt: f.isUpdatedAt,
      sortable: !f.list && type !== 'Json' && type !== 'Bytes',
    };
    if (f.isEnum) {
      const e = findBlock(doc, f.type, 'enum');
      column.enumName = f.type;
      column.enumValues = e?.values.map((v) => v.name) ?? [];
    }
    if (f.defaultValue !== undefined) column.defaultValue = f.defaultValue;
    if (f.mapName !== undefined) column.dbName = f.mapName;
    const ref = fkOf.get(f.name);
    if (ref) column.references = ref;
    columns.push(column);
  }
  const meta: ModelMeta = {
    name: block.name,
    columns,
    primaryKey: primaryKey(block, columns),
    backRelations,
    ...(manyToMany.length ? { manyToMany } : {}),
    table: { name: block.mapName ?? block.name, ...(block.schemaName ? { schema: block.schemaName } : {}) },
    ...(block.kind === 'view' ? { view: true } : {}),
  };
  for (const name of softDeleteNames) {
    const c = columns.find((col) => col.name === name && !col.list);
    if (c && c.type === 'DateTime' && c.optional) {
      meta.softDelete = { column: c.name, kind: 'timestamp' };
      break;
    }
    if (c && c.type === 'Boolean') {
      meta.softDelete = { column: c.name, kind: 'boolean' };
      break;
    }
  }
  return meta;
}

function primaryKey(block: Block, columns: ColumnMeta[]): string[] {
  const ids = columns.filter((c) => c.isId).map((c) => c.name);
  if (ids.length) return ids;
  const compound = block.attributes.find((a) => a.name === 'id');
  if (compound) return fieldList(argValue(splitArgs(compound.args), 'fields', true)) ?? [];
  const unique = columns.find((c) => c.isUnique && !c.optional);
  if (unique) return [unique.name];
  const compoundUnique = block.attributes.find((a) => a.name === 'unique');
  return compoundUnique ? (fieldList(argValue(splitArgs(compoundUnique.args), 'fields', true)) ?? []) : [];
}

/** Prisma's name for a compound unique selector: `userId_courseId`. */
export function compoundKeyName(fields: string[]): string {
  return fields.join('_');
}
