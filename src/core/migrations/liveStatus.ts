// Migration states for one schema against its database, read in-process through Prisma's driver
// adapters (libsql for SQLite, pg for PostgreSQL, mariadb for MySQL and MariaDB): the folders, the
// history table, and the merge.
// Whatever goes wrong, the local migrations are still listed, with a plain reason for unknown states.
import { existsSync } from 'node:fs';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { adapterFactoryFor } from './adapterFactory';
import { sqliteFilePath } from '../engine/sqliteUrl';
import type { Provider } from '../connections/databaseUrl';
import { mysqlTls, type MariadbTls } from '../connections/mariadbConfig';
import { urlSchema } from '../connections/postgresSchema';
import { explain } from './explainError';
import { readHistory } from './historyTable';
import { readLocalMigrations, type LocalMigrations } from './localMigrations';
import { computeStates, type MigrationEntry } from './migrationStates';

export type DatabaseStatus =
  /** History read: states are real. */
  | 'read'
  /** Reachable, no `_prisma_migrations`: nothing applied yet. */
  | 'noHistory'
  /** SQLite file not created yet: nothing applied. */
  | 'absent'
  /** Schema-only mode: states unknown, `reason` says why. */
  | 'unknown';

export interface MigrationStatus {
  readonly local: LocalMigrations;
  readonly entries: readonly MigrationEntry[];
  readonly database: DatabaseStatus;
  /** Plain words for the user when states are unknown or nothing is applied. */
  readonly reason?: string;
  /** Which engine answered, e.g. `embedded (libsql)`. */
  readonly answeredBy?: string;
  readonly ms: number;
}

export interface StatusRequest {
  readonly migrationsDir: string;
  readonly provider: Provider | undefined;
  /** Undefined: schema-only mode with `noUrlReason`. */
  readonly url?: string;
  readonly noUrlReason?: string;
  /** Folder relative SQLite paths resolve from. */
  readonly baseDir: string;
  readonly timeoutMs?: number;
}

export async function loadMigrationStatus(req: StatusRequest): Promise<MigrationStatus> {
  const t0 = performance.now();
  const local = readLocalMigrations(req.migrationsDir);
  const done = (
    database: DatabaseStatus,
    entries: MigrationEntry[],
    extra: { reason?: string; answeredBy?: string } = {},
  ): MigrationStatus => ({ local, entries, database, ...extra, ms: performance.now() - t0 });
  const unknown = (reason: string) => done('unknown', computeStates(local.migrations, undefined), { reason });

  if (req.url === undefined) return unknown(req.noUrlReason ?? 'No database URL is configured for this schema.');
  const provider = req.provider;
  if (provider !== 'sqlite' && provider !== 'postgresql' && provider !== 'mysql') {
    return unknown(
      `${provider ?? 'This database'} is not read in-process (SQLite, PostgreSQL and MySQL only): run the "Migrate Status" task to see the states through the Prisma CLI.`,
    );
  }
  const answeredBy = `embedded (${{ sqlite: 'libsql', postgresql: 'pg', mysql: 'mariadb' }[provider]})`;
  if (provider === 'sqlite') {
    const file = sqliteFilePath(req.url, req.baseDir);
    if (file !== undefined && !existsSync(file)) {
      return done('absent', computeStates(local.migrations, []), {
        reason: `The SQLite database file does not exist yet: Migrate Dev or Migrate Deploy creates it.`,
        answeredBy,
      });
    }
  }
  let adapter: SqlDriverAdapter | undefined;
  try {
    const connecting = connectFor(provider, req.url, req.baseDir);
    adapter = await withTimeout(
      connecting,
      req.timeoutMs ?? 10_000,
      () => void connecting.then((a) => a.dispose()).catch(() => undefined),
    );
    const schema = provider === 'postgresql' ? urlSchema(req.url) : undefined;
    const rows = await withTimeout(
      readHistory(adapter, schema ? { provider, schema } : { provider }),
      req.timeoutMs ?? 10_000,
    );
    if (rows === null)
      return done('noHistory', computeStates(local.migrations, []), {
        reason: 'The database has no migration history yet (_prisma_migrations does not exist).',
        answeredBy,
      });
    return done('read', computeStates(local.migrations, rows), { answeredBy });
  } catch (error) {
    return unknown(`The database could not be read: ${explain(error)}`);
  } finally {
    await adapter?.dispose().catch(() => undefined);
  }
}

/** One connection for reading the history table. */
async function connectFor(
  provider: 'sqlite' | 'postgresql' | 'mysql',
  url: string,
  baseDir: string,
): Promise<SqlDriverAdapter> {
  if (provider === 'mysql') {
    const { PrismaMariaDb } = await import('@prisma/adapter-mariadb');
    const { createConnection } = await import('mariadb');
    // the mariadb driver speaks to MySQL too. Its pool retries a refused connection until it times out, so
    // one plain connection first turns "refused", "access denied" and "unknown database" into words at once.
    const config = mariadbConfig(url);
    await (await createConnection(config)).end();
    return new PrismaMariaDb(config).connect();
  }
  const factory = await adapterFactoryFor(
    provider === 'sqlite' ? { provider, url, configDir: baseDir } : { provider, url },
  );
  return factory.connect();
}

/** The mariadb driver's pool settings for a `mysql://` URL: one connection, a 10 s connect timeout. */
export function mariadbConfig(url: string): {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
  connectionLimit: number;
  connectTimeout: number;
  acquireTimeout: number;
} & MariadbTls {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    host: u.hostname || 'localhost',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(database ? { database } : {}),
    connectionLimit: 1,
    connectTimeout: 10_000,
    acquireTimeout: 10_000,
    ...mysqlTls(url),
  };
}

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new TimeoutError(`no answer within ${Math.round(ms / 1000)} s`));
    }, ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export { explain };
