// Drift in the workbench: the sample's dev.db built from its migrations (in sync), then a column added by
// hand behind the extension's back. Watch mode (every 2 s here) notices without any command: the status bar
// says drift, the Prisma container's badge counts it, model User carries a decoration with the finding, and
// the Problems panel has the message. The column dropped again: back to in sync, marks gone.
// Screenshot: test-output/screenshots/drift.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { emulateFocus, sqliteDb as tool, statusBarSays } from '../tools/driftScenario.mjs';

export const name = 'drift: a column added by hand shows in the status bar, the badges, the Models view and Problems';

const FINDING = 'Column `User.nickname` exists in the database but in no migration.';

/** The text of every file-decoration badge inside `locator` (VS Code draws them as ::after content). */
const badgesIn = (locator) =>
  locator.evaluate((root) =>
    [...root.querySelectorAll('*')]
      .map((el) => getComputedStyle(el, '::after').content)
      .filter((c) => c && c !== 'none' && c !== 'normal' && c !== '""')
      .map((c) => c.replace(/^"|"$/g, '')),
  );

// watch mode every 2 s from the start: a settings file written while the window runs arrives seconds later,
// and the check that change starts could see the hand-made column before watch mode does
export const settings = { 'prismaWorkbench.drift.watchInterval': 2 };

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const root = fs.existsSync(path.join(workspace, 'migrations')) ? workspace : path.join(workspace, 'prisma');
  const dbFile = path.join(root, 'dev.db');
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  log(tool('migrate', root).trim());

  await emulateFocus(page); // watch mode pauses in an unfocused window
  await workbench.openContainer('Prisma');
  await workbench.treeItem('User', { view: 'Models' });
  const statusSays = (text) => statusBarSays(page, text);
  await workbench.runCommand('Prisma: Check Drift');
  log(`status bar: ${await statusSays('in sync')}`);
  const user = await workbench.treeItem('User', { view: 'Models' });
  assert.deepEqual(await badgesIn(user), [], 'in sync: model User has no drift mark');

  tool('exec', dbFile, 'ALTER TABLE users ADD COLUMN nickname TEXT;');
  log('added users.nickname by hand; waiting for watch mode, no command run');
  log(`status bar: ${await statusSays('drift')}`);

  // the Models view's badge (on the Prisma container while its views are in the side bar) and User's mark
  const container = page
    .locator('.activitybar .action-item')
    .filter({ has: page.locator('[aria-label^="Prisma"]') })
    .or(page.locator('.activitybar .action-item[aria-label^="Prisma"]'))
    .first();
  await container.locator('.badge-content').filter({ hasText: /^\d+$/ }).first().waitFor({ timeout: 30_000 });
  const count = Number(await container.locator('.badge-content').first().textContent());
  assert.ok(count >= 1, `the Prisma container's badge says ${count}`);
  const deadline = Date.now() + 30_000;
  let marks = [];
  while (Date.now() < deadline && marks.length === 0) {
    marks = await badgesIn(await workbench.treeItem('User', { view: 'Models' }));
    if (marks.length === 0) await page.waitForTimeout(250);
  }
  assert.deepEqual(marks, ['1'], 'model User carries one drift finding');
  const title = await (await workbench.treeItem('User', { view: 'Models' })).getAttribute('aria-label');
  log(`badge ${count}; User's mark ${marks.join(',')}; aria-label: ${title}`);

  await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
  await page.locator('.markers-panel .monaco-list-row', { hasText: FINDING }).first().waitFor({ timeout: 30_000 });
  log(`Problems: ${FINDING}`);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 }); // the palette is gone
  await page.screenshot({ path: path.join(shotsDir, 'drift.png') });

  tool('exec', dbFile, 'ALTER TABLE users DROP COLUMN nickname;');
  log(`dropped it again; status bar: ${await statusSays('in sync')}`);
  const clear = Date.now() + 30_000;
  while (Date.now() < clear && (await badgesIn(await workbench.treeItem('User', { view: 'Models' }))).length)
    await page.waitForTimeout(250);
  assert.deepEqual(await badgesIn(await workbench.treeItem('User', { view: 'Models' })), [], 'the mark is gone');
  assert.equal(
    await page.locator('.markers-panel .monaco-list-row', { hasText: FINDING }).count(),
    0,
    'the problem is gone',
  );
}
