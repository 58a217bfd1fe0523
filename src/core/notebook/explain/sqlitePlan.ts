// SQLite's EXPLAIN QUERY PLAN rows (id, parent, notused, detail) -> the plan tree. SQLite gives no cost and no
// row estimate: a node says what it does ("SCAN users", "SEARCH o USING INTEGER PRIMARY KEY (rowid=?)",
// "USE TEMP B-TREE FOR ORDER BY"); a SCAN without an index reads the whole table.
import type { PlanNode } from '../../../shared/protocol/queryPlan';

export interface SqlitePlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** "SCAN users", "SCAN TABLE users AS u" (older SQLite), "SEARCH o USING …" -> the table (or alias) read. */
export function sqliteRelation(detail: string): string | undefined {
  return /^(?:SCAN|SEARCH)\s+(?:TABLE\s+)?("[^"]+"|\S+)/.exec(detail)?.[1]?.replace(/^"|"$/g, '');
}

function toNode(row: SqlitePlanRow): PlanNode {
  const node: PlanNode = { title: row.detail, details: [], children: [], warnings: [] };
  // "SCAN CONSTANT ROW" (a VALUES or a SELECT without FROM) reads no table
  const relation = /^SCAN CONSTANT ROW\b/.test(row.detail) ? undefined : sqliteRelation(row.detail);
  if (relation) node.relation = relation;
  // "SCAN t" or "SCAN t AS x" reads every row; "SCAN t USING [COVERING] INDEX i" reads an index in order
  if (/^SCAN\s/.test(row.detail) && !/\bUSING\b/.test(row.detail) && relation) node.fullScan = true;
  if (/\bUSE TEMP B-TREE\b/.test(row.detail))
    node.warnings.push('builds a temporary b-tree (no index gives this order)');
  return node;
}

export function parseSqlitePlan(rows: readonly SqlitePlanRow[]): { root: PlanNode } {
  const root: PlanNode = { title: 'Query plan', details: [], children: [], warnings: [] };
  const byId = new Map<number, PlanNode>();
  for (const row of rows) {
    const node = toNode(row);
    byId.set(row.id, node);
    (byId.get(row.parent) ?? root).children.push(node);
  }
  return { root };
}
