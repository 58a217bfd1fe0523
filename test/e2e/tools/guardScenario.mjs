// What the destructive-command guard scenarios share: the sample's dev.db built from its migrations with a
// row a reset would delete, read back with libsql; the modal dialog and the input box as the user meets them.
import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { sqliteDb } from './driftScenario.mjs';

export const KEPT = 'kept-by-the-guard';

/** The sample's project folder (schema.prisma, migrations, prisma.config.ts with file:./dev.db). */
export function projectRoot(workspace) {
  return fs.existsSync(path.join(workspace, 'migrations')) ? workspace : path.join(workspace, 'prisma');
}

/** dev.db with every migration applied and one organization a reset would delete; returns a reader. */
export function databaseWithRow(workspace) {
  const root = projectRoot(workspace);
  const dbFile = path.join(root, 'dev.db');
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  sqliteDb('migrate', root);
  sqliteDb('exec', dbFile, `INSERT INTO organizations (id, slug, name) VALUES ('keep', '${KEPT}', 'Kept');`);
  return {
    dbFile,
    /** The organizations' slugs, or undefined while the table is missing (mid-reset). */
    async slugs() {
      const db = createClient({ url: `file:${dbFile}` });
      try {
        return (await db.execute('SELECT slug FROM organizations ORDER BY slug')).rows.map((r) => String(r.slug));
      } catch {
        return undefined;
      } finally {
        db.close();
      }
    },
  };
}

/** The modal dialog on screen (VS Code draws it in the page), once it shows `text`. */
export async function modal(page, text) {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.waitFor({ timeout: 60_000 });
  return box;
}

/** The input box (quick input) on screen once its title or prompt shows `text`. */
export async function inputBox(page, text) {
  const box = page.locator('.quick-input-widget', { hasText: text });
  await box.waitFor({ timeout: 60_000 });
  return box;
}

/** Polls `probe` until it returns something other than undefined / false. */
export async function until(page, what, probe, ms = 120_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined && last !== false) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
