// `migration_lock.toml` records the provider the migrations were written for. Migrations made on one
// provider (SQLite in development) cannot be deployed to another (PostgreSQL in production).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function lockedProvider(migrationsDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8');
  } catch {
    return undefined;
  }
  return /^\s*provider\s*=\s*"([^"]*)"/m.exec(text)?.[1];
}

const canonical = (p: string): string => (p === 'postgres' ? 'postgresql' : p);

/** A message when the schema's provider differs from the lock file's, else undefined. */
export function providerMismatch(schemaProvider: string | undefined, migrationsDir: string): string | undefined {
  const locked = lockedProvider(migrationsDir);
  if (locked === undefined || schemaProvider === undefined || canonical(locked) === canonical(schemaProvider))
    return undefined;
  return (
    `The datasource provider "${schemaProvider}" differs from "${locked}" in migrations/migration_lock.toml: ` +
    `the migrations were written for ${locked} and cannot be applied to ${schemaProvider} (Prisma error P3019). ` +
    `Keep one provider for development and production, or start a new migration history for ${schemaProvider} ` +
    `(move the migrations folder away and create a baseline migration).`
  );
}
