// The destructive-command guard as the user meets it on a database that is not production: "Prisma: Migrate
// Reset" from the palette asks in a modal dialog naming the database; Cancel leaves every row where it was,
// the confirming button resets it. No `confirmDatabase` argument: the real dialog, clicked.
import assert from 'node:assert/strict';
import { databaseWithRow, KEPT, modal, until } from '../tools/guardScenario.mjs';

export const name = 'destructive guard: Migrate Reset asks in a modal; Cancel keeps the data, confirming resets';

export async function run({ page, workbench, workspace, log }) {
  const db = databaseWithRow(workspace);
  assert.deepEqual(await db.slugs(), [KEPT]);
  await workbench.openContainer('Prisma');
  await workbench.treeItem('User', { view: 'Models' }); // the schema is discovered

  await workbench.runCommand('Prisma: Migrate Reset');
  let dialog = await modal(page, 'dev.db');
  log(`modal: ${(await dialog.textContent())?.replace(/\s+/g, ' ').slice(0, 200)}`);
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  log('clicked Cancel');

  // asked again: by the time the second dialog is up, a reset the Cancel let through would have run
  await workbench.runCommand('Prisma: Migrate Reset');
  dialog = await modal(page, 'dev.db');
  assert.deepEqual(await db.slugs(), [KEPT], 'the cancelled reset changed the database');
  log('the database still holds its row');
  const go = dialog.locator('.dialog-buttons .monaco-button').filter({ hasNotText: 'Cancel' }).first();
  log(`confirming with "${(await go.textContent())?.trim()}"`);
  await go.click();
  const after = await until(page, 'the reset to empty the database', async () => {
    const s = await db.slugs();
    return s && !s.includes(KEPT) ? s : undefined;
  });
  log(`reset: organizations now ${JSON.stringify(after)}`);
}
