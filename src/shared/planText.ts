// How a plan node reads, for the renderer's tree and the text/plain fallback alike: its label ("Seq Scan on
// users"), its figures ("cost 85.5 · 42% · ~3,000 rows · 3,000 rows × 1 loop · 0.67 ms") and the whole plan
// as an indented text tree with the warnings under their node.
import type { PlanNode, QueryPlan } from './protocol/queryPlan';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n)} ms`;

const named = (title: string, name: string) => title.split(/[^\w$.]+/).includes(name) || title.includes(`"${name}"`);

export function nodeLabel(node: PlanNode): string {
  return node.relation && !named(node.title, node.relation) ? `${node.title} on ${node.relation}` : node.title;
}

export function nodeFigures(node: PlanNode, plan: Pick<QueryPlan, 'unit'>): string[] {
  const out: string[] = [];
  if (node.totalCost !== undefined && plan.unit === 'cost') out.push(`cost ${node.totalCost.toFixed(2)}`);
  if (node.share !== undefined && node.share >= 0.005) out.push(`${Math.round(node.share * 100)}%`);
  if (node.estimatedRows !== undefined) out.push(`~${int(node.estimatedRows)} rows`);
  if (node.actualRows !== undefined)
    out.push(
      `${int(node.actualRows)} rows${node.loops !== undefined && node.loops !== 1 ? ` × ${int(node.loops)} loops` : ''}`,
    );
  if (node.timeMs !== undefined) out.push(ms(node.timeMs));
  if (node.tableRows !== undefined) out.push(`table ${int(node.tableRows)} rows`);
  return out;
}

/** "Plan (PostgreSQL, estimated) in 4 ms" plus planning and execution times when measured. */
export function planHeading(plan: QueryPlan): string {
  const db = plan.provider === 'postgresql' ? 'PostgreSQL' : plan.provider === 'mysql' ? 'MySQL/MariaDB' : 'SQLite';
  const how = plan.analyzed ? 'measured: the statement ran read-only and was rolled back' : 'estimated, not run';
  const times = [
    plan.planningMs !== undefined ? `planning ${ms(plan.planningMs)}` : '',
    plan.executionMs !== undefined ? `execution ${ms(plan.executionMs)}` : '',
  ].filter(Boolean);
  return `Query plan (${db}, ${how})${times.length ? `: ${times.join(', ')}` : ''}`;
}

export function countWarnings(node: PlanNode): number {
  return node.warnings.length + node.children.reduce((s, c) => s + countWarnings(c), 0);
}

/** The plan as text: one line per node, indented, its warnings under it marked with "!". */
export function planText(plan: QueryPlan): string {
  const lines = [planHeading(plan)];
  const visit = (node: PlanNode, prefix: string, last: boolean, top: boolean) => {
    const branch = top ? '' : last ? '└─ ' : '├─ ';
    const figures = nodeFigures(node, plan);
    lines.push(`${prefix}${branch}${nodeLabel(node)}${figures.length ? `  (${figures.join(' · ')})` : ''}`);
    const inner = top ? prefix : prefix + (last ? '   ' : '│  ');
    const pad = inner + (node.children.length ? '│  ' : '   ');
    for (const d of node.details) lines.push(`${pad}${d}`);
    for (const w of node.warnings) lines.push(`${pad}! ${w}`);
    node.children.forEach((c, i) => visit(c, inner, i === node.children.length - 1, false));
  };
  visit(plan.root, '', true, true);
  const warnings = countWarnings(plan.root);
  lines.push(warnings ? `${warnings} costly spot(s) marked with "!"` : 'No costly spot found.');
  return lines.join('\n');
}
