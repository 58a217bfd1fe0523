// Which SQL dialect a schema's migrations are written in: migration_lock.toml's provider, else the
// schema's datasource provider. Shared by the editor's lint and the CLI so both read a project alike.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dialect } from './types';

export function lockProvider(migrationsDir: string): string | undefined {
  try {
    return /provider\s*=\s*"([^"]+)"/.exec(readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** The lint dialect of a provider name (`postgres` too); undefined for providers the lint does not read. */
export function dialectOfProvider(provider: string | undefined): Dialect | undefined {
  if (provider === 'postgresql' || provider === 'postgres') return 'postgresql';
  if (provider === 'mysql') return 'mysql';
  if (provider === 'sqlite') return 'sqlite';
  return undefined;
}

/** The lock file wins when it exists (even with an unknown provider); else the schema's provider. */
export function migrationsDialect(
  migrationsDir: string,
  schemaProvider: () => string | undefined,
): Dialect | undefined {
  const locked = lockProvider(migrationsDir);
  return dialectOfProvider(locked ?? schemaProvider());
}
