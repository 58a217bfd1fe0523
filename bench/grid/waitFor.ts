// Precise "the expected cell is on screen" waits. Playwright's locator.waitFor polls at growing intervals
// (up to 500 ms), which would add up to half a second to a step; these watch the page's DOM with a
// MutationObserver instead and answer on the mutation that shows the expected text.
// The time is taken in the page, at the first animation frame after that mutation (when it is painted),
// on the page's clock, and brought onto this process's clock (the offset measured by a round trip), so
// that neither the evaluate round trips nor a busy test process add to it.
// The in-page code is a plain JavaScript string: functions compiled by tsx carry helpers the page lacks.
import type { Frame, Page } from 'playwright-core';

export type Expect =
  /** The element at `selector` has text containing `text` (or matching `regex`). */
  | { selector: string; text?: string; regex?: string }
  /** Some text node of the page is exactly `exact` (trimmed), as getByText(exact) finds it. */
  | { exact: string };

const CHECK = `(a) => {
  if (a.exact !== undefined) {
    const w = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    // a text node, or its element when the text is split (a highlighted search hit)
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if ((n.nodeValue || '').trim() === a.exact || (a.exact.includes((n.nodeValue || '').trim()) && n.parentElement && (n.parentElement.textContent || '').trim() === a.exact)) return true;
    }
    return false;
  }
  const e = document.querySelector(a.selector);
  const t = (e && e.textContent) || '';
  return a.regex !== undefined ? new RegExp(a.regex).test(t) : t.includes(a.text);
}`;

const ARM = `(a) => {
  const check = ${CHECK};
  window.__pwBenchWait = new Promise((resolve, reject) => {
    // seen in the DOM: the time of the next animation frame (when it is painted)
    const shown = (late) => requestAnimationFrame(() => resolve({ at: performance.timeOrigin + performance.now(), late }));
    if (check(a)) {
      // already there: the page's own mark of that moment, when it set one; painted at the first
      // contentful paint when that came after the mark (else at some frame after the mark: the mark's time)
      const mark = a.fallbackMark && performance.getEntriesByName(a.fallbackMark)[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      if (mark) return resolve({ at: performance.timeOrigin + (fcp && fcp.startTime >= mark.startTime ? fcp.startTime : mark.startTime), late: false, fromMark: true });
      return shown(true);
    }
    let timer;
    const mo = new MutationObserver(() => { if (check(a)) { mo.disconnect(); clearTimeout(timer); shown(false); } });
    mo.observe(document, { childList: true, subtree: true, characterData: true });
    timer = setTimeout(() => { mo.disconnect(); reject(new Error('timed out after ' + a.timeout + ' ms waiting for ' + JSON.stringify(a))); }, a.timeout);
  });
  window.__pwBenchWait.catch(() => undefined);
  return true;
}`;

const call = (src: string, arg: unknown) => `(${src})(${JSON.stringify(arg)})`;

/** Page clock minus this process's clock, from the tightest of a few round trips. */
async function clockOffset(frame: Frame): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 5; i++) {
    const t1 = performance.timeOrigin + performance.now();
    const p = (await frame.evaluate('performance.timeOrigin + performance.now()')) as number;
    const t2 = performance.timeOrigin + performance.now();
    if (t2 - t1 < best.rtt) best = { rtt: t2 - t1, offset: p - (t1 + t2) / 2 };
  }
  return best.offset;
}

/** Times taken from the page's own mark because the watch began after the cell was there. */
export let fromMarks = 0;

/** When (on this process's clock, ms since its time origin) `frame` showed the watched-for cell. */
async function seenAt(frame: Frame): Promise<number> {
  const r = (await frame.evaluate('window.__pwBenchWait')) as { at: number; late: boolean; fromMark?: boolean };
  if (r.late) throw new Error('the cell was already there when the watch began: no exact time');
  if (r.fromMark) fromMarks++;
  return r.at - (await clockOffset(frame)) - performance.timeOrigin;
}

/** Arms a watcher in `frame` now and resolves with the ms from `t0` (this process's performance.now()) to `expect` shown. */
export async function seeSince(frame: Frame, expect: Expect, t0: number, timeout: number): Promise<number> {
  await frame.evaluate(call(ARM, { ...expect, timeout }));
  return (await seenAt(frame)) - t0;
}

/** Arms a watcher in `frame`, runs `action`; resolves with the ms from the action's start to `expect` shown. */
export async function actThenSee(
  frame: Frame,
  expect: Expect,
  action: () => Promise<unknown>,
  timeout: number,
): Promise<number> {
  await frame.evaluate(call(ARM, { ...expect, timeout }));
  const t0 = performance.now();
  await action();
  return (await seenAt(frame)) - t0;
}

/** Resolves when `frame` shows `expect` (checked now, then on every DOM mutation); not timed. */
export async function see(frame: Frame, expect: Expect, timeout: number): Promise<void> {
  await frame.evaluate(call(ARM, { ...expect, timeout }));
  await frame.evaluate('window.__pwBenchWait');
}

/**
 * For a frame that does not exist yet (the webview opening): polls every frame of the page every few ms
 * until one has `marker` (an element there before the expected cell), then watches that one for
 * `expect`. Returns the frame and when (this process's performance.now()) it showed `expect`.
 */
export async function seeInNewFrame(
  page: Page,
  marker: string,
  expect: Expect & { fallbackMark?: string },
  timeout: number,
  not?: Frame,
  url = /./,
): Promise<{ frame: Frame; at: number }> {
  const deadline = Date.now() + timeout;
  const has = `!!document.querySelector(${JSON.stringify(marker)})`;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      if (f === page.mainFrame() || f === not || f.isDetached() || !url.test(f.url())) continue;
      const found = await f.evaluate(has).catch(() => false);
      if (found) {
        await f.evaluate(call(ARM, { ...expect, timeout: Math.max(1, deadline - Date.now()) }));
        return { frame: f, at: await seenAt(f) };
      }
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out after ${timeout} ms waiting for a frame with ${marker}`);
}
