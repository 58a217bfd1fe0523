// Getting started: "Welcome: Open Walkthrough..." from the palette, pick ours; the walkthrough page shows
// its five steps by title, and the first step's page (our markdown, in a webview) is drawn beside them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const name = 'walkthrough opens from the palette and shows its steps';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The walkthrough as contributed: title and step titles, %keys% read from package.nls.json. */
function contributed() {
  const read = (f) => JSON.parse(fs.readFileSync(path.join(repoRoot, f), 'utf8'));
  const manifest = read('package.json');
  const nls = fs.existsSync(path.join(repoRoot, 'package.nls.json')) ? read('package.nls.json') : {};
  const text = (s) => (/^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s);
  const [w] = manifest.contributes.walkthroughs;
  return { title: text(w.title), steps: w.steps.map((s) => text(s.title)) };
}

export async function run({ workbench, page, shotsDir, log }) {
  const { title, steps } = contributed();
  await workbench.runCommand('Welcome: Open Walkthrough');
  const input = page.locator('.quick-input-widget input');
  await input.fill('Prisma Workbench');
  // the only row, focused: Enter picks it (a click waited on the list's animation under load)
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.gettingStartedContainer');
  await editor.locator('.getting-started-category-title, h2', { hasText: title }).first().waitFor({ timeout: 30_000 });
  log(`walkthrough "${title}" open`);
  for (const step of steps) {
    await editor.locator('.getting-started-step .step-title', { hasText: step }).first().waitFor({ timeout: 30_000 });
    log(`step shown: ${step}`);
  }
  // the open step's page: media/walkthrough/openProject.md rendered in the walkthrough's webview
  await workbench.webview().locator('h1', { hasText: 'Open a Prisma project' }).waitFor({ timeout: 30_000 });
  log('step page shown: media/walkthrough/openProject.md');
  await page.screenshot({ path: path.join(shotsDir, 'walkthrough.png') });
}
