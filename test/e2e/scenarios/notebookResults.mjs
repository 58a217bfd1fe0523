// Query notebook results in the real workbench: a read-only SQL cell with 2,500 rows shows the first 1,000
// ("1,000+ rows": the run stopped reading after its page), "Load more rows" fetches the next pages through the
// renderer's messaging until the last one gives the count and all are shown, and Explain
// replaces the output with the plan tree. Screenshots: notebook-paged.png, notebook-plan.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildDatabase } from './grid.mjs';

export const name = 'query notebook: load more rows, explain tree';

const SQL = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2500) SELECT x FROM c';

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const db = await buildDatabase(workspace);
  db.close();
  fs.writeFileSync(
    path.join(workspace, 'rows.prisma-queries'),
    JSON.stringify({ cells: [{ kind: 'code', language: 'sql', source: [SQL] }] }),
  );
  await workbench.openContainer('Prisma');
  await workbench.treeItem('User', { view: 'Models' });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('rows.prisma-queries');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'rows.prisma-queries' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.notebook-editor').first().waitFor({ timeout: 60_000 });
  await workbench.runCommand('Notebook: Run All');

  const output = workbench.webview();
  const rows = output.locator('.pw-result tbody tr');
  const more = output.locator('.pw-result button');
  const summary = output.locator('.pw-result .pw-summary');
  await more.filter({ hasText: 'Load 1,000 more rows' }).waitFor({ timeout: 90_000 });
  assert.equal(await rows.count(), 1000);
  // the run read its page and one row more, not all 2,500: the count is not known yet
  assert.match(await summary.textContent(), /^1,000\+ rows \(the first 1,000 shown; more available\)/);
  log('first 1,000 rows shown: "1,000+ rows"');
  await more.click();
  await output.locator('.pw-result .pw-summary', { hasText: '2,000 of 2,000+ shown' }).waitFor({ timeout: 60_000 });
  assert.equal(await rows.count(), 2000);
  assert.equal(await more.textContent(), 'Load 1,000 more rows');
  await more.click();
  await output.locator('.pw-result .pw-summary', { hasText: '2,500 of 2,500 shown' }).waitFor({ timeout: 60_000 });
  assert.equal(await rows.count(), 2500);
  assert.equal(await more.isVisible(), false, 'no Load more once every row is shown');
  assert.equal(await rows.last().locator('td').first().textContent(), '2500');
  log('all 2,500 rows shown after two pages');
  await page.screenshot({ path: path.join(shotsDir, 'notebook-paged.png') });

  await workbench.runCommand('Prisma: Explain (Query Plan)');
  const plan = output.locator('.pw-plan');
  await plan.waitFor({ timeout: 60_000 });
  const heading = await plan.locator('.pw-heading').textContent();
  assert.match(heading, /Query plan \(SQLite, estimated, not run\)/);
  const labels = await plan.locator('.pw-label').allTextContents();
  assert.ok(
    labels.some((l) => /SCAN c/.test(l)),
    `plan nodes: ${labels.join(' | ')}`,
  );
  log(`plan drawn: ${labels.join(' | ')}`);
  await page.screenshot({ path: path.join(shotsDir, 'notebook-plan.png') });
}
