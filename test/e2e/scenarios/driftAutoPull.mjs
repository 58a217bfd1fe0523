// Auto-pull in the workbench (prismaWorkbench.drift.autoPull) for an introspection-only project: no
// migrations folder, another tool shapes the database. A column added behind the extension's back is
// pulled into schema.prisma by watch mode; the notification's "Show Diff" opens before ↔ after; the next
// change's "Undo" puts the file back as the previous pull left it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { emulateFocus, sqliteDb as tool, statusBarSays } from '../tools/driftScenario.mjs';

export const name = 'drift auto-pull: a database change is pulled; Show Diff and Undo from the notification';

// auto-pull and a 2 s watch from the start: a settings file written while the window runs arrived seconds
// later in CI, and the check its change started saw the hand-made column first (only watch mode pulls), so
// nothing was pulled
export const settings = { 'prismaWorkbench.drift.watchInterval': 2, 'prismaWorkbench.drift.autoPull': true };

export async function run({ page, workbench, workspace, log }) {
  const root = fs.existsSync(path.join(workspace, 'migrations')) ? workspace : path.join(workspace, 'prisma');
  const schemaFile = path.join(root, 'schema.prisma');
  const dbFile = path.join(root, 'dev.db');
  // the schema as a pull writes it (the sample's enums cannot round-trip through SQLite)
  const sample = fs.readFileSync(schemaFile, 'utf8');
  const start = `${sample.slice(0, sample.indexOf('datasource db'))}datasource db {\n  provider = "sqlite"\n}\n\nmodel notes {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n`;
  fs.rmSync(path.join(root, 'migrations'), { recursive: true, force: true });
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  tool(
    'exec',
    dbFile,
    'CREATE TABLE "notes" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL);',
  );
  fs.writeFileSync(schemaFile, start);
  await emulateFocus(page); // watch mode pauses in an unfocused window

  await workbench.openContainer('Prisma');
  await workbench.treeItem('notes', { view: 'Models' });
  const statusSays = (text) => statusBarSays(page, text);
  await workbench.runCommand('Prisma: Check Drift');
  log(`introspection-only project; status bar: ${await statusSays('in sync')}`);

  /** The toast that says the database was pulled into schema.prisma, once `column` is in the file. */
  const pulledToast = async (column) => {
    const deadline = Date.now() + 60_000;
    while (!new RegExp(`\\n\\s+${column}\\s+String\\?`).test(fs.readFileSync(schemaFile, 'utf8'))) {
      if (Date.now() > deadline)
        throw new Error(`${column} was not pulled into schema.prisma:\n${fs.readFileSync(schemaFile, 'utf8')}`);
      await page.waitForTimeout(250);
    }
    // a toast, or (when the workbench already hid it) the entry in the notification center
    const toast = page
      .locator('.notification-toast .notification-list-item')
      .filter({ hasText: 'pulled it into schema.prisma' })
      .last();
    if (
      await toast.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    )
      return toast;
    await workbench.runCommand('Notifications: Show Notifications');
    const entry = page
      .locator('.notifications-center .notification-list-item')
      .filter({ hasText: 'pulled it into schema.prisma' })
      .last();
    await entry.waitFor({ timeout: 30_000 });
    return entry;
  };

  tool('exec', dbFile, 'ALTER TABLE notes ADD COLUMN motto TEXT;');
  log('added notes.motto by hand; waiting for watch mode to pull it');
  const first = await pulledToast('motto');
  const afterFirst = fs.readFileSync(schemaFile, 'utf8');
  log(`pulled: ${(await first.locator('.notification-list-item-message').textContent())?.trim()}`);
  await first.locator('.monaco-button', { hasText: 'Show Diff' }).click();
  const diffTab = page.locator('.tabs-container .tab', { hasText: 'before ↔ after the automatic pull' }).first();
  await diffTab.waitFor({ timeout: 30_000 });
  // the diff's right side is the file as pulled: the new column shows as an added line
  await page
    .locator('.editor-instance .monaco-diff-editor .line-insert, .editor-instance .monaco-diff-editor .char-insert')
    .first()
    .waitFor({ timeout: 30_000 });
  log(`Show Diff: tab "${(await diffTab.textContent())?.trim()}" with the added line`);

  tool('exec', dbFile, 'ALTER TABLE notes ADD COLUMN hobby TEXT;');
  log('added notes.hobby by hand; waiting for the second pull');
  const second = await pulledToast('hobby');
  await second.locator('.monaco-button', { hasText: 'Undo' }).click();
  const deadline = Date.now() + 30_000;
  while (fs.readFileSync(schemaFile, 'utf8') !== afterFirst && Date.now() < deadline) await page.waitForTimeout(250);
  assert.equal(
    fs.readFileSync(schemaFile, 'utf8'),
    afterFirst,
    'Undo put schema.prisma back as the first pull left it',
  );
  log(`Undo: schema.prisma is back without hobby; status bar: ${await statusSays('schema differs')}`);
}
