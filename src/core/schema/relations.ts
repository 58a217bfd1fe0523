// The resolve step after all files are read: which field types name a model/view, an enum or a
// composite type, and for every relation field its RelationInfo (other end, back field, cardinality,
// the @relation arguments).
//
// Cardinality is always from the field's own point of view. A relation field without a back field
// (invalid for Prisma, but common while typing) is read as the usual shape of such a field:
// many-to-one when singular (`author User`), one-to-many when a list (`posts Post[]`).

import * as attributeArgs from './attributeArgs';
import type { AttributeArg } from './attributeArgs';
import type { Attribute, Block, Field, RelationCardinality, RelationInfo, SchemaDocument } from './model';

// A module-local copy: an imported binding compiles to a getter call in CommonJS output (tsx, mocha).
const { argValue, fieldList, splitArgs, unquote } = attributeArgs;

/** A relation field between the two passes of resolveRelations. */
interface RelationEnd {
  field: Field;
  block: Block;
  /** The entry of the field's type: the related block, and its relation fields. */
  target: NameEntry;
  args: AttributeArg[];
  /** `@relation("Name")`, unquoted. */
  name: string | undefined;
}

/** One name of the schema: the first block declaring it, and the relation fields of all blocks of that name. */
export interface NameEntry {
  name: string;
  block: Block | undefined;
  ends: RelationEnd[];
}

/**
 * What the reader collects while parsing, so resolveRelations looks nothing up by name: every name
 * used as a type or declared by a block (one shared string each), and the fields whose type may name
 * a block (all but those of a built-in scalar type) in source order, with their block.
 */
export class NameIndex {
  private readonly names = new Map<string, NameEntry>();
  readonly fields: Field[] = [];
  readonly blocks: Block[] = [];
  /** The entry of each field's type. */
  readonly types: NameEntry[] = [];
  /** The entry of each field's block name. */
  readonly owners: NameEntry[] = [];
  /** Some block is named like a built-in scalar (`model String`), so scalar fields need resolving too. */
  scalarNamedBlock = false;

  entry(name: string): NameEntry {
    let entry = this.names.get(name);
    if (entry === undefined) {
      entry = { name, block: undefined, ends: [] };
      this.names.set(name, entry);
    }
    return entry;
  }
}

/** Resolves all fields of the document; `index` (from the reader, used once) saves the look-ups. */
export function resolveRelations(doc: SchemaDocument, index?: NameIndex): void {
  let fields: Field[];
  let blocks: Block[];
  let types: (NameEntry | undefined)[];
  let owners: NameEntry[];
  if (index && !index.scalarNamedBlock) {
    // The other fields are of scalar types that name no block: their flags stay false as read.
    ({ fields, blocks, types, owners } = index);
  } else {
    const byName = new Map<string, NameEntry>();
    for (const block of doc.blocks) {
      if (!byName.has(block.name)) byName.set(block.name, { name: block.name, block, ends: [] });
    }
    fields = [];
    blocks = [];
    types = [];
    owners = [];
    for (const block of doc.blocks) {
      if (block.kind !== 'model' && block.kind !== 'view' && block.kind !== 'type') continue;
      const owner = byName.get(block.name) as NameEntry;
      for (const field of block.fields) {
        fields.push(field);
        blocks.push(block);
        types.push(byName.get(field.type));
        owners.push(owner);
      }
    }
  }
  const relationEnds: RelationEnd[] = [];
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    const block = blocks[f];
    const target = types[f];
    const related = target?.block;
    if (target === undefined || related === undefined) {
      field.isRelation = false;
      field.isEnum = false;
      field.isComposite = false;
      continue;
    }
    const targetKind = related.kind;
    field.isRelation = block.kind !== 'type' && (targetKind === 'model' || targetKind === 'view');
    field.isEnum = targetKind === 'enum';
    field.isComposite = targetKind === 'type';
    if (!field.isRelation) continue;
    let relation: Attribute | undefined;
    for (const a of field.attributes) {
      if (a.name === 'relation') {
        relation = a;
        break;
      }
    }
    const args = splitArgs(relation?.args);
    const end: RelationEnd = { field, block, target, args, name: unquote(argValue(args, 'name', true)) };
    relationEnds.push(end);
    owners[f].ends.push(end);
  }
  // Source order is kept: the ends were collected block by block, field by field.
  for (let e = 0; e < relationEnds.length; e++) {
    const { field, block, target, args, name } = relationEnds[e];
    // The back field: the one field of the related model(s) pointing here under the same name.
    let back: Field | undefined;
    let count = 0;
    for (const other of target.ends) {
      if (other.field === field || other.name !== name || other.field.type !== block.name) continue;
      back = other.field;
      count++;
    }
    field.relation = relationOf(block, field, target.block as Block, args, name, count === 1 ? back : undefined);
  }
}

function relationOf(
  block: Block,
  field: Field,
  related: Block,
  args: AttributeArg[],
  name: string | undefined,
  back: Field | undefined,
): RelationInfo {
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
