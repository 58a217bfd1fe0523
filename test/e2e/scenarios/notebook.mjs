// Query notebook, end to end in the real workbench: "Prisma: New Query Notebook", type a SQL query in its
// cell, the table name picked from the suggestion list (the schema's @@map name, offered as you type), run
// it, and read the rows the result renderer drew in the notebook's output.
import assert from 'node:assert/strict';
import path from 'node:path';
import { buildDatabase } from './grid.mjs';

export const name = 'query notebook: new notebook, type a query with completion, run it, see the rows';

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const db = await buildDatabase(workspace);
  const expected = (await db.execute("SELECT email FROM users WHERE role = 'ADMIN' ORDER BY email LIMIT 5")).rows.map(
    (r) => String(r.email),
  );
  db.close();
  // completion offers the schema's tables: wait until discovery has read the schema (the Models view shows it)
  await workbench.openContainer('Prisma');
  await workbench.treeItem('User', { view: 'Models' });
  await workbench.runCommand('Prisma: New Query Notebook');
  const notebook = page.locator('.notebookOverlay').first();
  await notebook.waitFor({ timeout: 60_000 });
  log('notebook open');
  const editor = notebook.locator('.cell-editor-container .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('SELECT email, name FROM us', { delay: 5 });
  // the suggestion list offers the table by its database name (model User is @@map("users")): as you type
  // (editor.quickSuggestions), else on Ctrl+Space (Trigger Suggest) — under load code-server did not always
  // open it as you type; the log tells the two apart
  const suggest = page.locator('.suggest-widget');
  const users = suggest.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^users$/ }) });
  const typed = await users
    .first()
    .waitFor({ timeout: 10_000 })
    .then(
      () => true,
      () => false,
    );
  if (!typed) {
    await page.keyboard.press('Control+Space');
    await users.first().waitFor({ timeout: 30_000 });
  }
  log(typed ? 'the list opened as the table name was typed' : 'the list opened on Ctrl+Space');
  for (let i = 0; i < 10 && !(await users.first().getAttribute('class'))?.includes('focused'); i++)
    await page.keyboard.press('ArrowDown');
  assert.match(await users.first().getAttribute('class'), /focused/, 'the users row never took the focus');
  log('suggestions:', JSON.stringify(await suggest.locator('.monaco-list-row .label-name').allTextContents()));
  await page.keyboard.press('Enter'); // accept it
  const text = async () => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').trim();
  assert.equal(await text(), 'SELECT email, name FROM users', 'accepting the suggestion inserts the table name');
  await page.keyboard.type(" WHERE role = 'ADMIN' ORDER BY email LIMIT 5", { delay: 5 });
  await page.keyboard.press('Escape'); // a suggestion list may be open
  assert.equal(await text(), "SELECT email, name FROM users WHERE role = 'ADMIN' ORDER BY email LIMIT 5");
  await notebook.locator('[aria-label^="Execute Cell"]').first().click();
  log('run');
  // the output renders in the notebook's webview, a frame of its own: read the frame that has the table
  const deadline = Date.now() + 60_000;
  let found;
  while (!found && Date.now() < deadline) {
    for (const f of page.frames()) {
      const n = await f
        .locator('.pw-result td')
        .count()
        .catch(() => 0);
      if (n > 0) {
        found = f;
        break;
      }
    }
    if (!found) await page.waitForTimeout(200);
  }
  assert.ok(found, 'no result table in any frame');
  const cells = await found.locator('.pw-result tbody tr td:first-child').allTextContents();
  log('first column', JSON.stringify(cells));
  assert.equal(expected.length, 5, 'the seeded database has fewer than 5 admins');
  assert.deepEqual(cells, expected);
  assert.match(await found.locator('.pw-result .pw-summary').first().textContent(), /^5 rows/);
  await page.screenshot({ path: path.join(shotsDir, 'notebook.png') });
}
