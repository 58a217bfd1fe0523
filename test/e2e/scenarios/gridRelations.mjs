// Relation editing in the real workbench: a foreign-key cell's picker opened with Enter, searched, a row
// chosen with Enter and staged; Clear on a required relation refused in words (nothing staged); Save, and
// the database holds the picked foreign key.
import assert from 'node:assert/strict';
import path from 'node:path';
import { buildDatabase, openUserGrid } from './grid.mjs';

export const name = 'data grid: pick a related row for a foreign key, refuse clearing a required one, save';

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const db = await buildDatabase(workspace);
  try {
    const grid = await openUserGrid(workbench, page, log);
    await grid.locator('#row-count').filter({ hasText: '500 rows' }).waitFor({ timeout: 120_000 });
    const picker = grid.locator('.relation-picker');

    // row 2's mentor: Enter opens the picker on the focused foreign-key cell
    await grid.locator('[data-row="1"] [data-col="mentorId"]').click();
    await grid.locator('#viewport').press('Enter');
    await picker.locator('.picker-option').first().waitFor();
    assert.match(await picker.locator('.picker-title').innerText(), /User\.mentor → User/);
    await picker.locator('.picker-search').fill('user420@example.com');
    await picker
      .locator('.picker-note')
      .filter({ hasText: /^1 User row\(s\)/ })
      .waitFor();
    await picker.locator('.picker-option').filter({ hasText: 'Person 420' }).waitFor();
    assert.equal(await picker.locator('.picker-option').count(), 1, 'the search finds one user');
    await page.screenshot({ path: path.join(shotsDir, 'grid-relation-picker.png') });
    await picker.locator('.picker-search').press('Enter');
    await picker.waitFor({ state: 'detached' });
    await grid.locator('[data-row="1"] [data-col="mentorId"].edited').filter({ hasText: '420' }).waitFor();
    log('picked user 420 as the mentor of user 2: staged');

    // the organization is required: Clear says so and stages nothing
    await grid.locator('[data-row="1"] [data-col="organizationId"] .pick').click();
    await picker.locator('.picker-option').filter({ hasText: 'Acme Academy' }).waitFor();
    await picker.getByRole('button', { name: 'Clear' }).click();
    await picker
      .locator('.picker-note.error')
      .filter({
        hasText: 'User.organization is required (every User row needs its Organization): it cannot be cleared',
      })
      .waitFor();
    await picker.locator('.picker-search').press('Escape');
    await picker.waitFor({ state: 'detached' });
    await grid.locator('#save').filter({ hasText: 'Save (1)' }).waitFor();
    log('Clear on the required organization refused in words; still one edit staged');

    await grid.locator('#viewport').press('Control+s');
    await grid.locator('#status').filter({ hasText: 'Saved in one transaction' }).waitFor();
    const stored = await db.execute('SELECT mentor_id FROM users WHERE id = 2');
    assert.equal(Number(stored.rows[0].mentor_id), 420);
    log('saved: the database holds mentor_id 420 for user 2');
  } finally {
    db.close();
  }
}
