// Prisma's libsql driver adapter with its connections on a worker thread: @prisma/adapter-libsql does the
// type mapping, error kinds, locking and transactions as for any libsql client, and the client it is
// given (OffThreadClient) runs the statements in sqliteWorker.ts. A long query no longer stalls the
// extension host; an interactive transaction keeps its connection in the worker until commit or rollback.
import type { Client, Config } from '@libsql/client';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { loadLibsql } from '../engine/libsqlNative';
import { OffThreadClient, type WorkerEntry } from './offThreadClient';

export async function offThreadLibsql(
  config: Config,
  entry?: WorkerEntry,
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaLibSql } = await loadLibsql(() => import('@prisma/adapter-libsql'));
  class PrismaLibSqlOffThread extends PrismaLibSql {
    private made: OffThreadClient | undefined;
    override createClient(c: Config): Client {
      return (this.made = new OffThreadClient(c, entry));
    }
    override connect(): Promise<SqlDriverAdapter> {
      return this.closing(() => super.connect());
    }
    override connectToShadowDb(): Promise<SqlDriverAdapter> {
      return this.closing(() => super.connectToShadowDb());
    }
    /** The adapter `open` makes, whose dispose() settles once its worker has released the file. */
    private async closing(open: () => Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> {
      const opening = open(); // createClient runs synchronously in here: `made` is this adapter's client
      const client = this.made;
      this.made = undefined;
      const adapter = await opening;
      if (!client) return adapter;
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await client.closeAndWait();
      };
      return adapter;
    }
  }
  return new PrismaLibSqlOffThread(config);
}
