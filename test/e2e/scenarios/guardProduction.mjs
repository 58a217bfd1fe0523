// The production guard as the user meets it: dev.db counts as production here (the user's
// prismaWorkbench.production.urlPatterns matches its URL), so "Prisma: Migrate Reset" from the palette
// wants the database name typed. A wrong name is refused in the input box and nothing runs; the right
// name resets the database. No `confirmDatabase` argument: the real input box, typed into.
import assert from 'node:assert/strict';
import { databaseWithRow, inputBox, KEPT, modal, until } from '../tools/guardScenario.mjs';

export const name = 'production guard: Migrate Reset wants the database name typed; a wrong one is refused';

export const settings = { 'prismaWorkbench.production.urlPatterns': ['/dev\\.db/'] };

/** Answers a confirming modal if the guard shows one before the input box (its wording is the guard's). */
async function confirmModalIfShown(page) {
  const dialog = page.locator('.monaco-dialog-box');
  const box = page.locator('.quick-input-widget', { hasText: 'dev.db' });
  await dialog.or(box).first().waitFor({ timeout: 60_000 });
  if (await dialog.isVisible()) {
    await (
      await modal(page, 'dev.db')
    )
      .locator('.dialog-buttons .monaco-button')
      .filter({ hasNotText: 'Cancel' })
      .first()
      .click();
  }
}

export async function run({ page, workbench, workspace, log }) {
  const db = databaseWithRow(workspace);
  assert.deepEqual(await db.slugs(), [KEPT]);
  await workbench.openContainer('Prisma');
  await workbench.treeItem('User', { view: 'Models' }); // the schema is discovered

  await workbench.runCommand('Prisma: Migrate Reset');
  await confirmModalIfShown(page);
  let box = await inputBox(page, 'dev.db');
  log(`input box: ${(await box.locator('.quick-input-message, .quick-input-title').allTextContents()).join(' | ')}`);
  const input = box.locator('input');
  await input.fill('not-this-one');
  await page.keyboard.press('Enter');
  // refused: the box marks the typed name as wrong and stays open (or it closes, and nothing may have run:
  // the database is checked below)
  await Promise.race([
    box.locator('.monaco-inputbox.error').waitFor({ timeout: 60_000 }),
    box.waitFor({ state: 'hidden', timeout: 60_000 }),
  ]);
  if (await input.isVisible()) {
    log(`wrong name refused in the box; it still holds "${await input.inputValue()}"`);
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });
  } else log('wrong name: the box closed');

  // asked again: by the time the box is up again, a reset the wrong name let through would have run
  await workbench.runCommand('Prisma: Migrate Reset');
  await confirmModalIfShown(page);
  box = await inputBox(page, 'dev.db');
  assert.deepEqual(await db.slugs(), [KEPT], 'the refused reset changed the database');
  log('the database still holds its row');
  await box.locator('input').fill('dev.db');
  await page.keyboard.press('Enter');
  const after = await until(page, 'the reset to empty the database', async () => {
    const s = await db.slugs();
    return s && !s.includes(KEPT) ? s : undefined;
  });
  log(`right name: reset ran, organizations now ${JSON.stringify(after)}`);
}
