// Spreadsheet copy and paste in the real workbench: a 3×3 block put on the clipboard as a spreadsheet
// does (TSV) is pasted with Ctrl+V at a cell, previewed, staged, undone and redone with the keys, copied back
// out of the grid exactly, saved, and found in the database; a bad value is refused by name. A schema change
// while they are staged (another model added, then removed) keeps them: User itself did not change.
/* global navigator, DataTransfer, ClipboardEvent -- these run in the page (page.evaluate) */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildDatabase, openUserGrid } from './grid.mjs';

export const name = 'data grid: paste a 3×3 block from the clipboard, undo, redo, copy back, save';

const block = [
  ['pasted1@example.com', 'Pasted One', 'ADMIN'],
  ['pasted2@example.com', 'Pasted "Two"', 'STUDENT'], // user2 is a STUDENT already: unchanged
  ['pasted3@example.com', 'Pasted\tThree', 'INSTRUCTOR'],
];
// as Excel and Sheets write it: only a value with a tab or a line break (or a leading quote) is quoted
const tsv =
  block
    .map((r) => r.map((v) => (/[\t\r\n]/.test(v) || v.startsWith('"') ? `"${v.replace(/"/g, '""')}"` : v)).join('\t'))
    .join('\r\n') + '\r\n';

/** Ctrl+V at the focused cell: the browser's own paste; when the headless browser's clipboard does not reach
 * the webview, the same paste event is dispatched with the text (said in the log). */
async function paste(grid, page, text, log) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await grid.locator('#viewport').press('Control+v');
  const shown = await grid
    .locator('#status')
    .filter({ hasText: /^Paste / })
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (shown) return 'clipboard';
  log('the native paste did not reach the webview: dispatching the paste event with the clipboard text');
  await grid.locator('#viewport').evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await grid
    .locator('#status')
    .filter({ hasText: /^Paste / })
    .waitFor();
  return 'event';
}

/** Ctrl+C on the selection, read back from the clipboard (or from the copy event, as `paste` above). */
async function copy(grid, page, log) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await grid.locator('#viewport').press('Control+c');
  await grid
    .locator('#status')
    .filter({ hasText: /^Copied / })
    .waitFor({ timeout: 5_000 })
    .catch(() => {});
  const text = await page.evaluate(() => navigator.clipboard.readText());
  if (text) return text;
  log('the native copy did not reach the clipboard: reading the copy event the grid answered');
  return grid.locator('#viewport').evaluate((el) => {
    const data = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
}

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const db = await buildDatabase(workspace);
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const grid = await openUserGrid(workbench, page, log);
    await grid.locator('#row-count').filter({ hasText: '500 rows' }).waitFor({ timeout: 120_000 });
    await grid.locator('[data-row="0"] [data-col="email"]').filter({ hasText: 'user1@example.com' }).waitFor();

    // paste the block at row 1's email: a preview first, nothing staged yet
    await grid.locator('[data-row="0"] [data-col="email"]').click();
    const via = await paste(grid, page, tsv, log);
    const status = grid.locator('#status');
    assert.match(
      await status.innerText(),
      /^Paste changes 8 cells in 3 rows\. 1 cell already holds the value\./,
      'the preview counts what would change',
    );
    assert.equal(await grid.locator('.cell.edited').count(), 0, 'nothing staged before Stage');
    await page.screenshot({ path: path.join(shotsDir, 'grid-paste-preview.png') });
    await grid.locator('#paste-stage').filter({ hasText: 'Stage 8 edits' }).click();
    await grid.locator('#save').filter({ hasText: 'Save (8)' }).waitFor();
    for (const [r, values] of block.entries())
      for (const [c, col] of ['email', 'name', 'role'].entries())
        assert.equal(
          await grid.locator(`[data-row="${r}"] [data-col="${col}"]`).innerText(),
          values[c].replace(/\s+/g, ' '), // a tab shows as a space
          `row ${r + 1} ${col}`,
        );
    log(`pasted (${via}): 8 edits staged, 1 cell already held its value`);

    // undo and redo the whole paste with the keys
    await grid.locator('#viewport').press('Control+z');
    await grid
      .locator('#save')
      .filter({ hasText: /^Save$/ })
      .waitFor();
    assert.equal(await grid.locator('[data-row="0"] [data-col="email"]').innerText(), 'user1@example.com');
    await grid.locator('#viewport').press('Control+Shift+z');
    await grid.locator('#save').filter({ hasText: 'Save (8)' }).waitFor();
    await grid.locator('#viewport').press('Control+z');
    await grid
      .locator('#save')
      .filter({ hasText: /^Save$/ })
      .waitFor();
    await grid.locator('#viewport').press('Control+y');
    await grid.locator('#save').filter({ hasText: 'Save (8)' }).waitFor();
    log('Ctrl+Z undid the paste as one step; Ctrl+Shift+Z and Ctrl+Y redid it');

    // the schema changes elsewhere while the edits are staged (a model added, then removed): the grid reloads
    // User, which did not change, and keeps the 8 edits (before, each reload dropped them)
    const schemaFile = [path.join(workspace, 'prisma', 'schema.prisma'), path.join(workspace, 'schema.prisma')].find(
      (f) => fs.existsSync(f),
    );
    assert.ok(schemaFile, `no schema.prisma in ${workspace}`);
    const schemaText = fs.readFileSync(schemaFile, 'utf8');
    const reloadKeeps = async (what) => {
      await status
        .filter({ hasText: 'The schema changed; User did not: your 8 pending change(s) are kept.' })
        .waitFor({ timeout: 120_000 });
      await grid.locator('#save').filter({ hasText: 'Save (8)' }).waitFor();
      assert.equal(await grid.locator('[data-row="0"] [data-col="email"]').innerText(), block[0][0]);
      await status.evaluate((el) => (el.textContent = '')); // the next reload's words are then its own
      log(`${what}: the grid reloaded User and kept the 8 staged edits`);
    };
    await status.evaluate((el) => (el.textContent = ''));
    try {
      fs.writeFileSync(schemaFile, `${schemaText}\nmodel PwSchemaChangeProbe {\n  id Int @id\n}\n`);
      await reloadKeeps('a model added to the schema');
    } finally {
      fs.writeFileSync(schemaFile, schemaText);
    }
    await reloadKeeps('the model removed again');

    // select the block (click, Shift+click) and copy it: the same TSV comes back, quotes and tab included
    await grid.locator('[data-row="0"] [data-col="email"]').click();
    await grid.locator('[data-row="2"] [data-col="role"]').click({ modifiers: ['Shift'] });
    assert.equal(await grid.locator('.cell.selected').count(), 9, 'a 3×3 range selected');
    const copied = await copy(grid, page, log);
    assert.equal(copied, tsv, 'the copied range is the pasted TSV, exactly');
    log('copied the range back: the same TSV');

    // a value the column cannot take is refused by name, and nothing is staged
    await grid.locator('[data-row="4"] [data-col="role"]').click();
    await paste(grid, page, 'NOPE', log);
    assert.match(
      await status.innerText(),
      /Paste changes nothing\. 1 cell refused — row 5 · role: "NOPE" is not one of STUDENT, INSTRUCTOR, ADMIN\./,
    );
    assert.equal(await grid.locator('#paste-stage').count(), 0);
    log('a bad Role refused by name');

    await grid.locator('#viewport').press('Control+s');
    await status.filter({ hasText: 'Saved in one transaction' }).waitFor();
    const stored = await db.execute('SELECT id, email, name, role FROM users WHERE id <= 3 ORDER BY id');
    assert.deepEqual(
      stored.rows.map((r) => [r.email, r.name, r.role]),
      block,
    );
    log('saved: the database holds the pasted block');
  } finally {
    await page.context().clearPermissions();
    db.close();
  }
}
