// Migration-aware driver adapter factories per database. Drivers load on first use (they are
// native modules or big pools of code), so importing this file costs nothing.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { sqliteAdapterFactory } from '../sqlite/openSqlite';
import { yieldingFactory } from '../sqlite/yieldingAdapter';
import { loadLibsql } from './libsqlNative';
import { withShadowReadMemo } from './shadowReadMemo';
import { resolveSqliteUrl } from './sqliteUrl';

/** Where the engine should connect. The schema engine wasm has SQLite and PostgreSQL connectors only. */
export type DatabaseTarget =
  | {
      readonly provider: 'sqlite';
      /** `file:./dev.db` (relative to configDir) or `file:/abs/dev.db`. */
      readonly url: string;
      readonly configDir: string;
      /** Answer the shadow database's reads from earlier replays of the same migrations (drift checks; see shadowReadMemo). */
      readonly memoShadowReads?: boolean;
      /**
       * In this thread, a turn of the event loop before each statement, instead of on the worker thread: for
       * drift's many tiny catalog statements (sqlite/yieldingAdapter.ts); never for statements that scan data.
       */
      readonly hostThread?: boolean;
    }
  | {
      readonly provider: 'postgresql';
      readonly url: string;
      /** A fixed shadow database; without it a temporary one is created and dropped. */
      readonly shadowDatabaseUrl?: string;
      /** Keep the temporary shadow database between uses (drift checks): see shadowDatabasePool. */
      readonly reuseShadowDatabase?: boolean;
      /** Limit for connecting and for one query, in milliseconds (drift and watch mode); none when unset. */
      readonly timeoutMs?: number;
    };

export async function createAdapterFactory(target: DatabaseTarget): Promise<SqlMigrationAwareDriverAdapterFactory> {
  switch (target.provider) {
    case 'sqlite': {
      const config = { url: resolveSqliteUrl(target.url, target.configDir) };
      // on a worker thread (a statement that scans data never holds the host), or for drift's many tiny
      // statements in this thread with a turn of the event loop before each (no round trip per statement)
      const factory = target.hostThread
        ? yieldingFactory(new (await loadLibsql(() => import('@prisma/adapter-libsql'))).PrismaLibSql(config))
        : await sqliteAdapterFactory(config);
      const waiting = withBusyTimeout(factory);
      return target.memoShadowReads ? withShadowReadMemo(waiting) : waiting;
    }
    case 'postgresql': {
      const { SafePostgresAdapterFactory } = await import('./postgresAdapterFactory');
      return new SafePostgresAdapterFactory(target.url, {
        shadowDatabaseUrl: target.shadowDatabaseUrl,
        reuseShadowDatabase: target.reuseShadowDatabase,
        timeoutMs: target.timeoutMs,
      });
    }
  }
}

/** How long a SQLite statement of the engine waits for another connection's lock before it fails (SQLITE_BUSY). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Each connection waits up to SQLITE_BUSY_TIMEOUT_MS for a lock another connection holds, as the Prisma CLI's
 * engine does, instead of failing at once: a reset's migrations failed with SQLITE_BUSY (reported by the engine
 * as an unknown `SocketTimeout`) while the Migrations view read the file it was rewriting.
 */
function withBusyTimeout(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const waiting = async (adapter: SqlDriverAdapter) => {
    await adapter.executeScript(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => waiting(await factory.connect()),
    connectToShadowDb: async () => waiting(await factory.connectToShadowDb()),
  };
}
