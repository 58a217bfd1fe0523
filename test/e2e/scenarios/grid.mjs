// Data grid, end to end in the real workbench: open User's grid from the Models view item's inline
// action, scroll far, quick-search, edit a cell, save with Ctrl+S, and see the change in the database.
// Screenshots of the grid in the dark and light themes go to test-output/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@libsql/client';

export const name = 'data grid: open, scroll, filter, edit, save';

/** The workspace's dev.db (prisma.config.ts: file:./dev.db), built from its migrations with 500 users. */
async function buildDatabase(workspace) {
  const root = fs.existsSync(path.join(workspace, 'prisma.config.ts')) && fs.existsSync(path.join(workspace, 'migrations')) ? workspace : path.join(workspace, 'prisma');
  const file = path.join(root, 'dev.db');
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = createClient({ url: `file:${file}` });
  const migrations = path.join(root, 'migrations');
  for (const m of fs.readdirSync(migrations).filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql'))).sort()) {
    await db.executeMultiple(fs.readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
  }
  const at = (ms) => new Date(ms).toISOString().replace('Z', '+00:00'); // as Prisma's SQLite adapter writes DateTime
  await db.execute(`INSERT INTO organizations (id, slug, name, plan, created_at) VALUES ('org1', 'acme', 'Acme Academy', 'TEAM', '${at(1735689600000)}')`);
  const inserts = [];
  for (let i = 1; i <= 500; i++) {
    inserts.push({ sql: 'INSERT INTO users (email, name, role, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      args: [`user${i}@example.com`, `Person ${i}`, i % 7 === 0 ? 'ADMIN' : 'STUDENT', 'org1', at(1735689600000 + i * 60_000), at(1735689600000 + i * 60_000)] });
  }
  await db.batch(inserts, 'write');
  return db;
}

async function setTheme(workbench, page, theme) {
  await workbench.runCommand('Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
}

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const db = await buildDatabase(workspace);
  try {
    log('database built: 500 users');
    await setTheme(workbench, page, 'Dark Modern');
    await workbench.openContainer('Prisma');
    const user = await workbench.treeItem('User', { view: 'Models' });
    await user.hover();
    await user.locator('.action-label[aria-label="Open Data"]').click();
    log('clicked Open Data on the User item');
    const grid = workbench.webview();
    const count = grid.locator('#row-count');
    await count.filter({ hasText: '500 rows' }).waitFor({ timeout: 120_000 });
    const firstEmail = grid.locator('[data-row="0"] [data-col="email"]');
    await firstEmail.filter({ hasText: 'user1@example.com' }).waitFor();
    log('first rows and total shown');

    // scroll far down: the rows there arrive as the user gets there
    await grid.locator('#viewport').evaluate((el) => { el.scrollTop = 24 * 420; });
    await grid.locator('[data-row="425"] [data-col="email"]').filter({ hasText: 'user426@example.com' }).waitFor();
    log('scrolled to row 426');
    await grid.locator('#viewport').evaluate((el) => { el.scrollTop = 0; });

    // quick search
    await grid.locator('#quick-search').fill('user42');
    await count.filter({ hasText: /^11 rows/ }).waitFor();
    await grid.locator('[data-row="0"] [data-col="email"]').filter({ hasText: 'user42@example.com' }).waitFor();
    log('quick search: 11 rows');

    // edit a cell, save with Ctrl+S
    const nameCell = grid.locator('[data-row="0"] [data-col="name"]');
    await nameCell.dblclick();
    const editor = nameCell.locator('input.editor');
    await editor.fill('Edited in the grid');
    await editor.press('Enter');
    await grid.locator('[data-row="0"] [data-col="name"].edited').waitFor();
    await grid.locator('#save').filter({ hasText: 'Save (1)' }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'grid-pending-dark.png') });
    await grid.locator('#viewport').press('Control+s');
    await grid.locator('#status').filter({ hasText: 'Saved in one transaction' }).waitFor();
    const stored = await db.execute(`SELECT name FROM users WHERE email = 'user42@example.com'`);
    assert.equal(stored.rows[0].name, 'Edited in the grid');
    log('saved: the database holds the edit');

    // a typed filter
    await grid.locator('#quick-search').fill('');
    await count.filter({ hasText: /^500 rows/ }).waitFor();
    await grid.locator('#add-filter').click();
    const filter = grid.locator('#filters .filter').last();
    await filter.locator('.filter-column').selectOption('role');
    await filter.locator('.filter-value').selectOption('ADMIN');
    await count.filter({ hasText: /^71 rows/ }).waitFor();
    log('filter role = ADMIN: 71 rows');
    await page.screenshot({ path: path.join(shotsDir, 'grid-dark.png') });
    await setTheme(workbench, page, 'Light Modern');
    await page.screenshot({ path: path.join(shotsDir, 'grid-light.png') });
    log('screenshots: grid-dark.png, grid-light.png');
  } finally {
    db.close();
  }
}
