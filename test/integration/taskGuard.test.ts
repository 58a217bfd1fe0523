// The guard where a Prisma task executes, in the real host: tasks written in .vscode/tasks.json (the way
// "Run Task", dependsOn and "Rerun Last Task" run them) against a SQLite database that counts as
// production are refused without the typed name and with a wrong one — checked on the database file's
// rows, not on a dialog. And the CLI a task runs receives the active named connection's URL in the
// environment variable the datasource reads (a stand-in CLI records what it was given).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeIn } from './helpers/extension';
import { runCommand, sqliteSampleWorkspace } from './helpers/migrations';
import { executeTask, removeTasksJson, terminalText, useTasks } from './helpers/tasks';

type Sqlite = {
  prepare(sql: string): { all(...p: unknown[]): Record<string, unknown>[] };
  exec(sql: string): void;
  close(): void;
};
const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (file: string) => Sqlite };

const MARKER = 'guard-marker';

describeIn(['sample'], 'The task guard runs where a Prisma task executes (SQLite sample)', function () {
  this.timeout(120_000);
  let ws: string;
  let dbFile: string;
  const config = () => vscode.workspace.getConfiguration('prismaWorkbench');

  /** Rows of the marker organisation in the guarded database (0 when the file or table is gone). */
  const markerRows = (): number => {
    if (!existsSync(dbFile)) return 0;
    const db = new DatabaseSync(dbFile);
    try {
      return db.prepare('SELECT id FROM organizations WHERE slug = ?').all(MARKER).length;
    } catch {
      return 0;
    } finally {
      db.close();
    }
  };

  before(async function () {
    ws = await sqliteSampleWorkspace(this);
    dbFile = path.join(ws, 'guarded.db');
    rmSync(dbFile, { force: true });
    // a named connection of its own, made active: every task below must act on it
    await vscode.commands.executeCommand('prismaWorkbench.connections.add', {
      name: 'guarded',
      url: 'file:./guarded.db',
    });
    assert.equal(await runCommand('prismaWorkbench.migrations.deploy', { confirmDatabase: 'guarded.db' }), 0);
    const db = new DatabaseSync(dbFile);
    db.exec(`INSERT INTO organizations (id, slug, name) VALUES ('org-guard', '${MARKER}', 'Keep me')`);
    db.close();
    assert.equal(markerRows(), 1);
    // from here on the guarded database counts as production
    await config().update('production.urlPatterns', ['<non-local>', '*guarded.db*'], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('production.urlPatterns', undefined, vscode.ConfigurationTarget.Global);
    removeTasksJson();
    await vscode.commands.executeCommand('prismaWorkbench.connections.switch', { name: 'Prisma config' });
  });

  it('a tasks.json reset on a production database: refused when the typed name is not given (prompt dismissed)', async () => {
    const tasks = await useTasks({ 'reset guarded': { command: 'migrateReset' } });
    const code = await executeTask(tasks.get('reset guarded')!, true);
    assert.notEqual(code, 0, 'the reset reported success');
    assert.equal(markerRows(), 1, 'the production database was reset');
  });

  it('"confirmed": true alone does not reset a production database, and neither does a wrong name', async () => {
    const tasks = await useTasks({
      'reset confirmed': { command: 'migrateReset', confirmed: true },
      'reset wrong name': { command: 'migrateReset', confirmed: true, confirmDatabase: 'dev.db' },
    });
    assert.notEqual(await executeTask(tasks.get('reset confirmed')!), 0);
    assert.equal(markerRows(), 1, '"confirmed": true reset the production database');
    assert.notEqual(await executeTask(tasks.get('reset wrong name')!), 0);
    assert.equal(markerRows(), 1, 'a wrong confirmDatabase reset the production database');
  });

  it("with the right name the scripted reset runs, on the active connection's database", async () => {
    const devBefore = existsSync(path.join(ws, 'dev.db')) ? readFileSync(path.join(ws, 'dev.db')) : undefined;
    const tasks = await useTasks({
      'reset right name': { command: 'migrateReset', confirmed: true, confirmDatabase: 'guarded.db' },
    });
    assert.equal(await executeTask(tasks.get('reset right name')!), 0);
    // read until the file shows the reset (the task's end and the file's last write are not ordered for us);
    // a reset that did not happen still fails here after 5 s, with what the task printed
    const end = Date.now() + 5000;
    while (markerRows() !== 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    if (markerRows() !== 0)
      assert.fail(
        `the reset did not reach the guarded database; the task's terminal:\n${await terminalText(/exit code/)}`,
      );
    const devAfter = existsSync(path.join(ws, 'dev.db')) ? readFileSync(path.join(ws, 'dev.db')) : undefined;
    assert.deepEqual(devAfter, devBefore, 'dev.db (the Prisma config database) changed');
  });

  describe('the Prisma CLI a task runs', () => {
    let configFile: string;
    let originalConfig: string;
    let createdNodeModules = false;
    const log = () => path.join(ws, 'fake-cli.jsonl');
    const calls = (): { argv: string[]; DATABASE_URL?: string }[] =>
      existsSync(log())
        ? readFileSync(log(), 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as { argv: string[]; DATABASE_URL?: string })
        : [];

    before(async () => {
      // a stand-in for the project's own CLI: records its arguments and the URL it was given
      createdNodeModules = !existsSync(path.join(ws, 'node_modules'));
      const cli = path.join(ws, 'node_modules', 'prisma');
      mkdirSync(path.join(cli, 'build'), { recursive: true });
      writeFileSync(path.join(cli, 'package.json'), JSON.stringify({ name: 'prisma', version: '7.10.1' }));
      writeFileSync(
        path.join(cli, 'build', 'index.js'),
        `require('node:fs').appendFileSync(${JSON.stringify(log())}, JSON.stringify({ argv: process.argv.slice(2), DATABASE_URL: process.env.DATABASE_URL }) + '\\n');\n`,
      );
      await config().update('engine', 'cli', vscode.ConfigurationTarget.Workspace);
      configFile = path.join(ws, 'prisma.config.ts');
      originalConfig = readFileSync(configFile, 'utf8');
    });

    after(async () => {
      writeFileSync(configFile, originalConfig);
      await config().update('engine', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(createdNodeModules ? path.join(ws, 'node_modules') : path.join(ws, 'node_modules', 'prisma'), {
        recursive: true,
        force: true,
      });
      rmSync(log(), { force: true });
    });

    it('receives the active connection\'s URL in the variable the config reads (env("DATABASE_URL"))', async () => {
      writeFileSync(configFile, originalConfig.replace("url: 'file:./dev.db'", "url: env('DATABASE_URL')"));
      assert.match(readFileSync(configFile, 'utf8'), /env\('DATABASE_URL'\)/);
      const tasks = await useTasks({ 'status on cli': { command: 'migrateStatus' } });
      assert.equal(await executeTask(tasks.get('status on cli')!), 0);
      const [call] = calls();
      assert.ok(call, 'the CLI did not run');
      assert.deepEqual(call.argv.slice(0, 2), ['migrate', 'status']);
      assert.equal(call.DATABASE_URL, `file:${dbFile}`);
    });

    it('a confirmed reset reaches the CLI with --force only after the guard, and a refused one never starts it', async () => {
      rmSync(log(), { force: true });
      const tasks = await useTasks({
        'cli reset refused': { command: 'migrateReset', confirmed: true },
        'cli reset named': { command: 'migrateReset', confirmed: true, confirmDatabase: 'guarded.db' },
      });
      assert.notEqual(await executeTask(tasks.get('cli reset refused')!), 0);
      assert.deepEqual(calls(), [], 'the CLI ran although the guard refused');
      assert.equal(await executeTask(tasks.get('cli reset named')!), 0);
      const [call] = calls();
      assert.deepEqual(call?.argv.slice(0, 3), ['migrate', 'reset', '--force']);
      assert.equal(call?.DATABASE_URL, `file:${dbFile}`);
    });

    it('a config that writes its URL literally: the CLI is not started on the wrong database', async () => {
      writeFileSync(configFile, originalConfig);
      rmSync(log(), { force: true });
      const tasks = await useTasks({ 'status literal': { command: 'migrateStatus' } });
      assert.notEqual(await executeTask(tasks.get('status literal')!), 0);
      assert.deepEqual(calls(), [], 'the CLI ran on the config\'s dev.db while the connection "guarded" is active');
    });
  });
});
