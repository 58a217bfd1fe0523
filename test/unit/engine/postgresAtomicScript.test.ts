// A PostgreSQL migration that fails half-way leaves nothing behind, as with the native engine (one
// simple-protocol query = one implicit transaction); `;` inside strings and $$ bodies stay intact.
// Needs a server (TEST_POSTGRES_URL, else 127.0.0.1:5432); otherwise it says it skips.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedSchemaEngine, applyMigrations } from '../../../src/core/engine';
import { adapterFactoryFor } from '../../../src/core/migrations/adapterFactory';
import { orSkip, throwawayPostgres, type Throwaway } from '../testServers';
import { tempDir } from './engineTestKit';

describe('engine: PostgreSQL migration scripts run all or nothing', function () {
  this.timeout(60_000);
  let db: Throwaway | undefined;
  let url = '';
  before(async function () {
    db = orSkip(this, await throwawayPostgres('pw_atomic'));
    url = db.url;
  });
  after(async () => db?.drop());

  async function deploy(migrations: Record<string, string>): Promise<{ error?: string }> {
    const { dir, cleanup } = tempDir('pw-atomic-');
    try {
      const migrationsDir = path.join(dir, 'migrations');
      mkdirSync(migrationsDir);
      writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
      for (const [name, sql] of Object.entries(migrations)) {
        mkdirSync(path.join(migrationsDir, name));
        writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
      }
      const engine = await EmbeddedSchemaEngine.open({
        adapterFactory: await adapterFactoryFor({ provider: 'postgresql', url }),
      });
      try {
        await applyMigrations(engine, { migrationsDir });
        return {};
      } catch (e) {
        return { error: (e as Error).message };
      } finally {
        await engine.dispose();
      }
    } finally {
      cleanup();
    }
  }
  const query = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  };

  it('keeps semicolons inside strings and $$ bodies, and a failing second statement undoes the first', async () => {
    const ok = await deploy({
      '20260101000000_fn': `CREATE TABLE "Note" ("id" SERIAL PRIMARY KEY, "text" TEXT NOT NULL DEFAULT 'a;b');\nCREATE FUNCTION semi() RETURNS text AS $$ SELECT 'x;y'::text; $$ LANGUAGE sql;\n`,
    });
    assert.equal(ok.error, undefined);
    assert.deepEqual((await query('SELECT semi() AS v'))[0], { v: 'x;y' });
    const bad = await deploy({
      '20260101000000_fn': `CREATE TABLE "Note" ("id" SERIAL PRIMARY KEY, "text" TEXT NOT NULL DEFAULT 'a;b');\nCREATE FUNCTION semi() RETURNS text AS $$ SELECT 'x;y'::text; $$ LANGUAGE sql;\n`,
      '20260102000000_broken': 'CREATE TABLE "HalfDone" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
    });
    assert.match(bad.error ?? '', /no_such_table/);
    const dbTables = (
      await query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)
    ).map((r) => String(r.t));
    assert.ok(dbTables.includes('Note'));
    assert.ok(!dbTables.includes('HalfDone'), `half applied: ${dbTables.join(', ')}`);
    const rows = await query(
      `SELECT migration_name, finished_at FROM _prisma_migrations WHERE migration_name = '20260102000000_broken'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].finished_at, null, 'the failed migration is recorded as failed');
  });
});
