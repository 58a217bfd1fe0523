// The normalised copy of a workspace schema the private client is generated from: the user's generator
// blocks and every `url`-like datasource setting removed (Prisma 5/6 `url = env(...)` would fail on 7),
// a view's primary key made a unique key (Prisma 5 to 6.12 allowed `@id` / `@@id` on views, Prisma 7
// rejects them; the grid only reads views, it needs their key to page and find rows, not as a primary
// key), all files of a multi-file schema joined, and our own `prisma-client-js` generator added. Keyed
// by a hash so that an unchanged schema reuses its client.
import { createHash } from 'node:crypto';
import type { Attribute, Block, Range, SchemaDocument, SchemaFile } from '../schema/model';

export const GENERATOR_NAME = 'prisma_workbench_grid';
const droppedDatasourceKeys = new Set(['url', 'directUrl', 'shadowDatabaseUrl']);

/** Providers we can open: the ones Prisma's driver adapters we bundle serve. */
export type DataProvider = 'sqlite' | 'postgresql' | 'mysql';

export interface SchemaCopy {
  text: string;
  provider: DataProvider;
  hash: string;
}

export class UnsupportedProviderError extends Error {}

function offsetOf(content: string, line: number, character: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = content.indexOf('\n', offset);
    if (next < 0) return content.length;
    offset = next + 1;
  }
  return offset + character;
}

interface Edit {
  start: number;
  end: number;
  /** What replaces [start, end); nothing when absent. */
  text?: string;
}

/** Returns `content` with [start, end) of each edit replaced by its text (overlapping edits: the first wins). */
function applyEdits(content: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    out += content.slice(at, e.start) + (e.text ?? '');
    at = e.end;
  }
  return out + content.slice(at);
}

/** A view's `@id` becomes `@unique` (dropped when the field has `@unique` already), its `@@id` `@@unique`. */
function viewKeyEdits(view: Block, offset: (p: Range['start']) => number): Edit[] {
  const edits: Edit[] = [];
  const keyword = (a: Attribute, prefix: string): Edit => {
    const start = offset(a.range.start);
    return { start, end: start + prefix.length + 'id'.length, text: `${prefix}unique` };
  };
  for (const field of view.fields) {
    const unique = field.attributes.some((a) => a.name === 'unique');
    for (const a of field.attributes) {
      if (a.name !== 'id') continue;
      edits.push(unique ? { start: offset(a.range.start), end: offset(a.range.end) } : keyword(a, '@'));
    }
  }
  for (const a of view.attributes) if (a.name === 'id') edits.push(keyword(a, '@@'));
  return edits;
}

export function normalizeSchema(files: SchemaFile[], doc: SchemaDocument, engineVersion: string): SchemaCopy {
  const datasource = doc.blocks.find((b) => b.kind === 'datasource');
  const rawProvider = datasource?.properties
    .find((p) => p.key === 'provider')
    ?.value.replace(/"/g, '')
    .trim();
  const provider: DataProvider | undefined =
    rawProvider === 'sqlite'
      ? 'sqlite'
      : rawProvider === 'postgresql' || rawProvider === 'postgres'
        ? 'postgresql'
        : rawProvider === 'mysql'
          ? 'mysql'
          : undefined;
  if (!provider) {
    throw new UnsupportedProviderError(
      `the data grid opens SQLite, PostgreSQL and MySQL/MariaDB databases; this schema's provider is ${rawProvider ?? 'not set'}`,
    );
  }
  const parts: string[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const blocks = doc.blocks.filter((b) => b.location.file === file.path);
    const edits: Edit[] = [];
    const offset = (p: Range['start']) => offsetOf(file.content, p.line, p.character);
    const rangeOf = (r: Range): Edit => ({ start: offset(r.start), end: offset(r.end) });
    for (const b of blocks) {
      if (b.kind === 'generator') edits.push(rangeOf(b.location.range));
      if (b.kind === 'datasource') {
        for (const p of b.properties) {
          if (droppedDatasourceKeys.has(p.key)) edits.push(rangeOf(p.location.range));
        }
      }
      if (b.kind === 'view') edits.push(...viewKeyEdits(b, offset));
    }
    parts.push(`// ---- ${file.path.split(/[\\/]/).pop() ?? 'schema'}\n${applyEdits(file.content, edits)}`);
  }
  // Preview features the schema itself needs; the user's list may name ones this Prisma does not know.
  const preview: string[] = [];
  if (doc.blocks.some((b) => b.kind === 'view')) preview.push('views');
  if (datasource?.properties.some((p) => p.key === 'extensions')) preview.push('postgresqlExtensions');
  const previewLine = preview.length ? `  previewFeatures = [${preview.map((f) => `"${f}"`).join(', ')}]\n` : '';
  const generator = `generator ${GENERATOR_NAME} {\n  provider = "prisma-client-js"\n  output   = "./client"\n${previewLine}}\n`;
  const text = `${generator}\n${parts.join('\n')}`;
  const hash = createHash('sha256').update(engineVersion).update('\0').update(text).digest('hex').slice(0, 16);
  return { text, provider, hash };
}
