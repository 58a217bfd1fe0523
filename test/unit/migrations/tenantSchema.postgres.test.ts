// PostgreSQL `?schema=` on the real server (see testServers.ts): a database whose `public` schema holds
// the same tables as the tenant's schema. Everything the extension does through the URL (the grid's reads
// and edits, drift's fingerprint, the embedded deploy, resolve and reset, the Migrations view's live
// state) must act on the tenant's schema and leave public exactly as it was. The grid and drift use
// tenant_a, made by hand; the migrate commands start from an empty tenant_b.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { databaseFingerprint } from '../../../src/core/drift';
import { collectFacts } from '../../../src/core/migrationLint';
import { adapterFactoryFor } from '../../../src/core/migrations/adapterFactory';
import { runEmbedded, type EmbeddedContext } from '../../../src/core/migrations/embeddedCommands';
import { loadMigrationStatus } from '../../../src/core/migrations/liveStatus';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { parseSchema } from '../../../src/core/schema/parse';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import { cleanupStore, repoClientStore } from '../data/sqliteFixture';
import { tempDir } from '../engine/engineTestKit';
import { orSkip, throwawayPostgres, type Throwaway } from '../testServers';

const PROJECT = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'sample-postgres', 'prisma');

describe('PostgreSQL ?schema=: every path acts on that schema, public is left alone', function () {
  this.timeout(180_000);
  let pgdb: Throwaway | undefined;
  let url = ''; // the database itself
  let tenantUrl = ''; // ...?schema=tenant_a
  let commandsUrl = ''; // ...?schema=tenant_b
  let dir = '';
  let cleanup = () => {};
  let ctx: EmbeddedContext;
  const schemaFile = path.join(PROJECT, 'schema.prisma');
  const files = [{ path: schemaFile, content: readFileSync(schemaFile, 'utf8') }];

  const sql = async <T extends pg.QueryResultRow = Record<string, unknown>>(text: string): Promise<T[]> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const r = await c.query<T>(text);
      return Array.isArray(r) ? (r.at(-1) as pg.QueryResult<T>).rows : r.rows;
    } finally {
      await c.end();
    }
  };
  /** Every table, column and row of `public`, to prove nothing there changed. */
  const publicSnapshot = async () =>
    JSON.stringify([
      await sql(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
      ),
      await sql('SELECT id, slug, name FROM public.organizations ORDER BY id'),
    ]);
  const tables = async (schema: string) =>
    (
      await sql<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY 1`,
      )
    ).map((r) => r.t);
  const run = async (kind: Parameters<typeof runEmbedded>[0], options: Parameters<typeof runEmbedded>[1] = {}) => {
    const lines: string[] = [];
    const code = await runEmbedded(kind, options, ctx, { line: (t) => lines.push(t), cancelled: () => false });
    return { code, out: lines.join('\n') };
  };

  before(async function () {
    pgdb = orSkip(this, await throwawayPostgres('pw_tenant'));
    url = pgdb.url;
    tenantUrl = `${url}?schema=tenant_a`;
    commandsUrl = `${url}?schema=tenant_b`;
    // public and tenant_a: the same tables, applied by hand, public with one row the tenant must never see
    const migrations = path.join(PROJECT, 'migrations');
    for (const schema of ['public', 'tenant_a']) {
      const script = readdirSync(migrations)
        .filter((d) => !d.endsWith('.toml'))
        .sort()
        .map((m) => readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'))
        .join('\n');
      await sql(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};\n${script}`);
    }
    await sql("INSERT INTO public.organizations (id, slug, name) VALUES ('p1', 'public-org', 'Public Org')");
    await sql('CREATE SCHEMA tenant_b');
    ({ dir, cleanup } = tempDir('pw-tenant-'));
    cpSync(migrations, path.join(dir, 'migrations'), { recursive: true });
    ctx = {
      provider: 'postgresql',
      url: commandsUrl,
      baseDir: dir,
      projectDir: dir,
      migrationsDir: path.join(dir, 'migrations'),
      schemaFiles: normalizeForPrisma7(files, []),
    };
  });
  after(async () => {
    cleanup();
    cleanupStore();
    await pgdb?.drop();
  });

  it('the grid reads tenant_a rows and writes its edit there; public is unchanged', async () => {
    await sql("INSERT INTO tenant_a.organizations (id, slug, name) VALUES ('t1', 'tenant-org', 'Tenant Org')");
    const before = await publicSnapshot();
    const doc = parseSchema(files);
    const org = modelMeta(doc, 'Organization');
    const store = repoClientStore();
    const session = await DataSession.open(
      store.load(await store.ensure(normalizeSchema(files, doc, 'unit-test-tenant'))),
      'postgresql',
      await createClientAdapter('postgresql', tenantUrl),
    );
    try {
      const rows = await session.page(org, emptyQuery(), 0, 10);
      assert.deepEqual(
        rows.map((r) => r.slug),
        ['tenant-org'],
      );
      const saved = await session.save(org, {
        updates: [{ key: { id: 't1' }, original: rows[0], changes: { name: 'Tenant Org (edited)' } }],
        inserts: [{ slug: 'tenant-new', name: 'Inserted' }],
        deletes: [],
      });
      assert.ok(saved.ok, JSON.stringify(saved));
    } finally {
      await session.dispose();
    }
    assert.deepEqual(
      (await sql<{ slug: string; name: string }>('SELECT slug, name FROM tenant_a.organizations ORDER BY slug')).map(
        (r) => `${r.slug}: ${r.name}`,
      ),
      ['tenant-new: Inserted', 'tenant-org: Tenant Org (edited)'],
    );
    assert.equal(await publicSnapshot(), before);
  });

  it("drift's fingerprint follows tenant_a, not public", async () => {
    const fingerprint = async () => {
      const db = await (await adapterFactoryFor({ provider: 'postgresql', url: tenantUrl })).connect();
      try {
        return await databaseFingerprint(db, 'postgresql');
      } finally {
        await db.dispose();
      }
    };
    const first = await fingerprint();
    await sql('ALTER TABLE public.tags ADD COLUMN public_only INT');
    assert.equal(await fingerprint(), first, 'a change in public is not a change of tenant_a');
    await sql('ALTER TABLE tenant_a.tags ADD COLUMN tenant_only INT');
    assert.notEqual(await fingerprint(), first, 'a change in tenant_a must change the fingerprint');
    await sql('ALTER TABLE tenant_a.tags DROP COLUMN tenant_only; ALTER TABLE public.tags DROP COLUMN public_only');
    assert.equal(await fingerprint(), first);
  });

  it("the migration lint's row counts and table sizes are tenant_a's", async () => {
    await sql("INSERT INTO tenant_a.tags (name) SELECT 'tag ' || g FROM generate_series(1, 3) g");
    const facts = await collectFacts({ dialect: 'postgresql', url: tenantUrl, label: 'tenant_a' }, [
      { rule: 'table-rewrite', severity: 'warning', message: '', start: 0, end: 0, subject: { table: 'tags' } },
    ]);
    assert.equal(facts.rows?.get('tags'), 3, 'public.tags is empty, tenant_a.tags has 3 rows');
    assert.ok((facts.sizes?.get('tags') ?? 0) > 0);
  });

  it('the embedded deploy applies into tenant_b; public gets no table and no history', async () => {
    const before = await publicSnapshot();
    const deploy = await run('migrateDeploy');
    assert.equal(deploy.code, 0, deploy.out);
    assert.ok((await tables('tenant_b')).includes('organizations'), (await tables('tenant_b')).join());
    assert.equal(
      (await sql<{ n: string }>('SELECT count(*) AS n FROM tenant_b._prisma_migrations'))[0].n,
      String(readdirSync(ctx.migrationsDir).filter((d) => !d.endsWith('.toml')).length),
    );
    assert.ok(!(await tables('public')).includes('_prisma_migrations'));
    assert.equal(await publicSnapshot(), before);
    const status = await loadMigrationStatus({
      migrationsDir: ctx.migrationsDir,
      provider: 'postgresql',
      url: commandsUrl,
      baseDir: dir,
    });
    assert.equal(status.database, 'read', status.reason);
    assert.ok(status.entries.length > 0 && status.entries.every((e) => e.state === 'applied'));
  });

  it('the embedded resolve writes tenant_b._prisma_migrations', async () => {
    const extra = path.join(ctx.migrationsDir, '29990101000000_extra');
    mkdirSync(extra);
    writeFileSync(path.join(extra, 'migration.sql'), 'CREATE TABLE "extra" ("id" INTEGER PRIMARY KEY);\n');
    const resolved = await run('migrateResolve', { migration: '29990101000000_extra', resolveAs: 'applied' });
    assert.equal(resolved.code, 0, resolved.out);
    assert.deepEqual(
      await sql("SELECT migration_name FROM tenant_b._prisma_migrations WHERE migration_name = '29990101000000_extra'"),
      [{ migration_name: '29990101000000_extra' }],
    );
    assert.ok(!(await tables('public')).includes('_prisma_migrations'));
  });

  it("the embedded reset drops tenant_b's objects only: public's tables and rows survive", async () => {
    const before = await publicSnapshot();
    await sql('CREATE TABLE tenant_b.stray (id INT)');
    const reset = await run('migrateReset');
    assert.equal(reset.code, 0, reset.out);
    assert.equal(await publicSnapshot(), before);
    const tenant = await tables('tenant_b');
    assert.ok(!tenant.includes('stray'), tenant.join());
    assert.ok(tenant.includes('organizations'), tenant.join());
    assert.deepEqual(await sql('SELECT id FROM tenant_b.organizations'), []);
    assert.deepEqual(await sql('SELECT slug FROM public.organizations'), [{ slug: 'public-org' }]);
    assert.ok((await tables('tenant_a')).includes('organizations'), 'another tenant is not reset either');
    assert.match(reset.out, /Dropped everything in schema "tenant_b"/);
  });
});
