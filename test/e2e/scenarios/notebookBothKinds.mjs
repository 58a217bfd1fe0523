// A query notebook with both cell kinds in the real workbench: a SQL cell and a Prisma Client cell on the
// sample database, run with "Notebook: Run All"; both results render as tables, and the Query History view in
// the Prisma side bar lists both runs; Explain on the SQL the Prisma Client cell ran shows its plan. Screenshot:
// test-output/screenshots/query-notebook.png, the README's docs/images/query-notebook.png (copy it there after a
// run that changed how the notebook looks).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildDatabase } from './grid.mjs';

export const name = 'query notebook: a SQL cell and a Prisma Client cell, both results, Query History';

const SQL = [
  'SELECT role, COUNT(*) AS users, MIN(created_at) AS first_signup',
  'FROM users',
  'GROUP BY role',
  'ORDER BY users DESC',
];
const CLIENT = [
  'await prisma.user.findMany({',
  "  where: { role: 'ADMIN' },",
  '  select: { email: true, name: true, createdAt: true },',
  "  orderBy: { email: 'asc' },",
  '  take: 3,',
  '})',
];

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const db = await buildDatabase(workspace);
  db.close();
  fs.writeFileSync(
    path.join(workspace, 'queries.prisma-queries'),
    JSON.stringify({
      cells: [
        {
          kind: 'markdown',
          language: 'markdown',
          source: ['### Who signs up (SQL), and the first admins (Prisma Client)'],
        },
        { kind: 'code', language: 'sql', source: SQL },
        { kind: 'code', language: 'prisma-client', source: CLIENT },
      ],
    }),
  );
  await workbench.openContainer('Prisma');
  await workbench.treeItem('User', { view: 'Models' });
  // the Query History view starts collapsed: open it, and fold Models to give it room
  const history = workbench.view('Query History');
  const header = (pane) => pane.locator('.pane-header').first();
  if ((await header(history).getAttribute('aria-expanded')) !== 'true') await header(history).click();
  const models = workbench.view('Models');
  if ((await header(models).getAttribute('aria-expanded')) === 'true') await header(models).click();

  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('queries.prisma-queries');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'queries.prisma-queries' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.notebook-editor').first().waitFor({ timeout: 60_000 });
  await workbench.runCommand('Notebook: Run All');
  log('run all');

  const output = workbench.webview();
  const results = output.locator('.pw-result');
  // the Prisma Client cell generates the grid's private client on its first run: give it time
  await results.nth(1).locator('tbody tr').first().waitFor({ timeout: 150_000 });
  const summaries = await results.locator('.pw-summary').allTextContents();
  log('results:', JSON.stringify(summaries));
  assert.equal(await results.count(), 2, 'one table per cell');
  const roles = await results.nth(0).locator('tbody tr td:first-child').allTextContents();
  assert.deepEqual(roles, ['STUDENT', 'ADMIN']);
  const headers = await results.nth(1).locator('thead th').allTextContents();
  const email = headers.findIndex((h) => h.trim().startsWith('email'));
  assert.ok(email >= 0, `columns: ${headers.join(', ')}`);
  const emails = await results
    .nth(1)
    .locator(`tbody tr td:nth-child(${email + 1})`)
    .allTextContents();
  assert.deepEqual(emails, ['user105@example.com', 'user112@example.com', 'user119@example.com']);

  // both runs in the Query History view, newest first
  const runs = history.locator('[role="treeitem"] .label-name');
  const deadline = Date.now() + 30_000;
  let labels = [];
  while (Date.now() < deadline) {
    labels = await runs.allTextContents();
    if (labels.length === 2) break;
    await page.waitForTimeout(200);
  }
  assert.deepEqual(labels, [
    'await prisma.user.findMany({ …',
    'SELECT role, COUNT(*) AS users, MIN(created_at) AS first_signup …',
  ]);
  // the focus leaves the side bar's headers for the notebook's empty space, the pointer the tree and the cells
  await page.mouse.click(900, 820);
  await page.mouse.move(1300, 880);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(shotsDir, 'query-notebook.png') });
  log('screenshot: query-notebook.png');

  // Explain on the SQL the Prisma Client cell ran: its plan appears below that cell's result, which stays
  const clientResult = results.nth(1);
  await clientResult.locator('.pw-sql summary').click();
  await clientResult.locator('.pw-sql .pw-explain').first().click();
  const plan = output.locator('.pw-plan');
  await plan.first().waitFor({ timeout: 60_000 });
  assert.match(await plan.first().innerText(), /users/, 'the plan reads the users table');
  assert.equal(await results.count(), 2, "the Prisma Client cell's result stays beside its plan");
  log("Explain on the client cell's statement: plan shown, result kept");
}
