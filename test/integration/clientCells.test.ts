// Prisma Client cells in the real extension host, from the installed .vsix: a cell run on the grid's private
// client for the sample schema gives the rows a SQL cell gives for the same filter, with the SQL the client
// produced; a write in a read-only cell is refused, the database unchanged; Stop (a writing cell's write is
// rolled back) and the time limit end a cell;
// completion after `prisma.` and a diagnostic for an unknown field come from the private client's types.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createClient, type Client } from '@libsql/client';
import { describeIn, queryHistoryShown, waitFor, workspaceRoot } from './helpers/extension';
import {
  column,
  decode,
  ERROR_MIME,
  outputOf,
  rerunFromHistory,
  RESULT_MIME,
  runResult,
  startCell,
  type Result,
} from './helpers/notebook';

/** Runs cell 0 as a Prisma Client cell (or `language`) and returns its result. */
const run = (editor: vscode.NotebookEditor, code: string, language = 'prisma-client'): Promise<Result> =>
  runResult(editor, code, language);

describeIn(['sample'], 'Query notebooks: Prisma Client cells', function () {
  this.timeout(180_000);
  let dir: string;
  let db: Client;
  let editor: vscode.NotebookEditor;
  const config = () => vscode.workspace.getConfiguration('prismaWorkbench.data');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-client-cells-'));
    const file = path.join(dir, 'client.db');
    db = createClient({ url: `file:${file}`, intMode: 'bigint' });
    const migrations = path.join(workspaceRoot(), 'migrations');
    for (const m of fs
      .readdirSync(migrations)
      .filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql')))
      .sort())
      await db.executeMultiple(fs.readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
    const at = new Date(1735689600000).toISOString().replace('Z', '+00:00');
    await db.execute(
      `INSERT INTO organizations (id, slug, name, plan, created_at) VALUES ('org1', 'acme', 'Acme', 'TEAM', '${at}')`,
    );
    for (const [email, name] of [
      ['ada@example.com', 'Ada'],
      ['bo@example.org', ''],
      ['cy@example.com', 'Cy'],
    ])
      await db.execute({
        sql: 'INSERT INTO users (email, name, role, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        args: [email, name, 'STUDENT', 'org1', at, at],
      });
    await config().update('databaseUrl', `file:${file}`, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('prismaWorkbench.notebook.new');
    editor = await waitFor('the new notebook', () => vscode.window.activeNotebookEditor, 30_000);
  });

  after(async () => {
    // the untitled notebook is dirty: revert it as it closes, so that no save dialog stays up for the next suites
    if (editor) {
      await vscode.window.showNotebookDocument(editor.notebook);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('databaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('queryTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the rows a SQL cell gives for the same filter, typed as the grid types them, with the SQL it ran', async () => {
    const client = await run(
      editor,
      "prisma.user.findMany({ where: { email: { contains: '.com' } }, include: { organization: true }, orderBy: { email: 'asc' } })",
    );
    const sql = await run(editor, "SELECT email, name FROM users WHERE email LIKE '%.com%' ORDER BY email", 'sql');
    assert.deepEqual(column(client, 'email'), ['ada@example.com', 'cy@example.com']);
    assert.deepEqual(column(client, 'email'), column(sql, 'email'));
    assert.deepEqual(column(client, 'name'), column(sql, 'name'));
    assert.equal(client.columns.find((c) => c.name === 'createdAt')?.type, 'DateTime');
    assert.equal(client.columns.find((c) => c.name === 'organization')?.type, 'Json');
    assert.equal(client.mode, 'read-only');
    assert.ok(
      client.statements?.some((s) => /SELECT/.test(s.query) && /users/.test(s.query)),
      JSON.stringify(client.statements),
    );
  });

  it('shows a count as one value and a missing record as null', async () => {
    assert.deepEqual((await run(editor, 'await prisma.user.count()')).rows, [[3]]);
    const none = await run(editor, "prisma.user.findUnique({ where: { email: 'nobody@example.com' } })");
    assert.equal(none.rowCount, 0);
    assert.match(none.note ?? '', /null/);
  });

  it('the History picker reruns a Prisma Client run as a Prisma Client cell (it made a SQL cell of it)', async () => {
    const code = "await prisma.user.count({ where: { email: { endsWith: '.org' } } })";
    assert.deepEqual((await run(editor, code)).rows, [[1]]);
    const nb = editor.notebook;
    const cell = await rerunFromHistory(nb, 'prismaWorkbench.notebook.history', { index: 0 }, 90_000);
    assert.equal(cell.document.getText(), code);
    assert.equal(cell.document.languageId, 'prisma-client', 'the rerun is a Prisma Client cell, not SQL');
    assert.equal(cell.outputs[0].items[0].mime, RESULT_MIME, decode(cell.outputs[0].items[0]));
  });

  it('the Query History view reruns a Prisma Client run as a Prisma Client cell', async () => {
    const code = "await prisma.user.count({ where: { email: { endsWith: '.com' } } })";
    assert.deepEqual((await run(editor, code)).rows, [[2]]);
    const run0 = await waitFor('the run in the Query History view', async () => {
      const [first] = (await queryHistoryShown()).items;
      return first?.label === code ? first : undefined;
    });
    assert.match(run0.description, /^1 row · /);
    assert.ok(run0.tooltip.startsWith('\n```typescript\n'), run0.tooltip);
    const nb = editor.notebook;
    const cell = await rerunFromHistory(nb, 'prismaWorkbench.queryHistory.rerun', run0.run, 90_000);
    assert.equal(cell.document.languageId, 'prisma-client', 'the rerun is a Prisma Client cell, not SQL');
    assert.equal(cell.outputs[0].items[0].mime, RESULT_MIME, decode(cell.outputs[0].items[0]));
    assert.deepEqual((JSON.parse(decode(cell.outputs[0].items[0])) as Result).rows, [[2]]);
  });

  it('a write in a read-only cell is refused, said so in the output, and the database is unchanged', async () => {
    await startCell(
      editor,
      "await prisma.user.updateMany({ data: { name: 'changed' } })\nawait prisma.user.findMany({ where: { name: 'changed' } })",
      'prisma-client',
    );
    const items = await outputOf(editor);
    assert.equal(items[0].mime, ERROR_MIME, decode(items[0]));
    assert.match(
      decode(items[0]),
      /This cell is read-only and its code writes \(prisma\.user\.updateMany\)\. Nothing was changed\./,
    );
    assert.equal(editor.notebook.cellAt(0).executionSummary?.success, false);
    const after = await db.execute("SELECT COUNT(*) AS n FROM users WHERE name = 'changed'");
    assert.equal(Number(after.rows[0].n), 0);
  });

  it('Stop ends a running writing cell at once, and its write is rolled back', async () => {
    await startCell(
      editor,
      'await prisma.user.deleteMany({})\nawait new Promise((r) => setTimeout(r, 4000))\nawait prisma.user.count()',
      'prisma-client',
      { writes: true },
    );
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(editor.notebook.cellAt(0).executionSummary?.success, undefined, 'the cell ended before Stop');
    const t0 = Date.now();
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', {
      ranges: [{ start: 0, end: 1 }],
      document: editor.notebook.uri,
    });
    const items = await outputOf(editor);
    assert.equal(items[0].mime, ERROR_MIME);
    assert.match(decode(items[0]), /cancelled/);
    assert.ok(Date.now() - t0 < 2000, `the output came ${Date.now() - t0} ms after Stop`);
    await waitFor(
      'the rollback',
      async () => (Number((await db.execute('SELECT COUNT(*) AS n FROM users')).rows[0].n) === 3 ? true : undefined),
      10_000,
    );
  });

  it('the time limit stops a cell that runs too long', async () => {
    await config().update('queryTimeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
    try {
      await startCell(
        editor,
        'await new Promise((r) => setTimeout(r, 3000))\nawait prisma.user.count()',
        'prisma-client',
      );
      const items = await outputOf(editor);
      assert.equal(items[0].mime, ERROR_MIME);
      assert.match(decode(items[0]), /longer than 1 s/);
    } finally {
      await config().update('queryTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('completes models after `prisma.` and marks an unknown field, from the private client’s types', async () => {
    await startCell(editor, "prisma.user.findMany({ where: { emial: 'x' } })", 'prisma-client');
    await outputOf(editor);
    const cell = editor.notebook.cellAt(0).document;
    const diagnostics = await waitFor(
      'the unknown field marked',
      () => {
        const d = vscode.languages.getDiagnostics(cell.uri).filter((x) => x.source === 'Prisma Client');
        return d.length > 0 ? d : undefined;
      },
      60_000,
    );
    assert.equal(cell.getText(diagnostics[0].range), 'emial');
    assert.match(diagnostics[0].message, /'emial' does not exist/);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      cell.uri,
      new vscode.Position(0, 'prisma.'.length),
      '.',
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const name of ['user', 'organization', '$transaction']) assert.ok(labels.includes(name), labels.join(' '));
  });
});
