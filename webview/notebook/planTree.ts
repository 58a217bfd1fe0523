// A query plan (shared/protocol/queryPlan.ts) drawn as a tree: one row per node with its label, figures and
// a bar for its share of the work; costly nodes in the warning colour with their reasons under them; nodes
// with children fold (<details>, open). Themed with --vscode-* variables only.
import { countWarnings, nodeFigures, nodeLabel, planHeading } from '../../src/shared/planText';
import type { PlanNode, QueryPlan } from '../../src/shared/protocol/queryPlan';

export const planCss = `
.pw-plan { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.pw-plan .pw-heading { color: var(--vscode-descriptionForeground); margin-bottom: 4px; }
.pw-plan ul { list-style: none; margin: 0; padding-left: 18px; border-left: 1px solid var(--vscode-tree-indentGuidesStroke, var(--vscode-panel-border, transparent)); }
.pw-plan > ul { padding-left: 0; border-left: none; }
.pw-plan summary, .pw-plan .pw-leaf { cursor: default; padding: 1px 0; }
.pw-plan .pw-leaf { padding-left: 14px; }
.pw-plan .pw-label { font-weight: 600; }
.pw-plan .pw-hot > summary .pw-label, .pw-plan .pw-hot > .pw-leaf .pw-label { color: var(--vscode-editorWarning-foreground); }
.pw-plan .pw-figures { color: var(--vscode-descriptionForeground); margin-left: 8px; }
.pw-plan .pw-bar { display: inline-block; height: 6px; margin-left: 8px; vertical-align: middle; background: var(--vscode-charts-orange, var(--vscode-editorWarning-foreground)); }
.pw-plan .pw-detail { color: var(--vscode-descriptionForeground); padding-left: 14px; white-space: pre-wrap; }
.pw-plan .pw-warning { color: var(--vscode-editorWarning-foreground); padding-left: 14px; }
.pw-plan .pw-warning::before { content: "⚠ "; }
.pw-plan .pw-summary { color: var(--vscode-descriptionForeground); margin-top: 4px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function nodeLine(node: PlanNode, plan: QueryPlan, container: HTMLElement): void {
  container.append(el('span', 'pw-label', nodeLabel(node)));
  const figures = nodeFigures(node, plan);
  if (figures.length) container.append(el('span', 'pw-figures', figures.join(' · ')));
  if (node.share !== undefined && node.share >= 0.01) {
    const bar = el('span', 'pw-bar');
    bar.style.width = `${Math.max(2, Math.round(node.share * 120))}px`;
    bar.title = `${Math.round(node.share * 100)}% of the plan`;
    container.append(bar);
  }
}

function nodeItem(node: PlanNode, plan: QueryPlan): HTMLLIElement {
  const li = el('li', node.warnings.length ? 'pw-hot' : undefined);
  const extras = [
    ...node.details.map((d) => el('div', 'pw-detail', d)),
    ...node.warnings.map((w) => el('div', 'pw-warning', w)),
  ];
  if (node.children.length === 0) {
    const leaf = el('div', 'pw-leaf');
    nodeLine(node, plan, leaf);
    li.append(leaf, ...extras);
    return li;
  }
  const details = el('details');
  details.open = true;
  const summary = el('summary');
  nodeLine(node, plan, summary);
  const list = el('ul');
  for (const c of node.children) list.append(nodeItem(c, plan));
  details.append(summary, ...extras, list);
  li.append(details);
  return li;
}

export function renderPlan(plan: QueryPlan): HTMLElement {
  const root = el('div', 'pw-plan');
  root.append(el('style', undefined, planCss), el('div', 'pw-heading', planHeading(plan)));
  const list = el('ul');
  list.append(nodeItem(plan.root, plan));
  root.append(list);
  const warnings = countWarnings(plan.root);
  root.append(
    el(
      'div',
      'pw-summary',
      `${warnings ? `${warnings} costly spot(s) marked` : 'No costly spot found'} · ${Math.round(plan.durationMs)} ms`,
    ),
  );
  return root;
}
