// What the drift scenarios share: the database changed behind the extension's back (sqliteDb.ts), the
// status bar read until it says a state, and a window that counts as focused (watch mode pauses otherwise).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runs test/e2e/tools/sqliteDb.ts: `migrate <projectDir>` or `exec <dbFile> <sql>`; returns its output. */
export function sqliteDb(...args) {
  return execFileSync(
    process.execPath,
    [
      path.join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      path.join(repo, 'test', 'e2e', 'tools', 'sqliteDb.ts'),
      ...args,
    ],
    { cwd: repo, encoding: 'utf8' },
  );
}

/** A headless page is not focused unless told it is; VS Code's watch mode pauses in an unfocused window. */
export async function emulateFocus(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
}

/** Waits until the Prisma drift status-bar item says `text`; returns what it says. */
export async function statusBarSays(page, text, ms = 60_000) {
  const status = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Prisma:' }).first();
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = ((await status.textContent().catch(() => '')) ?? '').trim();
    if (last.includes(text)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`the status bar says "${last}", not "${text}"`);
}
