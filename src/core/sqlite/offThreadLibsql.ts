// Prisma's libsql driver adapter with its connections on a worker thread: @prisma/adapter-libsql does the
// type mapping, error kinds, locking and transactions as for any libsql client, and the client it is
// given (OffThreadClient) runs the statements in sqliteWorker.ts. A long query no longer stalls the
// extension host; an interactive transaction keeps its connection in the worker until commit or rollback.
import type { Client, Config } from '@libsql/client';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { loadLibsql } from '../engine/libsqlNative';
import { OffThreadClient, type WorkerEntry } from './offThreadClient';

export async function offThreadLibsql(
  config: Config,
  entry?: WorkerEntry,
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaLibSql } = await loadLibsql(() => import('@prisma/adapter-libsql'));
  class PrismaLibSqlOffThread extends PrismaLibSql {
    override createClient(c: Config): Client {
      return new OffThreadClient(c, entry);
    }
  }
  return new PrismaLibSqlOffThread(config);
}
