// Data grid, end to end in the real workbench: open User's grid from the Models view item's inline
// action, scroll far, quick-search, edit a cell, save with Ctrl+S, and see the change in the database.
// Screenshots of the grid in the dark and light themes go to test-output/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@libsql/client';

export const name = 'data grid: open, scroll, filter, edit, save';

/** The workspace's dev.db (prisma.config.ts: file:./dev.db), built from its migrations with 500 users. */
export async function buildDatabase(workspace) {
  const root =
    fs.existsSync(path.join(workspace, 'prisma.config.ts')) && fs.existsSync(path.join(workspace, 'migrations'))
      ? workspace
      : path.join(workspace, 'prisma');
  const file = path.join(root, 'dev.db');
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = createClient({ url: `file:${file}` });
  const migrations = path.join(root, 'migrations');
  for (const m of fs
    .readdirSync(migrations)
    .filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql')))
    .sort()) {
    await db.executeMultiple(fs.readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
  }
  const at = (ms) => new Date(ms).toISOString().replace('Z', '+00:00'); // as Prisma's SQLite adapter writes DateTime
  await db.execute(
    `INSERT INTO organizations (id, slug, name, plan, created_at) VALUES ('org1', 'acme', 'Acme Academy', 'TEAM', '${at(1735689600000)}')`,
  );
  const inserts = [];
  for (let i = 1; i <= 500; i++) {
    inserts.push({
      sql: 'INSERT INTO users (email, name, role, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      args: [
        `user${i}@example.com`,
        `Person ${i}`,
        i % 7 === 0 ? 'ADMIN' : 'STUDENT',
        'org1',
        at(1735689600000 + i * 60_000),
        at(1735689600000 + i * 60_000),
      ],
    });
  }
  await db.batch(inserts, 'write');
  return db;
}

/** Picks a colour theme from the palette (its list can be empty while extensions activate: asked again). */
async function setTheme(workbench, page, theme) {
  // on a loaded machine the palette can take the command before its list is ready and run nothing: try again
  for (let attempt = 1; ; attempt++) {
    await workbench.runCommand('Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input');
    await input.fill(theme);
    try {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor({ timeout: 20_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
}

/** Opens User's grid from the Models view item's inline Open Data action; resolves to the webview's frame. */
export async function openUserGrid(workbench, page, log) {
  await workbench.openContainer('Prisma');
  const user = await workbench.treeItem('User', { view: 'Models' });
  await user.hover();
  await user.locator('.action-label[aria-label="Open Data"]').click();
  log('clicked Open Data on the User item');
  // a row rebuilt under the pointer (the view refreshed as the click landed) reaches the command without its
  // item, which then asks for the model: answer as a user would (seen once in CI; the note tracks it)
  const picker = page
    .locator('.quick-input-widget')
    .filter({ has: page.locator('input[placeholder="Model to open"]') });
  if (
    await picker.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  ) {
    await picker.locator('input').fill('User');
    await page.keyboard.press('Enter');
    log('the click reached the command without its item: picked User in "Model to open"');
  }
  return workbench.webview();
}

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const db = await buildDatabase(workspace);
  try {
    log('database built: 500 users');
    await setTheme(workbench, page, 'Dark Modern');
    const grid = await openUserGrid(workbench, page, log);
    const count = grid.locator('#row-count');
    await count.filter({ hasText: '500 rows' }).waitFor({ timeout: 120_000 });
    const firstEmail = grid.locator('[data-row="0"] [data-col="email"]');
    await firstEmail.filter({ hasText: 'user1@example.com' }).waitFor();
    log('first rows and total shown');

    // scroll far down: the rows there arrive as the user gets there
    await grid.locator('#viewport').evaluate((el) => {
      el.scrollTop = 24 * 420;
    });
    await grid.locator('[data-row="425"] [data-col="email"]').filter({ hasText: 'user426@example.com' }).waitFor();
    log('scrolled to row 426');
    await grid.locator('#viewport').evaluate((el) => {
      el.scrollTop = 0;
    });

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

    // columns: hide email and pin name from the Columns panel (keyboard-usable controls), Escape closes it
    await grid.locator('#columns').click();
    await grid.locator('#col-show-email').uncheck();
    await grid.locator('#columns-panel .col-pin[data-col="name"]').click();
    await grid.locator('#columns-panel .col-pin[data-col="name"][aria-pressed="true"]').waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'grid-columns-light.png') });
    await page.keyboard.press('Escape');
    await grid.locator('#columns-panel').waitFor({ state: 'detached' });
    assert.equal(await grid.locator('.row.header [data-col="email"]').count(), 0, 'email is hidden');
    assert.equal(
      await grid.locator('.row.header .cell[data-col]').first().getAttribute('data-col'),
      'name',
      'name is pinned first',
    );
    assert.ok(await grid.locator('.row.header .cell[data-col="name"].pinned').count(), 'name is marked pinned');
    log('columns: email hidden, name pinned');
    // the same from the keyboard: Shift+F10 on the focused cell opens its column's menu (arrows, Enter)
    await grid.locator('[data-row="0"] [data-col="role"]').click();
    await grid.locator('#viewport').press('Shift+F10');
    await grid.locator('#column-menu [role="menuitem"]:focus', { hasText: 'Hide role' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await grid.locator('#column-menu [role="menuitem"]:focus', { hasText: 'Pin role at the left' }).waitFor();
    await page.keyboard.press('Enter');
    await grid.locator('#column-menu').waitFor({ state: 'detached' });
    assert.deepEqual(
      await grid
        .locator('.row.header .cell.pinned[data-col]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-col'))),
      ['name', 'role'],
    );
    log('keyboard: Shift+F10 → Pin role');

    // a date range, typed in UTC (the zone is shown beside it): users 1..10 were created a minute apart from 2025-01-01 00:01 UTC
    await filter.locator('button[title="Remove this filter"]').click();
    await count.filter({ hasText: /^500 rows/ }).waitFor();
    await grid.locator('#add-filter').click();
    const range = grid.locator('#filters .filter').last();
    await range.locator('.filter-column').selectOption('createdAt');
    assert.equal(await range.locator('.filter-zone').inputValue(), 'UTC');
    const [from, to] = [range.locator('input.filter-date').first(), range.locator('input.filter-date').last()];
    await from.fill('2025-01-01T00:01');
    await to.fill('2025-01-01T00:10');
    await count.filter({ hasText: /^10 rows/ }).waitFor();
    log('date range 00:01–00:10 UTC: 10 rows');
    // scrolled sideways, the pinned column stays in view
    const sideways = await grid.locator('#grid').evaluate((el) => {
      el.scrollLeft = 400;
      return el.scrollLeft;
    });
    assert.ok(sideways > 0, 'the grid scrolls sideways');
    await grid.locator(`#grid[style*="--sx: ${sideways}px"]`).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'grid-pinned-light.png') });
    await grid.locator('#grid').evaluate((el) => {
      el.scrollLeft = 0;
    });

    // follow a foreign key in the same tab, then go back by the breadcrumb to the view as it was
    await grid.locator('[data-row="0"] [data-col="organizationId"] a.fk').click();
    await count.filter({ hasText: /^1 rows/ }).waitFor();
    await grid.locator('#breadcrumbs .crumb.current').filter({ hasText: 'Organization' }).waitFor();
    await grid.locator('[data-row="0"] [data-col="slug"]').filter({ hasText: 'acme' }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'grid-breadcrumbs-light.png') });
    log('followed organizationId to Organization; breadcrumb shown');
    await grid.locator('#breadcrumbs button.crumb', { hasText: 'User' }).click();
    await count.filter({ hasText: /^10 rows/ }).waitFor();
    await grid.locator('#breadcrumbs').waitFor({ state: 'hidden' });
    assert.equal(
      await grid.locator('.row.header [data-col="email"]').count(),
      0,
      'email still hidden after going back',
    );
    log('back to User by the breadcrumb: the date range and the layout kept');

    // column virtualisation: in a narrow window the columns far to the right are not drawn until the grid
    // scrolls sideways to them (a spacer keeps their room); the pinned ones are always drawn
    const size = page.viewportSize();
    await page.setViewportSize({ width: 700, height: size?.height ?? 800 });
    const drawn = () =>
      grid.locator('[data-row="0"] .cell[data-col]').evaluateAll((els) => els.map((e) => e.getAttribute('data-col')));
    // (the grid draws again when the window resizes)
    await grid.locator('#grid').evaluate((el) => {
      el.scrollLeft = 0;
    });
    await grid.locator('[data-row="0"] .cell.spacer').first().waitFor({ timeout: 10_000 });
    const left = await drawn();
    assert.ok(
      !left.includes('updatedAt') && left.includes('name') && left.includes('role'),
      `narrow, scrolled left: ${left.join(', ')}`,
    );
    await grid.locator('#grid').evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    await grid.locator('[data-row="0"] [data-col="updatedAt"]').waitFor();
    const right = await drawn();
    assert.ok(
      !right.includes('id') && right.includes('name') && right.includes('role'),
      `narrow, scrolled right: ${right.join(', ')}`,
    );
    if (size) await page.setViewportSize(size);
    log(`columns drawn: ${left.length} scrolled left, ${right.length} scrolled right`);
  } finally {
    db.close();
  }
}
