// The Migrations view and the Prisma tasks against PostgreSQL (run "postgres" in runs.mjs): the
// sample-postgres fixture pointed at a throwaway database on TEST_POSTGRES_URL's server (CI) or the local
// one at 127.0.0.1:5432, created here and dropped after. Without a reachable server the suite says it skips.
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import * as vscode from 'vscode';
import { activeApi, describeIn, waitFor, workspaceRoot } from './helpers/extension';
import { database, ThrowawayPostgres } from './helpers/throwawayPostgres';
import {
  migrationsOf,
  migrationsView,
  runCommand,
  shownMigrations,
  statesOf,
  untilSchemaHolds,
} from './helpers/migrations';
import { untilNewSecondIn } from '../unit/migrationSecond';

describeIn(['postgres'], 'Migrations view and Prisma tasks (PostgreSQL)', function () {
  this.timeout(180_000);
  let ws: string;
  let migrationsDir: string;
  const throwaway = new ThrowawayPostgres();

  async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
  const tableExists = async (table: string) =>
    (await query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1`, [table]))
      .length > 0;

  before(async function () {
    assert.ok(
      process.env.DATABASE_URL?.endsWith(`/${database}`),
      'DATABASE_URL does not point at the throwaway database',
    );
    await throwaway.create(this);
    ws = workspaceRoot();
    migrationsDir = path.join(ws, 'prisma', 'migrations');
    const api = await activeApi();
    await waitFor('the schema to be discovered', () => api.services.schemas.schemas.length > 0 || undefined, 30_000);
    await (await migrationsView()).refresh();
  });

  after(async () => {
    await throwaway.drop();
  });

  it('an empty database: every migration pending, the root names the database', async () => {
    const folders = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const { root, children } = await shownMigrations();
    assert.match(root.description, new RegExp(`${database} on `));
    assert.deepEqual(
      migrationsOf(children).map((c) => c.label),
      folders,
    );
    assert.ok(
      migrationsOf(children).every((c) => c.contextValue === 'migration.pending'),
      statesOf(children),
    );
    assert.ok(
      children.some(
        (c) => c.label === 'Nothing applied yet' && /_prisma_migrations does not exist/.test(c.description),
      ),
      children.map((c) => c.label).join(),
    );
  });

  it('Migrate Deploy runs as a task, exits 0, the tables exist and the tree shows every migration applied', async () => {
    assert.equal(await runCommand('prismaWorkbench.migrations.deploy'), 0);
    assert.ok(await tableExists('reviews'), "the last migration's table (reviews) is missing");
    const rows = await query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    );
    const { root, children } = await shownMigrations();
    assert.equal(rows.length, migrationsOf(children).length);
    assert.ok(
      migrationsOf(children).every((c) => c.contextValue === 'migration.applied' && /^applied /.test(c.description)),
      statesOf(children),
    );
    assert.doesNotMatch(root.description, /pending/);
  });

  it('Migrate Status exits 0 when everything is applied', async () => {
    assert.equal(await runCommand('prismaWorkbench.migrations.status'), 0);
  });

  it('Migrate Dev with a name creates a migration, applies it (shadow database) and shows it applied', async () => {
    const schemaFile = path.join(ws, 'prisma', 'schema.prisma');
    const original = readFileSync(schemaFile, 'utf8');
    appendFileSync(schemaFile, '\nmodel PgNote {\n  id   Int    @id @default(autoincrement())\n  text String\n}\n');
    try {
      await untilSchemaHolds('model PgNote');
      await untilNewSecondIn(migrationsDir); // migration names have 1-second resolution
      assert.equal(await runCommand('prismaWorkbench.migrations.dev', { name: 'pg note' }), 0);
      const created = migrationsOf((await shownMigrations()).children).at(-1);
      assert.match(created?.label ?? '', /^\d{14}_pg_note$/);
      assert.equal(created?.contextValue, 'migration.applied');
      assert.ok(await tableExists('PgNote'));
      const leaked = await query(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`);
      assert.deepEqual(leaked, [], 'a shadow database was left behind');
    } finally {
      writeFileSync(schemaFile, original);
    }
  });

  it('a migration that fails shows as failed with the error, and Resolve --rolled-back marks it rolled back', async () => {
    const name = '29991231000000_broken';
    const dir = path.join(migrationsDir, name);
    mkdirSync(dir);
    // PostgreSQL runs the script in one implicit transaction: the first table must not survive the failure
    writeFileSync(
      path.join(dir, 'migration.sql'),
      'CREATE TABLE "HalfDone" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
    );
    try {
      assert.notEqual(await runCommand('prismaWorkbench.migrations.deploy'), 0);
      let shown = migrationsOf((await shownMigrations()).children).find((c) => c.label === name);
      assert.equal(shown?.contextValue, 'migration.failed');
      assert.ok(
        shown?.node.kind === 'migration' && /no_such_table/.test(shown.node.entry.error ?? ''),
        'the recorded error is not shown',
      );
      assert.equal(await tableExists('HalfDone'), false, 'the failed migration was half applied');
      assert.equal(
        await runCommand('prismaWorkbench.migrations.resolveRolledBack', {
          migration: name,
          confirmDatabase: database,
        }),
        0,
      );
      shown = migrationsOf((await shownMigrations()).children).find((c) => c.label === name);
      assert.equal(shown?.contextValue, 'migration.rolledBack');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await (await migrationsView()).refresh();
    }
    // rolled back and deleted locally: nothing left to show
    assert.ok(!migrationsOf((await shownMigrations()).children).some((c) => c.label === name));
  });

  it('a migration applied but deleted locally shows as in the database, missing locally', async () => {
    const [first] = readdirSync(migrationsDir)
      .filter((d) => /^\d{14}_/.test(d))
      .sort();
    const moved = path.join(ws, `${first}.moved`);
    renameSync(path.join(migrationsDir, first), moved);
    try {
      await (await migrationsView()).refresh();
      const shown = migrationsOf((await shownMigrations()).children).find((c) => c.label === first);
      assert.equal(shown?.contextValue, 'migration.missingLocally');
    } finally {
      renameSync(moved, path.join(migrationsDir, first));
      await (await migrationsView()).refresh();
    }
  });

  it('Migrate Reset with the database name drops everything and applies all migrations again', async () => {
    await query('CREATE TABLE "Stray" ("id" INTEGER)');
    assert.equal(await runCommand('prismaWorkbench.migrations.reset', { confirmDatabase: database }), 0);
    assert.equal(await tableExists('Stray'), false);
    const { children } = await shownMigrations();
    assert.ok(
      migrationsOf(children).every((c) => c.contextValue === 'migration.applied'),
      statesOf(children),
    );
  });

  it('a Migrate Deploy task terminated half-way leaves every migration whole or absent, and the tree says which', async () => {
    const count = 60;
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `2999${String(i).padStart(10, '0')}_cancel_${i}`;
      names.push(name);
      mkdirSync(path.join(migrationsDir, name));
      // two statements: a migration cut in the middle would leave the table without its row
      writeFileSync(
        path.join(migrationsDir, name, 'migration.sql'),
        `CREATE TABLE "cancel_${i}" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "cancel_${i}" ("id") VALUES (${i});\n`,
      );
    }
    const running = runCommand('prismaWorkbench.migrations.deploy');
    const execution = await waitFor(
      'the deploy task to start',
      () => vscode.tasks.taskExecutions.find((t) => t.task.name === 'prisma migrate deploy'),
      20_000,
    );
    await waitFor(
      'the first migration to be applied',
      async () =>
        (await query(`SELECT 1 FROM _prisma_migrations WHERE migration_name LIKE '%_cancel_%'`)).length > 0 ||
        undefined,
      20_000,
    );
    execution.terminate();
    await running;
    // the migration in flight when terminated completes (whole): wait until no _cancel_ migration is
    // unfinished and no other session on the database is running a statement or holding a transaction, the
    // same on two looks in a row (with the same migrations finished)
    const settled = async () => {
      const [{ unfinished, finished }] = await query<{ unfinished: number; finished: number }>(
        `SELECT count(*) FILTER (WHERE finished_at IS NULL AND rolled_back_at IS NULL)::int AS unfinished,
                count(*) FILTER (WHERE finished_at IS NOT NULL)::int AS finished
           FROM _prisma_migrations WHERE migration_name LIKE '%_cancel_%'`,
      );
      const [{ busy }] = await query<{ busy: number }>(
        `SELECT count(*)::int AS busy FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
      );
      return unfinished === 0 && busy === 0 ? finished : undefined;
    };
    let previous: number | undefined;
    await waitFor(
      'the terminated deploy to finish its migration in flight',
      async () => {
        const now = await settled();
        const same = now !== undefined && now === previous;
        previous = now;
        return same || undefined;
      },
      60_000,
    );
    await (await migrationsView()).refresh();
    const { children } = await shownMigrations();
    const shown = new Map(migrationsOf(children).map((c) => [c.label, c.contextValue]));
    const applied = names.filter((n) => shown.get(n) === 'migration.applied');
    assert.ok(
      applied.length > 0 && applied.length < count,
      `terminate did not stop the deploy half-way (${applied.length} of ${count} applied)`,
    );
    for (const [i, name] of names.entries()) {
      const state = shown.get(name);
      assert.ok(state === 'migration.applied' || state === 'migration.pending', `${name}: ${state}`);
      const rows = (await tableExists(`cancel_${i}`))
        ? await query<{ id: number }>(`SELECT "id" FROM "cancel_${i}"`)
        : undefined;
      if (state === 'migration.applied')
        assert.deepEqual(
          rows?.map((r) => r.id),
          [i],
          `${name} is shown applied but its changes are not all there`,
        );
      else assert.equal(rows, undefined, `${name} is shown pending but its table exists`);
    }
    assert.equal(await runCommand('prismaWorkbench.migrations.deploy'), 0, 'a second deploy finishes the job');
    assert.ok(migrationsOf((await shownMigrations()).children).every((c) => c.contextValue === 'migration.applied'));
  });

  it('the prisma tasks never show the database URL', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'prisma' });
    assert.ok(tasks.some((t) => t.name === 'prisma migrate deploy'));
    assert.ok(!tasks.some((t) => /postgres(ql)?:\/\//.test(t.name)));
  });
});
