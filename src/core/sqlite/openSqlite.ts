// A libsql client for a short read (the migration lint's row counts and applied migrations): on a worker
// thread where the worker ships beside the code (the extension: a COUNT(*) over a big table must not stall
// the host), else libsql's own in this thread (the lint CLI, where nothing else waits on it).
import type { Client, Config } from '@libsql/client';
import { loadLibsql } from '../engine/libsqlNative';
import { findWorkerEntry, OffThreadClient } from './offThreadClient';

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
