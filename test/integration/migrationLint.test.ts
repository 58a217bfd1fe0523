// Migration lint in the real host, sample project (migrations in the workspace root's `migrations/`):
// diagnostics on the right lines of an existing migration, on a migration written during the test, and
// the rename quick fix producing SQL that applies with the data kept; row counts from the sample
// database; pending migrations' findings on the Migrations tree and in a production deploy.
import * as assert from 'node:assert/strict';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../../src/core/engine';
import { deployFindingsText } from '../../src/core/migrationLint';
import { DIAGNOSTIC_SOURCE } from '../../src/features/migrationLint/migrationLinter';
import { deployFindings } from '../../src/features/migrationLint/pendingLint';
import { activeApi, describeIn, waitFor, workspaceRoot } from './helpers/extension';
import { untilRefused } from './helpers/migrations';

const lintDiagnostics = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

const sampleDbFile = () => path.join(workspaceRoot(), 'dev.db');

/** Deletes the sample's SQLite database and its journal files. */
function removeSampleDatabase(): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(sampleDbFile() + suffix, { force: true });
}

/** A fresh sample database with every migration applied (the embedded engine) and `rows` inserted; the migrations applied. */
async function freshSampleDatabase(rows?: string): Promise<number> {
  removeSampleDatabase();
  const engine = await EmbeddedSchemaEngine.open({
    adapterFactory: await createAdapterFactory({
      provider: 'sqlite',
      url: 'file:./dev.db',
      configDir: workspaceRoot(),
    }),
  });
  let applied: number;
  try {
    applied = (await applyMigrations(engine, { migrationsDir: path.join(workspaceRoot(), 'migrations') })).length;
  } finally {
    await engine.dispose();
  }
  if (rows) {
    const { createClient } = await import('@libsql/client');
    const db = createClient({ url: `file:${sampleDbFile()}` });
    try {
      await db.executeMultiple(rows);
    } finally {
      db.close();
    }
  }
  return applied;
}

const RENAME_TAG_NAME = `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_tags" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "label" TEXT NOT NULL
);
INSERT INTO "new_tags" ("id") SELECT "id" FROM "tags";
DROP TABLE "tags";
ALTER TABLE "new_tags" RENAME TO "tags";
CREATE UNIQUE INDEX "tags_label_key" ON "tags"("label");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;

describeIn(['sample'], 'Migration lint', function () {
  this.timeout(60_000);
  const migrationsDir = () => path.join(workspaceRoot(), 'migrations');
  const newFolder = '29990101000000_rename_tag_name';

  before(async () => {
    await activeApi();
  });
  after(() => rmSync(path.join(migrationsDir(), newFolder), { recursive: true, force: true }));

  it('opening a migration shows its diagnostics on the statements they concern, linked to the docs', async () => {
    const folder = readdirSync(migrationsDir()).filter((f) => f.includes('lesson_duration_enrollment_status'))[0];
    assert.ok(folder, 'sample migration missing');
    const uri = vscode.Uri.file(path.join(migrationsDir(), folder, 'migration.sql'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor('migration lint diagnostics', () =>
      lintDiagnostics(uri).length ? lintDiagnostics(uri) : undefined,
    );
    const rebuild = diags.find((d) => codeOf(d) === 'sqlite-table-redefinition' && /"enrollments"/.test(d.message));
    assert.ok(rebuild, diags.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    assert.match(doc.lineAt(rebuild.range.start.line).text, /^CREATE TABLE "new_enrollments"/);
    assert.equal(rebuild.severity, vscode.DiagnosticSeverity.Information);
    const target = typeof rebuild.code === 'object' ? rebuild.code.target : undefined;
    assert.match(String(target), /docs\/migration-lint\.md#sqlite-table-redefinition$/);
  });

  it("the project's prisma-workbench-lint.json sets severities over the settings, and its mistakes show on it", async () => {
    const folder = readdirSync(migrationsDir()).filter((f) => f.includes('lesson_duration_enrollment_status'))[0]!;
    const uri = vscode.Uri.file(path.join(migrationsDir(), folder, 'migration.sql'));
    const config = path.join(path.dirname(migrationsDir()), 'prisma-workbench-lint.json');
    const rebuild = () =>
      lintDiagnostics(uri).find((d) => codeOf(d) === 'sqlite-table-redefinition' && /"enrollments"/.test(d.message));
    try {
      writeFileSync(config, JSON.stringify({ rules: { 'sqlite-table-redefinition': 'warning' } }));
      await waitFor('the rebuild as a warning', () =>
        rebuild()?.severity === vscode.DiagnosticSeverity.Warning ? true : undefined,
      );
      writeFileSync(config, '{ "rules": { "sqlite-table-redefinitio": "off" } }');
      const mistake = await waitFor('the mistake on the file', () =>
        lintDiagnostics(vscode.Uri.file(config)).find((d) =>
          /did you mean "sqlite-table-redefinition"/.test(d.message),
        ),
      );
      assert.equal(mistake.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(mistake.range.start.line, 0);
      assert.equal(mistake.range.start.character, '{ "rules": { '.length, 'on the misspelt key');
      // the entry with the mistake is ignored: the rebuild is back to its default
      await waitFor('the rebuild back to information', () =>
        rebuild()?.severity === vscode.DiagnosticSeverity.Information ? true : undefined,
      );
    } finally {
      rmSync(config, { force: true });
    }
    await waitFor('no diagnostics on the deleted file', () =>
      lintDiagnostics(vscode.Uri.file(config)).length === 0 ? true : undefined,
    );
  });

  it('a migration written into the workspace gets diagnostics without being opened, and the rename fix keeps the data', async () => {
    const dir = path.join(migrationsDir(), newFolder);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'migration.sql');
    writeFileSync(file, RENAME_TAG_NAME);
    const uri = vscode.Uri.file(file);
    const rename = await waitFor('rename diagnostic', () =>
      lintDiagnostics(uri).find((d) => codeOf(d) === 'rename-as-drop-and-add'),
    );
    assert.match(rename.message, /Drops "tags"\."name" and adds "label" of the same type/);
    assert.equal(rename.range.start.line, 7, 'on the INSERT … SELECT line');

    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      rename.range,
    );
    const fix = actions.find((a) => /Rewrite as a rename/.test(a.title));
    assert.ok(fix?.edit, `no rename quick fix; offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await doc.save();
    assert.match(doc.getText(), /INSERT INTO "new_tags" \("id", "label"\) SELECT "id", "name" FROM "tags"/);
    await waitFor(
      'the rename diagnostic gone',
      () => !lintDiagnostics(uri).some((d) => codeOf(d) === 'rename-as-drop-and-add'),
    );

    // apply the history, add a tag, then the fixed migration: the tag's name is now its label
    const tmp = mkdtempSync(path.join(tmpdir(), 'pw-lint-int-'));
    try {
      const copy = path.join(tmp, 'migrations');
      cpSync(migrationsDir(), copy, { recursive: true });
      const parked = path.join(tmp, newFolder);
      cpSync(path.join(copy, newFolder), parked, { recursive: true });
      rmSync(path.join(copy, newFolder), { recursive: true, force: true });
      const dbFile = path.join(tmp, 'dev.db');
      const engine = await EmbeddedSchemaEngine.open({
        adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: `file:${dbFile}`, configDir: tmp }),
      });
      try {
        await applyMigrations(engine, { migrationsDir: copy });
        await engine.dbExecute({
          script: `INSERT INTO "tags" ("name") VALUES ('kept');`,
          datasourceType: { tag: 'url', url: `file:${dbFile}` },
        });
        mkdirSync(path.join(copy, newFolder));
        copyFileSync(path.join(parked, 'migration.sql'), path.join(copy, newFolder, 'migration.sql'));
        assert.deepEqual(await applyMigrations(engine, { migrationsDir: copy }), [newFolder]);
        const live = await engine.introspect({
          schema: {
            files: [{ path: path.join(tmp, 'schema.prisma'), content: 'datasource db {\n  provider = "sqlite"\n}\n' }],
          },
          baseDirectoryPath: tmp,
          force: true,
          compositeTypeDepth: -1,
          namespaces: null,
        });
        assert.match(live.schema.files.map((f) => f.content).join('\n'), /label\s+String\s+@unique/);
      } finally {
        await engine.dispose();
      }
      const { createClient } = await import('@libsql/client');
      const db = createClient({ url: `file:${dbFile}` });
      const rows = await db.execute('SELECT "label" FROM "tags"');
      db.close();
      assert.deepEqual(
        rows.rows.map((r) => r.label),
        ['kept'],
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

// With the sample database: every migration applied by the engine (so `_prisma_migrations` holds their
// checksums) and a few enrollments. The user sees row counts in the messages and an edited applied migration.
describeIn(['sample'], 'Migration lint with the sample database', function () {
  this.timeout(90_000);
  const migrationsDir = () => path.join(workspaceRoot(), 'migrations');
  const migrationFile = (part: string) => {
    const folder = readdirSync(migrationsDir()).find((f) => f.includes(part));
    assert.ok(folder, `sample migration ${part} missing`);
    return path.join(migrationsDir(), folder, 'migration.sql');
  };
  let edited: { file: string; text: string } | undefined;

  before(async () => {
    await activeApi();
    assert.equal(
      await freshSampleDatabase(`
        INSERT INTO organizations (id, slug, name) VALUES ('o1', 'acme', 'Acme');
        INSERT INTO users (email, name, organization_id, updated_at) VALUES ('a@x.io', 'A', 'o1', '2025-01-01'), ('b@x.io', 'B', 'o1', '2025-01-01'), ('c@x.io', 'C', 'o1', '2025-01-01');
        INSERT INTO courses (organization_id, slug, title) VALUES ('o1', 'sql', 'SQL');
        INSERT INTO enrollments (user_id, course_id) SELECT id, 1 FROM users;`),
      3,
    );
  });

  after(async () => {
    if (edited) writeFileSync(edited.file, edited.text);
    removeSampleDatabase();
    await vscode.commands.executeCommand('prismaWorkbench.migrationLint.refresh');
  });

  it('the rebuild diagnostics say how many rows each rebuild copies, from the connected database', async () => {
    await vscode.commands.executeCommand('prismaWorkbench.migrationLint.refresh');
    const uri = vscode.Uri.file(migrationFile('lesson_duration_enrollment_status'));
    const rebuild = (table: string) =>
      lintDiagnostics(uri).find((d) => codeOf(d) === 'sqlite-table-redefinition' && d.message.includes(`"${table}"`));
    const enrollments = await waitFor('row counts in the rebuild messages', () =>
      /\(3 rows\)/.test(rebuild('enrollments')?.message ?? '') ? rebuild('enrollments') : undefined,
    );
    assert.match(
      enrollments.message,
      /^Rebuilds table "enrollments": .*every row is copied into a new table \(3 rows\)/,
    );
    assert.match(rebuild('lessons')?.message ?? '', /\(0 rows\)/);
  });

  it('a migration edited after it was applied: an error on its first line', async () => {
    const file = migrationFile('course_reviews');
    const uri = vscode.Uri.file(file);
    assert.ok(!lintDiagnostics(uri).some((d) => codeOf(d) === 'edited-after-apply'), 'flagged before any edit');
    edited = { file, text: readFileSync(file, 'utf8') };
    writeFileSync(file, `${edited.text}\n-- a note added after deploy\n`);
    const d = await waitFor('the edited-after-apply diagnostic', () =>
      lintDiagnostics(uri).find((x) => codeOf(x) === 'edited-after-apply'),
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 0);
    assert.match(d.message, /changed after it was applied/);
  });
});

// A pending migration with a lint warning: the Migrations tree marks it; Migrate Deploy to a database
// that counts as production (here through prismaWorkbench.production.urlPatterns) lists it before anything
// runs, refuses a scripted deploy that does not accept the findings, and deploys when it does.
describeIn(['sample'], 'Migration lint on the Migrations tree and a production deploy', function () {
  this.timeout(120_000);
  const migrationsDir = () => path.join(workspaceRoot(), 'migrations');
  const folder = '29990301000000_lint_unique_email';
  const config = () => vscode.workspace.getConfiguration('prismaWorkbench');
  let patterns: string[] | undefined;

  before(async () => {
    await activeApi();
    await freshSampleDatabase();
    patterns = config().inspect<string[]>('production.urlPatterns')?.workspaceValue;
  });

  after(async () => {
    await config().update('production.urlPatterns', patterns, vscode.ConfigurationTarget.Workspace);
    rmSync(path.join(migrationsDir(), folder), { recursive: true, force: true });
    removeSampleDatabase();
    await vscode.commands.executeCommand('prismaWorkbench.migrationLint.refresh');
  });

  const item = async () => {
    const view = (await activeApi()).views.migrations!;
    await view.whenLoaded();
    const [root] = view.getChildren();
    const node = root
      ? view.getChildren(root).find((n) => n.kind === 'migration' && n.entry.name === folder)
      : undefined;
    return node ? { node, item: view.getTreeItem(node) } : undefined;
  };
  // the tooltip's text as shown: markdown escapes (appendText's &nbsp; and backslashes) undone
  const tooltipOf = (i: vscode.TreeItem) =>
    (i.tooltip instanceof vscode.MarkdownString ? i.tooltip.value : String(i.tooltip ?? ''))
      .replace(/&nbsp;/g, ' ')
      .replace(/\\([\\`*_{}[\]()#+\-.!<>|"])/g, '$1');

  it('marks the pending migration with its warning: icon, description and the finding in the tooltip', async () => {
    mkdirSync(path.join(migrationsDir(), folder), { recursive: true });
    writeFileSync(
      path.join(migrationsDir(), folder, 'migration.sql'),
      '-- CreateIndex\nCREATE UNIQUE INDEX "users_email_lint_key" ON "users"("email");\n',
    );
    // the lint runs again as the folder, then its file, appear: wait for the answer that has the database's
    // fact (a pass still counting is superseded); one that never gets it still fails, with its tooltip
    let last = '';
    const shown = await waitFor(
      'the pending migration marked with its lint warning and the database fact',
      async () => {
        const s = await item();
        if (!s || !/1 warning/.test(String(s.item.description))) return undefined;
        last = tooltipOf(s.item);
        return /no duplicates in the connected database/.test(last) ? s : undefined;
      },
      30_000,
    ).catch((e: Error) => assert.fail(`${e.message}; the tooltip said:\n${last}`));
    assert.equal(shown.item.contextValue, 'migration.pending');
    assert.match(String(shown.item.description), /^pending · 1 warning$/);
    assert.equal((shown.item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match(
      tooltipOf(shown.item),
      /`unique-index-on-existing-data` line 2: Adds a unique index on "users"\("email"\): no duplicates in the connected database/,
    );
  });

  it('a production Migrate Deploy lists it; a scripted one is refused until it accepts the findings, then applies it', async () => {
    await config().update('production.urlPatterns', ['/dev\\.db/'], vscode.ConfigurationTarget.Workspace);
    const api = await activeApi();
    const schema = api.services.schemas.schemas[0]!;
    const listed = await deployFindings(api.views.migrations!, schema);
    assert.deepEqual(
      listed.map((p) => [p.name, p.findings.map((f) => f.rule)]),
      [[folder, ['unique-index-on-existing-data']]],
    );
    assert.match(
      deployFindingsText(listed),
      new RegExp(
        `^${folder} \\(1 warning\\):\\n  • warning unique-index-on-existing-data: Adds a unique index on "users"`,
      ),
    );

    // refused: the migration is not in the database, neither its index nor its _prisma_migrations row
    const refused = await untilRefused('prismaWorkbench.migrations.deploy', { confirmDatabase: 'dev.db' });
    assert.notDeepEqual(refused.result, { exitCode: 0 }, 'the deploy ran although its findings were not accepted');
    const { createClient } = await import('@libsql/client');
    const db = createClient({ url: `file:${sampleDbFile()}` });
    try {
      const index = await db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'users_email_lint_key'",
      );
      assert.equal(index.rows.length, 0, 'the refused deploy created the index');
      const row = await db.execute({
        sql: 'SELECT migration_name FROM _prisma_migrations WHERE migration_name = ?',
        args: [folder],
      });
      assert.equal(row.rows.length, 0, 'the refused deploy recorded the migration');
    } finally {
      db.close();
    }
    await (await activeApi()).views.migrations!.refresh();
    assert.equal((await item())?.item.contextValue, 'migration.pending');

    const result = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
      'prismaWorkbench.migrations.deploy',
      { confirmDatabase: 'dev.db', acceptLintFindings: true },
    );
    assert.equal(result?.exitCode, 0);
    const applied = await waitFor('the migration applied and no longer marked', async () => {
      const s = await item();
      return s?.item.contextValue === 'migration.applied' ? s : undefined;
    });
    assert.doesNotMatch(String(applied.item.description), /warning/);
  });
});

// The next migration before it exists: "Preview Next Migration" opens the engine's SQL for a schema change
// in an untitled SQL editor with lint diagnostics and the engine's data-loss warning (2 users have a name);
// "Migrate Dev (create only)" then writes it and opens it, with the same lint diagnostics.
describeIn(['sample'], 'Migration lint on the next migration (preview and create only)', function () {
  this.timeout(120_000);
  const migrationsDir = () => path.join(workspaceRoot(), 'migrations');
  const schemaFile = () => path.join(workspaceRoot(), 'schema.prisma');
  let original: string | undefined;
  let folders: string[] = [];

  before(async () => {
    await activeApi();
    folders = readdirSync(migrationsDir());
    await freshSampleDatabase(`
        INSERT INTO organizations (id, slug, name) VALUES ('o1', 'acme', 'Acme');
        INSERT INTO users (email, name, organization_id, updated_at) VALUES ('a@x.io', 'A', 'o1', '2025-01-01'), ('b@x.io', 'B', 'o1', '2025-01-01');`);
    original = readFileSync(schemaFile(), 'utf8');
    const edited = original.replace(/\n {2}name {11}String\n/, '\n');
    assert.notEqual(edited, original, 'the sample User model has no `name String` line to remove');
    writeFileSync(schemaFile(), edited);
    const api = await activeApi();
    await api.services.schemas.refresh();
  });

  after(async () => {
    if (original !== undefined) writeFileSync(schemaFile(), original);
    for (const f of readdirSync(migrationsDir()))
      if (!folders.includes(f)) rmSync(path.join(migrationsDir(), f), { recursive: true, force: true });
    removeSampleDatabase();
    await (await activeApi()).services.schemas.refresh();
    await vscode.commands.executeCommand('prismaWorkbench.migrationLint.refresh');
  });

  it("Preview Next Migration: an untitled SQL editor with the lint diagnostics and the engine's data-loss warning", async () => {
    const result = await vscode.commands.executeCommand<
      { uri: vscode.Uri; dialect: string; dataLossSkipped?: string } | undefined
    >('prismaWorkbench.migrationLint.previewNext');
    assert.ok(result, 'no preview was opened');
    assert.equal(result.uri.scheme, 'untitled');
    assert.equal(result.dialect, 'sqlite');
    assert.equal(result.dataLossSkipped, undefined);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri.toString());
    assert.ok(doc, 'the preview document is not open');
    assert.equal(doc.languageId, 'sql');
    assert.match(doc.getText(), /INSERT INTO "new_users" \([^)]*\) SELECT [^;]* FROM "users"/);
    const diags = await waitFor('diagnostics on the preview', () => {
      const d = lintDiagnostics(result.uri);
      return d.some((x) => codeOf(x) === 'engine-data-loss') && d.some((x) => codeOf(x) === 'drop-column')
        ? d
        : undefined;
    });
    const drop = diags.find((d) => codeOf(d) === 'drop-column')!;
    assert.match(drop.message, /Drops column "users"\."name"/);
    assert.match(doc.lineAt(drop.range.start.line).text, /^INSERT INTO "new_users"/);
    const engine = diags.find((d) => codeOf(d) === 'engine-data-loss')!;
    assert.match(
      engine.message,
      /^Prisma's schema engine, checking SQLite file dev\.db: .*drop the column `name` on the `users` table, which still contains 2 non-null values/,
    );
    assert.deepEqual(
      readdirSync(migrationsDir()).sort(),
      [...folders].sort(),
      'the preview wrote into the migrations folder',
    );
  });

  it('Migrate Dev (create only) writes the migration and opens it with its diagnostics', async () => {
    const result = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
      'prismaWorkbench.migrations.devCreateOnly',
      { name: 'drop user name' },
    );
    assert.equal(result?.exitCode, 0);
    const created = readdirSync(migrationsDir()).filter((f) => !folders.includes(f));
    assert.equal(created.length, 1, `created: ${created.join(', ')}`);
    const uri = vscode.Uri.file(path.join(migrationsDir(), created[0]!, 'migration.sql'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath, 'the new migration was not opened');
    const drop = await waitFor('drop-column on the new migration', () =>
      lintDiagnostics(uri).find((d) => codeOf(d) === 'drop-column'),
    );
    assert.match(drop.message, /Drops column "users"\."name": its values in 2 rows are lost/);
  });
});
