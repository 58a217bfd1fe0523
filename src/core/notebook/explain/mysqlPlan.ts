// MySQL / MariaDB EXPLAIN FORMAT=JSON and MariaDB ANALYZE FORMAT=JSON -> the plan tree. Their JSON nests
// operations as keys ("query_block", "nested_loop", "filesort", "temporary_table", "table", …): each key
// whose value is an object becomes a node, each scalar beside it a detail, so an operation this parser does
// not know by name still shows. A table reads "rows" rows per scan (the estimate); ANALYZE adds r_rows,
// r_loops and the time spent (r_total_time_ms, r_table_time_ms + r_other_time_ms).
import type { PlanNode } from '../../../shared/protocol/queryPlan';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)
      ? Number(v)
      : undefined;

/** What an access type means to a reader (MariaDB and MySQL share them). */
const ACCESS: Record<string, string> = {
  ALL: 'Full table scan',
  hash_ALL: 'Full table scan (hash join)',
  index: 'Full index scan',
  range: 'Index range scan',
  hash_range: 'Index range scan (hash join)',
  ref: 'Index lookup',
  hash_index: 'Index lookup (hash join)',
  eq_ref: 'Unique index lookup',
  ref_or_null: 'Index lookup (or NULL)',
  index_merge: 'Index merge',
  unique_subquery: 'Unique subquery lookup',
  index_subquery: 'Subquery index lookup',
  fulltext: 'Full-text index',
  const: 'Single row (constant)',
  system: 'Single row (system)',
};

/** Keys read into the node's fields, not shown as details. */
const METRIC_KEYS = new Set([
  'table_name',
  'access_type',
  'rows',
  'rows_examined_per_scan',
  'rows_produced_per_join',
  'r_rows',
  'r_loops',
  'r_total_time_ms',
  'r_table_time_ms',
  'r_other_time_ms',
  'r_engine_stats',
  'select_id',
  'cost_info',
  'cost',
  'r_filtered',
]);

const words = (key: string) => key.replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
const show = (v: unknown): string => (Array.isArray(v) ? v.map((x) => show(x)).join(', ') : String(v));
const isScalarish = (v: unknown) =>
  !isRecord(v) && !(Array.isArray(v) && v.some((x) => isRecord(x) || Array.isArray(x)));

function titleOf(key: string, raw: Json): string {
  if (key === 'query_block') return `Select #${show(raw.select_id ?? '?')}`;
  if (key === 'table') {
    const access = typeof raw.access_type === 'string' ? raw.access_type : undefined;
    if (!access) return typeof raw.message === 'string' ? raw.message : 'Table';
    return `${ACCESS[access] ?? access} (${access})`;
  }
  return words(key);
}

/** One JSON object under `key` -> a node, its object-valued keys its children. */
function toNode(key: string, raw: Json): PlanNode {
  const node: PlanNode = { title: titleOf(key, raw), details: [], children: [], warnings: [] };
  if (key === 'table' && typeof raw.table_name === 'string') node.relation = raw.table_name;
  if (key === 'table' && (raw.access_type === 'ALL' || raw.access_type === 'hash_ALL')) node.fullScan = true;
  const estimated = num(raw.rows) ?? num(raw.rows_examined_per_scan);
  if (estimated !== undefined) node.estimatedRows = estimated;
  if ('r_rows' in raw) {
    const rows = num(raw.r_rows) ?? 0; // null: the table was never read (r_loops 0)
    node.actualRows = rows;
    // r_rows counts the rows read; the attached condition keeps r_filtered % of them
    const kept = num(raw.r_filtered);
    if (kept !== undefined && kept < 100)
      node.details.push(`Rows kept by the condition: ${Math.round((rows * kept) / 100)}`);
  }
  const loops = num(raw.r_loops);
  if (loops !== undefined) node.loops = loops;
  const total = num(raw.r_total_time_ms);
  const table = num(raw.r_table_time_ms);
  const other = num(raw.r_other_time_ms);
  if (total !== undefined) node.timeMs = total;
  else if (table !== undefined || other !== undefined) node.timeMs = (table ?? 0) + (other ?? 0);
  const cost = isRecord(raw.cost_info)
    ? (num(raw.cost_info.query_cost) ?? num(raw.cost_info.prefix_cost))
    : num(raw.cost);
  if (cost !== undefined) node.totalCost = cost;
  for (const [k, v] of Object.entries(raw)) {
    if (METRIC_KEYS.has(k) || (key === 'table' && k === 'message')) continue;
    if (isRecord(v)) node.children.push(toNode(k, v));
    else if (Array.isArray(v) && v.some(isRecord)) node.children.push(...listChildren(k, v));
    else if (isScalarish(v) && v !== null && v !== false) node.details.push(`${words(k)}: ${show(v)}`);
  }
  return node;
}

/** An array of operations ("nested_loop": [{"table": …}, …], "subqueries": [{"query_block": …}]) -> nodes. */
function listChildren(key: string, items: unknown[]): PlanNode[] {
  const nodes = items.filter(isRecord).map((item) => {
    const keys = Object.keys(item);
    return keys.length === 1 && isRecord(item[keys[0]]) ? toNode(keys[0], item[keys[0]] as Json) : toNode(key, item);
  });
  // a join is a node of its own; a list of subqueries or union parts hangs under its parent directly
  if (key === 'nested_loop' && nodes.length > 1)
    return [{ title: 'Nested loop join', details: [], children: nodes, warnings: [] }];
  return nodes;
}

/** The EXPLAIN (or ANALYZE) column's text -> the root node and the optimisation time (ANALYZE). */
export function parseMysqlPlan(value: unknown): { root: PlanNode; planningMs?: number; executionMs?: number } {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!isRecord(parsed) || !isRecord(parsed.query_block))
    throw new Error('The database gave no plan (no "query_block" in its JSON).');
  const root = toNode('query_block', parsed.query_block);
  const planningMs = isRecord(parsed.query_optimization) ? num(parsed.query_optimization.r_total_time_ms) : undefined;
  return {
    root,
    ...(planningMs !== undefined ? { planningMs } : {}),
    ...(root.timeMs !== undefined ? { executionMs: root.timeMs } : {}),
  };
}
