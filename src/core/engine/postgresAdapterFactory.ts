// Migration-aware PostgreSQL factory around @prisma/adapter-pg 7.10.1, fixing what breaks the wasm
// engine: "char" columns (see pgCharColumnFix), a shadow database that replays into the MAIN
// database when the URL names one, and shadow databases leaked because DROP DATABASE ran while the
// shadow pool was still connected. A configured shadow database is refused when it is the main database
// (sameDatabase.ts), and only its own schema is emptied, when the engine asks for it. The URL's `?schema=`
// is honoured on every connection (postgresSchema.ts). Scripts run all-or-nothing as with the native
// engine (see withAtomicScripts).
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { createCharSafePool } from './pgCharColumnFix';
import { quoteIdent, searchPathOnConnect, urlSchema } from '../connections/postgresSchema';
import { shadowDatabaseClash } from '../connections/sameDatabase';
import { acquireShadowDatabase, discardShadowDatabase, emptyShadowSql } from './shadowDatabasePool';
import { withKnownContents } from './shadowReplay';

export class SafePostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly url: string;
  /** The URL's `?schema=`: the engine describes, migrates and resets that schema only. */
  private readonly schema: string | undefined;
  private readonly shadowUrl: string | undefined;
  private readonly reuseShadow: boolean;
  /** node-pg's limits for connecting and for one query (none without `timeoutMs`). */
  private readonly limits: pg.ClientConfig;

  /**
   * `reuseShadowDatabase`: keep the temporary shadow database for the next use (drift checks; see
   * shadowDatabasePool). `timeoutMs`: a server that does not accept or answer fails the connection or the
   * query within it (drift checks and watch mode), instead of leaving it waiting forever.
   */
  constructor(
    url: string,
    options: { shadowDatabaseUrl?: string; reuseShadowDatabase?: boolean; timeoutMs?: number } = {},
  ) {
    this.url = url;
    this.schema = urlSchema(url);
    this.shadowUrl = options.shadowDatabaseUrl;
    this.reuseShadow = options.reuseShadowDatabase === true;
    this.limits = timeoutLimits(options.timeoutMs);
  }

  connect(): Promise<SqlDriverAdapter> {
    return openAdapter(this.url, this.schema, this.limits);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    if (this.shadowUrl) return this.configuredShadow(this.shadowUrl);
    if (this.reuseShadow) return this.reusedShadow();
    const admin = new pg.Client({ connectionString: this.url, ...this.limits });
    await admin.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      await admin.end();
      throw error;
    }
    let adapter: SqlDriverAdapter;
    try {
      adapter = await openAdapter(withDatabase(this.url, name), this.schema, this.limits);
      if (this.schema) await adapter.executeScript(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      throw error;
    }
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      try {
        await dispose();
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      }
    };
    return adapter;
  }

  /**
   * The configured shadow database, refused when it is the main database (as Prisma's engine refuses it),
   * else its schema (`?schema=`, default public) emptied: nothing else in that database is touched.
   */
  private async configuredShadow(shadowUrl: string): Promise<SqlDriverAdapter> {
    const clash = shadowDatabaseClash(this.url, shadowUrl);
    if (clash) throw new Error(clash);
    const schema = urlSchema(shadowUrl);
    const adapter = await openAdapter(shadowUrl, schema, this.limits);
    const q = quoteIdent(schema ?? 'public');
    try {
      await adapter.executeScript(`DROP SCHEMA IF EXISTS ${q} CASCADE; CREATE SCHEMA ${q};`);
    } catch (error) {
      await adapter.dispose().catch(() => undefined);
      throw error;
    }
    return adapter;
  }

  /** A kept shadow database, kept again when the engine is done with it; what it holds is reused (shadowReplay). */
  private async reusedShadow(retry = true): Promise<SqlDriverAdapter> {
    const server: pg.ClientConfig = { connectionString: this.url, ...this.limits };
    const shadow = await acquireShadowDatabase(server);
    let adapter: SqlDriverAdapter;
    try {
      adapter = await openAdapter(withDatabase(this.url, shadow.name), this.schema, this.limits);
      // a kept database another process swept away fails here, not in the middle of the engine's replay
      if (!shadow.fresh) await adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
      else if (this.schema) await adapter.executeScript(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
    } catch (error) {
      await discardShadowDatabase(server, shadow.name);
      // a kept database another process swept away, or one that could not be emptied: once more, fresh
      if (retry && !shadow.fresh) return this.reusedShadow(false);
      throw error;
    }
    const runScript = adapter.executeScript.bind(adapter); // before withKnownContents patches it
    const schema = this.schema ?? 'public';
    const replay = withKnownContents(
      adapter,
      shadow.contents,
      () => runScript(emptyShadowSql(schema)),
      (query) => isSchemaProbe(query, schema),
    );
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      try {
        await dispose();
      } finally {
        shadow.release(replay.contents());
      }
    };
    return replay.adapter;
  }
}

/**
 * The engine's first query on a connection: does its schema (`public` unless the URL says `?schema=`)
 * exist, and the server's version. Its answer is the same on an emptied shadow database (emptyShadowSql
 * gives the schema back) as on a filled one.
 */
export function isSchemaProbe(query: SqlQuery, schema = 'public'): boolean {
  return (
    /^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\), current_setting\('server_version_num'\)::integer as numeric_version;?$/.test(
      query.sql.trim(),
    ) &&
    query.args.length === 1 &&
    query.args[0] === schema
  );
}

/**
 * Client-side limits: connectionTimeoutMillis for a server that never accepts, query_timeout for one that
 * stopped answering (the client gives up and the pool drops the connection). No statement_timeout: a
 * migration replayed into the shadow database may legitimately run long on the server.
 */
function timeoutLimits(timeoutMs: number | undefined): pg.ClientConfig {
  return timeoutMs === undefined ? {} : { connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs };
}

/** `schema`: the URL's `?schema=`, which adapter-pg and node-pg ignore (see postgresSchema.ts). */
async function openAdapter(
  url: string,
  schema: string | undefined,
  limits: pg.ClientConfig,
): Promise<SqlDriverAdapter> {
  const pool = createCharSafePool({ connectionString: url, ...limits, ...searchPathOnConnect(schema) });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true, ...(schema ? { schema } : {}) }).connect();
  return withAtomicScripts(adapter, pool);
}

/**
 * adapter-pg's executeScript splits the script on every `;` (also inside strings and `$$` function bodies)
 * and runs the pieces one by one, so a migration that fails half-way stays half applied. The native
 * engine sends the whole script in one simple-protocol query: PostgreSQL runs it as one implicit
 * transaction, all or nothing. We do the same on one pooled connection.
 */
export function withAtomicScripts(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  const convert = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string): Promise<void> => {
    try {
      await pool.query(script);
    } catch (error) {
      convert(error);
    }
  };
  return adapter;
}

/**
 * The same URL naming another database on the same server. Everything else stays as the user wrote it
 * (TLS: sslmode, sslrootcert, sslcert, sslkey; a `?host=` socket), so node-pg connects to the shadow
 * database exactly as it connects to the main one.
 */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
