// The Migrations view and the Prisma tasks in the real extension host, installed from the .vsix, against
// the sample project's SQLite database (the workspace is a fresh copy without dev.db). Tasks run as real
// VS Code tasks; without the CLI's native engine (offline) `engine: auto` runs them on the embedded engine.
import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, describeIn, waitFor } from './helpers/extension';
import { untilNewSecondIn } from '../unit/migrationSecond';
import {
  migrationsOf,
  migrationsView,
  shownMigrations,
  sqliteSampleWorkspace,
  untilSchemaHolds,
} from './helpers/migrations';

describeIn(['sample'], 'Migrations view and Prisma tasks (SQLite sample)', function () {
  this.timeout(120_000);
  let ws: string;
  before(async function () {
    ws = await sqliteSampleWorkspace(this);
    await (await migrationsView()).refresh();
  });

  it('lists every migration folder, newest last, as pending before the database exists', async () => {
    const folders = require('node:fs')
      .readdirSync(path.join(ws, 'migrations'), { withFileTypes: true })
      .filter((d: { isDirectory(): boolean }) => d.isDirectory())
      .map((d: { name: string }) => d.name)
      .sort();
    const { root, children } = await shownMigrations();
    assert.match(root.description, /pending/);
    assert.deepEqual(
      migrationsOf(children).map((c) => c.label),
      folders,
    );
    assert.ok(
      migrationsOf(children).every((c) => c.contextValue === 'migration.pending'),
      children.map((c) => `${c.label}:${c.contextValue}`).join(),
    );
    assert.ok(children.some((c) => c.label === 'Nothing applied yet' && /does not exist yet/.test(c.description)));
  });

  it('Migrate Deploy runs as a task, exits 0, and the tree shows every migration applied', async () => {
    const result = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
      'prismaWorkbench.migrations.deploy',
    );
    assert.equal(result?.exitCode, 0);
    assert.ok(existsSync(path.join(ws, 'dev.db')));
    const { root, children } = await shownMigrations();
    assert.ok(migrationsOf(children).length >= 3);
    assert.ok(
      migrationsOf(children).every((c) => c.contextValue === 'migration.applied' && /^applied /.test(c.description)),
      children.map((c) => `${c.label}:${c.contextValue}`).join(),
    );
    assert.doesNotMatch(root.description, /pending/);
  });

  it('Migrate Status exits 0 when everything is applied', async () => {
    const result = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
      'prismaWorkbench.migrations.status',
    );
    assert.equal(result?.exitCode, 0);
  });

  it('an edited migration.sql shows as edited after it was applied', async () => {
    const { children } = await shownMigrations();
    const first = migrationsOf(children)[0];
    assert.ok(first.node.kind === 'migration' && first.node.entry.local);
    const file = first.node.entry.local.sqlFile;
    const original = readFileSync(file, 'utf8');
    appendFileSync(file, '\n-- a comment added after apply\n');
    try {
      await (await migrationsView()).refresh();
      const after = migrationsOf((await shownMigrations()).children)[0];
      assert.equal(after.contextValue, 'migration.edited');
    } finally {
      require('node:fs').writeFileSync(file, original);
      await (await migrationsView()).refresh();
    }
  });

  it('Migrate Dev with a name creates a migration that appears as applied', async () => {
    const schemaFile = path.join(ws, 'schema.prisma');
    const original = readFileSync(schemaFile, 'utf8');
    appendFileSync(
      schemaFile,
      '\nmodel IntegrationNote {\n  id   Int    @id @default(autoincrement())\n  text String\n}\n',
    );
    try {
      await untilSchemaHolds('model IntegrationNote');
      await untilNewSecondIn(path.join(ws, 'migrations')); // migration names have 1-second resolution
      const result = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
        'prismaWorkbench.migrations.dev',
        { name: 'integration note' },
      );
      assert.equal(result?.exitCode, 0);
      const shown = migrationsOf((await shownMigrations()).children);
      const created = shown.at(-1);
      assert.match(created?.label ?? '', /^\d{14}_integration_note$/);
      assert.equal(created?.contextValue, 'migration.applied');
    } finally {
      require('node:fs').writeFileSync(schemaFile, original);
    }
  });

  it('Migrate Reset refuses a wrong database name (its task resets nothing), and with the right one leaves everything applied', async () => {
    const { DatabaseSync } = require('node:sqlite') as {
      DatabaseSync: new (file: string) => {
        exec(sql: string): void;
        prepare(sql: string): { all(): unknown[] };
        close(): void;
      };
    };
    const db = new DatabaseSync(path.join(ws, 'dev.db'));
    db.exec(`INSERT INTO organizations (id, slug, name) VALUES ('org-reset', 'reset-marker', 'Reset marker')`);
    db.close();
    const markers = () => {
      const d = new DatabaseSync(path.join(ws, 'dev.db'));
      try {
        return d.prepare(`SELECT id FROM organizations WHERE slug = 'reset-marker'`).all().length;
      } finally {
        d.close();
      }
    };
    // the guard runs in the task: it starts, refuses and ends; the command's error message waits for the user,
    // so the command is not awaited. The next reset waits for the task's end, not only its process's: the same
    // task started while VS Code still counts it as running is not a new run
    const ended = new Promise<number | undefined>((resolve) => {
      let code: number | undefined;
      const isReset = (t: vscode.Task) => t.definition.command === 'migrateReset';
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (isReset(e.execution.task)) code = e.exitCode;
      });
      const end = vscode.tasks.onDidEndTask((e) => {
        if (!isReset(e.execution.task)) return;
        sub.dispose();
        end.dispose();
        resolve(code);
      });
    });
    // no automatic drift check reads the database while a Prisma task writes it (the first reset's end schedules
    // one, which fell during the second reset: on SQLite the two fought over dev.db and the reset failed)
    const drift = (await activeApi()).drift!.controller;
    const check = drift.check.bind(drift);
    const duringTask: string[] = [];
    drift.check = (schema, ...rest) => {
      const running = vscode.tasks.taskExecutions.filter((e) => e.task.definition.type === 'prisma');
      if (running.length) duringTask.push(running.map((e) => e.task.name).join(', '));
      return check(schema, ...rest);
    };
    let result: { exitCode: number | undefined } | undefined;
    try {
      void vscode.commands.executeCommand('prismaWorkbench.migrations.reset', { confirmDatabase: 'not-this-one' });
      assert.notEqual(await ended, 0, 'the reset with a wrong database name succeeded');
      assert.equal(markers(), 1, 'the reset with a wrong database name dropped the data');
      result = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
        'prismaWorkbench.migrations.reset',
        { confirmDatabase: 'dev.db' },
      );
    } finally {
      drift.check = check;
    }
    assert.deepEqual(duringTask, [], 'a drift check ran while a Prisma task was running');
    assert.equal(result?.exitCode, 0);
    assert.equal(markers(), 0, 'the reset did not empty the database');
    assert.ok(migrationsOf((await shownMigrations()).children).every((c) => c.contextValue === 'migration.applied'));
  });

  it("Compare with Previous Schema opens a read-only diff: the previous schema left, this migration's right", async () => {
    const shown = migrationsOf((await shownMigrations()).children).filter(
      (c) => c.node.kind === 'migration' && c.node.entry.local && /^\d{14}_course_reviews$/.test(c.label),
    );
    assert.equal(shown.length, 1, 'the course_reviews migration is not shown');
    const { left, right } = await vscode.commands.executeCommand<{ left: vscode.Uri; right: vscode.Uri }>(
      'prismaWorkbench.migrations.compareWithPrevious',
      shown[0].node,
    );
    const tab = await waitFor('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.toString(), left.toString());
    assert.equal(tab.modified.toString(), right.toString());
    assert.match(
      vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '',
      /lesson_duration_enrollment_status ↔ \d{14}_course_reviews/,
    );
    const before = (await vscode.workspace.openTextDocument(left)).getText();
    const after = (await vscode.workspace.openTextDocument(right)).getText();
    assert.doesNotMatch(before, /CREATE TABLE "reviews"/);
    assert.match(after, /CREATE TABLE "reviews"/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the prisma task type offers the workflows with argument arrays', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'prisma' });
    const names = tasks.map((t) => t.name);
    for (const n of [
      'prisma migrate dev',
      'prisma migrate deploy',
      'prisma migrate status',
      'prisma generate',
      'prisma db push',
      'prisma validate',
    ]) {
      assert.ok(names.includes(n), `${n} not in ${names.join(', ')}`);
    }
    assert.ok(!names.some((n) => /:\/\/[^@\s]*:[^@\s]*@/.test(n)), 'a task label shows a password');
  });
});
