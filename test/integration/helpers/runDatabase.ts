// The database a grid run works on (test/integration/runs.mjs: `sqlite-grid`, `postgres-grid`, `mysql-grid`),
// for the suites that run in all three: a throwaway PostgreSQL or MySQL / MariaDB database (made by the
// suite, dropped after), or a SQLite file of the suite's own set as the grid's URL; the fixture's migrations
// applied to it; plain SQL on it for seeding and for reading what the extension wrote.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import pg from 'pg';
import type { Connection } from 'mariadb';
import { createClient, type Client as LibsqlClient } from '@libsql/client';
import { runName, workspaceRoot } from './extension';
import type { ThrowawayMysql } from './throwawayMysql';
import { adminUrl as pgAdminUrl, database as pgDatabase, type ThrowawayPostgres } from './throwawayPostgres';

export const onMysql = runName === 'mysql-grid';
export const onSqlite = runName === 'sqlite-grid';
/** The run's database as a title says it. */
export const databaseLabel = onMysql ? 'MySQL / MariaDB' : onSqlite ? 'SQLite' : 'PostgreSQL';

/** Plain SQL on the run's database (`?` placeholders, `"` quoted names on every database). */
export interface Sql {
  all(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  script(sql: string): Promise<void>;
  close(): Promise<void>;
}

function pgSql(client: pg.Client): Sql {
  return {
    all: async (sql, params = []) => {
      let i = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++i}`),
          params,
        )
      ).rows as Record<string, unknown>[];
    },
    script: async (sql) => {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

function mysqlSql(conn: Connection): Sql {
  return {
    all: async (sql, params = []) => {
      const r: unknown = await conn.query(sql.replace(/"/g, '`'), params);
      return Array.isArray(r) ? (r as Record<string, unknown>[]) : [];
    },
    script: async (sql) => {
      await conn.query(sql);
    },
    close: () => conn.end(),
  };
}

function sqliteSql(db: LibsqlClient): Sql {
  return {
    all: async (sql, params = []) =>
      (await db.execute({ sql, args: params as (string | number | bigint | null)[] })).rows as unknown as Record<
        string,
        unknown
      >[],
    script: (sql) => db.executeMultiple(sql),
    close: async () => db.close(),
  };
}

/** DateTime as the run's column takes it as text: SQLite as Prisma's adapter writes it (ISO with a zone). */
export const dbTime = (ms: number): string =>
  onSqlite
    ? new Date(ms).toISOString().replace('Z', '+00:00')
    : new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** The workspace's migration scripts, oldest first (`prisma/migrations` or `migrations` beside the schema). */
export function migrationScripts(): string[] {
  const migrations = [
    path.join(workspaceRoot(), 'prisma', 'migrations'),
    path.join(workspaceRoot(), 'migrations'),
  ].find((d) => fs.existsSync(d))!;
  return fs
    .readdirSync(migrations)
    .filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql')))
    .sort()
    .map((m) => fs.readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
}

/**
 * Makes the run's database and applies the migrations: on SQLite `<dir>/<sqliteFile>`, set as the workspace's
 * `prismaWorkbench.data.databaseUrl` (other suites migrate and reset the sample's dev.db; the caller unsets
 * it after); on a server the throwaway database (without a server the suite skips, saying why).
 */
export async function openRunDatabase(
  suite: Mocha.Context,
  servers: { pg: ThrowawayPostgres; mysql: ThrowawayMysql },
  dir: string,
  sqliteFile: string,
): Promise<Sql> {
  let sql: Sql;
  if (onSqlite) {
    const file = path.join(dir, sqliteFile);
    sql = sqliteSql(createClient({ url: `file:${file}`, intMode: 'bigint' }));
    await vscode.workspace
      .getConfiguration('prismaWorkbench.data')
      .update('databaseUrl', `file:${file}`, vscode.ConfigurationTarget.Workspace);
  } else if (onMysql) {
    await servers.mysql.create(suite);
    sql = mysqlSql(await servers.mysql.connect());
  } else {
    await servers.pg.create(suite);
    const u = new URL(pgAdminUrl);
    u.pathname = `/${pgDatabase}`;
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    sql = pgSql(client);
  }
  for (const script of migrationScripts()) await sql.script(script);
  return sql;
}
