// An embedded schema engine for work that must not touch the user's database: on SQLite it runs against a
// throwaway file in a temporary folder (removed after); on PostgreSQL against the database's server,
// where the engine replays migrations in a shadow database it creates and drops (or the fixed
// `shadowDatabaseUrl`). Used to replay migrations for a preview or a comparison.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedSchemaEngine } from '../engine/embeddedSchemaEngine';
import { adapterFactoryFor } from './adapterFactory';

export type ScratchTarget =
  | { readonly provider: 'sqlite' }
  | { readonly provider: 'postgresql'; readonly url: string; readonly shadowDatabaseUrl?: string };

export async function withScratchEngine<T>(
  target: ScratchTarget,
  wasmPath: string | undefined,
  work: (engine: EmbeddedSchemaEngine) => Promise<T>,
): Promise<T> {
  const scratch = target.provider === 'sqlite' ? mkdtempSync(path.join(os.tmpdir(), 'pw-scratch-')) : undefined;
  try {
    const factory = await adapterFactoryFor(
      target.provider === 'sqlite'
        ? { provider: 'sqlite', url: 'file:./scratch.db', configDir: scratch! }
        : { provider: 'postgresql', url: target.url, shadowDatabaseUrl: target.shadowDatabaseUrl },
    );
    const engine = await EmbeddedSchemaEngine.open({ adapterFactory: factory, wasmPath });
    try {
      return await work(engine);
    } finally {
      await engine.dispose();
    }
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
