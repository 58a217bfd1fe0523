// The relationship diagram's graph, read from a SchemaDocument: one node per model or view (its fields,
// types, keys), one edge per relation (both ends' fields and cardinality). No layout here (layout.ts).
import type { Block, Field, SchemaDocument, SourceLocation } from '../schema/model';

/** How many of a model are at one end of a relation: exactly one, zero or one, many. */
export type EndCardinality = '1' | '0..1' | 'n';

export interface DiagramField {
  name: string;
  /** As written: `String?`, `Post[]`, `Role`. */
  type: string;
  isId: boolean;
  isUnique: boolean;
  /** Part of some relation's `fields: [...]` on this model. */
  isForeignKey: boolean;
  isRelation: boolean;
  isEnum: boolean;
  location: SourceLocation;
}

export interface DiagramNode {
  id: string;
  kind: 'model' | 'view';
  name: string;
  /** `@@map` table name, when different. */
  table?: string;
  documentation?: string;
  fields: DiagramField[];
  location: SourceLocation;
}

export interface DiagramEdge {
  id: string;
  /** The side holding the foreign key (`fields:`), else the first side read. */
  source: string;
  target: string;
  sourceField: string;
  /** The back field on the target, when the schema has one. */
  targetField?: string;
  sourceCardinality: EndCardinality;
  targetCardinality: EndCardinality;
  name?: string;
}

export interface DiagramGraph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const typeText = (f: Field) => `${f.type}${f.list ? '[]' : ''}${f.optional ? '?' : ''}`;

function foreignKeys(block: Block): Set<string> {
  const keys = new Set<string>();
  for (const f of block.fields) for (const k of f.relation?.fields ?? []) keys.add(k);
  return keys;
}

/** Cardinality at `field`'s target end, as seen from the field: `author User` -> 1, `posts Post[]` -> n. */
function endOf(field: Field): EndCardinality {
  return field.list ? 'n' : field.optional ? '0..1' : '1';
}

export function buildDiagram(doc: SchemaDocument): DiagramGraph {
  const blocks = doc.blocks.filter(
    (b): b is Block & { kind: 'model' | 'view' } => b.kind === 'model' || b.kind === 'view',
  );
  const seen = new Set<string>();
  const nodes: DiagramNode[] = [];
  for (const b of blocks) {
    if (seen.has(b.name)) continue; // a duplicate name is Prisma's error to report; draw the first
    seen.add(b.name);
    const fks = foreignKeys(b);
    const compositeId = idFields(b);
    const node: DiagramNode = {
      id: b.name,
      kind: b.kind,
      name: b.name,
      location: b.location,
      fields: b.fields.map((f) => ({
        name: f.name,
        type: typeText(f),
        isId: f.isId || compositeId.has(f.name),
        isUnique: f.isUnique,
        isForeignKey: fks.has(f.name),
        isRelation: f.isRelation,
        isEnum: f.isEnum,
        location: f.location,
      })),
    };
    if (b.mapName && b.mapName !== b.name) node.table = b.mapName;
    if (b.documentation) node.documentation = b.documentation;
    nodes.push(node);
  }
  const edges: DiagramEdge[] = [];
  const paired = new Set<string>();
  for (const b of blocks) {
    for (const f of b.fields) {
      const r = f.relation;
      if (!r || !seen.has(r.relatedModel)) continue;
      const here = `${b.name}.${f.name}`;
      if (paired.has(here)) continue;
      const back = r.backField
        ? blocks.find((x) => x.name === r.relatedModel)?.fields.find((x) => x.name === r.backField)
        : undefined;
      if (back) paired.add(`${r.relatedModel}.${back.name}`);
      paired.add(here);
      // the foreign-key side is the source; when the back field holds it, turn the edge around
      const flip = back !== undefined && !r.fields && (back.relation?.fields?.length ?? 0) > 0;
      const [src, srcField, dstField, dst] = flip
        ? [r.relatedModel, back, f, b.name]
        : [b.name, f, back, r.relatedModel];
      const edge: DiagramEdge = {
        id: `${src}.${srcField.name}->${dst}${dstField ? `.${dstField.name}` : ''}`,
        source: src,
        target: dst,
        sourceField: srcField.name,
        // each end's count is what the field on the *other* side says about it
        targetCardinality: endOf(srcField),
        sourceCardinality: dstField ? endOf(dstField) : 'n',
      };
      if (dstField) edge.targetField = dstField.name;
      if (r.name) edge.name = r.name;
      edges.push(edge);
    }
  }
  return { nodes, edges };
}

/** Fields named by `@@id([a, b])`. */
function idFields(block: Block): Set<string> {
  const id = block.attributes.find((a) => a.name === 'id');
  return new Set(
    [...(id?.args ?? '').matchAll(/\w+/g)].map((m) => m[0]).filter((n) => block.fields.some((f) => f.name === n)),
  );
}

/** A model and the models one relation away: what "focus" shows. */
export function neighbourhood(graph: DiagramGraph, id: string): Set<string> {
  const out = new Set([id]);
  for (const e of graph.edges) {
    if (e.source === id) out.add(e.target);
    if (e.target === id) out.add(e.source);
  }
  return out;
}
