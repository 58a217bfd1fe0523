// Every Prisma task on the project's own CLI (runs tasks-prisma7 and tasks-prisma6, test/integration/runs.mjs):
// a SQLite project whose node_modules/prisma is the real Prisma 7.x or 6.x package. Each task is run as
// tasks.json runs it; the test reads its exit code, what its terminal shows, and the files and database it
// changed. This machine cannot download Prisma's native schema engine: VS Code starts with
// PRISMA_SCHEMA_ENGINE_BINARY pointing at the stand-in (bench/host/schemaEngineStandIn.mjs, the wasm engine
// behind the CLI's JSON-RPC), and the titles of the tests that use it say so.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, describeIn, waitFor, workspaceRoot } from './helpers/extension';
import { executeTask, removeTasksJson, terminalText, useTasks, type PrismaTaskJson } from './helpers/tasks';

const major = Number(process.env.PW_PRISMA_MAJOR ?? 0);
const cliOnly = `(Prisma CLI ${major}.x)`;
const withStandIn = `(Prisma CLI ${major}.x + stand-in schema engine)`;

interface Sqlite {
  prepare(sql: string): { all(): Record<string, unknown>[] };
  exec(sql: string): void;
  close(): void;
}

/** The project's SQLite database, read (or written) with Node's own driver, apart from the extension and the CLI. */
function sqlite<T>(file: string, use: (db: Sqlite) => T): T {
  const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (file: string) => Sqlite };
  const db = new DatabaseSync(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

describeIn(['tasks-prisma7', 'tasks-prisma6'], `Tasks on the project's own Prisma CLI ${major}.x`, function () {
  this.timeout(120_000);
  let ws: string;
  let schemaFile: string;
  let dbFile: string;
  let cliEntry: string;
  let version: string;
  const tables = () =>
    sqlite(dbFile, (db) =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((r) => String(r.name)),
    );
  const columns = (table: string) =>
    sqlite(dbFile, (db) =>
      db
        .prepare(`PRAGMA table_info("${table}")`)
        .all()
        .map((r) => String(r.name)),
    );
  const appliedMigrations = () =>
    sqlite(dbFile, (db) =>
      db
        .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name')
        .all()
        .map((r) => String(r.migration_name)),
    );

  /**
   * Runs one task from tasks.json and returns its exit code and terminal, after checking that the task is the
   * project's CLI: its detail names node_modules/prisma's version, and a ProcessExecution runs its entry.
   */
  async function runTask(def: PrismaTaskJson, until = /Terminal will be reused by tasks|exit code \d+/) {
    const label = labelOf(def);
    // fetched again for each run, as Run Task does: the task is built from the project as it is now
    const task = (await vscode.tasks.fetchTasks({ type: 'prisma' })).find((t) => t.name === label);
    assert.ok(task, `VS Code does not offer the tasks.json task ${label}`);
    assert.equal(
      task.detail,
      `Prisma CLI ${version} (workspace)`,
      `the ${def.command} task does not run the project's CLI`,
    );
    const execution = task.execution;
    if (execution instanceof vscode.ProcessExecution) {
      assert.equal(
        execution.args[0],
        cliEntry,
        `the ${def.command} task runs ${execution.args[0]}, not the project's CLI`,
      );
    } else {
      assert.ok(execution instanceof vscode.CustomExecution, `unexpected execution for ${def.command}`);
    }
    await vscode.env.clipboard.writeText('');
    const exitCode = await executeTask(task);
    const output = await terminalText(until);
    return { exitCode, output, execution };
  }

  /** Rewrites the schema file on disk and waits until the extension has read it (the task is built from it). */
  async function editSchema(edit: (text: string) => string, holds: string) {
    writeFileSync(schemaFile, edit(readFileSync(schemaFile, 'utf8')));
    const { schemas } = (await activeApi()).services;
    await waitFor(
      `the extension to read the edited schema (${holds})`,
      () => schemas.schemas.some((s) => s.files.some((f) => f.content.includes(holds))) || undefined,
      30_000,
    );
  }

  const tasksJson: PrismaTaskJson[] = [
    { command: 'validate' },
    { command: 'format' },
    { command: 'generate' },
    { command: 'migrateStatus' },
    { command: 'migrateDeploy' },
    { command: 'migrateDev', name: 'add_post' },
    { command: 'dbSeed' },
    { command: 'dbPush' },
    { command: 'dbPull' },
  ];
  const labelOf = (def: PrismaTaskJson) => `cli ${def.command}`;

  before(async () => {
    ws = workspaceRoot();
    schemaFile = path.join(ws, 'schema.prisma');
    dbFile = path.join(ws, 'dev.db');
    cliEntry = path.join(ws, 'node_modules', 'prisma', 'build', 'index.js');
    assert.ok(existsSync(cliEntry), `the workspace has no node_modules/prisma (${cliEntry})`);
    version = String(
      (JSON.parse(readFileSync(path.join(ws, 'node_modules', 'prisma', 'package.json'), 'utf8')) as { version: string })
        .version,
    );
    assert.equal(Number(version.split('.')[0]), major, `node_modules/prisma is ${version}, not Prisma ${major}`);
    const { schemas } = (await activeApi()).services;
    await waitFor('the schema to be discovered', () => schemas.schemas.length > 0 || undefined, 60_000);
    await useTasks(Object.fromEntries(tasksJson.map((d) => [labelOf(d), d])));
  });

  after(() => removeTasksJson());

  it(`Validate runs node_modules/prisma in a ProcessExecution and says the schema is valid ${cliOnly}`, async () => {
    const { exitCode, output, execution } = await runTask({ command: 'validate' });
    assert.ok(execution instanceof vscode.ProcessExecution, 'validate is not a ProcessExecution');
    const project = major === 7 ? ['--config', path.join(ws, 'prisma.config.ts')] : ['--schema', schemaFile];
    assert.deepEqual(execution.args.slice(1), ['validate', ...project]);
    assert.equal(exitCode, 0, output);
    assert.match(output, /The schema at schema\.prisma is valid/);
  });

  it(`Format aligns the schema file ${cliOnly}`, async () => {
    assert.match(readFileSync(schemaFile, 'utf8'), /^ {2}id Int @id/m, 'the fixture schema is formatted already');
    const { exitCode, output } = await runTask({ command: 'format' });
    assert.equal(exitCode, 0, output);
    assert.match(output, /Formatted schema\.prisma/);
    assert.match(readFileSync(schemaFile, 'utf8'), /^ {2}id {4}Int {5}@id @default\(autoincrement\(\)\)$/m);
  });

  it(`Generate writes the client where the generator says ${cliOnly}`, async () => {
    const { exitCode, output } = await runTask({ command: 'generate' });
    assert.equal(exitCode, 0, output);
    assert.match(output, new RegExp(`Generated Prisma Client \\(${version.replace(/\./g, '\\.')}\\) to \\./generated`));
    assert.ok(existsSync(path.join(ws, 'generated', 'client.ts')), 'no generated/client.ts');
  });

  it(`Migrate Status before any migration ran fails and says why ${withStandIn}`, async () => {
    const { exitCode, output } = await runTask({ command: 'migrateStatus' });
    assert.equal(exitCode, 1, output);
    assert.match(output, /Datasource "db": SQLite database "dev\.db"/); // the CLI's own line: not the embedded engine
    assert.match(
      output,
      major === 7 ? /P1003: Database dev\.db does not exist/ : /not yet been applied:\s+20250101000000_init/,
    );
  });

  it(`Migrate Deploy applies the project's migration to the database ${withStandIn}`, async () => {
    const { exitCode, output } = await runTask({ command: 'migrateDeploy' });
    assert.equal(exitCode, 0, output);
    assert.match(output, /All migrations have been successfully applied/);
    assert.deepEqual(appliedMigrations(), ['20250101000000_init']);
    assert.ok(tables().includes('User'), `no User table: ${tables().join(', ')}`);
  });

  it(`Migrate Status then says the database is up to date ${withStandIn}`, async () => {
    const { exitCode, output } = await runTask({ command: 'migrateStatus' });
    assert.equal(exitCode, 0, output);
    assert.match(output, /1 migration found/);
    assert.match(output, /Database schema is up to date/);
  });

  it(`Migrate Dev creates and applies a migration for a new model ${withStandIn}`, async () => {
    await editSchema(
      (t) => `${t}\nmodel Post {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n`,
      'model Post',
    );
    const { exitCode, output } = await runTask({ command: 'migrateDev', name: 'add_post' });
    assert.equal(exitCode, 0, output);
    assert.match(output, /Your database is now in sync with your schema/);
    const created = readdirSync(path.join(ws, 'migrations')).filter((d) => d.endsWith('_add_post'));
    assert.equal(
      created.length,
      1,
      `no *_add_post migration folder: ${readdirSync(path.join(ws, 'migrations')).join(', ')}`,
    );
    assert.match(readFileSync(path.join(ws, 'migrations', created[0], 'migration.sql'), 'utf8'), /CREATE TABLE "Post"/);
    assert.deepEqual(appliedMigrations(), ['20250101000000_init', created[0]]);
    assert.ok(tables().includes('Post'), `no Post table: ${tables().join(', ')}`);
  });

  it(`DB Seed runs the project's seed command, which fills the database ${withStandIn}`, async () => {
    const { exitCode, output } = await runTask({ command: 'dbSeed' });
    assert.equal(exitCode, 0, output);
    assert.match(output, /The seed command has been executed/);
    const users = sqlite(dbFile, (db) => db.prepare('SELECT email FROM "User" ORDER BY email').all()).map(
      (r) => r.email,
    );
    assert.deepEqual(users, ['ada@example.com', 'grace@example.com']);
  });

  it(`DB Push adds a column without a migration ${withStandIn}`, async () => {
    const before = readdirSync(path.join(ws, 'migrations')).sort();
    await editSchema((t) => t.replace(/( {2}title String\n)/, '$1  published Boolean @default(false)\n'), 'published');
    const { exitCode, output } = await runTask({ command: 'dbPush' });
    assert.equal(exitCode, 0, output);
    assert.match(output, /Your database is now in sync with your Prisma schema/);
    assert.ok(columns('Post').includes('published'), `Post has ${columns('Post').join(', ')}`);
    assert.deepEqual(readdirSync(path.join(ws, 'migrations')).sort(), before, 'db push wrote a migration');
  });

  it(`DB Pull writes a table made by hand into schema.prisma ${withStandIn}`, async () => {
    sqlite(dbFile, (db) => db.exec('CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY, "label" TEXT NOT NULL)'));
    const { exitCode, output } = await runTask({ command: 'dbPull' });
    assert.equal(exitCode, 0, output);
    assert.match(output, /Introspected 3 models and wrote them into schema\.prisma/);
    const schema = readFileSync(schemaFile, 'utf8');
    assert.match(schema, /model Tag \{\s+id\s+Int\s+@id[^\n]*\n\s+label\s+String\s+\}/);
    // the datasource stays as the user wrote it (Prisma 6: the URL in the schema)
    if (major === 6) assert.match(schema, /url\s+= env\("DATABASE_URL"\)/);
  });
});
