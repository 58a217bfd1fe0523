// Migration lint in the real host, sample project (migrations in the workspace root's `migrations/`):
// diagnostics on the right lines of an existing migration, on a migration written during the test, and
// the rename quick fix producing SQL that applies with the data kept.
import * as assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../../src/core/engine';
import { DIAGNOSTIC_SOURCE } from '../../src/features/migrationLint/migrationLinter';
import { activeApi, describeIn, waitFor, workspaceRoot } from './helpers/extension';

const lintDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

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
    const diags = await waitFor('migration lint diagnostics', () => (lintDiagnostics(uri).length ? lintDiagnostics(uri) : undefined));
    const rebuild = diags.find((d) => codeOf(d) === 'sqlite-table-redefinition' && /"enrollments"/.test(d.message));
    assert.ok(rebuild, diags.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    assert.match(doc.lineAt(rebuild.range.start.line).text, /^CREATE TABLE "new_enrollments"/);
    assert.equal(rebuild.severity, vscode.DiagnosticSeverity.Information);
    const target = typeof rebuild.code === 'object' ? rebuild.code.target : undefined;
    assert.match(String(target), /docs\/migration-lint\.md#sqlite-table-redefinition$/);
  });

  it('a migration written into the workspace gets diagnostics without being opened, and the rename fix keeps the data', async () => {
    const dir = path.join(migrationsDir(), newFolder);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'migration.sql');
    writeFileSync(file, RENAME_TAG_NAME);
    const uri = vscode.Uri.file(file);
    const rename = await waitFor('rename diagnostic', () => lintDiagnostics(uri).find((d) => codeOf(d) === 'rename-as-drop-and-add'));
    assert.match(rename.message, /Drops "tags"\."name" and adds "label" of the same type/);
    assert.equal(rename.range.start.line, 7, 'on the INSERT … SELECT line');

    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, rename.range);
    const fix = actions.find((a) => /Rewrite as a rename/.test(a.title));
    assert.ok(fix?.edit, `no rename quick fix; offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await doc.save();
    assert.match(doc.getText(), /INSERT INTO "new_tags" \("id", "label"\) SELECT "id", "name" FROM "tags"/);
    await waitFor('the rename diagnostic gone', () => !lintDiagnostics(uri).some((d) => codeOf(d) === 'rename-as-drop-and-add'));

    // apply the history, add a tag, then the fixed migration: the tag's name is now its label
    const tmp = mkdtempSync(path.join(tmpdir(), 'pw-lint-int-'));
    try {
      const copy = path.join(tmp, 'migrations');
      cpSync(migrationsDir(), copy, { recursive: true });
      const parked = path.join(tmp, newFolder);
      cpSync(path.join(copy, newFolder), parked, { recursive: true });
      rmSync(path.join(copy, newFolder), { recursive: true, force: true });
      const dbFile = path.join(tmp, 'dev.db');
      const engine = await EmbeddedSchemaEngine.open({ adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: `file:${dbFile}`, configDir: tmp }) });
      try {
        await applyMigrations(engine, { migrationsDir: copy });
        await engine.dbExecute({ script: `INSERT INTO "tags" ("name") VALUES ('kept');`, datasourceType: { tag: 'url', url: `file:${dbFile}` } });
        mkdirSync(path.join(copy, newFolder));
        copyFileSync(path.join(parked, 'migration.sql'), path.join(copy, newFolder, 'migration.sql'));
        assert.deepEqual(await applyMigrations(engine, { migrationsDir: copy }), [newFolder]);
        const live = await engine.introspect({ schema: { files: [{ path: path.join(tmp, 'schema.prisma'), content: 'datasource db {\n  provider = "sqlite"\n}\n' }] }, baseDirectoryPath: tmp, force: true, compositeTypeDepth: -1, namespaces: null });
        assert.match(live.schema.files.map((f) => f.content).join('\n'), /label\s+String\s+@unique/);
      } finally {
        await engine.dispose();
      }
      const { createClient } = await import('@libsql/client');
      const db = createClient({ url: `file:${dbFile}` });
      const rows = await db.execute('SELECT "label" FROM "tags"');
      db.close();
      assert.deepEqual(rows.rows.map((r) => r.label), ['kept']);
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
  const dbFile = () => path.join(workspaceRoot(), 'dev.db');
  const migrationFile = (part: string) => {
    const folder = readdirSync(migrationsDir()).find((f) => f.includes(part));
    assert.ok(folder, `sample migration ${part} missing`);
    return path.join(migrationsDir(), folder, 'migration.sql');
  };
  let edited: { file: string; text: string } | undefined;

  before(async () => {
    await activeApi();
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(dbFile() + suffix, { force: true });
    const engine = await EmbeddedSchemaEngine.open({ adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: 'file:./dev.db', configDir: workspaceRoot() }) });
    try {
      assert.equal((await applyMigrations(engine, { migrationsDir: migrationsDir() })).length, 3);
    } finally {
      await engine.dispose();
    }
    const { createClient } = await import('@libsql/client');
    const db = createClient({ url: `file:${dbFile()}` });
    try {
      await db.executeMultiple(`
        INSERT INTO organizations (id, slug, name) VALUES ('o1', 'acme', 'Acme');
        INSERT INTO users (email, name, organization_id, updated_at) VALUES ('a@x.io', 'A', 'o1', '2025-01-01'), ('b@x.io', 'B', 'o1', '2025-01-01'), ('c@x.io', 'C', 'o1', '2025-01-01');
        INSERT INTO courses (organization_id, slug, title) VALUES ('o1', 'sql', 'SQL');
        INSERT INTO enrollments (user_id, course_id) SELECT id, 1 FROM users;`);
    } finally {
      db.close();
    }
  });

  after(async () => {
    if (edited) writeFileSync(edited.file, edited.text);
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(dbFile() + suffix, { force: true });
    await vscode.commands.executeCommand('prismaWorkbench.migrationLint.refresh');
  });

  it('the rebuild diagnostics say how many rows each rebuild copies, from the connected database', async () => {
    await vscode.commands.executeCommand('prismaWorkbench.migrationLint.refresh');
    const uri = vscode.Uri.file(migrationFile('lesson_duration_enrollment_status'));
    const rebuild = (table: string) => lintDiagnostics(uri).find((d) => codeOf(d) === 'sqlite-table-redefinition' && d.message.includes(`"${table}"`));
    const enrollments = await waitFor('row counts in the rebuild messages', () => (/\(3 rows\)/.test(rebuild('enrollments')?.message ?? '') ? rebuild('enrollments') : undefined));
    assert.match(enrollments.message, /^Rebuilds table "enrollments": .*every row is copied into a new table \(3 rows\)/);
    assert.match(rebuild('lessons')?.message ?? '', /\(0 rows\)/);
  });

  it('a migration edited after it was applied: an error on its first line', async () => {
    const file = migrationFile('course_reviews');
    const uri = vscode.Uri.file(file);
    assert.ok(!lintDiagnostics(uri).some((d) => codeOf(d) === 'edited-after-apply'), 'flagged before any edit');
    edited = { file, text: readFileSync(file, 'utf8') };
    writeFileSync(file, `${edited.text}\n-- a note added after deploy\n`);
    const d = await waitFor('the edited-after-apply diagnostic', () => lintDiagnostics(uri).find((x) => codeOf(x) === 'edited-after-apply'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 0);
    assert.match(d.message, /changed after it was applied/);
  });
});
