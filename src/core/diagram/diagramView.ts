// What the diagram webview is sent: the graph (without source locations: the host keeps those and
// reveals by name) merged with the host's layout, and the metrics the boxes were sized with.
import type { DiagramView } from '../../shared/protocol/diagram';
import type { DiagramGraph } from './diagramModel';
import { metrics, type DiagramLayout } from './layout';

const round = (n: number) => Math.round(n * 10) / 10;

export function toDiagramView(graph: DiagramGraph, layout: DiagramLayout): DiagramView {
  const boxes = new Map(layout.nodes.map((n) => [n.id, n]));
  const routes = new Map(layout.edges.map((e) => [e.id, e.points]));
  return {
    nodes: graph.nodes.map((n) => {
      const box = boxes.get(n.id);
      return {
        id: n.id,
        kind: n.kind,
        name: n.name,
        ...(n.table ? { table: n.table } : {}),
        ...(n.documentation ? { documentation: n.documentation } : {}),
        x: round(box?.x ?? 0),
        y: round(box?.y ?? 0),
        width: round(box?.width ?? metrics.minWidth),
        height: round(box?.height ?? metrics.headerHeight),
        fields: n.fields.map((f) => ({
          name: f.name,
          type: f.type,
          isId: f.isId,
          isUnique: f.isUnique,
          isForeignKey: f.isForeignKey,
          isRelation: f.isRelation,
          isEnum: f.isEnum,
        })),
      };
    }),
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      sourceField: e.sourceField,
      ...(e.targetField ? { targetField: e.targetField } : {}),
      sourceCardinality: e.sourceCardinality,
      targetCardinality: e.targetCardinality,
      ...(e.name ? { name: e.name } : {}),
      points: (routes.get(e.id) ?? []).map((p) => ({ x: round(p.x), y: round(p.y) })),
    })),
    width: Math.ceil(layout.width),
    height: Math.ceil(layout.height),
    metrics: {
      headerHeight: metrics.headerHeight,
      rowHeight: metrics.rowHeight,
      padding: metrics.padding,
      charWidth: metrics.charWidth,
    },
  };
}
