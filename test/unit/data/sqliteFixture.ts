// A fresh SQLite database of the sample schema (migrations applied by the embedded engine) and the
// grid's private client generated for it with the repo's Prisma CLI: the real data path, in plain Node.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { ClientStore } from '../../../src/core/data/clientStore';
import { DataSession } from '../../../src/core/data/dataSession';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import type { SqlProvider } from '../../../src/core/notebook/runSupport';
import { parseSchema } from '../../../src/core/schema/parse';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../../../src/core/engine';
import { sampleSchema, sampleSchemaPath } from './helpers';

const repo = path.resolve(__dirname, '..', '..', '..');
let storeDir: string | undefined;

export function repoClientStore(): ClientStore {
  storeDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'pw-grid-clients-'));
  return new ClientStore({
    storageDir: storeDir,
    cliPath: path.join(repo, 'node_modules', 'prisma', 'build', 'index.js'),
    runtimePackages: ['@prisma/client', '@prisma/client-runtime-utils'].map((name) => ({
      name,
      dir: path.join(repo, 'node_modules', ...name.split('/')),
    })),
  });
}

/** A data session on `url` through the private client generated (once per `id`) for one schema file's `schema`. */
export async function schemaSession(
  provider: SqlProvider,
  url: string,
  schema: string,
  id: string,
): Promise<DataSession> {
  const files = [{ path: '/virtual/schema.prisma', content: schema }];
  const store = repoClientStore();
  return DataSession.open(
    store.load(await store.ensure(normalizeSchema(files, parseSchema(files), id))),
    provider,
    await createClientAdapter(provider, url),
  );
}

export async function sampleSqlite(): Promise<{ session: DataSession; dir: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-grid-db-'));
  const dbFile = path.join(dir, 'dev.db');
  const { files, doc } = sampleSchema();
  const engine = await EmbeddedSchemaEngine.open({
    schemaFiles: files,
    adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: `file:${dbFile}`, configDir: dir }),
  });
  try {
    await applyMigrations(engine, { migrationsDir: path.join(path.dirname(sampleSchemaPath), 'migrations') });
  } finally {
    await engine.dispose();
  }
  const store = repoClientStore();
  const clientDir = await store.ensure(normalizeSchema(files, doc, 'unit-test'));
  const session = await DataSession.open(
    store.load(clientDir),
    'sqlite',
    await createClientAdapter('sqlite', `file:${dbFile}`),
  );
  return {
    session,
    dir,
    close: async () => {
      await session.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function cleanupStore(): void {
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
  storeDir = undefined;
}
