// The resolve step after all files are read: which field types name a model/view, an enum or a
// composite type, and for every relation field its RelationInfo (other end, back field, cardinality,
// the @relation arguments).
//
// Cardinality is always from the field's own point of view. A relation field without a back field
// (invalid for Prisma, but common while typing) is read as the usual shape of such a field:
// many-to-one when singular (`author User`), one-to-many when a list (`posts Post[]`).

import { argValue, fieldList, splitArgs, unquote } from './attributeArgs';
import type { Block, Field, RelationCardinality, RelationInfo, SchemaDocument } from './model';

export function resolveRelations(doc: SchemaDocument): void {
  const byName = new Map<string, Block>();
  for (const block of doc.blocks) {
    if (!byName.has(block.name)) byName.set(block.name, block);
  }
  for (const block of doc.blocks) {
    if (block.kind !== 'model' && block.kind !== 'view' && block.kind !== 'type') continue;
    for (const field of block.fields) {
      const target = byName.get(field.type);
      field.isRelation = target !== undefined && block.kind !== 'type' && (target.kind === 'model' || target.kind === 'view');
      field.isEnum = target?.kind === 'enum';
      field.isComposite = target?.kind === 'type';
    }
  }
  for (const block of doc.blocks) {
    if (block.kind !== 'model' && block.kind !== 'view') continue;
    for (const field of block.fields) {
      if (!field.isRelation) continue;
      const related = byName.get(field.type);
      if (related) field.relation = relationOf(block, field, related);
    }
  }
}

function relationOf(block: Block, field: Field, related: Block): RelationInfo {
  const args = splitArgs(field.attributes.find((a) => a.name === 'relation')?.args);
  const name = unquote(argValue(args, 'name', true));
  const back = backFieldOf(block, field, related, name);
  const info: RelationInfo = {
    relatedModel: related.name,
    cardinality: cardinalityOf(field, back),
    self: related === block,
  };
  if (name !== undefined) info.name = name;
  if (back) info.backField = back.name;
  const fields = fieldList(argValue(args, 'fields'));
  const references = fieldList(argValue(args, 'references'));
  const onDelete = argValue(args, 'onDelete');
  const onUpdate = argValue(args, 'onUpdate');
  if (fields) info.fields = fields;
  if (references) info.references = references;
  if (onDelete) info.onDelete = onDelete;
  if (onUpdate) info.onUpdate = onUpdate;
  return info;
}

/** The field on `related` pointing back at `block` under the same relation name, when exactly one does. */
function backFieldOf(block: Block, field: Field, related: Block, name: string | undefined): Field | undefined {
  const candidates = related.fields.filter(
    (f) => f !== field && f.type === block.name && relationNameOf(f) === name,
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

function relationNameOf(field: Field): string | undefined {
  const relation = field.attributes.find((a) => a.name === 'relation');
  return relation ? unquote(argValue(splitArgs(relation.args), 'name', true)) : undefined;
}

function cardinalityOf(field: Field, back: Field | undefined): RelationCardinality {
  if (!back) return field.list ? 'one-to-many' : 'many-to-one';
  if (field.list) return back.list ? 'many-to-many' : 'one-to-many';
  return back.list ? 'many-to-one' : 'one-to-one';
}
