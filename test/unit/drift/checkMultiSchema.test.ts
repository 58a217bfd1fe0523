// Drift on a multi-schema PostgreSQL project (datasource `schemas = ["auth", "sales"]`, models with
// @@schema): the migrations are replayed into the kept shadow database across schemas, and a change in a
// listed schema changes the fingerprint (watch mode, replay cache) and shows as drift on its model.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DriftReplayCache, checkDrift, databaseFingerprint, type DriftInputs } from '../../../src/core/drift';
import { EmbeddedSchemaEngine, NO_FILTER, applyMigrations } from '../../../src/core/engine';
import { adapterFactoryFor as createAdapterFactory } from '../../../src/core/migrations/adapterFactory';
import { lockFileContent } from '../../../src/core/engine/migrationsDirectory';
import { dropAllShadowDatabases } from '../../../src/core/engine/shadowDatabasePool';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { parseSchema } from '../../../src/core/schema/parse';
import { tempDir } from '../engine/engineTestKit';
import { orSkip, throwawayPostgres, type Throwaway } from '../testServers';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'multi-schema', 'prisma', 'schema.prisma');

describe('drift: a multi-schema PostgreSQL project (@@schema)', function () {
  this.timeout(120_000);
  let db: Throwaway | undefined;
  let dir = '';
  let cleanup = () => undefined as void;
  const schemaFile = () => path.join(dir, 'schema.prisma');
  const exec = async (sql: string) => {
    const c = new pg.Client({ connectionString: db!.url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const fingerprint = async (namespaces?: string[]) => {
    const a = await (await createAdapterFactory({ provider: 'postgresql', url: db!.url })).connect();
    try {
      return await databaseFingerprint(a, 'postgresql', namespaces);
    } finally {
      await a.dispose();
    }
  };

  before(async function () {
    db = orSkip(this, await throwawayPostgres('pw_drift_multi'));
    ({ dir, cleanup } = tempDir('workbench-drift-multi-'));
    const schema = readFileSync(FIXTURE, 'utf8');
    writeFileSync(schemaFile(), schema);
    const engine = await EmbeddedSchemaEngine.open({
      adapterFactory: await createAdapterFactory({ provider: 'postgresql', url: db.url }),
    });
    try {
      const sql =
        (
          await engine.diff({
            from: { tag: 'empty' },
            to: { tag: 'schemaDatamodel', files: normalizeForPrisma7([{ path: schemaFile(), content: schema }], []) },
            script: true,
            exitCode: null,
            filters: NO_FILTER,
          })
        ).stdout ?? '';
      assert.match(sql, /CREATE SCHEMA IF NOT EXISTS "sales"/);
      mkdirSync(path.join(dir, 'migrations', '20260101000000_init'), { recursive: true });
      writeFileSync(path.join(dir, 'migrations', '20260101000000_init', 'migration.sql'), sql);
      writeFileSync(path.join(dir, 'migrations', 'migration_lock.toml'), lockFileContent('postgresql'));
      await applyMigrations(engine, { migrationsDir: path.join(dir, 'migrations') });
    } finally {
      await engine.dispose();
    }
  });
  after(async () => {
    await dropAllShadowDatabases();
    cleanup();
    await db?.drop();
  });

  const inputs = (cache: DriftReplayCache): DriftInputs => {
    const file = { path: schemaFile(), content: readFileSync(schemaFile(), 'utf8') };
    return {
      provider: 'postgresql',
      schemaFiles: normalizeForPrisma7([file], []),
      doc: parseSchema([file]),
      migrationsDir: path.join(dir, 'migrations'),
      mode: 'auto',
      adapterFactory: () => createAdapterFactory({ provider: 'postgresql', url: db!.url, reuseShadowDatabase: true }),
      configDir: dir,
      replayCache: cache,
    };
  };

  it('in sync, twice (the second from the kept shadow database); a column added in "sales" is drift on Order, seen by the fingerprint', async () => {
    const cache = new DriftReplayCache();
    const first = await checkDrift(inputs(cache));
    assert.equal(
      first.state,
      'inSync',
      first.findings.map((f) => f.message).join(' | ') + (first.error?.message ?? ''),
    );
    assert.equal((await checkDrift(inputs(cache))).state, 'inSync');
    const listed = await fingerprint(['auth', 'sales']);
    assert.equal(first.fingerprint, listed, 'the check fingerprints the schemas the datasource lists');
    const own = await fingerprint();
    await exec('ALTER TABLE sales.orders ADD COLUMN note TEXT');
    try {
      assert.notEqual(
        await fingerprint(['auth', 'sales']),
        listed,
        'a change in a listed schema changes the fingerprint',
      );
      assert.equal(await fingerprint(), own, "the connection's own schema (public) alone would not have seen it");
      const drifted = await checkDrift(inputs(cache));
      assert.equal(drifted.state, 'drift', drifted.findings.map((f) => f.message).join(' | '));
      assert.ok(
        drifted.findings.some((f) => f.message.includes('Order.note')),
        drifted.findings.map((f) => f.message).join(' | '),
      );
    } finally {
      await exec('ALTER TABLE sales.orders DROP COLUMN note');
    }
    assert.equal((await checkDrift(inputs(cache))).state, 'inSync');
  });
});
