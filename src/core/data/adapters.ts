// Prisma driver adapters for the grid's client, loaded on first use: libsql (SQLite; N-API, no Electron
// rebuild; its statements run on a worker thread), pg (PostgreSQL) and mariadb (MySQL / MariaDB), both pure JavaScript.
// Every server query has a time limit: a database that hangs (a held lock, a route that drops packets)
// fails the grid's request with a message instead of leaving it waiting forever.
import { searchPathOnConnect, urlSchema } from '../connections/postgresSchema';
import { mariadbUrlConfig } from '../connections/mariadbConfig';
import { offThreadLibsql } from '../sqlite/offThreadLibsql';
import type { DataProvider } from './schemaCopy';

/** The default limit for one grid query, and for connecting (`prismaWorkbench.data.queryTimeoutSeconds`). */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

export interface ClientAdapterOptions {
  /** Limit for connecting and for one query, in milliseconds. */
  timeoutMs?: number;
}

export async function createClientAdapter(
  provider: DataProvider,
  url: string,
  options: ClientAdapterOptions = {},
): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  switch (provider) {
    case 'sqlite': {
      // on a worker thread: libsql runs each statement synchronously, and a count or a search over a big
      // table would stall the extension host (sqlite/offThreadLibsql.ts).
      // bigint: libsql's default ('number') throws on integers beyond 2^53 (BigInt columns)
      return offThreadLibsql({ url, intMode: 'bigint' });
    }
    case 'postgresql': {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      // `?schema=`: adapter-pg ignores it in the URL; the client's queries and our raw SQL must use it.
      // statement_timeout: the server cancels a slow query; query_timeout: the client gives up on a
      // server that stopped answering; connectionTimeoutMillis: on one that never accepts
      const schema = urlSchema(url);
      return new PrismaPg(
        {
          connectionString: url,
          max: 4,
          connectionTimeoutMillis: timeoutMs,
          statement_timeout: timeoutMs,
          query_timeout: timeoutMs + 1000,
          ...searchPathOnConnect(schema),
        },
        schema ? { schema } : undefined,
      );
    }
    case 'mysql': {
      const { PrismaMariaDb } = await import('@prisma/adapter-mariadb');
      // queryTimeout is the server's own limit (max_statement_time): a server that stopped answering never
      // applies it, so socketTimeout gives up on the client a second later. An idle socket reaches that limit
      // too: the pool closes idle connections before it (idleTimeout, seconds) and keeps one (minimumIdle),
      // which is reopened when its socket times out.
      // the URL's own options win over these; Prisma's TLS parameters become the driver's ssl
      return new PrismaMariaDb(
        mariadbUrlConfig(url, {
          connectTimeout: timeoutMs,
          acquireTimeout: timeoutMs,
          queryTimeout: timeoutMs,
          socketTimeout: timeoutMs + 1000,
          idleTimeout: Math.max(1, Math.floor(timeoutMs / 2000)),
          minimumIdle: 1,
        }),
      );
    }
  }
}
