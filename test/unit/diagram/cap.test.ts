// A huge schema (2,000 models) in the diagram: the layout gets at most MAX_LAID_OUT models, the ones with
// the most relations, with words saying so; a schema under the cap is drawn whole and nothing is said.
import * as assert from 'node:assert/strict';
import { generateSchema } from '../../../bench/schemaGen';
import { capDiagram, MAX_LAID_OUT } from '../../../src/core/diagram/cap';
import { buildDiagram } from '../../../src/core/diagram/diagramModel';
import { layoutDiagram } from '../../../src/core/diagram/layout';
import { parseSchema } from '../../../src/core/schema/parse';

const diagramOf = (models: number) =>
  buildDiagram(parseSchema([{ path: '/virtual/schema.prisma', content: generateSchema(models) }]));

describe('The diagram on a huge schema', function () {
  this.timeout(120_000);

  it('2,000 models: lays out the 300 with the most relations and says so', () => {
    const graph = diagramOf(2000);
    assert.equal(graph.nodes.length, 2000);
    const capped = capDiagram(graph);
    assert.equal(capped.graph.nodes.length, MAX_LAID_OUT);
    assert.match(capped.notice ?? '', /has 2,000 models and views: the diagram shows the 300 with the most relations/);
    const kept = new Set(capped.graph.nodes.map((n) => n.id));
    assert.ok(
      capped.graph.edges.every((e) => kept.has(e.source) && kept.has(e.target)),
      'no edge to a model left out',
    );
    const degree = (id: string) => graph.edges.filter((e) => e.source === id || e.target === id).length;
    const least = Math.min(...capped.graph.nodes.map((n) => degree(n.id)));
    assert.ok(
      graph.nodes.filter((n) => !kept.has(n.id)).every((n) => degree(n.id) <= least),
      'no model left out has more relations than one drawn',
    );
    const layout = layoutDiagram(capped.graph);
    assert.equal(layout.nodes.length, MAX_LAID_OUT);
  });

  it('a schema under the cap is drawn whole, with no notice', () => {
    const graph = diagramOf(40);
    const capped = capDiagram(graph);
    assert.equal(capped.graph, graph);
    assert.equal(capped.notice, undefined);
  });
});
