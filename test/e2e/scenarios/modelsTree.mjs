// Models tree: open the Prisma container, expand model User, click its field `email`:
// the editor shows schema.prisma with the cursor on the line that declares `email`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const name = 'models tree reveals a field in schema.prisma';

/** 1-based line of `field` inside `model <model> {`, searched in the workspace's schema files. */
function fieldLine(workspace, model, field) {
  const candidates = [path.join(workspace, 'prisma', 'schema.prisma'), path.join(workspace, 'schema.prisma')];
  for (const file of candidates.filter((f) => fs.existsSync(f))) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex((l) => new RegExp(`^\\s*model\\s+${model}\\s*\\{`).test(l));
    if (start < 0) continue;
    const end = lines.findIndex((l, i) => i > start && /^\s*\}/.test(l));
    const i = lines.slice(start, end).findIndex((l) => new RegExp(`^\\s*${field}\\s`).test(l));
    if (i >= 0) return { file, line: start + i + 1 };
  }
  throw new Error(`field ${model}.${field} not found in ${candidates.join(', ')}`);
}

export async function run({ workbench, workspace, shotsDir, log, page }) {
  const expected = fieldLine(workspace, 'User', 'email');
  await workbench.openContainer('Prisma');
  const user = await workbench.treeItem('User', { view: 'Models' });
  log('tree item User visible');
  await workbench.expand(user);
  const email = await workbench.treeItem('email', { view: 'Models' });
  await email.click();
  const state = await workbench.waitForEditor({ file: expected.file, line: expected.line });
  assert.equal(state.line, expected.line);
  log(`editor: ${state.file} line ${state.line}`);
  await page.screenshot({ path: path.join(shotsDir, 'models-tree.png') });
}
