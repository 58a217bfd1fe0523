// Our reading of every corpus schema against Prisma's own (get_dmmf of the Prisma 7 wasm), after the
// Prisma 7 normalisation of validate.ts. What DMMF leaves out on purpose is left out of ours by the
// same documented rule (see `forClient`); everything else must match.

import * as assert from 'node:assert/strict';
import { argValue, fieldList, splitArgs } from '../../../src/core/schema/attributeArgs';
import type { Block, Field, SchemaDocument } from '../../../src/core/schema/model';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { parseSchema } from '../../../src/core/schema/parse';
import { getDmmfJson, knownPreviewFeatures } from '../../../src/core/schema/prismaWasm';
import { fullCorpus } from './corpus';
import type { Dmmf, DmmfField, DmmfIndex, DmmfModel } from './dmmf';

/** Corpus schemas Prisma 7 rejects even after normalisation: valid for their own Prisma version only. */
const REJECTED_BY_PRISMA_7: Readonly<Record<string, RegExp>> = {
  // Prisma 5/6 allowed `@id` on views; Prisma 7 says "Views cannot have primary keys".
  'views-with-id.prisma': /Views cannot have primary keys/,
};

/**
 * DMMF describes what the generated client exposes, so it omits models with `@@ignore`, fields with
 * `@ignore` and `Unsupported(...)` fields. Our tree shows them (they are in the database), so the
 * comparison drops them from our side by the same rule.
 */
function forClient(fields: Field[]): Field[] {
  return fields.filter((f) => !f.type.startsWith('Unsupported(') && !f.attributes.some((a) => a.name === 'ignore'));
}

function isClientBlock(b: Block): boolean {
  return !b.attributes.some((a) => a.name === 'ignore');
}

/** Prisma's name for an unnamed relation: both model names in sorted order joined by "To". */
function relationNameOf(block: Block, field: Field): string | undefined {
  if (!field.relation) return undefined;
  if (field.relation.name !== undefined) return field.relation.name;
  const [a, b] = [block.name, field.relation.relatedModel].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return `${a}To${b}`;
}

function kindOf(field: Field): DmmfField['kind'] {
  if (field.isRelation || field.isComposite) return 'object';
  return field.isEnum ? 'enum' : 'scalar';
}

function ourField(block: Block, f: Field): Record<string, unknown> {
  const relationName = block.kind === 'type' ? undefined : relationNameOf(block, f);
  return {
    name: f.name,
    dbName: f.mapName ?? null,
    kind: kindOf(f),
    type: f.type,
    isList: f.list,
    isRequired: !f.optional,
    isId: f.isId,
    // ours means "has @unique" (drift points at that index); DMMF leaves it false on the primary key even when
    // the field also has @unique (umami's `id String @id @unique`): compared by DMMF's rule
    isUnique: f.isUnique && !f.isId,
    hasDefaultValue: f.defaultValue !== undefined,
    isUpdatedAt: block.kind === 'type' ? undefined : f.isUpdatedAt,
    relationName,
    relationFromFields: relationName ? (f.relation?.fields ?? []) : undefined,
    relationToFields: relationName ? (f.relation?.references ?? []) : undefined,
    documentation: f.documentation,
    default: ourDefault(f.defaultValue),
    nativeType: ourNativeType(f.nativeType),
  };
}

/** `@default(...)` as DMMF gives it, reduced to what both sides spell alike: a function's name, a list, or the value. */
function ourDefault(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const call = /^([A-Za-z_][\w]*)\s*\(/.exec(text);
  if (call) return `${call[1]}()`;
  if (text.startsWith('[')) return 'list';
  return text.startsWith('"') ? (JSON.parse(text) as string) : text;
}

function theirDefault(value: DmmfField['default']): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return 'list';
  if (value !== null && typeof value === 'object') return `${value.name}()`;
  return String(value);
}

/** `VarChar(80)` -> `["VarChar", ["80"]]`, DMMF's form. */
function ourNativeType(text: string | undefined): [string, string[]] | null {
  if (text === undefined) return null;
  const open = text.indexOf('(');
  if (open < 0) return [text, []];
  const args = text.slice(open + 1, text.lastIndexOf(')'));
  return [
    text.slice(0, open),
    args
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
  ];
}

function theirField(f: DmmfField): Record<string, unknown> {
  return {
    name: f.name,
    dbName: f.dbName ?? null,
    kind: f.kind,
    type: f.type,
    isList: f.isList,
    isRequired: f.isRequired,
    isId: f.isId,
    isUnique: f.isUnique,
    hasDefaultValue: f.hasDefaultValue,
    isUpdatedAt: f.isUpdatedAt,
    relationName: f.relationName,
    relationFromFields: f.relationName ? f.relationFromFields : undefined,
    relationToFields: f.relationName ? f.relationToFields : undefined,
    documentation: f.documentation,
    default: theirDefault(f.default),
    nativeType: f.nativeType ?? null,
  };
}

function blockAttributeFields(block: Block, name: string): string[][] {
  return block.attributes
    .filter((a) => a.name === name)
    .map((a) => fieldList(argValue(splitArgs(a.args), 'fields', true)) ?? []);
}

function ourModel(block: Block): Record<string, unknown> {
  const id = block.attributes.find((a) => a.name === 'id');
  const idArgs = splitArgs(id?.args);
  return {
    name: block.name,
    dbName: block.mapName ?? null,
    schema: block.schemaName ?? null,
    documentation: block.documentation,
    primaryKey: id
      ? {
          name: JSON.parse(argValue(idArgs, 'name') ?? 'null') as string | null,
          fields: fieldList(argValue(idArgs, 'fields', true)),
        }
      : null,
    uniqueFields: blockAttributeFields(block, 'unique'),
    indexes: blockAttributeFields(block, 'index'),
    fields: forClient(block.fields).map((f) => ourField(block, f)),
  };
}

function theirModel(m: DmmfModel, indexes: DmmfIndex[]): Record<string, unknown> {
  return {
    name: m.name,
    dbName: m.dbName,
    schema: m.schema,
    documentation: m.documentation,
    primaryKey: m.primaryKey,
    uniqueFields: m.uniqueFields,
    indexes: indexes.filter((i) => i.model === m.name && i.type === 'normal').map((i) => i.fields.map((f) => f.name)),
    fields: m.fields.map(theirField),
  };
}

function ourType(block: Block): Record<string, unknown> {
  return { name: block.name, fields: forClient(block.fields).map((f) => ourField(block, f)) };
}

function theirType(t: DmmfModel): Record<string, unknown> {
  return { name: t.name, fields: t.fields.map(theirField) };
}

/** Each relation once: its name and the two model names, sorted. */
function relationSet(pairs: [string, string, string][]): string[] {
  return [...new Set(pairs.map(([name, a, b]) => `${name}: ${[a, b].sort().join(' <-> ')}`))].sort();
}

function ourRelations(doc: SchemaDocument): string[] {
  const pairs: [string, string, string][] = [];
  for (const block of doc.blocks.filter(isClientBlock)) {
    if (block.kind !== 'model' && block.kind !== 'view') continue;
    for (const f of forClient(block.fields)) {
      const name = relationNameOf(block, f);
      if (name && f.relation) pairs.push([name, block.name, f.relation.relatedModel]);
    }
  }
  return relationSet(pairs);
}

function theirRelations(dmmf: Dmmf): string[] {
  const models = new Set(dmmf.datamodel.models.map((m) => m.name));
  const pairs: [string, string, string][] = [];
  for (const m of dmmf.datamodel.models) {
    for (const f of m.fields) {
      if (f.kind === 'object' && models.has(f.type) && f.relationName) pairs.push([f.relationName, m.name, f.type]);
    }
  }
  return relationSet(pairs);
}

describe('agreement with Prisma 7 (get_dmmf) on the corpus', function () {
  this.timeout(60_000);
  const known = knownPreviewFeatures();

  for (const schema of fullCorpus()) {
    const rejection = REJECTED_BY_PRISMA_7[schema.name];
    if (rejection) {
      it(`${schema.name}: rejected by Prisma 7 (${rejection.source})`, () => {
        assert.throws(() => getDmmfJson(normalizeForPrisma7(schema.files, known)), rejection);
        assert.deepEqual(parseSchema(schema.files).diagnostics, [], 'still read without parser diagnostics');
      });
      continue;
    }

    describe(schema.name, () => {
      const doc = parseSchema(schema.files);
      let dmmf: Dmmf;
      before(() => {
        dmmf = JSON.parse(getDmmfJson(normalizeForPrisma7(schema.files, known))) as Dmmf;
      });

      it('reads without parser diagnostics', () => {
        assert.deepEqual(doc.diagnostics, []);
      });

      it('models and views: names, dbName, @@schema, docs, @@id, @@unique, @@index and every field with its attributes', () => {
        const ours = doc.blocks
          .filter((b) => (b.kind === 'model' || b.kind === 'view') && isClientBlock(b))
          .map(ourModel);
        assert.deepEqual(
          ours,
          dmmf.datamodel.models.map((m) => theirModel(m, dmmf.datamodel.indexes ?? [])),
        );
      });

      it('enums: names, dbName, values with @map, docs', () => {
        const ours = doc.blocks
          .filter((b) => b.kind === 'enum')
          .map((b) => ({
            name: b.name,
            dbName: b.mapName ?? null,
            documentation: b.documentation,
            values: b.values.map((v) => ({ name: v.name, dbName: v.mapName ?? null, documentation: v.documentation })),
          }));
        const theirs = dmmf.datamodel.enums.map((e) => ({
          name: e.name,
          dbName: e.dbName ?? null,
          documentation: e.documentation,
          values: e.values.map((v) => ({ name: v.name, dbName: v.dbName, documentation: v.documentation })),
        }));
        assert.deepEqual(ours, theirs);
      });

      it('composite types and their fields', () => {
        assert.deepEqual(doc.blocks.filter((b) => b.kind === 'type').map(ourType), dmmf.datamodel.types.map(theirType));
      });

      it('the set of relations', () => {
        assert.deepEqual(ourRelations(doc), theirRelations(dmmf));
      });
    });
  }
});
