// A query plan as a notebook output carries it (mime QUERY_PLAN_MIME) and the renderer draws it: one tree
// model for PostgreSQL, MySQL/MariaDB and SQLite plans (src/core/notebook/explain parses each into it), with
// the costly nodes already marked by the host so that the renderer only draws.

/** The mime type of a plan in a notebook output, drawn by dist/webview/notebookRenderer.js. */
export const QUERY_PLAN_MIME = 'application/vnd.prisma-workbench.query-plan+json';

/** What a node's `weight` measures: the planner's cost units, measured milliseconds, or estimated rows read. */
export type PlanWeightUnit = 'cost' | 'ms' | 'rows';

export interface PlanNode {
  /** What the node does, in the database's words: "Seq Scan", "Hash Join", "table (ALL)", "SCAN users". */
  title: string;
  /** The table it reads, when it reads one. */
  relation?: string;
  /** Further facts, each "Label: value" ("Filter: (b > 3)", "Index: users_email_key"). */
  details: string[];
  /** Rows the planner expects from the node (per loop). */
  estimatedRows?: number;
  /** Rows the node gave (per loop), when the plan was measured (ANALYZE). */
  actualRows?: number;
  loops?: number;
  /** PostgreSQL: the node's total cost, its children's included. */
  totalCost?: number;
  /** Measured time of the node, its children's included (all loops), in ms. */
  timeMs?: number;
  /** The node's own share of the plan's work in the plan's unit, its children's excluded. */
  selfWeight?: number;
  /** selfWeight / the plan's total: 0..1. */
  share?: number;
  /** The node reads a whole table (Seq Scan, access type ALL, SQLite SCAN without an index). */
  fullScan?: boolean;
  /** Rows the table it reads holds (the database's statistics or a bounded count), when known. */
  tableRows?: number;
  /** Why this node is costly, in words; empty when it is not. */
  warnings: string[];
  children: PlanNode[];
}

export interface QueryPlan {
  provider: 'postgresql' | 'mysql' | 'sqlite';
  /** The statement was run to measure the plan (in a read-only transaction that was rolled back). */
  analyzed: boolean;
  /** What `selfWeight` measures; undefined when the database gives no cost (SQLite). */
  unit?: PlanWeightUnit;
  root: PlanNode;
  planningMs?: number;
  executionMs?: number;
  /** How long the EXPLAIN took, end to end, in ms. */
  durationMs: number;
  /** The statement as it was sent ("EXPLAIN (FORMAT JSON) …"). */
  statement: string;
}

/** Whether a value read from an output is a QueryPlan (the renderer draws nothing it cannot read). */
export function isQueryPlan(v: unknown): v is QueryPlan {
  const p = v as QueryPlan;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof p.provider === 'string' &&
    typeof p.root === 'object' &&
    p.root !== null &&
    Array.isArray(p.root.children)
  );
}
