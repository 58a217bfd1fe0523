// Shared helpers for the engine tests: temp folders, the sample project's files, SQLite engines.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedSchemaEngine, createAdapterFactory } from '../../../src/core/engine';
import type { SchemaFile } from '../../../src/core/engine';

export const SAMPLE_DIR = path.resolve(__dirname, '..', '..', '..', 'prisma');
export const SAMPLE_MIGRATIONS = path.join(SAMPLE_DIR, 'migrations');

export function sampleSchema(): SchemaFile {
  const file = path.join(SAMPLE_DIR, 'schema.prisma');
  return { path: file, content: readFileSync(file, 'utf8') };
}

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'workbench-engine-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openSqliteEngine(
  dbFile: string,
  schemaFiles?: readonly SchemaFile[],
): Promise<EmbeddedSchemaEngine> {
  const adapterFactory = await createAdapterFactory({
    provider: 'sqlite',
    url: `file:${dbFile}`,
    configDir: path.dirname(dbFile),
  });
  return EmbeddedSchemaEngine.open({ schemaFiles, adapterFactory });
}

export function sqliteSchema(models: string): SchemaFile {
  return { path: '/virtual/schema.prisma', content: `datasource db {\n  provider = "sqlite"\n}\n\n${models}\n` };
}
