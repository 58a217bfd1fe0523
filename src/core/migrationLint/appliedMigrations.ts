// The migrations a database has applied, from Prisma's `_prisma_migrations` table: name -> checksum of the
// finished, not rolled-back ones. Used for edited-after-apply (the checksums) and by the CLI to pick the
// pending migrations (the names). Any failure (no table, no server) is an empty map.
import { existsSync } from 'node:fs';
import { mariadbUrlConfig } from '../connections/mariadbConfig';
import { searchPathSql, urlSchema } from '../connections/postgresSchema';
import { closeSqlite, openSqlite } from '../sqlite/openSqlite';
import type { Dialect } from './types';

const APPLIED_SQL =
  'SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL';

export async function appliedChecksums(target: { dialect: Dialect; url: string }): Promise<Map<string, string>> {
  return (await readApplied(target)) ?? new Map();
}

/** Like appliedChecksums, but undefined when the database could not be read (the CLI reports it). */
export async function readApplied(target: { dialect: Dialect; url: string }): Promise<Map<string, string> | undefined> {
  const out = new Map<string, string>();
  try {
    if (target.dialect === 'sqlite') {
      const file = target.url.replace(/^file:/, '').replace(/\?.*$/, '');
      if (!existsSync(file)) return out;
      const db = await openSqlite({ url: target.url });
      try {
        const r = await db.execute(APPLIED_SQL);
        for (const row of r.rows) out.set(String(row[0]), String(row[1]));
      } finally {
        await closeSqlite(db);
      }
    } else if (target.dialect === 'postgresql') {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        const schema = urlSchema(target.url);
        if (schema) await c.query(searchPathSql(schema));
        const r = await c.query<{ migration_name: string; checksum: string }>(APPLIED_SQL);
        for (const row of r.rows) out.set(row.migration_name, row.checksum);
      } finally {
        await c.end();
      }
    } else if (target.dialect === 'mysql') {
      const { PrismaMariaDb } = await import('@prisma/adapter-mariadb');
      const adapter = await new PrismaMariaDb(mariadbUrlConfig(target.url)).connect();
      try {
        const r = await adapter.queryRaw({ sql: APPLIED_SQL, args: [], argTypes: [] });
        for (const row of r.rows) out.set(String(row[0]), String(row[1]));
      } finally {
        await adapter.dispose();
      }
    }
  } catch (e) {
    // no history table yet: nothing applied; anything else: unknown
    if (/_prisma_migrations|no such table|does not exist|doesn't exist/i.test(e instanceof Error ? e.message : ''))
      return out;
    return undefined;
  }
  return out;
}
