// Prisma Studio (`prisma studio --url …`, the CLI we depend on, under Node 24: its SQLite driver is
// node:sqlite) on the same table, in the same headless Chromium, the same steps, each a few times.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { measured, type Timings } from './stats';
import { JUMP, jumpStep } from './ours';
import { actThenSee, see, seeSince } from './waitFor';

const STEP_TIMEOUT = 60_000;

export async function startStudio(
  root: string,
  cwd: string,
  node24: string,
  url: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = 5600 + Math.floor(Math.random() * 300);
  const child = spawn(
    node24,
    [
      path.join(root, 'node_modules', 'prisma', 'build', 'index.js'),
      'studio',
      '--url',
      url,
      '--port',
      String(port),
      '--browser',
      'none',
    ],
    {
      cwd,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (/running at/.test(out)) return { url: `http://localhost:${port}`, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopStudio(child);
  throw new Error(`prisma studio did not start: ${out.slice(-500).trim() || `exit code ${child.exitCode}`}`);
}

export async function stopStudio(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  // Studio ignores SIGTERM while a query runs (the far jump): end its process group, then make sure
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await new Promise((r) => setTimeout(r, 1000));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

export async function studio(
  context: BrowserContext,
  base: string,
  schema: string,
  rows: number,
  runs: number,
): Promise<Timings> {
  const t: Timings = {};
  const tableUrl = `${base}/#schema=${schema}&table=Item&view=table`;
  let page: Page = await context.newPage();
  const shows = (exact: string) => see(page.mainFrame(), { exact }, STEP_TIMEOUT);
  const actThenShows = (exact: string, action: () => Promise<unknown>) =>
    actThenSee(page.mainFrame(), { exact }, action, STEP_TIMEOUT);
  /** The table reloaded unsorted, unfiltered, on its first page (not timed); false when Studio did not show it. */
  const fresh = async (step: string) => {
    try {
      await page.goto(tableUrl);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await shows('user1@example.com');
      return true;
    } catch (e) {
      (t[step] ??= { ms: [], failures: [] }).failures.push(
        `reloading the table first: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
      return false;
    }
  };
  try {
    for (let i = 0; i < runs; i++) {
      await page.close();
      page = await context.newPage();
      const ok = await measured(t, 'first rows', async () => {
        const t0 = performance.now();
        await page.goto(tableUrl, { waitUntil: 'domcontentloaded' });
        return seeSince(page.mainFrame(), { exact: 'user1@example.com' }, t0, STEP_TIMEOUT);
      });
      if (!ok) break;
    }
    for (let i = 1; i <= runs; i++) {
      const ok = await measured(t, 'next page', () =>
        actThenShows(`user${25 * i + 1}@example.com`, () =>
          page.locator('button[aria-label="Go to next page"]').click(),
        ),
      );
      if (!ok) break;
    }
    for (let i = 0; i < runs; i++) {
      if (!(await fresh('sort by name'))) break;
      const ok = await measured(t, 'sort by name', () =>
        actThenShows('Name 0', async () => {
          const header = page.locator('th[data-grid-header-id="name"]');
          await header.hover();
          await header.locator('button[aria-label="Sort ascending"]').click();
        }),
      );
      if (!ok) break;
    }
    for (let i = 0; i < runs; i++) {
      if (!(await fresh('text search'))) break;
      const n = Math.floor(rows * 0.42) + 1 + i * 1000;
      const ok = await measured(t, 'text search', () =>
        actThenShows(`user${n}@example.com`, async () => {
          await page.locator('button[aria-label="Global search"]').click();
          await page
            .locator('input[placeholder="Global search"], input[aria-label="Global search"]')
            .first()
            .fill(`user${n}@`);
        }),
      );
      if (!ok) break;
    }
    // last: Studio may not answer it
    const jumpRow = Math.min(JUMP, rows - 100);
    for (let i = 0; i < runs; i++) {
      if (!(await fresh(jumpStep))) break;
      const ok = await measured(t, jumpStep, () =>
        actThenShows(`user${jumpRow}@example.com`, async () => {
          const pageInput = page.locator('input[aria-label="Page number"]');
          await pageInput.fill(String(Math.ceil(jumpRow / 25)));
          await pageInput.press('Enter');
        }),
      );
      if (!ok) break;
    }
  } finally {
    await page.close();
  }
  return t;
}
