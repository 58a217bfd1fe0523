// Lays the diagram out with dagre (layered, left to right): node sizes from their text, edges as polylines.
// Runs in the extension host, so the webview only draws and a layout is unit-tested and benchmarked in Node.
import type * as Dagre from '@dagrejs/dagre';
import type { DiagramGraph } from './diagramModel';

export interface Point {
  x: number;
  y: number;
}

export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgePath {
  id: string;
  points: Point[];
}

export interface DiagramLayout {
  nodes: NodeBox[];
  edges: EdgePath[];
  width: number;
  height: number;
}

/** Drawing metrics shared with the webview, which draws with the same numbers. */
export const metrics = { headerHeight: 30, rowHeight: 20, charWidth: 7.2, padding: 12, minWidth: 160 };

export function nodeSize(node: DiagramGraph['nodes'][number]): { width: number; height: number } {
  const widest = Math.max(node.name.length + 4, ...node.fields.map((f) => f.name.length + f.type.length + 6));
  return {
    width: Math.max(metrics.minWidth, Math.ceil(widest * metrics.charWidth + 2 * metrics.padding)),
    height: metrics.headerHeight + node.fields.length * metrics.rowHeight + 8,
  };
}

export function layoutDiagram(graph: DiagramGraph): DiagramLayout {
  // required on the first diagram, not when the extension loads (esbuild.mjs: lazyPackages)
  const dagre = require('@dagrejs/dagre') as typeof Dagre;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, edgesep: 16, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { ...nodeSize(n) });
  for (const e of graph.edges) {
    if (e.source !== e.target) g.setEdge(e.source, e.target, {}, e.id);
  }
  dagre.layout(g);
  const nodes: NodeBox[] = graph.nodes.map((n) => {
    const v = g.node(n.id);
    return { id: n.id, width: v.width, height: v.height, x: v.x - v.width / 2, y: v.y - v.height / 2 };
  });
  const box = new Map(nodes.map((n) => [n.id, n]));
  const edges: EdgePath[] = graph.edges.map((e) => {
    if (e.source === e.target) return { id: e.id, points: selfLoop(box.get(e.source)!) };
    const laid = g.edge({ v: e.source, w: e.target, name: e.id });
    return { id: e.id, points: (laid?.points ?? []).map((p: Point) => ({ x: p.x, y: p.y })) };
  });
  const graphLabel = g.graph();
  return { nodes, edges, width: graphLabel.width ?? 0, height: graphLabel.height ?? 0 };
}

/** A loop on the right of the box for a self-relation (dagre leaves those out). */
function selfLoop(n: NodeBox): Point[] {
  const right = n.x + n.width;
  const top = n.y + metrics.headerHeight / 2;
  return [
    { x: right, y: top },
    { x: right + 30, y: top },
    { x: right + 30, y: top + 24 },
    { x: right, y: top + 24 },
  ];
}
