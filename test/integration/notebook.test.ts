// Query notebooks in the real extension host, from the installed .vsix: New Query Notebook, a SQL cell run
// by the extension's controller on the sample's SQLite database, the output items it gives (the renderer's
// mime type, text and JSON), a write refused in a read-only cell, and the file format on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createClient, type Client } from '@libsql/client';
import { describeIn, queryHistoryShown, waitFor, workspaceRoot } from './helpers/extension';
import {
  decode,
  ERROR_MIME,
  NOTEBOOK_TYPE,
  outputOf,
  rerunFromHistory,
  PLAN_MIME,
  RESULT_MIME,
  runCell,
  startCell,
  type Result,
} from './helpers/notebook';

describeIn(['sample'], 'Query notebooks', function () {
  this.timeout(120_000);
  let dir: string;
  let db: Client;
  const config = () => vscode.workspace.getConfiguration('prismaWorkbench.data');

  before(async () => {
    // an own database (other suites migrate and reset dev.db): the sample's migrations and three users
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-notebook-'));
    const file = path.join(dir, 'notebook.db');
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
    for (const [email, name, mentor] of [
      ['a@example.com', 'Ada', null],
      ['b@example.com', '', 1],
      ['c@example.com', 'Cy', null],
    ])
      await db.execute({
        sql: 'INSERT INTO users (email, name, role, organization_id, mentor_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [email, name, 'STUDENT', 'org1', mentor, at, at],
      });
    await config().update('databaseUrl', `file:${file}`, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('databaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('New Query Notebook opens a notebook with a SQL cell; the cell runs and gives the rows, NULL apart from empty', async () => {
    await vscode.commands.executeCommand('prismaWorkbench.notebook.new');
    const editor = await waitFor('the new notebook', () => vscode.window.activeNotebookEditor, 30_000);
    assert.equal(editor.notebook.notebookType, NOTEBOOK_TYPE);
    assert.equal(editor.notebook.cellAt(0).document.languageId, 'sql');

    const items = await runCell(editor, 'SELECT email, name, mentor_id FROM users ORDER BY email');
    assert.deepEqual(
      items.map((i) => i.mime),
      [RESULT_MIME, 'text/plain', 'application/json'],
    );
    const result = JSON.parse(decode(items[0])) as Result;
    assert.deepEqual(
      result.columns.map((c) => c.name),
      ['email', 'name', 'mentor_id'],
    );
    assert.deepEqual(result.rows, [
      ['a@example.com', 'Ada', null],
      ['b@example.com', '', 1],
      ['c@example.com', 'Cy', null],
    ]);
    assert.equal(result.columns[2].type, 'Int');
    assert.equal(result.rowCount, 3);
    assert.equal(result.mode, 'read-only');
    assert.match(decode(items[1]), /3 rows in \d+ ms \(read-only, rolled back\)/);
  });

  it('refuses a write in a read-only cell, says so in the output, and changes nothing', async () => {
    const editor = vscode.window.activeNotebookEditor!;
    const items = await runCell(editor, "UPDATE users SET name = 'changed'");
    assert.equal(items[0].mime, ERROR_MIME);
    assert.match(decode(items[0]), /read-only and the statement writes.*Nothing was changed/);
    assert.equal(editor.notebook.cellAt(0).executionSummary?.success, false);
    const r = await db.execute("SELECT COUNT(*) AS n FROM users WHERE name = 'changed'");
    assert.equal(Number(r.rows[0].n), 0);
  });

  it('Explain draws the plan of a SQL cell: a whole read of a big table marked, a key lookup not', async () => {
    await db.execute('CREATE TABLE explain_big (id INTEGER PRIMARY KEY, v TEXT)');
    await db.execute(
      "INSERT INTO explain_big (id, v) WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 2000) SELECT n, 'v' || n FROM s",
    );
    const editor = vscode.window.activeNotebookEditor!;
    const explainCell = async (sql: string, command: string) => {
      const nb = editor.notebook;
      const edit = new vscode.WorkspaceEdit();
      edit.set(nb.uri, [
        vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(0, nb.cellCount), [
          new vscode.NotebookCellData(vscode.NotebookCellKind.Code, sql, 'sql'),
        ]),
      ]);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await vscode.commands.executeCommand(command, nb.cellAt(0));
      return outputOf(editor);
    };
    const items = await explainCell("SELECT * FROM explain_big b WHERE v = 'v7'", 'prismaWorkbench.notebook.explain');
    assert.deepEqual(
      items.map((i) => i.mime),
      [PLAN_MIME, 'text/plain'],
    );
    const plan = JSON.parse(decode(items[0])) as {
      provider: string;
      root: { children: { relation?: string; warnings: string[] }[] };
    };
    assert.equal(plan.provider, 'sqlite');
    const scan = plan.root.children.find((n) => n.relation === 'explain_big');
    assert.ok(scan, decode(items[1]));
    assert.deepEqual(scan.warnings, [
      'reads every row of explain_big (about 2,000 rows): an index on the columns it filters or joins on may help',
    ]);
    assert.match(decode(items[1]), /SCAN b on explain_big[\s\S]*Alias: b[\s\S]*! reads every row of explain_big/);

    const lookup = await explainCell('SELECT * FROM explain_big WHERE id = 7', 'prismaWorkbench.notebook.explain');
    assert.match(decode(lookup[1]), /SEARCH explain_big USING INTEGER PRIMARY KEY[\s\S]*No costly spot found/);

    const analyze = await explainCell('SELECT * FROM explain_big', 'prismaWorkbench.notebook.explainAnalyze');
    assert.equal(analyze[0].mime, ERROR_MIME);
    assert.match(decode(analyze[0]), /SQLite measures no plan/);
  });

  it('completes table and column names in a SQL cell by their database names (@@map, @map)', async () => {
    const editor = vscode.window.activeNotebookEditor!;
    const complete = async (textWithCursor: string) => {
      const nb = editor.notebook;
      const edit = new vscode.WorkspaceEdit();
      edit.set(nb.uri, [
        vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(0, nb.cellCount), [
          new vscode.NotebookCellData(vscode.NotebookCellKind.Code, textWithCursor.replace('|', ''), 'sql'),
        ]),
      ]);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const doc = nb.cellAt(0).document;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        doc.positionAt(textWithCursor.indexOf('|')),
      );
      // ours only: VS Code adds the words of the document
      return list.items.filter((i) => i.detail !== undefined);
    };
    const tables = await complete('SELECT * FROM |');
    const users = tables.find((i) => i.label === 'users');
    assert.ok(users, JSON.stringify(tables.map((i) => i.label)));
    assert.equal(users.detail, 'model User');
    assert.ok(tables.some((i) => i.label === 'organizations'));
    assert.ok(!tables.some((i) => i.label === 'User'), 'the model name is not the table name');

    const columns = await complete('SELECT u.| FROM users u');
    const labels = columns.map((i) => i.label);
    assert.ok(labels.includes('organization_id') && labels.includes('last_login_at'), JSON.stringify(labels));
    assert.ok(!labels.includes('organizationId') && !labels.includes('mentees'), JSON.stringify(labels));
  });

  it('a read-only result past 1,000 rows carries an id for its next pages; Export writes every row', async () => {
    const editor = vscode.window.activeNotebookEditor!;
    const items = await runCell(
      editor,
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2500) SELECT x, 'r' || x AS label FROM c",
    );
    const result = JSON.parse(decode(items[0])) as Result & {
      truncated: boolean;
      moreRows?: boolean;
      resultId?: string;
    };
    assert.equal(result.rows.length, 1000);
    // the run stopped reading after its page and one more row: 1,000+ rows, not all 2,500 counted
    assert.equal(result.rowCount, 1000);
    assert.equal(result.moreRows, true);
    assert.ok(result.truncated && typeof result.resultId === 'string', 'a paged result has an id');
    const csv = vscode.Uri.file(path.join(dir, 'export.csv'));
    await vscode.commands.executeCommand('prismaWorkbench.notebook.exportCsv', editor.notebook.cellAt(0), csv);
    const lines = fs.readFileSync(csv.fsPath, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, 2501);
    assert.deepEqual([lines[0], lines[1], lines[2500]], ['x,label', '1,r1', '2500,r2500']);
    const json = vscode.Uri.file(path.join(dir, 'export.json'));
    await vscode.commands.executeCommand('prismaWorkbench.notebook.exportJson', editor.notebook.cellAt(0), json);
    const rows = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as { x: number; label: string }[];
    assert.equal(rows.length, 2500);
    assert.deepEqual(rows[2499], { x: 2500, label: 'r2500' });
  });

  it('Open in Grid opens the model a plain SELECT reads (its @@map table), the WHERE as filters', async () => {
    const editor = vscode.window.activeNotebookEditor!;
    await runCell(editor, "SELECT * FROM users WHERE email LIKE '%@example.com' AND mentor_id IS NULL");
    const panel = await vscode.commands.executeCommand<{ model: string; panel: vscode.WebviewPanel }>(
      'prismaWorkbench.notebook.openInGrid',
      editor.notebook.cellAt(0),
    );
    try {
      assert.equal(panel?.model, 'User');
      assert.deepEqual((panel as unknown as { initialFilters: unknown }).initialFilters, [
        { column: 'email', op: 'endsWith', value: '@example.com' },
        { column: 'mentorId', op: 'isNull' },
      ]);
    } finally {
      panel?.panel.dispose();
      await vscode.window.showNotebookDocument(editor.notebook);
    }
  });

  it('History runs a past statement again as a new cell', async () => {
    const editor = vscode.window.activeNotebookEditor!;
    const nb = editor.notebook;
    await runCell(editor, 'SELECT COUNT(*) AS n FROM users');
    assert.equal(nb.cellCount, 1);
    await vscode.commands.executeCommand('prismaWorkbench.notebook.history', { index: 0 });
    const cell = await waitFor(
      'the run again',
      () => {
        const c = nb.cellCount === 2 ? nb.cellAt(1) : undefined;
        return c && c.outputs.length > 0 && c.executionSummary?.success !== undefined ? c : undefined;
      },
      60_000,
    );
    assert.equal(cell.document.getText(), 'SELECT COUNT(*) AS n FROM users');
    const result = JSON.parse(decode(cell.outputs[0].items[0])) as Result;
    assert.deepEqual(result.rows, [[3]]);
  });

  it('the Query History view lists the runs of the active notebook, newest first, and reruns one as a new cell', async () => {
    const editor = vscode.window.activeNotebookEditor!;
    const nb = editor.notebook;
    await runCell(editor, "SELECT email\nFROM users WHERE email LIKE '%@example.com'");
    await runCell(editor, 'SELECT nope FROM users');
    const { notebook, items } = await waitFor('the failed run in the view', async () => {
      const shown = await queryHistoryShown();
      return shown.items[0]?.label === 'SELECT nope FROM users' ? shown : undefined;
    });
    assert.equal(notebook?.toString(), nb.uri.toString(), 'the view follows the active notebook');
    assert.match(items[0].description, /no such column: nope · \d+ s ago$/);
    assert.equal(items[0].contextValue, 'historyRun.failed');
    const [ok] = items.filter((i) => i.label.startsWith('SELECT email'));
    assert.equal(ok.label, 'SELECT email …');
    assert.match(ok.description, /^3 rows · \d+ ms · \d+ s ago$/);
    assert.ok(
      ok.tooltip.includes("```sql\nSELECT email\nFROM users WHERE email LIKE '%@example.com'\n```"),
      ok.tooltip,
    );

    const cell = await rerunFromHistory(nb, 'prismaWorkbench.queryHistory.rerun', ok.run, 60_000);
    assert.equal(cell.document.getText(), "SELECT email\nFROM users WHERE email LIKE '%@example.com'");
    assert.equal(cell.document.languageId, 'sql');
    const result = JSON.parse(decode(cell.outputs[0].items[0])) as Result;
    assert.equal(result.rowCount, 3);
    // the rerun is the newest run in the view
    await waitFor('the rerun in the view', async () => {
      const shown = await queryHistoryShown();
      return shown.items[0]?.label === 'SELECT email …' && shown.items[1]?.label === 'SELECT nope FROM users';
    });

    await vscode.commands.executeCommand('prismaWorkbench.queryHistory.copy', ok.run);
    assert.equal(await vscode.env.clipboard.readText(), "SELECT email\nFROM users WHERE email LIKE '%@example.com'");
    await vscode.commands.executeCommand('prismaWorkbench.queryHistory.clear');
    assert.deepEqual((await queryHistoryShown()).items, []);
  });

  it('Stop cancels a running cell: the output says so, at once', async () => {
    const editor = vscode.window.activeNotebookEditor!;
    // a row every million steps, for minutes (a read-only cell stops after its 1,000 rows and one more, so rows
    // must come slowly): the SQLite runner sees the stop between rows
    await startCell(
      editor,
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT x FROM c WHERE x % 1000000 = 0',
    );
    await new Promise((r) => setTimeout(r, 1500)); // connected and reading rows
    assert.equal(editor.notebook.cellAt(0).executionSummary?.success, undefined, 'the cell ended before Stop');
    const t0 = Date.now();
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', {
      ranges: [{ start: 0, end: 1 }],
      document: editor.notebook.uri,
    });
    const items = await outputOf(editor);
    const ms = Date.now() - t0;
    assert.equal(items[0].mime, ERROR_MIME);
    assert.match(decode(items[0]), /cancelled and stopped/);
    assert.ok(ms < 2000, `the output came ${ms} ms after Stop`);
  });

  it('on a production database a read-only cell runs, and a writing cell runs only with the typed name', async () => {
    const production = vscode.workspace.getConfiguration('prismaWorkbench.production');
    await production.update('urlPatterns', ['/notebook\\.db/'], vscode.ConfigurationTarget.Workspace);
    try {
      const editor = vscode.window.activeNotebookEditor!;
      const read = await runCell(editor, 'SELECT COUNT(*) AS n FROM users');
      assert.equal(read[0].mime, RESULT_MIME, 'a read-only cell on production runs without asking');

      await startCell(editor, "UPDATE users SET name = 'prod'", 'sql', { writes: true });
      await new Promise((r) => setTimeout(r, 1500)); // the typed-name box is up
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen'); // the user dismisses it
      const items = await outputOf(editor);
      assert.equal(items[0].mime, ERROR_MIME);
      assert.match(decode(items[0]), /not run: the production database name was not typed/);
      const r = await db.execute("SELECT COUNT(*) AS n FROM users WHERE name = 'prod'");
      assert.equal(Number(r.rows[0].n), 0, 'the writing cell changed production without the typed name');
    } finally {
      await production.update('urlPatterns', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('reads a file with a writing cell, toggles it read-only, and saves plain JSON without outputs', async () => {
    const file = path.join(workspaceRoot(), 'toggle.prisma-queries');
    fs.writeFileSync(
      file,
      JSON.stringify({ cells: [{ kind: 'code', language: 'sql', source: ['SELECT 1;'], metadata: { writes: true } }] }),
    );
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
    await vscode.window.showNotebookDocument(nb);
    assert.equal(nb.cellAt(0).metadata.writes, true);
    await vscode.commands.executeCommand('prismaWorkbench.notebook.toggleWrites', nb.cellAt(0));
    assert.equal(nb.cellAt(0).metadata.writes, undefined);
    await runCell(vscode.window.activeNotebookEditor!, 'SELECT 1 AS one');
    await nb.save();
    const saved = fs.readFileSync(file, 'utf8');
    assert.match(saved, /"type": "prisma-workbench-queries"/);
    assert.match(saved, /"source": \[\n\s+"SELECT 1 AS one"\n\s+\]/);
    assert.ok(!/writes|outputs|"one"/.test(saved), saved);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(file, { force: true });
  });
});
