// A cheap fingerprint of a database's schema for watch mode: one small catalog query, hashed. When it
// changes, a full drift check runs; when it does not, nothing else touches the database. The drift check's
// replay cache (replayCache.ts) trusts it too, so it covers every detail a diff sees: column types with
// their lengths and precisions, defaults, nullability, index and constraint definitions, enums, views.
import { createHash } from 'node:crypto';
import type { SqlQueryable } from '@prisma/driver-adapter-utils';

const SQLITE = `SELECT type || ':' || name || ':' || tbl_name || ':' || coalesce(sql, '') AS s FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`;
const POSTGRES = `SELECT string_agg(x, ';' ORDER BY x) AS s FROM (
  SELECT 'c:' || table_name || '.' || column_name || ':' || data_type || ':' || udt_name || ':' || coalesce(character_maximum_length::text, '')
      || ':' || coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '') || ':' || coalesce(datetime_precision::text, '')
      || ':' || is_nullable || ':' || coalesce(column_default, '') AS x
    FROM information_schema.columns WHERE table_schema = current_schema()
  UNION ALL SELECT 'i:' || tablename || ':' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
  UNION ALL SELECT 'k:' || conrelid::regclass::text || ':' || conname || ':' || contype::text || ':' || pg_get_constraintdef(c.oid) FROM pg_constraint c
    JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema()
  UNION ALL SELECT 'e:' || t.typname || ':' || e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema()
  UNION ALL SELECT 'v:' || table_name || ':' || coalesce(view_definition, '') FROM information_schema.views WHERE table_schema = current_schema()
) q`;
/** The fingerprint of a SQLite database whose file does not exist (yet). */
export const MISSING_DATABASE = 'missing';

const HISTORY = `SELECT count(*) AS n, max(finished_at) AS f, max(rolled_back_at) AS r FROM _prisma_migrations`;

export async function databaseFingerprint(db: SqlQueryable, provider: 'sqlite' | 'postgresql'): Promise<string> {
  const hash = createHash('sha256');
  const schema = await db.queryRaw({ sql: provider === 'sqlite' ? SQLITE : POSTGRES, args: [], argTypes: [] });
  for (const row of schema.rows) hash.update(String(row[0] ?? '')).update('\n');
  try {
    const history = await db.queryRaw({ sql: HISTORY, args: [], argTypes: [] });
    hash.update(JSON.stringify(history.rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  } catch {
    hash.update('no history table');
  }
  return hash.digest('hex').slice(0, 16);
}
