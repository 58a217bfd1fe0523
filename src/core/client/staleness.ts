// Is the generated Prisma Client older than the schema? Both generators write the schema they were
// generated from into the client: `prisma-client-js` (Prisma 5/6) into `<output>/index.js`, default
// `node_modules/.prisma/client`, and `prisma-client` (Prisma 6.6+ and 7) into `<output>/internal/class.ts`
// (or `.mts` / `.cts` / `.js`), each as `"inlineSchema": "<the schema text>"` (several files joined, for a
// multi-file schema). The client is stale when that schema and the current one differ in anything the
// client is made of: blocks, fields, types, attributes, enum values, generator and datasource settings
// and `///` documentation. Whitespace, `//` comments and the order of blocks and files do not count.
import * as path from 'node:path';
import type { Block, SchemaDocument } from '../schema/model';
import { parseSchema } from '../schema/parse';

export interface ClientLocation {
  /** The generator block's name (`client`). */
  generator: string;
  provider: string;
  /** The files that hold the inline schema, most likely first. */
  candidates: string[];
}

const unquote = (v: string | undefined) => v?.trim().replace(/^"(.*)"$/, '$1');

/**
 * Where each generator of `doc` writes the schema it generated from. `schemaDir` is the folder of the
 * schema file (or the schema folder), which `output` is relative to; `projectDir` holds node_modules.
 */
export function clientLocations(doc: SchemaDocument, schemaDir: string, projectDir: string): ClientLocation[] {
  const out: ClientLocation[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== 'generator') continue;
    const provider = unquote(b.properties.find((p) => p.key === 'provider')?.value) ?? '';
    const output = unquote(b.properties.find((p) => p.key === 'output')?.value);
    const dir = output ? path.resolve(schemaDir, output) : undefined;
    if (provider === 'prisma-client-js') {
      const base = dir ?? path.join(projectDir, 'node_modules', '.prisma', 'client');
      out.push({ generator: b.name, provider, candidates: [path.join(base, 'index.js')] });
    } else if (provider === 'prisma-client' && dir) {
      out.push({
        generator: b.name,
        provider,
        candidates: ['ts', 'mts', 'cts', 'js', 'mjs'].flatMap((ext) => [
          path.join(dir, 'internal', `class.${ext}`),
          path.join(dir, `client.${ext}`),
        ]),
      });
    }
  }
  return out;
}

const inlineSchemaPattern = /["']?inlineSchema["']?\s*[:=]\s*("(?:[^"\\]|\\.)*")/;

/** The schema text a generated client holds, or undefined when `text` is not a generated client. */
export function inlineSchemaOf(text: string): string | undefined {
  const m = inlineSchemaPattern.exec(text);
  if (!m) return undefined;
  try {
    const value: unknown = JSON.parse(m[1]);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function blockShape(b: Block): unknown {
  const attrs = (list: { name: string; args?: string }[]) => list.map((a) => `@${a.name}(${a.args ?? ''})`);
  return [
    b.kind,
    b.name,
    b.documentation ?? '',
    attrs(b.attributes),
    b.fields.map((f) => [f.name, f.type, f.optional, f.list, attrs(f.attributes), f.documentation ?? '']),
    b.values.map((v) => [v.name, attrs(v.attributes), v.documentation ?? '']),
    b.properties.map((p) => [p.key, p.value.replace(/\s+/g, ' ')]),
  ];
}

/** What a client is generated from, as one comparable string (see the top of this file). */
export function clientShape(doc: SchemaDocument): string {
  return JSON.stringify(
    doc.blocks
      .map(blockShape)
      .map((s) => JSON.stringify(s))
      .sort(),
  );
}

export type ClientState =
  | { kind: 'fresh'; file: string }
  | { kind: 'stale'; file: string }
  /** No generated client found where the generator writes it (never generated, or output moved). */
  | { kind: 'missing' };

/** The shape (clientShape) of the schema a generated client's text holds; undefined when it is not a client. */
export function generatedClientShape(file: string, clientText: string): string | undefined {
  const inline = inlineSchemaOf(clientText);
  return inline === undefined ? undefined : clientShape(parseSchema([{ path: file, content: inline }]));
}

/** The client at `file`, whose schema has the shape `generated` (generatedClientShape), against the current schema. */
export function stateOfShape(current: SchemaDocument, file: string, generated: string | undefined): ClientState {
  if (generated === undefined) return { kind: 'missing' };
  return generated === clientShape(current) ? { kind: 'fresh', file } : { kind: 'stale', file };
}

/** Compares the current schema with the one the generated client at `file` (text `clientText`) holds. */
export function clientState(current: SchemaDocument, file: string, clientText: string): ClientState {
  return stateOfShape(current, file, generatedClientShape(file, clientText));
}
