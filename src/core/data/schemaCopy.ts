// The normalised copy of a workspace schema the private client is generated from: the user's generator
// blocks and every `url`-like datasource setting removed (Prisma 5/6 `url = env(...)` would fail on 7),
// all files of a multi-file schema joined, and our own `prisma-client-js` generator added. Keyed by a
// hash so that an unchanged schema reuses its client.
import { createHash } from 'node:crypto';
import type { Block, SchemaDocument, SchemaFile } from '../schema/model';

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

/** Returns `content` with [start, end) of each range cut out. */
function cut(content: string, ranges: { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    out += content.slice(at, r.start);
    at = Math.max(at, r.end);
  }
  return out + content.slice(at);
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
    const ranges: { start: number; end: number }[] = [];
    const rangeOf = (r: Block['location']['range']) => ({
      start: offsetOf(file.content, r.start.line, r.start.character),
      end: offsetOf(file.content, r.end.line, r.end.character),
    });
    for (const b of blocks) {
      if (b.kind === 'generator') ranges.push(rangeOf(b.location.range));
      if (b.kind === 'datasource') {
        for (const p of b.properties) {
          if (droppedDatasourceKeys.has(p.key)) ranges.push(rangeOf(p.location.range));
        }
      }
    }
    parts.push(`// ---- ${file.path.split(/[\\/]/).pop() ?? 'schema'}\n${cut(file.content, ranges)}`);
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
