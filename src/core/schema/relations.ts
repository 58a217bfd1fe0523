// The resolve step after all files are read: which field types name a model/view, an enum or a
// composite type, and for every relation field its RelationInfo (other end, back field, cardinality,
// the @relation arguments).
//
// Cardinality is always from the field's own point of view. A relation field without a back field
// (invalid for Prisma, but common while typing) is read as the usual shape of such a field:
// many-to-one when singular (`author User`), one-to-many when a list (`posts Post[]`).

import { argValue, fieldList, splitArgs, unquote, type AttributeArg } from './attributeArgs';
import type { Block, Field, RelationCardinality, RelationInfo, SchemaDocument } from './model';

export function resolveRelations(doc: SchemaDocument): void {
  const byName = new Map<string, Block>();
  for (const block of doc.blocks) {
    if (!byName.has(block.name)) byName.set(block.name, block);
  }
  // Relation fields by "owner model|target model|relation name", to find back fields in one lookup.
  const ends = new Map<string, Field[]>();
  const relationArgs = new Map<Field, AttributeArg[]>();
  for (const block of doc.blocks) {
    if (block.kind !== 'model' && block.kind !== 'view' && block.kind !== 'type') continue;
    for (const field of block.fields) {
      const target = byName.get(field.type);
      field.isRelation = target !== undefined && block.kind !== 'type' && (target.kind === 'model' || target.kind === 'view');
      field.isEnum = target?.kind === 'enum';
      field.isComposite = target?.kind === 'type';
      if (!field.isRelation) continue;
      const args = splitArgs(field.attributes.find((a) => a.name === 'relation')?.args);
      relationArgs.set(field, args);
      const key = endKey(block.name, field.type, unquote(argValue(args, 'name', true)));
      const list = ends.get(key);
      if (list) list.push(field);
      else ends.set(key, [field]);
    }
  }
  for (const block of doc.blocks) {
    if (block.kind !== 'model' && block.kind !== 'view') continue;
    for (const field of block.fields) {
      const related = field.isRelation ? byName.get(field.type) : undefined;
      if (!related) continue;
      const args = relationArgs.get(field) ?? [];
      const name = unquote(argValue(args, 'name', true));
      // The back field: the one field on the related model pointing here under the same name.
      const candidates = (ends.get(endKey(related.name, block.name, name)) ?? []).filter((f) => f !== field);
      field.relation = relationOf(block, field, related, args, name, candidates.length === 1 ? candidates[0] : undefined);
    }
  }
}

function endKey(owner: string, target: string, name: string | undefined): string {
  return `${owner}|${target}|${name ?? ''}|${name === undefined ? 0 : 1}`;
}

function relationOf(block: Block, field: Field, related: Block, args: AttributeArg[], name: string | undefined, back: Field | undefined): RelationInfo {
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

function cardinalityOf(field: Field, back: Field | undefined): RelationCardinality {
  if (!back) return field.list ? 'one-to-many' : 'many-to-one';
  if (field.list) return back.list ? 'many-to-many' : 'one-to-many';
  return back.list ? 'many-to-one' : 'one-to-one';
}
