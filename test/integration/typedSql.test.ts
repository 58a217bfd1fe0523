// TypedSQL files in the real extension host, on each database: SQLite (run `sqlite-grid`, the sample project,
// a database file of its own), PostgreSQL (`postgres-grid`) and MySQL / MariaDB (`mysql-grid`), each on a
// throwaway database. Once the generator has the typedSql preview feature, a `sql/*.sql` file beside the
// schema gets a Run lens naming its parameters; Run with values binds them and the rows come back as the
// query notebook's result; Run again asks with the last values filled in; a query that no longer matches the
// schema gets diagnostics on the names, and a correct one none.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import pg from 'pg';
import { createClient } from '@libsql/client';
import { describeIn, runName, waitFor, workspaceRoot } from './helpers/extension';
import { decode, RESULT_MIME, rerunFromHistory, type Result } from './helpers/notebook';
import { ThrowawayMysql } from './helpers/throwawayMysql';
import { adminUrl as pgAdminUrl, database as pgDatabase, ThrowawayPostgres } from './helpers/throwawayPostgres';

const RUN = 'prismaWorkbench.typedSql.run';
const mysql = runName === 'mysql-grid';
const sqlite = runName === 'sqlite-grid';

/** The same query in each database's placeholders, with Prisma's annotations. */
const query = sqlite
  ? `-- @description Users of a role from an id on
-- @param {Role} :role
-- @param {Int} :minId the first id kept
SELECT u.id, u.email FROM users u WHERE u.role = :role AND u.id >= :minId ORDER BY u.id
`
  : `-- @description Users of a role from an id on
-- @param {Role} $1:role
-- @param {Int} $2:minId the first id kept
SELECT u.id, u.email FROM users u WHERE u.role = ${mysql ? '?' : '$1'} AND u.id >= ${mysql ? '?' : '$2'} ORDER BY u.id
`;

describeIn(['postgres-grid', 'mysql-grid', 'sqlite-grid'], `TypedSQL files on ${runName}`, function () {
  this.timeout(180_000);
  const pgServer = new ThrowawayPostgres();
  const myServer = new ThrowawayMysql();
  let dir: string;
  let schemaFile: string;
  let schemaBefore: string;
  let sqlDir: string;
  const config = () => vscode.workspace.getConfiguration('prismaWorkbench.data');

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-typedsql-'));
    const root = workspaceRoot();
    schemaFile = [path.join(root, 'prisma', 'schema.prisma'), path.join(root, 'schema.prisma')].find((f) =>
      fs.existsSync(f),
    )!;
    sqlDir = path.join(path.dirname(schemaFile), 'sql');
    const migrations = [path.join(root, 'prisma', 'migrations'), path.join(root, 'migrations')].find((d) =>
      fs.existsSync(d),
    )!;
    const scripts = fs
      .readdirSync(migrations)
      .filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql')))
      .sort()
      .map((m) => fs.readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
    const now = sqlite ? '2025-01-01T00:00:00.000+00:00' : '2025-01-01 00:00:00';
    const seed = [
      `INSERT INTO organizations (id, slug, name, plan, created_at) VALUES ('org1', 'acme', 'Acme', 'TEAM', '${now}')`,
      `INSERT INTO users (id, email, name, role, organization_id, created_at, updated_at) VALUES
        (1, 'ann@example.com', 'Ann', 'ADMIN', 'org1', '${now}', '${now}'),
        (2, 'bob@example.com', 'Bob', 'STUDENT', 'org1', '${now}', '${now}'),
        (3, 'cy@example.com', 'Cy', 'ADMIN', 'org1', '${now}', '${now}'),
        (4, 'di@example.com', 'Di', 'ADMIN', 'org1', '${now}', '${now}')`,
    ];
    if (sqlite) {
      const file = path.join(dir, 'typedsql.db');
      const db = createClient({ url: `file:${file}` });
      for (const s of scripts) await db.executeMultiple(s);
      for (const s of seed) await db.execute(s);
      db.close();
      await config().update('databaseUrl', `file:${file}`, vscode.ConfigurationTarget.Workspace);
    } else if (mysql) {
      await myServer.create(this);
      const c = await myServer.connect();
      for (const s of scripts) await c.query(s);
      for (const s of seed) await c.query(s);
      await c.end();
    } else {
      await pgServer.create(this);
      const u = new URL(pgAdminUrl);
      u.pathname = `/${pgDatabase}`;
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      for (const s of scripts) await c.query(s);
      for (const s of seed) await c.query(s);
      await c.end();
    }
    // TypedSQL on: the generator's preview feature
    schemaBefore = fs.readFileSync(schemaFile, 'utf8');
    fs.writeFileSync(
      schemaFile,
      schemaBefore.replace(/generator client \{/, 'generator client {\n  previewFeatures = ["typedSql"]'),
    );
    fs.mkdirSync(sqlDir, { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (schemaBefore) fs.writeFileSync(schemaFile, schemaBefore);
    if (sqlDir) fs.rmSync(sqlDir, { recursive: true, force: true });
    await config().update('databaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await pgServer.drop();
    await myServer.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a TypedSQL file and opens it. */
  const openSql = async (name: string, text: string) => {
    const file = path.join(sqlDir, name);
    fs.writeFileSync(file, text);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    return doc.uri;
  };

  /** The rows of the result the notebook shows for this file. */
  const resultOf = async (notebookUri: string): Promise<Result> => {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === notebookUri);
    assert.ok(nb, 'the query notebook is open');
    const cell = nb.cellAt(0);
    // the run's end reaches the cell's summary a moment after the execution ended
    await waitFor('the cell run to end', () => cell.executionSummary?.success !== undefined);
    assert.equal(cell.executionSummary?.success, true, cell.outputs[0]?.items.map(decode).join('\n'));
    const item = cell.outputs[0].items.find((i) => i.mime === RESULT_MIME);
    assert.ok(item, `outputs: ${cell.outputs[0].items.map((i) => i.mime).join(', ')}`);
    return JSON.parse(decode(item)) as Result;
  };

  it('a TypedSQL file gets a Run lens naming its parameters, and runs with them: the rows come back', async () => {
    const uri = await openSql('usersByRole.sql', query);
    const lens = await waitFor(
      'the Run lens',
      async () =>
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri))?.find(
          (l) => l.command?.command === RUN,
        ),
      30_000,
    );
    assert.equal(lens.command?.title, '$(play) Run (role, minId)');
    assert.equal(lens.range.start.line, 0);

    const ran = await vscode.commands.executeCommand<{ notebook: string }>(RUN, { uri, values: ['ADMIN', '2'] });
    assert.ok(ran, 'the run gave a notebook');
    const result = await resultOf(ran.notebook);
    assert.deepEqual(
      result.columns.map((c) => c.name),
      ['id', 'email'],
    );
    assert.deepEqual(
      result.rows.map((r) => [Number(r[0]), r[1]]),
      [
        [3, 'cy@example.com'],
        [4, 'di@example.com'],
      ],
    );
    assert.equal(result.mode, 'read-only');
  });

  it('Run asks for each parameter with the last values filled in, and reuses the file’s notebook', async () => {
    const uri = vscode.Uri.file(path.join(sqlDir, 'usersByRole.sql'));
    let done = false;
    const running = Promise.resolve(vscode.commands.executeCommand<{ notebook: string }>(RUN, uri)).finally(() => {
      done = true;
    });
    // accept each input box as filled in (ADMIN, then 2), as pressing Enter does
    for (let i = 0; i < 100 && !done; i++) {
      await new Promise((r) => setTimeout(r, 300));
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const ran = await running;
    assert.ok(ran, 'the run gave a notebook');
    const result = await resultOf(ran.notebook);
    assert.deepEqual(
      result.rows.map((r) => Number(r[0])),
      [3, 4],
    );
    const notebooks = vscode.workspace.notebookDocuments.filter((n) => n.metadata?.typedSqlFile === uri.toString());
    assert.equal(notebooks.length, 1, 'one notebook per file');
  });

  it('runs a TypedSQL query again from the history with the values its run bound', async () => {
    const uri = vscode.Uri.file(path.join(sqlDir, 'usersByRole.sql'));
    const nb = vscode.workspace.notebookDocuments.find((n) => n.metadata?.typedSqlFile === uri.toString());
    assert.ok(nb, "the file's notebook is open");
    await vscode.window.showNotebookDocument(nb);
    const cell = await rerunFromHistory(nb, 'prismaWorkbench.notebook.history', { index: 0 }, 60_000);
    const item = cell.outputs[0].items.find((i) => i.mime === RESULT_MIME);
    // without its values the query's placeholders were unbound: the database refused it
    assert.equal(cell.executionSummary?.success, true, cell.outputs[0].items.map(decode).join('\n'));
    assert.ok(item, `outputs: ${cell.outputs[0].items.map((i) => i.mime).join(', ')}`);
    assert.deepEqual(
      (JSON.parse(decode(item)) as Result).rows.map((r) => Number(r[0])),
      [3, 4],
    );
  });

  it('flags the tables and columns that are not in the schema, on their names; a correct query gets none', async () => {
    const broken = await openSql(
      'broken.sql',
      'SELECT u.id, u.fullName\nFROM users u\nJOIN accounts a ON a.user_id = u.id\n',
    );
    const problems = await waitFor('the TypedSQL diagnostics', () => {
      const d = vscode.languages.getDiagnostics(broken).filter((x) => x.source === 'Prisma TypedSQL');
      return d.length >= 2 ? d : undefined;
    });
    const seen = problems
      .map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity])
      .sort();
    assert.deepEqual(seen, [
      [0, 15, 23, vscode.DiagnosticSeverity.Error],
      [2, 5, 13, vscode.DiagnosticSeverity.Warning],
    ]);
    assert.match(
      problems.find((d) => d.range.start.line === 0)!.message,
      /fullName is not a column of users \(model User\)/,
    );

    const good = vscode.Uri.file(path.join(sqlDir, 'usersByRole.sql'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(good));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      vscode.languages.getDiagnostics(good).filter((x) => x.source === 'Prisma TypedSQL'),
      [],
    );
  });

  it('asks the database (prepared, not run) when the file is opened: an unqualified unknown column is flagged', async () => {
    const uri = await openSql('unqualified.sql', 'SELECT id, nope\nFROM users\n');
    const fromDb = await waitFor(
      'the database check',
      () =>
        vscode.languages
          .getDiagnostics(uri)
          .find((d) => d.source === 'Prisma TypedSQL' && /preparing the query/.test(d.message)),
      30_000,
    );
    assert.match(fromDb.message, /nope/);
    assert.deepEqual([fromDb.range.start.line, fromDb.range.start.character, fromDb.range.end.character], [0, 11, 15]);
  });
});
