// Search and focus for the diagram (no DOM: unit-tested in Node).
import type { DiagramEdgeView, DiagramNodeView } from '../../src/shared/protocol/diagram';

/**
 * Models matching `query`, best first: exact name, name prefix, name contains, table name contains,
 * then field names containing it. Case-insensitive; an empty query matches nothing.
 */
export function matchModels(nodes: readonly DiagramNodeView[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: [number, string][] = [];
  for (const n of nodes) {
    const name = n.name.toLowerCase();
    const score =
      name === q
        ? 0
        : name.startsWith(q)
          ? 1
          : name.includes(q)
            ? 2
            : n.table?.toLowerCase().includes(q)
              ? 3
              : n.fields.some((f) => f.name.toLowerCase().includes(q))
                ? 4
                : -1;
    if (score >= 0) scored.push([score, n.id]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).map(([, id]) => id);
}

/** A model and the models one relation away (what focus keeps lit), and the edges between them. */
export function focusSet(edges: readonly DiagramEdgeView[], id: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set([id]);
  const lit = new Set<string>();
  for (const e of edges) {
    if (e.source === id || e.target === id) {
      nodes.add(e.source);
      nodes.add(e.target);
      lit.add(e.id);
    }
  }
  return { nodes, edges: lit };
}

const cardinalityText: Record<DiagramEdgeView['sourceCardinality'], string> = { '1': '1', '0..1': '0..1', n: '*' };
export const showCardinality = (c: DiagramEdgeView['sourceCardinality']) => cardinalityText[c];

/**
 * Where a cardinality label goes: just outside the box at one end of the route, beside the line, anchored so
 * the text grows away from the box (diagram units).
 */
export function endLabelPosition(
  points: readonly { x: number; y: number }[],
  end: 'source' | 'target',
  beside = 8,
): { x: number; y: number; anchor: 'start' | 'middle' | 'end' } {
  if (points.length < 2) return { ...(points[0] ?? { x: 0, y: 0 }), anchor: 'middle' };
  const [a, b] = end === 'source' ? [points[0], points[1]] : [points[points.length - 1], points[points.length - 2]];
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  if (Math.abs(ux) >= Math.abs(uy)) {
    // leaves the box sideways: text above the line, starting a little away from the border
    return { x: a.x + ux * 6, y: a.y + uy * 6 - beside, anchor: ux > 0 ? 'start' : 'end' };
  }
  // leaves through the top or bottom: text to the right of the line, a little way along it
  return { x: a.x + ux * 12 + beside * 0.6, y: a.y + uy * 12, anchor: 'start' };
}

/** An SVG path through the route's points with rounded corners. */
export function routePath(points: readonly { x: number; y: number }[], radius = 10): string {
  if (points.length === 0) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [p, c, n] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(radius, Math.hypot(c.x - p.x, c.y - p.y) / 2, Math.hypot(n.x - c.x, n.y - c.y) / 2);
    const toward = (q: { x: number; y: number }) => {
      const l = Math.hypot(q.x - c.x, q.y - c.y) || 1;
      return { x: c.x + ((q.x - c.x) / l) * r, y: c.y + ((q.y - c.y) / l) * r };
    };
    const a = toward(p);
    const b = toward(n);
    d += ` L${f(a.x)},${f(a.y)} Q${f(c.x)},${f(c.y)} ${f(b.x)},${f(b.y)}`;
  }
  const last = points[points.length - 1];
  return `${d} L${f(last.x)},${f(last.y)}`;
}
