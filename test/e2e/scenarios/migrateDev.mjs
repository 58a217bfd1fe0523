// Migrate Dev from the command palette: an optional field added to model User (on disk, as an editor
// save would), "Prisma: Migrate Dev", a name typed in the input box and confirmed with Enter; the new
// migration appears in the Migrations view as applied. Screenshot: test-output/screenshots/migrations.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const name = 'migrate dev from the palette: the new migration shows as applied';

/** The sample's project folder (schema.prisma, migrations, prisma.config.ts with file:./dev.db). */
function projectRoot(workspace) {
  return fs.existsSync(path.join(workspace, 'migrations')) ? workspace : path.join(workspace, 'prisma');
}

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const root = projectRoot(workspace);
  const migrations = path.join(root, 'migrations');
  const before = new Set(fs.readdirSync(migrations));
  // Other scenarios may have built dev.db from raw SQL (no _prisma_migrations): start from no database,
  // Migrate Dev creates it from the migrations, as on a fresh clone.
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(path.join(root, `dev.db${suffix}`), { force: true });
  await workbench.openContainer('Prisma');
  const user = await workbench.treeItem('User', { view: 'Models' });
  const fieldCount = async () =>
    Number(/(\d+) fields/.exec((await user.locator('.label-description').textContent()) ?? '')?.[1]);
  const fields = await fieldCount();
  assert.ok(fields > 0, "the Models view does not show User's field count");

  const schemaFile = path.join(root, 'schema.prisma');
  const schema = fs.readFileSync(schemaFile, 'utf8');
  const edited = schema.replace(/(^model User \{\n)/m, '$1  nickname String?\n');
  assert.notEqual(edited, schema, 'model User not found in schema.prisma');
  fs.writeFileSync(schemaFile, edited);
  log('added User.nickname (optional) to schema.prisma');
  // the extension has read the edited schema when the Models view counts one more field
  const deadline0 = Date.now() + 30_000;
  while ((await fieldCount()) !== fields + 1 && Date.now() < deadline0) await page.waitForTimeout(200);
  assert.equal(await fieldCount(), fields + 1, 'the Models view did not pick up the new field');
  log(`Models view: User ${fields} -> ${fields + 1} fields`);

  await workbench.runCommand('Prisma: Migrate Dev');
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-widget', { hasText: 'Name of the new migration' }).waitFor({ timeout: 30_000 });
  await input.fill('e2e nickname');
  await page.keyboard.press('Enter');
  log('named the migration "e2e nickname" and confirmed');

  const deadline = Date.now() + 60_000;
  let created;
  while (!created && Date.now() < deadline) {
    created = fs.readdirSync(migrations).find((d) => !before.has(d) && /^\d{14}_e2e_nickname$/.test(d));
    if (!created) await page.waitForTimeout(250);
  }
  assert.ok(created, 'no migration folder *_e2e_nickname was created');
  assert.match(fs.readFileSync(path.join(migrations, created, 'migration.sql'), 'utf8'), /ADD COLUMN "nickname" TEXT/);
  log(`created ${created}`);

  const item = await workbench.treeItem(created, { view: 'Migrations' });
  await item.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (el) => /applied/.test(el.querySelector('.label-description')?.textContent ?? ''),
    await item.elementHandle(),
    { timeout: 30_000 },
  );
  const description = await item.locator('.label-description').textContent();
  assert.match(description ?? '', /^applied /);
  // every earlier migration is applied too (Migrate Dev created dev.db and applied them first)
  for (const m of [...before].filter((d) => /^\d{14}_/.test(d))) {
    const earlier = await workbench.treeItem(m, { view: 'Migrations' });
    assert.match(
      (await earlier.locator('.label-description').textContent()) ?? '',
      /^applied /,
      `${m} is not shown applied`,
    );
  }
  log(`Migrations view: ${created} — ${description}`);
  await page.screenshot({ path: path.join(shotsDir, 'migrations.png') });
}
