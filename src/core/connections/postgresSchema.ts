// PostgreSQL's `?schema=` URL parameter, read as Prisma reads it: the schema every table lives in and
// unqualified SQL (migration scripts) runs in. node-pg and @prisma/adapter-pg ignore the parameter, so
// every connection we open for such a URL is told: the adapter by its `schema` option (the queries it
// generates name the schema), the connection by `SET search_path` (the SQL we or the engine send).
import type pg from 'pg';

/** The schema a PostgreSQL URL's `?schema=` names; undefined when it names none (Prisma then uses `public`). */
export function urlSchema(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('schema') || undefined;
  } catch {
    return undefined;
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The statement that makes `schema` the connection's schema (unqualified names, current_schema()). */
export function searchPathSql(schema: string): string {
  return `SET search_path TO ${quoteIdent(schema)}`;
}

/** Pool settings that point every new connection at `schema` before it is used; none without a schema. */
export function searchPathOnConnect(schema: string | undefined): Pick<pg.PoolConfig, 'onConnect'> {
  if (schema === undefined) return {};
  return { onConnect: async (client) => void (await client.query(searchPathSql(schema))) };
}
