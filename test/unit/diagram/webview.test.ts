// The diagram webview's logic in plain Node: what the host sends, pan/zoom arithmetic, search, focus.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDiagram } from '../../../src/core/diagram/diagramModel';
import { toDiagramView } from '../../../src/core/diagram/diagramView';
import { layoutDiagram } from '../../../src/core/diagram/layout';
import { parseSchema } from '../../../src/core/schema/parse';
import { endLabelPosition, focusSet, matchModels, routePath } from '../../../webview/diagram/search';
import { centerOn, fit, isVisible, panBy, union, zoomAt } from '../../../webview/diagram/viewport';

const repo = path.resolve(__dirname, '..', '..', '..');
const sampleView = () => {
  const file = path.join(repo, 'prisma', 'schema.prisma');
  const graph = buildDiagram(parseSchema([{ path: file, content: fs.readFileSync(file, 'utf8') }]));
  return { graph, view: toDiagramView(graph, layoutDiagram(graph)) };
};

describe('diagram: what the webview is sent', () => {
  it('has every model with its box and fields, and every relation with its route, and no file paths', () => {
    const { graph, view } = sampleView();
    assert.deepEqual(view.nodes.map((n) => n.name).sort(), [
      'Course',
      'Enrollment',
      'Lesson',
      'Organization',
      'Profile',
      'Review',
      'Tag',
      'User',
    ]);
    assert.equal(view.edges.length, graph.edges.length);
    const user = view.nodes.find((n) => n.id === 'User')!;
    assert.equal(user.table, 'users');
    assert.ok(user.width >= 160 && user.height > user.fields.length * view.metrics.rowHeight);
    assert.deepEqual(
      user.fields.find((f) => f.name === 'organizationId'),
      {
        name: 'organizationId',
        type: 'String',
        isId: false,
        isUnique: false,
        isForeignKey: true,
        isRelation: false,
        isEnum: false,
      },
    );
    const enrollment = view.nodes.find((n) => n.id === 'Enrollment')!;
    assert.deepEqual(
      enrollment.fields.filter((f) => f.isId).map((f) => f.name),
      ['userId', 'courseId'],
      '@@id fields are keys',
    );
    for (const e of view.edges) assert.ok(e.points.length >= 2, `${e.id} has a route`);
    assert.ok(!JSON.stringify(view).includes('schema.prisma'), 'source locations stay on the host');
    assert.ok(view.width > 0 && view.height > 0);
  });
});

describe('diagram webview: pan and zoom', () => {
  it('zooms around the pointer: the diagram point under it stays put', () => {
    const t = { x: 30, y: -20, k: 0.8 };
    const z = zoomAt(t, 1.5, 200, 100);
    const before = { x: (200 - t.x) / t.k, y: (100 - t.y) / t.k };
    assert.ok(Math.abs(before.x * z.k + z.x - 200) < 1e-9 && Math.abs(before.y * z.k + z.y - 100) < 1e-9);
    assert.equal(zoomAt({ x: 0, y: 0, k: 3.9 }, 10, 0, 0).k, 4, 'clamped');
    assert.deepEqual(panBy(t, 5, 6), { x: 35, y: -14, k: 0.8 });
  });

  it('fits the whole diagram in the window, centred, never zoomed past 100%', () => {
    const t = fit({ x: 20, y: 20, width: 2000, height: 1000 }, 1000, 600);
    assert.ok(t.k < 1);
    assert.ok(isVisible(t, { x: 20, y: 20, width: 2000, height: 1000 }, 1000, 600));
    assert.equal(fit({ x: 0, y: 0, width: 100, height: 50 }, 1000, 600).k, 1);
  });

  it('centres a model and knows the union of boxes', () => {
    const r = { x: 500, y: 300, width: 200, height: 100 };
    const t = centerOn({ x: 0, y: 0, k: 1 }, r, 800, 600);
    assert.deepEqual(
      [r.x + r.width / 2, r.y + r.height / 2].map((v, i) => v * t.k + (i ? t.y : t.x)),
      [400, 300],
    );
    assert.deepEqual(
      union([
        { x: 0, y: 10, width: 5, height: 5 },
        { x: 20, y: 0, width: 10, height: 2 },
      ]),
      { x: 0, y: 0, width: 30, height: 15 },
    );
  });
});

describe('diagram webview: search and focus', () => {
  it('finds models by name first, then table and field names', () => {
    const { view } = sampleView();
    assert.deepEqual(
      matchModels(view.nodes, 'user'),
      ['User', 'Enrollment', 'Organization', 'Profile', 'Review'],
      'exact name, then models with a field named like it (userId, users)',
    );
    assert.deepEqual(
      matchModels(view.nodes, 'LESS'),
      ['Lesson', 'Course'],
      'case-insensitive; Course has a lessons field',
    );
    assert.deepEqual(matchModels(view.nodes, 'organizations'), ['Organization'], 'the @@map table name');
    assert.deepEqual(matchModels(view.nodes, '  '), []);
    assert.deepEqual(matchModels(view.nodes, 'zzz'), []);
  });

  it('focus lights a model, its neighbours and the relations between them', () => {
    const { view } = sampleView();
    const lit = focusSet(view.edges, 'Lesson');
    assert.deepEqual([...lit.nodes].sort(), ['Course', 'Lesson']);
    assert.equal(lit.edges.size, 1);
    assert.deepEqual([...focusSet(view.edges, 'Tag').nodes].sort(), ['Course', 'Tag']);
    const user = focusSet(view.edges, 'User');
    assert.deepEqual([...user.nodes].sort(), ['Course', 'Enrollment', 'Organization', 'Profile', 'Review', 'User']);
  });

  it('places cardinality labels off the line near each end and rounds route corners', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 100 },
    ];
    assert.deepEqual(
      endLabelPosition(pts, 'source'),
      { x: 6, y: -8, anchor: 'start' },
      'leaving rightwards: above the line, growing right',
    );
    const t = endLabelPosition(pts, 'target');
    assert.equal(t.anchor, 'start');
    assert.ok(t.x > 100 && t.y < 100 && t.y > 80, 'entering from above: right of the line, just before the box');
    assert.equal(
      endLabelPosition(
        [
          { x: 50, y: 0 },
          { x: 0, y: 0 },
        ],
        'source',
      ).anchor,
      'end',
    );
    assert.equal(routePath(pts), 'M0,0 L90,0 Q100,0 100,10 L100,100');
    assert.equal(routePath([]), '');
  });
});
