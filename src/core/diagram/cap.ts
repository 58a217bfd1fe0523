// The diagram lays out at most MAX_LAID_OUT models: dagre runs on the extension host's thread and takes
// about a second for 300 models, minutes for thousands, and every structural edit lays out again. A bigger
// schema is drawn with the models that have the most relations (the ones a diagram explains best), and
// the diagram says so in words.
import type { DiagramGraph } from './diagramModel';

export const MAX_LAID_OUT = 300;

export interface CappedDiagram {
  graph: DiagramGraph;
  /** Set when models were left out: what the diagram shows and why. */
  notice?: string;
}

export function capDiagram(graph: DiagramGraph, max = MAX_LAID_OUT): CappedDiagram {
  if (graph.nodes.length <= max) return { graph };
  const degree = new Map<string, number>(graph.nodes.map((n) => [n.id, 0]));
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    if (e.target !== e.source) degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const kept = new Set(
    [...graph.nodes]
      .sort((a, b) => degree.get(b.id)! - degree.get(a.id)! || order.get(a.id)! - order.get(b.id)!)
      .slice(0, max)
      .map((n) => n.id),
  );
  const total = graph.nodes.length.toLocaleString('en');
  return {
    graph: {
      nodes: graph.nodes.filter((n) => kept.has(n.id)),
      edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
    },
    notice:
      `This schema has ${total} models and views: the diagram shows the ${max} with the most relations ` +
      `(laying out all of them would freeze VS Code). The Models view lists every model.`,
  };
}
