// Our grid, driven like a user in the real workbench (code-server) in headless Chromium: "Prisma: Open
// Data" from the palette, scroll, sort, search, the far jump; each step a few times. Also: where the
// time to first rows goes (the webview's own performance marks and resource timings), and the
// extension host's memory before the grid opens and after scrolling through 100,000 rows.
import * as fs from 'node:fs';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { measured, samples, type Timings } from './stats';
import { actThenSee, see, seeInNewFrame } from './waitFor';
import * as waits from './waitFor';
import type { HeapReading } from './procs';
import { floorCell, floorCommandTitle, floorMark } from './floor';

export const JUMP = 900_000; // 1-based row number
export const jumpStep = `jump to row ${JUMP.toLocaleString('en')}`;
/**
 * The far jump is run this many times (PW_BENCH_GRID_JUMP_RUNS; default 20): run i lands JUMP_STRIDE·i rows
 * above row JUMP, so that each reads cold (no page of it held by the webview, no host anchor near it).
 */
export const JUMP_RUNS = Math.max(1, Number(process.env.PW_BENCH_GRID_JUMP_RUNS ?? 20));
export const JUMP_STRIDE = 1000;
/**
 * Another model shown in the open grid (the same tab, no new webview), by each way a user opens one, timed
 * from the user's action: Enter on the model in the palette's pick, a click on the Models view's inline
 * "Open Data", a click on the link of a foreign-key cell in the grid.
 */
export const reuseSteps = {
  palette: 'reuse: palette (Enter on model)',
  tree: 'reuse: Models view (Open Data click)',
  relation: 'reuse: relation link (click)',
} as const;
/**
 * The user rests this long on what they act on (the pointer on a link or button, the highlighted model in
 * the palette's pick) before the click or Enter, as users do; the grid reads ahead meanwhile where it can.
 */
export const DWELL_MS = 150;
const STEP_TIMEOUT = 60_000;
const ROW_HEIGHT = 24;

interface Scroller {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** scrollTop showing `row` at the top: proportional past the browser's height limit (webview/grid/virtual.ts). */
const scrollToRow = (el: Scroller, [row, rows, rowHeight]: number[]) => {
  const max = el.scrollHeight - el.clientHeight;
  el.scrollTop =
    el.scrollHeight >= rows * rowHeight ? row * rowHeight : (row / (rows - el.clientHeight / rowHeight)) * max;
};

/** One warm open, split into phases (ms from the user's Enter). */
export interface OpenProfile {
  total: number;
  phases: Record<string, number>;
  resources: { name: string; ms: number; bytes: number }[];
}

export interface MemoryPoint {
  label: string;
  /** RSS (MB) as found, from /proc. */
  rss: number | undefined;
  /** Heap used and RSS (MB) right after forced full garbage collections, or why not. */
  gc?: HeapReading;
}

export interface MemoryReport {
  pid: number | undefined;
  points: MemoryPoint[];
  scrolledRows: number;
  scrollSeconds: number;
}

interface Probe {
  origin: number;
  nav?: { responseEnd: number; domInteractive: number; domContentLoadedEventEnd: number };
  resources: { name: string; startTime: number; responseEnd: number; transferSize: number; encodedBodySize: number }[];
  marks: { name: string; startTime: number }[];
}

/** What the functions evaluated in the webview's frames use (this tsconfig has no DOM lib). */
interface InPage {
  performance: {
    timeOrigin: number;
    now(): number;
    getEntriesByType(type: string): ({ name: string; startTime: number } & Record<string, number>)[];
  };
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

const readProbe = (): Probe => {
  const { performance } = globalThis as unknown as InPage;
  const nav = performance.getEntriesByType('navigation')[0] as unknown as Probe['nav'] | undefined;
  return {
    origin: performance.timeOrigin,
    nav: nav && {
      responseEnd: nav.responseEnd,
      domInteractive: nav.domInteractive,
      domContentLoadedEventEnd: nav.domContentLoadedEventEnd,
    },
    resources: (performance.getEntriesByType('resource') as unknown as Probe['resources']).map((r) => ({
      name: r.name,
      startTime: r.startTime,
      responseEnd: r.responseEnd,
      transferSize: r.transferSize,
      encodedBodySize: r.encodedBodySize,
    })),
    marks: performance.getEntriesByType('mark').map((m) => ({ name: m.name, startTime: m.startTime })),
  };
};

export interface Workbench {
  openContainer(label: string): Promise<void>;
  treeItem(name: string, o: { view: string }): Promise<unknown>;
  runCommand(title: string): Promise<void>;
  webview(): FrameLocator;
}

/** The step the floor's opens are recorded under (bench/grid/floor.ts). */
export const floorStep = 'first rows, trivial webview (floor)';

export async function ours(
  wb: Workbench,
  page: Page,
  opts: {
    rows: number;
    runs: number;
    rss: () => number | undefined;
    gc?: () => Promise<HeapReading | undefined>;
    pid: number | undefined;
    floor?: boolean;
    /** The file the extension host appends its marks to (PW_GRID_TRACE, src/host/benchTrace.ts). */
    trace?: string;
  },
): Promise<{
  t: Timings;
  profiles: OpenProfile[];
  /** Where each reuse step's time goes: the host's marks and the page's, ms after the user's action. */
  reuseProfiles: Record<string, OpenProfile[]>;
  floorProfiles: OpenProfile[];
  floorFromMarks: number;
  memory: MemoryReport;
}> {
  const { rows, runs } = opts;
  const t: Timings = {};
  const profiles: OpenProfile[] = [];
  const reuseProfiles: Record<string, OpenProfile[]> = {};
  const floorProfiles: OpenProfile[] = [];
  let floorFromMarks = 0;
  const memory: MemoryReport = { pid: opts.pid, points: [], scrolledRows: 0, scrollSeconds: 0 };
  const note = async (label: string) => {
    const rss = opts.rss();
    memory.points.push({ label, rss, gc: await opts.gc?.() });
  };
  await wb.openContainer('Prisma');
  await wb.treeItem('Item', { view: 'Models' }); // discovery done
  await page.waitForTimeout(2000);
  await note('before the grid opens (workbench up, extension active)');
  const grid: FrameLocator = wb.webview();
  const outer: FrameLocator = page.frameLocator('iframe.webview.ready');
  let frame: Frame | undefined; // the grid's document (set by openData)
  const cell = (row: number, text: string) => ({ selector: `[data-row="${row}"] [data-col="email"]`, text });
  const showsRow = (row: number, text: string) => see(frame!, cell(row, text), STEP_TIMEOUT);
  const viewport = grid.locator('#viewport');
  const scrollTo = (row: number) => frame!.locator('#viewport').evaluate(scrollToRow, [row, rows, ROW_HEIGHT]);
  /** Scrolls so that `row` is at the top and waits for `expectRow` to show its email. */
  const scrollAndSee = (row: number, expectRow: number) =>
    actThenSee(frame!, cell(expectRow, `user${expectRow + 1}@example.com`), () => scrollTo(row), STEP_TIMEOUT);

  /**
   * "Prisma: Open Data" from the palette, then `model` typed in its model pick (the schema has two): the
   * clock starts when the user presses Enter on the model, as for the floor's palette entry.
   */
  const pickModel = async (model: string) => {
    // under load the workbench may still be moving focus (the last open's tab) as the palette opens, and
    // close it: tried again (never timed: the clock starts at the Enter on the model)
    for (let attempt = 1; ; attempt++) {
      try {
        return await pickModelOnce(model);
      } catch (e) {
        if (attempt === 3) throw e;
        await page.keyboard.press('Escape');
        await page.waitForTimeout(500);
      }
    }
  };
  const pickModelOnce = async (model: string) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Prisma: Open Data');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Prisma: Open Data' })
      .first()
      .waitFor({ timeout: STEP_TIMEOUT });
    await input.press('Enter');
    const pick = page.locator('.quick-input-widget input[placeholder="Model to open"]');
    await pick.waitFor({ timeout: STEP_TIMEOUT });
    await pick.fill(model, { timeout: 10_000 });
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: model })
      .first()
      .waitFor({ timeout: STEP_TIMEOUT });
    return pick;
  };
  const openData = async (step: string, profile: boolean) => {
    const input = await pickModel('Item');
    const previous = frame;
    let enter = 0;
    let shown = 0;
    const ok = await measured(t, step, async () => {
      enter = performance.now();
      await input.press('Enter');
      // the webview's content document (written into VS Code's fake.html); the grid marks when its rows are in the DOM
      const seen = await seeInNewFrame(
        page,
        '#app',
        { ...cell(0, 'user1@example.com'), fallbackMark: 'grid: first rows in the DOM' },
        STEP_TIMEOUT,
        previous,
        /fake\.html/,
      );
      frame = seen.frame;
      shown = seen.at;
      return seen.at - enter;
    });
    // on the epoch clock, as the page's performance entries are
    if (ok && profile) profiles.push(await openProfile(performance.timeOrigin + enter, performance.timeOrigin + shown));
  };
  /**
   * With the grid open: `act` (the user's action) shows another model in the same frame, `email` in its
   * first row; timed from the action, with where the time went, when `step` names it.
   */
  const inOpenGrid = async (email: string, act: () => Promise<unknown>, step?: string) => {
    let start = 0;
    const action = () => {
      start = performance.timeOrigin + performance.now(); // epoch, as the host's and the page's marks
      return act();
    };
    if (!step) return void (await actThenSee(frame!, cell(0, email), action, STEP_TIMEOUT));
    let took = 0;
    const ok = await measured(
      t,
      step,
      async () => (took = await actThenSee(frame!, cell(0, email), action, STEP_TIMEOUT)),
    );
    if (ok) (reuseProfiles[step] ??= []).push(await reuseProfile(start, took));
  };
  /** Another model picked from the palette: Enter on it (once it has been highlighted DWELL_MS, when timed). */
  const reuse = async (model: string, email: string, step?: string) => {
    const input = await pickModel(model);
    if (step) await page.waitForTimeout(DWELL_MS);
    await inOpenGrid(email, () => input.press('Enter'), step);
  };
  /**
   * The pointer moved onto `target` (over `row` first, when the target shows on the row's hover) and
   * rested there: returns the click, to time.
   */
  const pointAt = async (target: Locator, row?: Locator) => {
    await row?.hover({ timeout: STEP_TIMEOUT });
    await target.hover({ timeout: STEP_TIMEOUT });
    const box = (await target.boundingBox())!;
    await page.waitForTimeout(DWELL_MS);
    return () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  };
  /** The host's marks (its trace file) and the page's since `enter`, the second model's init and its rows drawn. */
  const reuseProfile = async (enter: number, took: number): Promise<OpenProfile> => {
    const [origin, marks] = (await frame!.evaluate(
      '[performance.timeOrigin, performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])]',
    )) as [number, [string, number][]];
    const phases: Record<string, number> = {};
    const host = opts.trace && fs.existsSync(opts.trace) ? fs.readFileSync(opts.trace, 'utf8').split('\n') : [];
    for (const line of host) {
      const at = Number(line.slice(0, line.indexOf(' ')));
      if (at >= enter) phases[line.slice(line.indexOf(' ') + 1)] = at - enter;
    }
    for (const [name, at] of marks)
      if (origin + at >= enter) phases[`page: ${name.replace(/^grid: /, '')}`] = origin + at - enter;
    phases['cell seen by the test'] = took;
    return { total: took, phases, resources: [] };
  };
  /** The floor: the bench-only trivial webview, opened the same way (its frame is not kept). */
  const openFloor = async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill(`>${floorCommandTitle}`);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: floorCommandTitle })
      .first()
      .waitFor({ timeout: STEP_TIMEOUT });
    let enter = 0;
    let shown = 0;
    const marks = waits.fromMarks;
    const ok = await measured(t, floorStep, async () => {
      enter = performance.now();
      await input.press('Enter');
      shown = (
        await seeInNewFrame(
          page,
          '#floor',
          { ...floorCell, fallbackMark: floorMark },
          STEP_TIMEOUT,
          frame,
          /fake\.html/,
        )
      ).at;
      return shown - enter;
    });
    floorFromMarks += waits.fromMarks - marks;
    if (ok)
      floorProfiles.push(await openProfile(performance.timeOrigin + enter, performance.timeOrigin + shown, 'floor'));
  };
  const closeAll = async () => {
    await wb.runCommand('View: Close All Editors');
    await page
      .locator('iframe.webview.ready')
      .waitFor({ state: 'detached', timeout: STEP_TIMEOUT })
      .catch(() => undefined);
    await page.waitForTimeout(300);
  };
  const openProfile = async (enter: number, done: number, doc = 'grid'): Promise<OpenProfile> => {
    const inner = await grid.locator('body').evaluate(readProbe);
    const host = await outer.locator('body').evaluate(readProbe);
    const at = (p: Probe, ms: number) => p.origin + ms - enter;
    const phases: Record<string, number> = {
      'webview host frame starts loading': at(host, 0),
      [`${doc} document starts loading`]: at(inner, 0),
    };
    if (inner.nav) {
      phases[`${doc} HTML received`] = at(inner, inner.nav.responseEnd);
      phases[`${doc} DOM interactive`] = at(inner, inner.nav.domInteractive);
    }
    for (const m of inner.marks) phases[m.name] = at(inner, m.startTime);
    // the host's marks (its trace file, epoch ms) during this open
    const trace = opts.trace && fs.existsSync(opts.trace) ? fs.readFileSync(opts.trace, 'utf8').split('\n') : [];
    for (const line of trace) {
      const epoch = Number(line.slice(0, line.indexOf(' ')));
      if (epoch >= enter && epoch <= done) phases[line.slice(line.indexOf(' ') + 1)] = epoch - enter;
    }
    phases['cell seen by the test'] = done - enter;
    return {
      total: done - enter,
      phases,
      resources: inner.resources.map((r) => ({
        name: r.name.split('/').pop()!.split('?')[0],
        ms: r.responseEnd - r.startTime,
        bytes: r.encodedBodySize,
      })),
    };
  };

  // cold: the first open generates the private client; then close the tab and open again (warm)
  await openData('first rows (cold, generates the client)', false);
  await note('after the first open (client generated and loaded)');
  if (opts.floor) {
    // the floor's first open activates its extension: not counted
    await closeAll();
    await openFloor();
    delete t[floorStep];
    floorProfiles.length = 0;
    floorFromMarks = 0;
  }
  // warm opens; with the floor, each run opens the trivial webview then ours (the same load on the machine)
  for (let i = 0; i < runs; i++) {
    if (opts.floor) {
      await closeAll();
      await openFloor();
    }
    await closeAll();
    await openData('first rows', true);
  }
  await see(frame!, { selector: '#row-count', text: `${rows.toLocaleString('en')} rows` }, STEP_TIMEOUT);

  // reuse: another model while the grid is open shows in the same tab (same frame); back to Item (untimed)
  const models = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Models' }) });
  const treeRow = (model: string) =>
    models.locator('[role="treeitem"]', { has: page.locator('.label-name', { hasText: model }) });
  const treeOpenData = (model: string) =>
    pointAt(treeRow(model).locator('.action-label[aria-label="Open Data"]'), treeRow(model));
  for (let i = 0; i < runs; i++) {
    await reuse('Note', 'note1@example.com', reuseSteps.palette);
    // note 1's owner, by the link of its foreign-key cell (the pointer on it first: the grid reads ahead)
    const link = await pointAt(frame!.locator('[data-row="0"] [data-col="ownerId"] a.fk'));
    await inOpenGrid('owner1@example.com', link, reuseSteps.relation);
    await reuse('Item', 'user1@example.com');
    await inOpenGrid('note1@example.com', await treeOpenData('Note'), reuseSteps.tree);
    await reuse('Item', 'user1@example.com');
  }
  await see(frame!, { selector: '#row-count', text: `${rows.toLocaleString('en')} rows` }, STEP_TIMEOUT);

  // next page: each run scrolls into a page not read yet (pages 2, 3, …)
  for (let i = 1; i <= runs; i++) {
    const row = i * 100 + 10;
    await measured(t, 'next page', () => scrollAndSee(row, row + 15));
  }
  await scrollTo(0);
  await showsRow(0, 'user1@example.com');

  const header = frame!.locator('.header [data-col="name"]');
  for (let i = 0; i < runs; i++) {
    await measured(t, 'sort by name', () =>
      actThenSee(
        frame!,
        { selector: '[data-row="0"] [data-col="name"]', regex: '^Name 0$' },
        () => header.click(),
        STEP_TIMEOUT,
      ),
    );
    await header.click(); // desc
    await header.click(); // unsorted
    await showsRow(0, 'user1@example.com');
  }

  const search = frame!.locator('#quick-search');
  for (let i = 0; i < runs; i++) {
    const n = Math.floor(rows * 0.42) + 1 + i * 1000;
    await measured(t, 'text search', () =>
      actThenSee(frame!, cell(0, `user${n}@example.com`), () => search.fill(`user${n}@`), STEP_TIMEOUT),
    );
    await search.fill('');
    await showsRow(0, 'user1@example.com');
  }

  for (let i = 0; i < JUMP_RUNS; i++) {
    const jumpRow = Math.max(1, Math.min(JUMP, rows - 100) - i * JUMP_STRIDE);
    const ok = await measured(t, jumpStep, () => scrollAndSee(jumpRow - 1, jumpRow - 1));
    await scrollTo(0);
    await showsRow(0, 'user1@example.com');
    if (!ok) break;
  }
  await note('after the steps above');

  // memory: scroll through 100,000 rows page by page (every page read from the host and rendered)
  const scrollRows = process.env.PW_BENCH_GRID_SCROLL === '0' ? 0 : Math.min(100_000, rows - 100);
  const s0 = performance.now();
  const reached = await viewport.evaluate(
    async (vp, [n, total, rowHeight, timeout]) => {
      const { document, performance } = globalThis as unknown as InPage;
      let r = 0;
      for (; r <= n; r += 100) {
        vp.scrollTop =
          vp.scrollHeight >= total * rowHeight
            ? r * rowHeight
            : (r / (total - vp.clientHeight / rowHeight)) * (vp.scrollHeight - vp.clientHeight);
        const t0 = performance.now();
        for (;;) {
          const cell = document.querySelector(`[data-row="${r}"] [data-col="email"]`);
          if (cell?.textContent === `user${r + 1}@example.com`) break;
          if (performance.now() - t0 > timeout) return r;
          await new Promise((res) => setTimeout(res, 4));
        }
      }
      return r - 100;
    },
    [scrollRows, rows, ROW_HEIGHT, STEP_TIMEOUT],
  );
  memory.scrolledRows = reached;
  memory.scrollSeconds = (performance.now() - s0) / 1000;
  await note(`after scrolling through ${reached.toLocaleString('en')} rows`);
  samples(t, 'first rows'); // present even if every open failed
  for (const step of Object.values(reuseSteps)) samples(t, step);
  return { t, profiles, reuseProfiles, floorProfiles, floorFromMarks, memory };
}
