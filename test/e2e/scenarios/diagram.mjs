// Relationship diagram, end to end in the real workbench: "Prisma: Show Diagram" from the palette draws
// every model of the sample schema and every relation (read from the webview's DOM), a click on a model
// opens schema.prisma at its definition. Screenshots: diagram.png (the README's), diagram-reveal.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const name = 'relationship diagram: every model and relation, click to the definition';

function schemaFile(workspace) {
  const file = [path.join(workspace, 'prisma', 'schema.prisma'), path.join(workspace, 'schema.prisma')].find((f) =>
    fs.existsSync(f),
  );
  if (!file) throw new Error(`no schema.prisma in ${workspace}`);
  return file;
}

/** Models and relation fields as the file writes them: each relation is two fields (a field and its back field). */
function readSchema(file) {
  const text = fs.readFileSync(file, 'utf8');
  const models = [...text.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)].map((m) => ({
    name: m[1],
    body: m[2],
    line: text.slice(0, m.index).split('\n').length,
  }));
  const names = new Set(models.map((m) => m.name));
  const relationFields = models.flatMap((m) =>
    m.body
      .split('\n')
      .map((l) => /^\s*(\w+)\s+(\w+)(\[\])?\??/.exec(l))
      .filter((x) => x && names.has(x[2]))
      .map((x) => `${m.name}.${x[1]}`),
  );
  return { models, relationFields };
}

export async function run({ page, workbench, workspace, shotsDir, log }) {
  const file = schemaFile(workspace);
  const { models, relationFields } = readSchema(file);
  assert.deepEqual(models.map((m) => m.name).sort(), [
    'Course',
    'Enrollment',
    'Lesson',
    'Organization',
    'Profile',
    'Review',
    'Tag',
    'User',
  ]);

  // the extension is up once its Models view lists the schema (the palette lists its commands from then on)
  await workbench.openContainer('Prisma');
  await workbench.treeItem('User', { view: 'Models' });
  await workbench.runCommand('Prisma: Show Diagram');
  const diagram = workbench.webview();
  await diagram.locator('g.node[data-model="User"]').waitFor({ timeout: 90_000 });
  await diagram
    .locator('#status')
    .filter({ hasText: /8 models · 11 relations/ })
    .waitFor();
  log('diagram drawn');

  const drawn = await diagram.locator('g.node').evaluateAll((els) =>
    els.map((e) => ({
      model: e.getAttribute('data-model'),
      fields: [...e.querySelectorAll('g.field')].map((f) => f.getAttribute('data-field')),
    })),
  );
  assert.deepEqual(drawn.map((n) => n.model).sort(), models.map((m) => m.name).sort());
  const user = drawn.find((n) => n.model === 'User');
  assert.ok(user.fields.includes('email') && user.fields.includes('organizationId'), `User's fields: ${user.fields}`);

  const edges = await diagram.locator('g.edge').evaluateAll((els) =>
    els.map((e) => ({
      id: e.getAttribute('data-edge'),
      source: e.getAttribute('data-source'),
      target: e.getAttribute('data-target'),
      path: e.querySelector('path.line')?.getAttribute('d') ?? '',
      cards: [...e.querySelectorAll('text.card')].map((t) => `${t.getAttribute('data-end')}=${t.textContent}`),
    })),
  );
  // every relation field is one end of exactly one drawn edge (ids read "Source.field->Target.backField")
  const ends = edges.flatMap((e) => e.id.split('->').filter((side) => side.includes('.')));
  assert.deepEqual(ends.sort(), [...relationFields].sort());
  assert.equal(edges.length, relationFields.length / 2);
  for (const e of edges) {
    assert.ok(e.path.startsWith('M'), `${e.id} has no line`);
    assert.equal(e.cards.length, 2, `${e.id} cardinality labels`);
  }
  const lesson = edges.find((e) => e.id === 'Lesson.course->Course.lessons');
  assert.deepEqual(lesson?.cards, ['source=*', 'target=1']);
  log(`${drawn.length} models, ${edges.length} relations in the DOM`);
  await page.screenshot({ path: path.join(shotsDir, 'diagram.png') });

  // search highlights and centres a model
  await diagram.locator('#diagram-search').fill('Enroll');
  await diagram.locator('g.node.match[data-model="Enrollment"]').waitFor();
  await diagram.locator('#diagram-search').fill('');

  // a click on a model's header: the editor beside shows schema.prisma at `model Lesson {`
  await diagram.locator('g.node[data-model="Lesson"] .header').click();
  const line = models.find((m) => m.name === 'Lesson').line;
  const state = await workbench.waitForEditor({ file, line });
  assert.equal(state.line, line);
  log(`editor: ${state.file} line ${state.line}`);
  await page.screenshot({ path: path.join(shotsDir, 'diagram-reveal.png') });
}
