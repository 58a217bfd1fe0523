// Marks the costly nodes of a plan: each node's own share of the work (its cost or measured time minus its
// children's), the top shares named in words, and whole-table reads of big tables. The same rules for the
// three databases; what "work" is depends on what the database gives (see PlanWeightUnit).
import type { PlanNode, PlanWeightUnit, QueryPlan } from '../../../shared/protocol/queryPlan';

export interface HotspotOptions {
  /** A whole-table read of at least this many rows is marked (default 1,000). */
  bigTableRows?: number;
  /** A node with at least this share of the plan's work is marked (default 0.25). */
  minShare?: number;
  /** At most this many nodes are marked for their share (default 3). */
  maxShareMarks?: number;
}

function* walk(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const c of node.children) yield* walk(c);
}

/** What a node's total is in the unit (children included), or undefined when it has none. */
function totalOf(node: PlanNode, unit: PlanWeightUnit): number | undefined {
  if (unit === 'cost') return node.totalCost;
  if (unit === 'ms') return node.timeMs;
  return node.fullScan || node.relation ? node.estimatedRows : undefined;
}

/** A node's total, or (when the database gives none for it) the sum of its children's. */
function effectiveTotal(node: PlanNode, unit: PlanWeightUnit): number {
  return totalOf(node, unit) ?? node.children.reduce((s, c) => s + effectiveTotal(c, unit), 0);
}

/** Which unit a plan's nodes carry: measured time first, then cost, then rows read (MariaDB's estimate). */
export function planUnit(root: PlanNode, analyzed: boolean): PlanWeightUnit | undefined {
  const nodes = [...walk(root)];
  if (analyzed && nodes.some((n) => n.timeMs !== undefined)) return 'ms';
  if (nodes.some((n) => n.totalCost !== undefined)) return 'cost';
  if (nodes.some((n) => n.relation !== undefined && n.estimatedRows !== undefined)) return 'rows';
  return undefined;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function markHotspots(plan: QueryPlan, options: HotspotOptions = {}): QueryPlan {
  const bigTable = options.bigTableRows ?? 1000;
  const minShare = options.minShare ?? 0.25;
  const maxMarks = options.maxShareMarks ?? 3;
  const nodes = [...walk(plan.root)];
  const unit = plan.unit;
  if (unit) {
    // "rows": every table's rows read add up (a join reads both); cost and time: a node's own part
    for (const n of nodes) {
      const own =
        unit === 'rows'
          ? totalOf(n, unit)
          : totalOf(n, unit) !== undefined
            ? Math.max(0, totalOf(n, unit)! - n.children.reduce((s, c) => s + effectiveTotal(c, unit), 0))
            : undefined;
      if (own !== undefined) n.selfWeight = own;
    }
    const total = nodes.reduce((s, n) => s + (n.selfWeight ?? 0), 0);
    const weighted = nodes.filter((n) => n.selfWeight !== undefined);
    if (total > 0) for (const n of weighted) n.share = n.selfWeight! / total;
    if (weighted.length > 1) {
      const what = unit === 'cost' ? 'estimated cost' : unit === 'ms' ? 'measured time' : 'estimated rows read';
      weighted
        .filter((n) => (n.share ?? 0) >= minShare)
        .sort((a, b) => (b.share ?? 0) - (a.share ?? 0))
        .slice(0, maxMarks)
        .forEach((n) => n.warnings.unshift(`${Math.round((n.share ?? 0) * 100)}% of the plan’s ${what}`));
    }
  }
  for (const n of nodes) {
    if (!n.fullScan) continue;
    const rows = n.tableRows ?? n.estimatedRows;
    const name = n.relation ?? 'the table';
    if (rows === undefined) n.warnings.push(`reads every row of ${name}`);
    else if (rows >= bigTable)
      n.warnings.push(
        `reads every row of ${name} (about ${fmt(rows)} rows): an index on the columns it filters or joins on may help`,
      );
  }
  return plan;
}
