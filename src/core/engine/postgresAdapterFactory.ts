// Migration-aware PostgreSQL factory around @prisma/adapter-pg 7.10.1, fixing what breaks the wasm
// engine: "char" columns (see pgCharColumnFix), a shadow database that replays into the MAIN
// database when the URL names one, and shadow databases leaked because DROP DATABASE ran while the
// shadow pool was still connected. A fixed shadow database is emptied before each use. Scripts run
// all-or-nothing as with the native engine (see withAtomicScripts).
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { createCharSafePool } from './pgCharColumnFix';
import { EMPTY_SHADOW_SQL, acquireShadowDatabase, discardShadowDatabase } from './shadowDatabasePool';
import { withKnownContents } from './shadowReplay';

export class SafePostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly config: pg.PoolConfig;
  private readonly shadowConfig: pg.PoolConfig | undefined;
  private readonly reuseShadow: boolean;

  /** `reuseShadowDatabase`: keep the temporary shadow database for the next use (drift checks; see shadowDatabasePool). */
  constructor(url: string, options: { shadowDatabaseUrl?: string; reuseShadowDatabase?: boolean } = {}) {
    this.config = { connectionString: url };
    this.shadowConfig = options.shadowDatabaseUrl ? { connectionString: options.shadowDatabaseUrl } : undefined;
    this.reuseShadow = options.reuseShadowDatabase === true;
  }

  connect(): Promise<SqlDriverAdapter> {
    return openAdapter(this.config);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    if (this.shadowConfig) {
      const adapter = await openAdapter(this.shadowConfig);
      await adapter.executeScript('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      return adapter;
    }
    if (this.reuseShadow) return this.reusedShadow();
    const admin = new pg.Client(this.config);
    await admin.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      await admin.end();
      throw error;
    }
    // `database` must win over the URL's database name, hence the parsed config, not connectionString.
    const adapter = await openAdapter({ ...parseUrl(this.config), database: name });
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

  /** A kept shadow database, kept again when the engine is done with it; what it holds is reused (shadowReplay). */
  private async reusedShadow(retry = true): Promise<SqlDriverAdapter> {
    const server = parseUrl(this.config);
    const shadow = await acquireShadowDatabase(server);
    let adapter: SqlDriverAdapter;
    try {
      adapter = await openAdapter({ ...server, database: shadow.name });
      // a kept database another process swept away fails here, not in the middle of the engine's replay
      if (!shadow.fresh) await adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
    } catch (error) {
      await discardShadowDatabase(server, shadow.name);
      // a kept database another process swept away, or one that could not be emptied: once more, fresh
      if (retry && !shadow.fresh) return this.reusedShadow(false);
      throw error;
    }
    const runScript = adapter.executeScript.bind(adapter); // before withKnownContents patches it
    const replay = withKnownContents(adapter, shadow.contents, () => runScript(EMPTY_SHADOW_SQL), isPublicSchemaProbe);
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
 * The engine's first query on a connection: does schema `public` exist, and the server's version. Its
 * answer is the same on an emptied shadow database (EMPTY_SHADOW_SQL gives `public` back) as on a filled one.
 */
export function isPublicSchemaProbe(query: SqlQuery): boolean {
  return (
    /^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\), current_setting\('server_version_num'\)::integer as numeric_version;?$/.test(
      query.sql.trim(),
    ) &&
    query.args.length === 1 &&
    query.args[0] === 'public'
  );
}

async function openAdapter(config: pg.PoolConfig): Promise<SqlDriverAdapter> {
  const pool = createCharSafePool(config);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
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

function parseUrl(config: pg.PoolConfig): pg.PoolConfig {
  if (!config.connectionString) return config;
  const url = new URL(config.connectionString);
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
    ssl: url.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
  };
}
