// Drift in the real extension host (installed .vsix) on the SQLite sample: the database altered by hand
// shows on the model line, the quick fix removes it, an unmigrated schema edit warns, and an unreachable
// database is exactly one diagnostic on the datasource block.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, describeIn, shown, shownChild, waitFor } from './helpers/extension';
import { migrationsView, sqliteSampleWorkspace } from './helpers/migrations';
import { insertSavedLine } from './helpers/schemaEdit';
import { changedLines } from '../../src/core/drift/autoPull';

const SOURCE = 'Prisma Workbench drift';
const driftOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
type CheckResult = { schema: string; state: string | undefined; findings: number; status: string | undefined }[];
const check = async (schema: string) =>
  (await vscode.commands.executeCommand<CheckResult>('prismaWorkbench.drift.check', { schema }))[0];

/** The drift marks as the trees show them: each view's badge, and the file decoration of each item's resourceUri. */
async function treeMarks() {
  const api = await activeApi();
  assert.ok(api.drift, 'the drift feature did not register');
  const { marks } = api.drift;
  const migrations = await migrationsView();
  await migrations.whenLoaded();
  const decoration = (uri: vscode.Uri | undefined) => {
    const d = uri ? marks.provideFileDecoration(uri) : undefined;
    return d ? { badge: d.badge, tooltip: d.tooltip ?? '' } : undefined;
  };
  // the view reads its states after discovery (debounced): wait for them, not for a load that has not started
  const root = await waitFor(
    'the Migrations view to read its states',
    () => migrations.getChildren().find((n) => n.kind === 'schema' && n.status !== undefined && !n.loading),
    30_000,
  );
  const migrationMarks = migrations
    .getChildren(root)
    .filter((n) => n.kind === 'migration')
    .map((n) => ({
      name: n.kind === 'migration' ? n.entry.name : '',
      mark: decoration(migrations.getTreeItem(n).resourceUri),
    }));
  const user = await shownChild((await shown())[0].node, 'User');
  return {
    modelsBadge: api.views.models?.treeView?.badge,
    migrationsBadge: migrations.treeView?.badge,
    migrationMarks,
    user: decoration(user.item.resourceUri),
  };
}

describeIn(['sample'], 'Drift diagnostics (SQLite sample)', function () {
  this.timeout(120_000);
  let ws: string;
  let schemaPath: string;
  let schemaUri: vscode.Uri;
  let original: string;
  let migrationsBefore: string[];

  before(async function () {
    ws = await sqliteSampleWorkspace(this);
    schemaPath = path.join(ws, 'schema.prisma');
    schemaUri = vscode.Uri.file(schemaPath);
    original = readFileSync(schemaPath, 'utf8');
    migrationsBefore = readdirSync(path.join(ws, 'migrations'));
    await vscode.workspace.openTextDocument(schemaUri); // code actions are asked of an open document
  });

  after(async () => {
    // leave the workspace as the other suites expect it: no dev.db, the sample's migrations, the schema as shipped
    if (!ws) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeFileSync(schemaPath, original);
    for (const m of readdirSync(path.join(ws, 'migrations')))
      if (!migrationsBefore.includes(m)) rmSync(path.join(ws, 'migrations', m), { recursive: true, force: true });
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path.join(ws, `dev.db${suffix}`), { force: true });
    const api = await activeApi();
    await api.services.schemas.refresh();
  });

  it('before the database exists: N pending on the datasource, with "apply pending migrations"', async () => {
    const result = await check(schemaPath);
    assert.equal(result.state, 'pending', JSON.stringify(result));
    const ds = await waitFor(
      'the pending diagnostic',
      () => (driftOf(schemaUri).length ? driftOf(schemaUri) : undefined),
      10_000,
    );
    assert.equal(ds.length, 1, `diagnostics: ${ds.map((d) => d.message).join(' | ')}`);
    assert.match(ds[0].message, /3 migration\(s\) not applied/);
    assert.equal(original.split('\n')[ds[0].range.start.line].trim(), 'datasource db {');
    assert.match(String(result.status), /3 pending/);
    // the Migrations view's badge counts them and each pending migration carries a "P"
    const pendingMarks = await treeMarks();
    assert.equal(pendingMarks.migrationsBadge?.value, 3);
    assert.match(pendingMarks.migrationsBadge?.tooltip ?? '', /3 migrations pending/);
    assert.equal(pendingMarks.migrationMarks.length, 3);
    assert.deepEqual(
      pendingMarks.migrationMarks.map((m) => m.mark?.badge),
      ['P', 'P', 'P'],
    );
    assert.equal(pendingMarks.modelsBadge, undefined);
    let titles: string[] = [];
    const deploy = await waitFor(
      'the "apply pending migrations" quick fix',
      async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          schemaUri,
          ds[0].range,
        );
        titles = actions.map((a) => a.title);
        return actions.find((a) => a.title === 'Apply pending migrations (migrate deploy)' && a.command);
      },
      10_000,
    ).catch((e: Error) => assert.fail(`${e.message}; offered: ${titles.join(' | ') || 'nothing'}`));
    assert.ok(deploy.command);
    const run = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
      deploy.command.command,
      ...(deploy.command.arguments ?? []),
    );
    assert.equal(run?.exitCode, 0);
    await waitFor('the pending diagnostic to go', () => driftOf(schemaUri).length === 0 || undefined, 30_000);
    assert.equal((await check(schemaPath)).state, 'inSync');
    const cleared = await treeMarks();
    assert.equal(cleared.migrationsBadge, undefined);
    assert.deepEqual(
      cleared.migrationMarks.map((m) => m.mark),
      [undefined, undefined, undefined],
    );
  });

  it('a column added to the database by hand -> a diagnostic on the model line within one check; the quick fix removes it', async () => {
    const { DatabaseSync } = require('node:sqlite') as {
      DatabaseSync: new (file: string) => { exec(sql: string): void; close(): void };
    };
    const db = new DatabaseSync(path.join(ws, 'dev.db'));
    db.exec('ALTER TABLE users ADD COLUMN nickname TEXT');
    db.close();
    const result = await check(schemaPath);
    assert.equal(result.state, 'drift');
    assert.match(String(result.status), /drift/);
    const d = driftOf(schemaUri).find((x) => x.message.includes('nickname'));
    assert.ok(
      d,
      driftOf(schemaUri)
        .map((x) => x.message)
        .join(' | '),
    );
    assert.equal(d.message, 'Column `User.nickname` exists in the database but in no migration.');
    assert.equal(original.split('\n')[d.range.start.line].trim(), 'model User {');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    // the trees: a badge on both views, the User model marked with its finding, no migration marked
    const driftMarks = await treeMarks();
    assert.equal(driftMarks.modelsBadge?.value, 1);
    assert.match(driftMarks.modelsBadge?.tooltip ?? '', /1 difference between schema, migrations and database/);
    assert.equal(driftMarks.migrationsBadge?.value, 1);
    assert.match(driftMarks.migrationsBadge?.tooltip ?? '', /1 change made to the database outside the migrations/);
    assert.equal(driftMarks.user?.badge, '1');
    assert.match(driftMarks.user?.tooltip ?? '', /Column `User\.nickname` exists in the database but in no migration/);
    assert.ok(driftMarks.migrationMarks.every((m) => m.mark === undefined));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      schemaUri,
      d.range,
    );
    const titles = actions.map((a) => a.title);
    for (const t of [
      'Record the database changes as a new migration (marked applied)',
      'Pull the database into the schema (shows a diff first)',
      'Show the SQL diff',
      'Open the Migrations view',
    ]) {
      assert.ok(titles.includes(t), `missing quick fix "${t}" in ${titles.join(' | ')}`);
    }
    const sql = await vscode.commands.executeCommand<string>('prismaWorkbench.drift.showSql', {
      schema: schemaPath,
      comparison: 'migrationsDatabase',
    });
    assert.match(sql, /ALTER TABLE "users" ADD COLUMN "nickname" TEXT/);

    const fix = actions.find((a) => a.title.startsWith('Record the database changes'));
    assert.ok(fix?.command);
    // the quick fix asks for a name; the test gives it (and the confirmation) as arguments
    const folder = await vscode.commands.executeCommand<string>(fix.command.command, {
      ...(fix.command.arguments?.[0] as object),
      name: 'hand added nickname',
      confirmed: true,
    });
    assert.match(folder, /_hand_added_nickname$/);
    assert.ok(existsSync(path.join(ws, 'migrations', folder, 'migration.sql')));
    await waitFor('the drift diagnostic to disappear', () => driftOf(schemaUri).length === 0 || undefined, 30_000);
    // the migration holds the SQL, the history has it applied, and the schema gained the field
    assert.match(
      readFileSync(path.join(ws, 'migrations', folder, 'migration.sql'), 'utf8'),
      /ADD COLUMN "nickname" TEXT/,
    );
    assert.match(readFileSync(schemaPath, 'utf8'), /\n {2}nickname\s+String\?/);
    assert.equal((await check(schemaPath)).state, 'inSync');
    const fixed = await waitFor(
      'the marks to go',
      async () => {
        const m = await treeMarks();
        return m.modelsBadge === undefined && m.migrationsBadge === undefined && m.user === undefined ? m : undefined;
      },
      10_000,
    );
    assert.ok(fixed.migrationMarks.length >= 4);
  });

  it('recording drift on a production database asks for its typed name; dismissed, no migration is left and the schema is unchanged', async () => {
    const { DatabaseSync } = require('node:sqlite') as {
      DatabaseSync: new (file: string) => {
        exec(sql: string): void;
        prepare(sql: string): { all(): unknown[] };
        close(): void;
      };
    };
    const dbFile = path.join(ws, 'dev.db');
    const exec = (sql: string) => {
      const db = new DatabaseSync(dbFile);
      db.exec(sql);
      db.close();
    };
    const applied = () => {
      const db = new DatabaseSync(dbFile);
      try {
        return db.prepare('SELECT migration_name FROM _prisma_migrations').all().length;
      } finally {
        db.close();
      }
    };
    const folders = () => readdirSync(path.join(ws, 'migrations')).sort();
    exec('ALTER TABLE users ADD COLUMN badge TEXT');
    const config = vscode.workspace.getConfiguration('prismaWorkbench');
    await config.update('production.urlPatterns', ['*dev.db*'], vscode.ConfigurationTarget.Global);
    const schemaBefore = readFileSync(schemaPath, 'utf8');
    const foldersBefore = folders();
    const appliedBefore = applied();
    try {
      assert.equal((await check(schemaPath)).state, 'drift');
      let resolveEnded = false;
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.command === 'migrateResolve') resolveEnded = true;
      });
      // the command's failure message waits for the user: it is not awaited
      void vscode.commands.executeCommand('prismaWorkbench.drift.recordDrift', {
        schema: schemaPath,
        name: 'badge on production',
        confirmed: true,
      });
      try {
        // the user presses Escape on whatever asks (the typed production name), until the resolve task is over
        await waitFor(
          'the resolve task to end',
          async () => {
            await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
            return resolveEnded || undefined;
          },
          60_000,
        );
      } finally {
        sub.dispose();
      }
      await waitFor('the unapplied migration folder to be removed', () =>
        JSON.stringify(folders()) === JSON.stringify(foldersBefore) ? true : undefined,
      );
      assert.equal(applied(), appliedBefore, 'a migration was marked applied on the production database');
      assert.equal(
        readFileSync(schemaPath, 'utf8'),
        schemaBefore,
        'the schema was edited although nothing was recorded',
      );
    } finally {
      await config.update('production.urlPatterns', undefined, vscode.ConfigurationTarget.Global);
      exec('ALTER TABLE users DROP COLUMN badge');
      exec(`DELETE FROM _prisma_migrations WHERE migration_name LIKE '%_badge_on_production'`);
      for (const m of folders())
        if (!foldersBefore.includes(m)) rmSync(path.join(ws, 'migrations', m), { recursive: true, force: true });
      writeFileSync(schemaPath, schemaBefore);
      await check(schemaPath);
    }
  });

  it('editing the schema without migrating -> a warning on the new field after save', async () => {
    const edit = await insertSavedLine(schemaUri, /^\s+email\s+String\s+@unique/, '  bio            String?');
    const d = await waitFor(
      'the unmigrated warning',
      () => driftOf(schemaUri).find((x) => x.message.includes('bio')),
      30_000,
    );
    assert.equal(d.message, 'Column `User.bio` is in the schema but in no migration.');
    assert.equal(d.range.start.line, edit.line);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      schemaUri,
      d.range,
    );
    assert.ok(
      actions.some((a) => a.title === 'Create migration…' && a.command?.command === 'prismaWorkbench.migrations.dev'),
      actions.map((a) => a.title).join(' | '),
    );
    await edit.undo();
    await waitFor(
      'the warning to go after undoing the edit',
      () => !driftOf(schemaUri).some((x) => x.message.includes('bio')) || undefined,
      30_000,
    );
    assert.equal(driftOf(schemaUri).length, 0);
  });

  it('no database URL (a clone without its .env) -> "no database", neutral, a click adds a connection, no diagnostic', async () => {
    const config = path.join(ws, 'prisma.config.ts');
    const before = readFileSync(config, 'utf8');
    const api = await activeApi();
    try {
      writeFileSync(config, before.replace(/'file:\.\/dev\.db'/, "env('PW_TEST_URL_THAT_IS_NOT_SET')"));
      await api.services.schemas.refresh();
      const result = await check(schemaPath);
      assert.equal(result.state, undefined, 'no check ran');
      assert.equal(result.status, '$(database) Prisma: no database');
      assert.deepEqual(
        driftOf(schemaUri).map((d) => d.message),
        [],
      );
    } finally {
      writeFileSync(config, before);
      await api.services.schemas.refresh();
    }
    assert.equal((await check(schemaPath)).state, 'inSync');
  });

  it('an unreachable database (the URL points into a missing folder) -> exactly one diagnostic, on the datasource', async () => {
    const config = path.join(ws, 'prisma.config.ts');
    const before = readFileSync(config, 'utf8');
    const api = await activeApi();
    try {
      writeFileSync(config, before.replace(/file:\.\/dev\.db/, 'file:./no/such/folder/dev.db'));
      await api.services.schemas.refresh();
      const result = await check(schemaPath);
      assert.equal(result.state, 'error');
      assert.match(String(result.status), /database unreachable/);
      const ds = driftOf(schemaUri);
      assert.equal(ds.length, 1, ds.map((d) => d.message).join(' | '));
      assert.equal(original.split('\n')[ds[0].range.start.line].trim(), 'datasource db {');
      assert.match(ds[0].message, /Database unreachable/);
      assert.match(ds[0].message, /create its folder/);
    } finally {
      writeFileSync(config, before);
      await api.services.schemas.refresh();
    }
    assert.equal((await check(schemaPath)).state, 'inSync');
  });

  it('the replay cache is kept in the workspace state: in a new session, a check with nothing changed reuses both results', async () => {
    const api = await activeApi();
    assert.ok(api.drift);
    const { controller } = api.drift;
    const schema = api.services.schemas.schemas.find((s) => s.root.schemaFiles.includes(schemaPath));
    assert.ok(schema);
    assert.equal((await controller.check(schema, 'test: fill the cache'))?.state, 'inSync');
    controller.forgetSessionCaches();
    assert.equal(controller.replayCacheOf(schema.root.id), undefined);
    assert.equal((await controller.check(schema, 'test: a new session'))?.state, 'inSync');
    const cache = controller.replayCacheOf(schema.root.id);
    assert.deepEqual(
      [cache?.replay.hits, cache?.replay.misses, cache?.schema.hits, cache?.schema.misses],
      [1, 0, 1, 0],
      'both results came from the workspace state',
    );
  });

  it('production: watch mode does not poll the database until the user allows it, and the status bar says why', async () => {
    const api = await activeApi();
    assert.ok(api.drift);
    const { controller } = api.drift;
    const schema = api.services.schemas.schemas.find((s) => s.root.schemaFiles.includes(schemaPath));
    assert.ok(schema);
    const state = (await check(schemaPath)).state; // pending or in sync, depending on the tests before
    assert.ok(state === 'pending' || state === 'inSync', state);
    await vscode.window.showTextDocument(schemaUri);
    const production = vscode.workspace.getConfiguration('prismaWorkbench.production');
    assert.ok((await controller.poll(true)).includes(schema.root.id), 'a local database is polled');
    try {
      // a workspace pattern naming this database (added to the user's <non-local>) makes it production
      await production.update('urlPatterns', ['*dev.db*'], vscode.ConfigurationTarget.Workspace);
      assert.ok(!(await controller.poll(true)).includes(schema.root.id), 'production is not polled');
      const status = await waitFor('the status bar to say watch is off', () =>
        /watch off \(production\)/.test(controller.statusText() ?? '') ? controller.statusText() : undefined,
      );
      assert.match(status ?? '', /^\$\(\S+\) Prisma: .+ · watch off \(production\)$/);
      assert.match(controller.watchRefusal(schema) ?? '', /urlPatterns.*allowBackgroundQueries/);
      await production.update('allowBackgroundQueries', true, vscode.ConfigurationTarget.Workspace);
      assert.ok((await controller.poll(true)).includes(schema.root.id), 'allowed: polled again');
      await waitFor('the status bar to drop "watch off"', () => !/watch off/.test(controller.statusText() ?? ''));
    } finally {
      await production.update('urlPatterns', undefined, vscode.ConfigurationTarget.Workspace);
      await production.update('allowBackgroundQueries', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('production: a save, a discovery or a task does not start a drift check there (it makes a shadow database on that server); Check Drift does', async () => {
    const api = await activeApi();
    assert.ok(api.drift);
    const { controller } = api.drift;
    const schema = api.services.schemas.schemas.find((s) => s.root.schemaFiles.includes(schemaPath));
    assert.ok(schema);
    const production = vscode.workspace.getConfiguration('prismaWorkbench.production');
    assert.ok(await controller.check(schema, 'changed'), 'a local database is checked on a save');
    try {
      await production.update('urlPatterns', ['*dev.db*'], vscode.ConfigurationTarget.Workspace);
      assert.equal(await controller.check(schema, 'changed'), undefined, 'production was checked on a save');
      assert.match(controller.uncheckedReason(schema.root.id) ?? '', /not checked automatically.*urlPatterns/);
      const asked = await controller.check(schema, 'command');
      assert.ok(asked && asked.state !== 'error', `Check Drift on production: ${asked?.state}`);
      assert.equal(controller.uncheckedReason(schema.root.id), undefined);
    } finally {
      await production.update('urlPatterns', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('auto-pull (introspection-only: no migrations folder): a database change seen by watch mode (or first by another check) is pulled into the schema, never over unsaved edits, and undoable', async () => {
    const api = await activeApi();
    assert.ok(api.drift);
    const { controller, autoPull } = api.drift;
    // an introspection-only project in the same workspace: no migrations folder, a database another tool
    // shapes, and the schema as a pull writes it (the sample's enums cannot round-trip through SQLite)
    const migrations = path.join(ws, 'migrations');
    const parked = path.join(ws, 'migrations.parked-by-drift-test');
    const dbFile = path.join(ws, 'dev.db');
    const parkedDb = path.join(ws, 'dev.db.parked-by-drift-test');
    const sqlite = (sql: string) => {
      const { DatabaseSync } = require('node:sqlite') as {
        DatabaseSync: new (file: string) => { exec(sql: string): void; close(): void };
      };
      const db = new DatabaseSync(dbFile);
      db.exec(sql);
      db.close();
    };
    /** Every decision on a watch-mode change (the checks the test itself runs decide too, with other reasons). */
    const decisions: NonNullable<typeof autoPull.lastResult>[] = [];
    const sub = autoPull.onDidDecide((r) => {
      if (r.reason === 'database changed') decisions.push(r);
    });
    const decision = (what: string, match: (r: NonNullable<typeof autoPull.lastResult>) => boolean) =>
      waitFor(what, () => decisions.find(match), 30_000).catch((e: Error) =>
        assert.fail(`${e.message}; decisions: ${JSON.stringify(decisions.map((d) => [d.pulled, d.why]))}`),
      );
    const config = vscode.workspace.getConfiguration('prismaWorkbench.drift');
    const sampleSchema = readFileSync(schemaPath, 'utf8');
    const start = `${sampleSchema.slice(0, sampleSchema.indexOf('datasource db'))}datasource db {\n  provider = "sqlite"\n}\n\nmodel notes {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n`;
    renameSync(migrations, parked);
    if (existsSync(dbFile)) renameSync(dbFile, parkedDb);
    try {
      sqlite('CREATE TABLE "notes" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL)');
      writeFileSync(schemaPath, start);
      await config.update('autoPull', true, vscode.ConfigurationTarget.Workspace);
      await api.services.schemas.refresh();
      const first = await check(schemaPath);
      assert.equal(first.state, 'inSync', JSON.stringify(first));
      // no baseline tick: the check's own fingerprint is what watch mode compares with

      // 1. unsaved edits in the schema: not pulled, the file is untouched
      const doc = await vscode.workspace.openTextDocument(schemaUri);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// unsaved\n'));
      sqlite('ALTER TABLE notes ADD COLUMN hobby TEXT');
      await controller.poll(true);
      const r1 = await decision('the refusal over unsaved edits', (r) => !r.pulled && /unsaved/.test(r.why ?? ''));
      assert.equal(r1.pulled, false);
      assert.match(r1.why ?? '', /unsaved changes/);
      assert.equal(readFileSync(schemaPath, 'utf8'), start);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(doc.isDirty, false);

      // 2. nothing unsaved: the next database change is pulled, saved, and the schema is in sync again
      sqlite('ALTER TABLE notes ADD COLUMN motto TEXT');
      await controller.poll(true);
      const pulled = await decision('the pull', (r) => r.pulled);
      assert.equal(pulled.pulled, true, pulled.why);
      const now = readFileSync(schemaPath, 'utf8');
      assert.match(now, /\n\s+hobby\s+String\?/);
      assert.match(now, /\n\s+motto\s+String\?/);
      // two columns on a known model: inserted into the file as it was, its // comments kept (a whole pull drops them)
      assert.equal(now.split('\n')[0], start.split('\n')[0]);
      assert.match(start.split('\n')[0], /^\/\/ /);
      assert.equal(changedLines(start, now), 2);
      assert.equal(doc.isDirty, false);
      assert.equal((await check(schemaPath)).state, 'inSync');

      // 3. Undo puts the schema back (and the difference shows again: the database still has the columns)
      assert.equal(await autoPull.undo(pulled), true);
      assert.equal(readFileSync(schemaPath, 'utf8'), start);
      await api.services.schemas.refresh();
      const after = await check(schemaPath);
      assert.equal(after.state, 'schemaDiffers');
      // SQLite drops a column by redefining the table: the finding names the table
      assert.ok(
        driftOf(schemaUri).some((d) => /`notes`/.test(d.message)),
        driftOf(schemaUri)
          .map((d) => d.message)
          .join(' | '),
      );

      // 4. a change first seen by a check watch mode did not start (a save, a focus, the user's own check) is
      // pulled too: watch mode's next tick finds that check's fingerprint and sees nothing new
      const seen = decisions.length;
      sqlite('ALTER TABLE notes ADD COLUMN extra TEXT');
      await check(schemaPath);
      const again = await decision('the pull of a change a plain check saw first', (r) => decisions.indexOf(r) >= seen);
      assert.equal(again.pulled, true, again.why);
      assert.match(readFileSync(schemaPath, 'utf8'), /\n\s+extra\s+String\?/);
    } finally {
      sub.dispose();
      await config.update('autoPull', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      renameSync(parked, migrations);
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
      if (existsSync(parkedDb)) renameSync(parkedDb, dbFile);
      writeFileSync(schemaPath, sampleSchema);
      await api.services.schemas.refresh();
    }
    assert.equal((await check(schemaPath)).state, 'inSync');
  });
});
