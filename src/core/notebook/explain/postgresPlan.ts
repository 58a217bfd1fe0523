// PostgreSQL's EXPLAIN (FORMAT JSON [, ANALYZE]) -> the plan tree: one node per plan node, its cost and rows,
// the measured time and rows when analyzed, and the conditions a reader looks for (filters, index, keys).
import type { PlanNode } from '../../../shared/protocol/queryPlan';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The keys shown as details, in this order, with the label a reader sees. */
const DETAIL_KEYS: [string, string][] = [
  ['Join Type', 'Join'],
  ['Strategy', 'Strategy'],
  ['Index Name', 'Index'],
  ['Index Cond', 'Index condition'],
  ['Recheck Cond', 'Recheck'],
  ['Hash Cond', 'Hash condition'],
  ['Merge Cond', 'Merge condition'],
  ['Join Filter', 'Join filter'],
  ['Filter', 'Filter'],
  ['Rows Removed by Filter', 'Rows removed by filter'],
  ['Rows Removed by Join Filter', 'Rows removed by join filter'],
  ['Sort Key', 'Sort key'],
  ['Sort Method', 'Sort method'],
  ['Group Key', 'Group key'],
  ['CTE Name', 'CTE'],
  ['Function Name', 'Function'],
  ['Subplan Name', 'Subplan'],
  ['Workers Planned', 'Workers planned'],
];

const show = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : String(v));

function toNode(raw: Json, analyzed: boolean): PlanNode {
  const type = typeof raw['Node Type'] === 'string' ? raw['Node Type'] : 'Plan node';
  const relationName = typeof raw['Relation Name'] === 'string' ? raw['Relation Name'] : undefined;
  const alias = typeof raw.Alias === 'string' ? raw.Alias : undefined;
  const schema = typeof raw.Schema === 'string' ? raw.Schema : undefined;
  const loops = num(raw['Actual Loops']);
  const perLoopMs = num(raw['Actual Total Time']);
  const children = Array.isArray(raw.Plans) ? raw.Plans.filter(isRecord).map((p) => toNode(p, analyzed)) : [];
  const node: PlanNode = {
    title: type,
    details: DETAIL_KEYS.filter(([k]) => raw[k] !== undefined).map(([k, label]) => `${label}: ${show(raw[k])}`),
    children,
    warnings: [],
  };
  if (relationName) {
    node.relation = schema ? `${schema}.${relationName}` : relationName;
    if (alias && alias !== relationName) node.details.unshift(`Alias: ${alias}`);
  }
  const estimated = num(raw['Plan Rows']);
  if (estimated !== undefined) node.estimatedRows = estimated;
  const cost = num(raw['Total Cost']);
  if (cost !== undefined) node.totalCost = cost;
  if (analyzed && raw['Actual Rows'] !== undefined) {
    const rows = num(raw['Actual Rows']);
    if (rows !== undefined) node.actualRows = rows;
    if (loops !== undefined) node.loops = loops;
    if (perLoopMs !== undefined) node.timeMs = perLoopMs * (loops ?? 1);
  }
  if (type === 'Seq Scan' || type === 'Parallel Seq Scan') node.fullScan = true;
  return node;
}

/** EXPLAIN's JSON value (the one row's one column, parsed or as text) -> the root node and the times. */
export function parsePostgresPlan(
  value: unknown,
  analyzed: boolean,
): { root: PlanNode; planningMs?: number; executionMs?: number } {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const top = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isRecord(top) || !isRecord(top.Plan)) throw new Error('PostgreSQL gave no plan (no "Plan" in its JSON).');
  const planningMs = num(top['Planning Time']);
  const executionMs = num(top['Execution Time']);
  return {
    root: toNode(top.Plan, analyzed),
    ...(planningMs !== undefined ? { planningMs } : {}),
    ...(executionMs !== undefined ? { executionMs } : {}),
  };
}
