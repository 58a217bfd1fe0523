// The schema corpus under test/fixtures/schemas: every `.prisma` file at the top is one schema, every
// folder one multi-file schema (all `.prisma` files below it); `broken/` holds one schema per file.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SchemaFile } from '../../../src/core/schema/model';
import { publicSchemas } from './publicSchemas';

export const CORPUS_DIR = path.resolve(__dirname, '../../fixtures/schemas');
export const BROKEN_DIR = path.join(CORPUS_DIR, 'broken');

export interface CorpusSchema {
  /** File name or folder name, relative to the corpus folder. */
  name: string;
  files: SchemaFile[];
}

export function readSchemaFile(file: string): SchemaFile {
  return { path: file, content: fs.readFileSync(file, 'utf8') };
}

/** Every `.prisma` file below `dir`, sorted: one multi-file schema. */
export function prismaFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.prisma'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The valid-for-some-Prisma-version schemas (everything but `broken/`). */
export function corpusSchemas(): CorpusSchema[] {
  return fs
    .readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((e) => e.name !== 'broken' && (e.isDirectory() || e.name.endsWith('.prisma')))
    .map((e) => {
      const full = path.join(CORPUS_DIR, e.name);
      const files = e.isDirectory() ? prismaFilesUnder(full) : [full];
      return { name: e.name, files: files.map(readSchemaFile) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function brokenSchema(name: string): SchemaFile[] {
  return [readSchemaFile(path.join(BROKEN_DIR, name))];
}

export function brokenSchemaNames(): string[] {
  return fs
    .readdirSync(BROKEN_DIR)
    .filter((n) => n.endsWith('.prisma'))
    .sort();
}

/** The corpus above and the public schemas of real projects (publicSchemas.ts: fetched from npm on first use). */
export function fullCorpus(): CorpusSchema[] {
  return [...corpusSchemas(), ...publicSchemas()];
}
