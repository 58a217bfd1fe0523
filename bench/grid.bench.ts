// Data grid vs Prisma Studio on the same 1,000,000-row SQLite table, both driven in the same headless
// Chromium and timed from the user's action to the expected cell on screen:
//   ours:   the packaged .vsix in a real workbench (code-server): "Prisma: Open Data", scroll, sort, search
//   Studio: `prisma studio --url file://./bench.db` (the CLI we depend on, under Node 24: Studio needs node:sqlite)
// Steps: first rows, next page, jump to row 900,000, sort by a text column, a text search.
// Also printed, and labelled as such: the same steps in-process at our data layer (no UI, no IPC).
// PostgreSQL: not run here yet (see the note printed at the end).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import type { Page } from 'playwright-core';
import { createClientAdapter } from '../src/core/data/adapters';
import { ClientStore } from '../src/core/data/clientStore';
import { DataSession } from '../src/core/data/dataSession';
import { modelMeta } from '../src/core/data/modelMeta';
import { normalizeSchema } from '../src/core/data/schemaCopy';
import { parseSchema } from '../src/core/schema/parse';
import { emptyQuery } from '../src/shared/protocol/messages';

const root = path.resolve(__dirname, '..');
const ROWS = Number(process.env.PW_BENCH_GRID_ROWS ?? 1_000_000);
const JUMP = 900_000; // 1-based row number
const STEP_TIMEOUT = 60_000;
interface Scroller { scrollTop: number; scrollHeight: number; clientHeight: number }
const harness = (file: string) => import(pathToFileURL(path.join(root, 'test', 'harness', file)).href);

const schema = `datasource db {
  provider = "sqlite"
}

model Item {
  id        Int      @id @default(autoincrement())
  name      String
  email     String
  score     Int
  createdAt DateTime @default(now())
}
`;

async function buildWorkspace(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'schema.prisma'), schema);
  fs.writeFileSync(path.join(dir, 'prisma.config.ts'), `export default {\n  schema: './schema.prisma',\n  datasource: { url: 'file:./bench.db' },\n};\n`);
  const file = path.join(dir, 'bench.db');
  const db = createClient({ url: `file:${file}` });
  await db.executeMultiple(`CREATE TABLE "Item" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "email" TEXT NOT NULL, "score" INTEGER NOT NULL, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${ROWS})
INSERT INTO "Item" (id, name, email, score, createdAt)
SELECT x, 'Name ' || ((x * 7919) % ${ROWS}), 'user' || x || '@example.com', (x * 31) % 1000, strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 1735689600 + x, 'unixepoch') FROM c;`);
  db.close();
  return file;
}

type Timings = Record<string, number | undefined>;
const steps = ['first rows', 'next page', `jump to row ${JUMP.toLocaleString('en')}`, 'sort by name', 'text search'] as const;

async function timed(t: Timings, step: string, fn: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  try {
    await fn();
    t[step] = performance.now() - t0;
  } catch (e) {
    t[step] = undefined;
    console.log(`    ${step}: no answer (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

/** scrollTop showing `row` at the top: proportional past the browser's height limit (webview/grid/virtual.ts). */
const scrollToRow = (el: Scroller, [row, rows]: number[]) => {
  const max = el.scrollHeight - el.clientHeight;
  el.scrollTop = el.scrollHeight >= rows * 24 ? row * 24 : (row / (rows - el.clientHeight / 24)) * max;
};

async function ours(page: Page, workspace: string, t: Timings): Promise<void> {
  const { createWorkbench } = await harness('workbench.mjs');
  const wb = createWorkbench(page, { workspace, timeout: STEP_TIMEOUT });
  await wb.openContainer('Prisma');
  await wb.treeItem('Item', { view: 'Models' }); // discovery done
  const grid = wb.webview();
  const email = (row: number) => grid.locator(`[data-row="${row}"] [data-col="email"]`);
  /** The palette entry typed and shown; the clock starts when the user presses Enter. */
  const openData = async (step: string) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Prisma: Open Data');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Prisma: Open Data' }).first().waitFor({ timeout: STEP_TIMEOUT });
    await timed(t, step, async () => {
      await input.press('Enter');
      await email(0).filter({ hasText: 'user1@example.com' }).waitFor({ timeout: STEP_TIMEOUT });
    });
  };
  // cold: the first open generates the private client; then close the tab and open again (warm)
  await openData('first rows (cold, generates the client)');
  await wb.runCommand('View: Close All Editors');
  await page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: STEP_TIMEOUT }).catch(() => undefined);
  await openData('first rows');
  await grid.locator('#row-count').filter({ hasText: `${ROWS.toLocaleString('en')} rows` }).waitFor({ timeout: STEP_TIMEOUT });
  const viewport = grid.locator('#viewport');
  await timed(t, 'next page', async () => {
    await viewport.evaluate(scrollToRow, [110, ROWS]);
    await email(125).filter({ hasText: 'user126@example.com' }).waitFor({ timeout: STEP_TIMEOUT });
  });
  await viewport.evaluate(scrollToRow, [0, ROWS]);
  await email(0).filter({ hasText: 'user1@example.com' }).waitFor({ timeout: STEP_TIMEOUT });
  await timed(t, 'sort by name', async () => {
    await grid.locator('.header [data-col="name"]').click();
    await grid.locator('[data-row="0"] [data-col="name"]').filter({ hasText: /^Name 0$/ }).waitFor({ timeout: STEP_TIMEOUT });
  });
  await timed(t, 'text search', async () => {
    await grid.locator('#quick-search').fill('user424242@');
    await email(0).filter({ hasText: 'user424242@example.com' }).waitFor({ timeout: STEP_TIMEOUT });
  });
  // back to the whole table in id order, then the far jump
  await grid.locator('#quick-search').fill('');
  await grid.locator('.header [data-col="name"]').click();
  await grid.locator('.header [data-col="name"]').click();
  await email(0).filter({ hasText: 'user1@example.com' }).waitFor({ timeout: STEP_TIMEOUT });
  await timed(t, `jump to row ${JUMP.toLocaleString('en')}`, async () => {
    await viewport.evaluate(scrollToRow, [JUMP - 1, ROWS]);
    await email(JUMP - 1).filter({ hasText: `user${JUMP}@example.com` }).waitFor({ timeout: STEP_TIMEOUT });
  });
}

async function studio(page: Page, url: string, t: Timings): Promise<void> {
  const text = (s: string) => page.getByText(s, { exact: true }).first();
  await timed(t, 'first rows', async () => {
    await page.goto(`${url}/#schema=main&table=Item&view=table`);
    await text('user1@example.com').waitFor({ timeout: STEP_TIMEOUT });
  });
  await timed(t, 'next page', async () => {
    await page.locator('button[aria-label="Go to next page"]').click();
    await text('user26@example.com').waitFor({ timeout: STEP_TIMEOUT });
  });
  await timed(t, 'sort by name', async () => {
    const header = page.locator('th[data-grid-header-id="name"]');
    await header.hover();
    await header.locator('button[aria-label="Sort ascending"]').click();
    await text('Name 0').waitFor({ timeout: STEP_TIMEOUT });
  });
  await timed(t, 'text search', async () => {
    await page.locator('button[aria-label="Global search"]').click();
    await page.locator('input[placeholder="Global search"], input[aria-label="Global search"]').first().fill('user424242@');
    await text('user424242@example.com').waitFor({ timeout: STEP_TIMEOUT });
  });
  // back to the whole table in id order, then the far jump (last: Studio may not answer it)
  await page.goto(`${url}/#schema=main&table=Item&view=table`);
  await page.reload();
  await text('user1@example.com').waitFor({ timeout: STEP_TIMEOUT }).catch(() => undefined);
  await timed(t, `jump to row ${JUMP.toLocaleString('en')}`, async () => {
    const pageInput = page.locator('input[aria-label="Page number"]');
    await pageInput.fill(String(Math.ceil(JUMP / 25)));
    await pageInput.press('Enter');
    await text(`user${JUMP}@example.com`).waitFor({ timeout: STEP_TIMEOUT });
  });
}

async function startStudio(dir: string, node24: string): Promise<{ url: string; child: ChildProcess }> {
  const port = 5600 + Math.floor(Math.random() * 300);
  const child = spawn(node24, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'studio', '--url', 'file://./bench.db', '--port', String(port), '--browser', 'none'], {
    cwd: dir, env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d) => { out += String(d); });
  child.stderr?.on('data', (d) => { out += String(d); });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (/running at/.test(out)) return { url: `http://localhost:${port}`, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prisma studio did not start: ${out.slice(-500)}`);
}

async function dataLayer(dir: string, file: string): Promise<Timings> {
  const files = [{ path: path.join(dir, 'schema.prisma'), content: schema }];
  const doc = parseSchema(files);
  const store = new ClientStore({
    storageDir: path.join(dir, '.clients'), cliPath: path.join(root, 'node_modules', 'prisma', 'build', 'index.js'),
    runtimePackages: ['@prisma/client', '@prisma/client-runtime-utils'].map((name) => ({ name, dir: path.join(root, 'node_modules', ...name.split('/')) })),
  });
  const t: Timings = {};
  let session: DataSession | undefined;
  await timed(t, 'generate + load the client', async () => {
    session = await DataSession.open(store.load(await store.ensure(normalizeSchema(files, doc, 'bench'))), 'sqlite', await createClientAdapter('sqlite', `file:${file}`));
  });
  const s = session!;
  const item = modelMeta(doc, 'Item');
  const q = emptyQuery();
  await timed(t, 'first rows', () => s.page(item, q, 0, 100));
  await timed(t, 'count', () => s.count(item, q));
  await timed(t, 'next page', () => s.page(item, q, 100, 100));
  await timed(t, `jump to row ${JUMP.toLocaleString('en')}`, () => s.page(item, q, JUMP - 1, 100));
  await timed(t, 'sort by name', () => s.page(item, { ...q, sort: [{ column: 'name', dir: 'asc' }] }, 0, 100));
  await timed(t, 'text search', () => s.page(item, { ...q, search: 'user424242@' }, 0, 100));
  await s.dispose();
  return t;
}

const ms = (v: number | undefined) => (v === undefined ? 'no answer'.padStart(11) : `${v.toFixed(0)} ms`.padStart(11));

export async function run(): Promise<void> {
  const vsix = process.env.PW_VSIX ?? path.join(root, 'dist-vsix', 'prisma-workbench.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`package first (node esbuild.mjs --production && node scripts/package.mjs), or set PW_VSIX; no ${vsix}`);
  const { setup } = await harness('setup.mjs');
  const { node24 } = await harness('paths.mjs');
  const { installVsix } = await harness('installVsix.mjs');
  const { startServer, workbenchUrl } = await harness('server.mjs');
  const { launchBrowser } = await harness('browser.mjs');
  const { makeStateDir } = await harness('workspace.mjs');
  await setup({ quiet: true });

  const stateDir: string = makeStateDir('bench-grid');
  const workspace = path.join(stateDir, 'workspace');
  const t0 = performance.now();
  const file = await buildWorkspace(workspace);
  console.log(`grid vs Prisma Studio: SQLite, ${ROWS.toLocaleString('en')} rows (built in ${((performance.now() - t0) / 1000).toFixed(1)} s), same headless Chromium, action -> expected cell`);

  const browser = await launchBrowser();
  const mine: Timings = {};
  const theirs: Timings = {};
  let server: { stop(): Promise<void>; url: string } | undefined;
  let studioProc: ChildProcess | undefined;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { publisher: string; name: string };
    await installVsix({ vsix, stateDir, id: `${pkg.publisher}.${pkg.name}` });
    server = await startServer({ workspace, stateDir }) as { stop(): Promise<void>; url: string };
    const page = await browser.context.newPage();
    await page.goto(workbenchUrl(server.url, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.waitForTimeout(3000); // let activation and discovery settle
    await ours(page, workspace, mine);
    await page.close();
    await server.stop();
    server = undefined;

    const started = await startStudio(workspace, node24);
    studioProc = started.child;
    const studioPage = await browser.context.newPage();
    await studio(studioPage, started.url, theirs);
    await studioPage.close();
  } finally {
    if (studioProc?.pid) {
      // Studio ignores SIGTERM while a query runs (the far jump): end its process group, then make sure
      try { process.kill(-studioProc.pid, 'SIGTERM'); } catch { /* gone */ }
      await new Promise((r) => setTimeout(r, 1000));
      try { process.kill(-studioProc.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    await server?.stop();
    await browser.close();
  }

  console.log(`  ${'step'.padEnd(40)}${'ours'.padStart(11)}${'Studio'.padStart(11)}   ratio      goal`);
  const goals: Record<string, string> = { 'first rows': '<= 150 ms and <= 0.5x Studio', [`jump to row ${JUMP.toLocaleString('en')}`]: '<= 200 ms' };
  for (const step of ['first rows (cold, generates the client)', ...steps]) {
    const a = mine[step];
    const b = theirs[step];
    const ratio = a !== undefined && b !== undefined ? `${(a / b).toFixed(2)}x` : '';
    console.log(`  ${step.padEnd(40)}${ms(a)}${ms(b)}   ${ratio.padEnd(9)}  ${goals[step] ?? ''}`);
  }

  const layer = await dataLayer(path.join(stateDir, 'layer'), file);
  console.log('  in-process, our data layer only (DataSession on the generated client; no webview, no IPC) — NOT comparable to the rows above:');
  for (const [step, v] of Object.entries(layer)) console.log(`    ${step.padEnd(38)}${ms(v)}`);
  console.log('  PostgreSQL: not measured by this bench yet (TEST_POSTGRES_URL would be needed; see the grid report).');
  fs.rmSync(stateDir, { recursive: true, force: true });
}

if (require.main === module) void run().catch((e) => { console.error(e); process.exit(1); });
