// A cheap fingerprint of a database's schema for watch mode: one small catalog query, hashed. When it
// changes, a full drift check runs; when it does not, nothing else touches the database. The drift check's
// replay cache (replayCache.ts) trusts it too, so it covers every detail a diff sees: column types with
// their lengths and precisions, defaults, nullability, index and constraint definitions, enums, views.
import { createHash } from 'node:crypto';
import type { SqlQueryable } from '@prisma/driver-adapter-utils';

const SQLITE = `SELECT type || ':' || name || ':' || tbl_name || ':' || coalesce(sql, '') AS s FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`;
/**
 * `ns` filters the database schemas: the connection's own (`current_schema()`), or the datasource's
 * `schemas = [...]` list as $1 (multi-schema projects: a change in any of them must be seen).
 */
const postgres = (ns: string) => `SELECT string_agg(x, ';' ORDER BY x) AS s FROM (
  SELECT 'c:' || table_schema || '.' || table_name || '.' || column_name || ':' || data_type || ':' || udt_name || ':' || coalesce(character_maximum_length::text, '')
      || ':' || coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '') || ':' || coalesce(datetime_precision::text, '')
      || ':' || is_nullable || ':' || coalesce(column_default, '') AS x
    FROM information_schema.columns WHERE table_schema ${ns}
  UNION ALL SELECT 'i:' || schemaname || '.' || tablename || ':' || indexdef FROM pg_indexes WHERE schemaname ${ns}
  UNION ALL SELECT 'k:' || conrelid::regclass::text || ':' || conname || ':' || contype::text || ':' || pg_get_constraintdef(c.oid) FROM pg_constraint c
    JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname ${ns}
  UNION ALL SELECT 'e:' || n.nspname || '.' || t.typname || ':' || e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname ${ns}
  UNION ALL SELECT 'v:' || table_schema || '.' || table_name || ':' || coalesce(view_definition, '') FROM information_schema.views WHERE table_schema ${ns}
) q`;
const POSTGRES_OWN = postgres('= current_schema()');
const POSTGRES_LISTED = postgres('= ANY($1::text[])');
/** The fingerprint of a SQLite database whose file does not exist (yet). */
export const MISSING_DATABASE = 'missing';

const HISTORY = `SELECT count(*) AS n, max(finished_at) AS f, max(rolled_back_at) AS r FROM _prisma_migrations`;

/** `namespaces`: PostgreSQL's datasource `schemas` list, when the schema names one. */
export async function databaseFingerprint(
  db: SqlQueryable,
  provider: 'sqlite' | 'postgresql',
  namespaces?: readonly string[],
): Promise<string> {
  const hash = createHash('sha256');
  const listed = provider === 'postgresql' && namespaces !== undefined && namespaces.length > 0;
  const schema = await db.queryRaw(
    provider === 'sqlite'
      ? { sql: SQLITE, args: [], argTypes: [] }
      : listed
        ? { sql: POSTGRES_LISTED, args: [[...namespaces]], argTypes: [{ scalarType: 'string', arity: 'list' }] }
        : { sql: POSTGRES_OWN, args: [], argTypes: [] },
  );
  for (const row of schema.rows) hash.update(String(row[0] ?? '')).update('\n');
  try {
    const history = await db.queryRaw({ sql: HISTORY, args: [], argTypes: [] });
    hash.update(JSON.stringify(history.rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  } catch {
    hash.update('no history table');
  }
  return hash.digest('hex').slice(0, 16);
}
