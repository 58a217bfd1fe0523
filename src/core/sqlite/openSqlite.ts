// SQLite for the lint and the schema engine: on a worker thread where the worker ships beside the code
// (the extension: a COUNT(*) over a big table or a drift check's hundreds of statements must not stall the
// host), else libsql in this thread (the lint CLI, where nothing else waits on it, and the integration
// tests' own setup, which must not open the file with a second copy of libsql running beside the
// extension's: two copies in one process do not see each other's locks).
import type { Client, Config } from '@libsql/client';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { loadLibsql } from '../engine/libsqlNative';
import { findWorkerEntry, OffThreadClient } from './offThreadClient';
import { offThreadLibsql } from './offThreadLibsql';

export async function openSqlite(config: Config): Promise<Client> {
  const entry = findWorkerEntry();
  if (entry) return new OffThreadClient(config, entry);
  const { createClient } = await loadLibsql(() => import('@libsql/client'));
  return createClient(config);
}

/**
 * Closes `db`; settles once the file is no longer open (a worker has ended), so whoever deletes or
 * recreates the file next (a reset, a test) does not race a connection still closing.
 */
export function closeSqlite(db: Client): Promise<void> {
  if (db instanceof OffThreadClient) return db.closeAndWait();
  db.close();
  return Promise.resolve();
}

/** Prisma's libsql adapter factory, its connections on a worker thread where the worker ships. */
export async function sqliteAdapterFactory(config: Config): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const entry = findWorkerEntry();
  if (entry) return offThreadLibsql(config, entry);
  const { PrismaLibSql } = await loadLibsql(() => import('@prisma/adapter-libsql'));
  return new PrismaLibSql(config);
}
