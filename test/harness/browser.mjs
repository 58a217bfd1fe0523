// One headless Debian Chromium driven by playwright-core, with a throwaway profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './paths.mjs';

/** @returns {Promise<{context: import('playwright-core').BrowserContext, close: () => Promise<void>}>} */
/** clipboard: let the page read and write the clipboard (the integration tests read a terminal by copying it). */
export async function launchBrowser({ viewport = { width: 1400, height: 900 }, clipboard = false } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: chromiumArgs,
    permissions: clipboard ? ['clipboard-read', 'clipboard-write'] : [],
    env: { ...process.env, HOME: profile }, // crashpad writes $HOME/.config/chromium otherwise
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
