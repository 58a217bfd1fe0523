// The database servers unit tests may use: PostgreSQL at TEST_POSTGRES_URL (else the local one at
// 127.0.0.1:5432) and MySQL / MariaDB at TEST_MYSQL_URL (else 127.0.0.1:3306). Each test gets a throwaway
// database it drops after. A server that does not answer makes its tests skip, saying which and why; when
// the URL was set explicitly (CI) an unreachable server is a failure, never a silent skip.
import pg from 'pg';

export const PG_BASE = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const MYSQL_BASE = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

export const masked = (url: string): string => url.replace(/:[^:@/]*@/, ':****@');

export interface Throwaway {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export type Server = Throwaway | { readonly skip: string };

const uniqueName = (prefix: string) =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

function unreachable(envName: string, base: string, error: unknown): { skip: string } {
  const reason = `no server at ${masked(base)}: ${firstLine(error)}`;
  if (process.env[envName]) throw new Error(`${envName} is set but ${reason}`);
  return { skip: reason };
}

function withDatabase(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh PostgreSQL database, or why there is none. */
export async function throwawayPostgres(prefix: string): Promise<Server> {
  const name = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    return unreachable('TEST_POSTGRES_URL', PG_BASE, error);
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(PG_BASE, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

type MysqlConnection = import('mariadb').Connection;

/** A plain mariadb connection to the MySQL server (multiple statements allowed), to `database` if given. */
export async function mysqlConnection(database?: string): Promise<MysqlConnection> {
  const { createConnection } = await import('mariadb');
  const u = new URL(MYSQL_BASE);
  return createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ...(database ? { database } : {}),
    connectTimeout: 3000,
    multipleStatements: true,
  });
}

/** A fresh MySQL / MariaDB database, or why there is none. */
export async function throwawayMysql(prefix: string): Promise<Server> {
  const name = uniqueName(prefix);
  let admin: MysqlConnection;
  try {
    admin = await mysqlConnection();
  } catch (error) {
    return unreachable('TEST_MYSQL_URL', MYSQL_BASE, error);
  }
  try {
    await admin.query(`CREATE DATABASE \`${name}\``);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(MYSQL_BASE, name),
    drop: async () => {
      const c = await mysqlConnection();
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/** In a mocha hook: the server's database, or the test skips saying why. */
export function orSkip(ctx: Mocha.Context, server: Server): Throwaway {
  if ('skip' in server) {
    console.log(`      (skipped: ${server.skip})`);
    ctx.skip();
  }
  return server;
}

/**
 * In a mocha `before` hook: a throwaway database of `provider` (a SQLite file in a temporary folder, or a
 * database on the test server) with `statements` run in it, or the suite skips saying why.
 */
export async function throwawayDatabase(
  ctx: Mocha.Context,
  provider: 'sqlite' | 'postgresql' | 'mysql',
  prefix: string,
  statements: readonly string[],
): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    const file = path.join(dir, 'dev.db');
    const Database = (await import('libsql')).default;
    const db = new Database(file);
    for (const s of statements) db.exec(s);
    db.close();
    return { url: `file:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  if (provider === 'postgresql') {
    const server = orSkip(ctx, await throwawayPostgres(prefix));
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
    return server;
  }
  const server = orSkip(ctx, await throwawayMysql(prefix));
  const c = await mysqlConnection(server.name);
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
  return server;
}
