// The relationship diagram front end: draws the boxes and routes the host laid out (SVG), pans (drag) and
// zooms (wheel, buttons, fit), searches, focuses a model and its neighbours, reveals a clicked model or
// field through the host, and exports SVG/PNG (saved by the host). Plain DOM, no framework.
import type {
  DiagramEdgeView,
  DiagramHostMessage,
  DiagramNodeView,
  DiagramView,
  DiagramViewState,
  DiagramWebviewMessage,
  ViewTransform,
} from '../../src/shared/protocol/diagram';
import { standaloneSvg, svgToPngBase64 } from './exportImage';
import { endLabelPosition, focusSet, matchModels, routePath, showCardinality } from './search';
import { centerOn, fit, panBy, union, zoomAt } from './viewport';
import './diagram.css';
import { el } from '../shared/dom';

interface VsCodeApi {
  postMessage(message: DiagramWebviewMessage): void;
  getState(): unknown;
  setState(state: DiagramViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const send = (m: DiagramWebviewMessage) => vscode.postMessage(m);
const SVG = 'http://www.w3.org/2000/svg';

interface State {
  schemaId: string;
  diagram: DiagramView | undefined;
  transform: ViewTransform;
  selected?: string;
  focus?: string;
  search: string;
  matches: string[];
  matchIndex: number;
}

const saved = readSaved(vscode.getState());
const st: State = {
  schemaId: saved?.schemaId ?? '',
  diagram: undefined,
  transform: saved?.transform ?? { x: 0, y: 0, k: 1 },
  search: saved?.search ?? '',
  matches: [],
  matchIndex: -1,
};
if (saved?.focus) st.focus = saved.focus;
if (saved?.selected) st.selected = saved.selected;

function readSaved(raw: unknown): DiagramViewState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Partial<DiagramViewState>;
  if (typeof s.schemaId !== 'string') return undefined;
  const t = s.transform;
  const okT = t && [t.x, t.y, t.k].every((n) => typeof n === 'number' && Number.isFinite(n)) && t.k > 0;
  return {
    schemaId: s.schemaId,
    ...(okT ? { transform: t } : {}),
    ...(typeof s.focus === 'string' ? { focus: s.focus } : {}),
    ...(typeof s.selected === 'string' ? { selected: s.selected } : {}),
    ...(typeof s.search === 'string' ? { search: s.search } : {}),
  };
}

// ---- DOM helpers ----
function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
function button(id: string, iconName: string, title: string, onClick: () => void, label = ''): HTMLButtonElement {
  const b = el(
    'button',
    { class: 'tb', id, title, 'aria-label': title },
    el('span', { class: `codicon codicon-${iconName}`, 'aria-hidden': 'true' }),
    ...(label ? [el('span', {}, label)] : []),
  );
  b.addEventListener('click', onClick);
  return b;
}

// ---- layout of the page ----
const app = document.getElementById('app')!;
const search = el('input', {
  type: 'search',
  id: 'diagram-search',
  placeholder: 'Find a model (Enter: next)',
  'aria-label': 'Find a model',
  spellcheck: 'false',
});
const searchCount = el('span', { class: 'muted', id: 'search-count' });
const zoomLabel = el('span', { class: 'muted zoom', id: 'zoom-level' }, '100%');
const focusButton = button(
  'focus',
  'target',
  'Focus on the selected model and its neighbours (F)',
  () => toggleFocus(),
  'Focus',
);
const clearFocusButton = button('clear-focus', 'close', 'Show every model (Esc)', () => setFocus(undefined));
const title = el('span', { class: 'title', id: 'diagram-title' });
const toolbar = el(
  'div',
  { class: 'toolbar', role: 'toolbar' },
  search,
  searchCount,
  el('span', { class: 'sep' }),
  button('zoom-out', 'zoom-out', 'Zoom out (-)', () => zoomCentered(1 / 1.25)),
  zoomLabel,
  button('zoom-in', 'zoom-in', 'Zoom in (+)', () => zoomCentered(1.25)),
  button('fit', 'screen-full', 'Fit the diagram in the window (0)', () => fitAll()),
  el('span', { class: 'sep' }),
  focusButton,
  clearFocusButton,
  el('span', { class: 'sep' }),
  button('export-svg', 'file-media', 'Export the diagram as SVG', () => void exportAs('svg'), 'SVG'),
  button('export-png', 'device-camera', 'Export the diagram as PNG', () => void exportAs('png'), 'PNG'),
  el('span', { class: 'spacer' }),
  title,
);
const canvas = el('div', {
  class: 'canvas',
  id: 'canvas',
  tabindex: '0',
  'aria-label': 'Relationship diagram: drag to pan, wheel to zoom',
});
const svg = svgEl('svg', { id: 'diagram', role: 'img' });
const viewport = svgEl('g', { id: 'viewport' });
const edgeLayer = svgEl('g', { class: 'edges' });
const nodeLayer = svgEl('g', { class: 'nodes' });
viewport.append(edgeLayer, nodeLayer);
svg.append(viewport);
const empty = el('div', { class: 'empty', id: 'empty', hidden: '' });
canvas.append(svg, empty);
const status = el('div', { class: 'status', id: 'status', role: 'status', 'aria-live': 'polite' });
app.append(toolbar, canvas, status);

let nodeEls = new Map<string, SVGGElement>();
/** Until the user pans or zooms, a resized window fits the diagram again. */
let autoFit = !saved?.transform;
let edgeEls = new Map<string, SVGGElement>();

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.classList.toggle('error', kind === 'error');
}

function persist(): void {
  vscode.setState({
    schemaId: st.schemaId,
    transform: st.transform,
    ...(st.focus ? { focus: st.focus } : {}),
    ...(st.selected ? { selected: st.selected } : {}),
    ...(st.search ? { search: st.search } : {}),
  });
}
let persistTimer: ReturnType<typeof setTimeout> | undefined;
const persistSoon = () => {
  if (persistTimer) clearTimeout(persistTimer);
  persistTimer = setTimeout(persist, 200);
};

// ---- drawing ----
function drawNode(n: DiagramNodeView, m: DiagramView['metrics']): SVGGElement {
  const g = svgEl('g', { class: `node ${n.kind}`, 'data-model': n.id, transform: `translate(${n.x},${n.y})` });
  const tip = `${n.kind} ${n.name}${n.table ? ` (table ${n.table})` : ''}${n.documentation ? `\n${n.documentation}` : ''}\nClick: go to the definition · double-click: focus`;
  g.append(svgEl('title', {}, tip));
  g.append(svgEl('rect', { class: 'box', width: n.width, height: n.height, rx: 4 }));
  const header = svgEl('g', { class: 'header' });
  header.append(svgEl('rect', { class: 'header-bg', width: n.width, height: m.headerHeight, rx: 4 }));
  header.append(
    svgEl('rect', { class: 'header-bg', y: m.headerHeight / 2, width: n.width, height: m.headerHeight / 2 }),
  );
  header.append(svgEl('text', { class: 'name', x: m.padding, y: m.headerHeight / 2 }, n.name));
  if (n.kind === 'view')
    header.append(svgEl('text', { class: 'kind', x: n.width - m.padding, y: m.headerHeight / 2 }, 'view'));
  g.append(header);
  n.fields.forEach((f, i) => {
    const row = svgEl('g', {
      class: `field${f.isRelation ? ' relation' : ''}`,
      'data-field': f.name,
      transform: `translate(0,${m.headerHeight + 4 + i * m.rowHeight})`,
    });
    row.append(svgEl('rect', { class: 'row', width: n.width, height: m.rowHeight }));
    const cy = m.rowHeight / 2;
    const keys = [f.isId ? 'PK' : f.isUnique ? 'UQ' : '', f.isForeignKey ? 'FK' : ''];
    if (keys[0])
      row.append(svgEl('text', { class: `badge ${keys[0].toLowerCase()}`, x: m.padding - 4, y: cy }, keys[0]));
    if (keys[1]) row.append(svgEl('text', { class: 'badge fk', x: m.padding + 12, y: cy }, keys[1]));
    row.append(svgEl('text', { class: 'fname', x: m.padding + 30, y: cy }, f.name));
    row.append(
      svgEl(
        'text',
        { class: `ftype${f.isRelation ? ' relation' : f.isEnum ? ' enum' : ''}`, x: n.width - m.padding, y: cy },
        f.type,
      ),
    );
    const what = [
      f.isId && 'primary key',
      f.isUnique && !f.isId && 'unique',
      f.isForeignKey && 'foreign key',
      f.isRelation && 'relation',
      f.isEnum && 'enum',
    ]
      .filter(Boolean)
      .join(', ');
    row.append(svgEl('title', {}, `${n.name}.${f.name}: ${f.type}${what ? ` (${what})` : ''}`));
    g.append(row);
  });
  return g;
}

function drawEdge(e: DiagramEdgeView): SVGGElement {
  const g = svgEl('g', {
    class: `edge${e.source === e.target ? ' self' : ''}`,
    'data-edge': e.id,
    'data-source': e.source,
    'data-target': e.target,
  });
  const d = routePath(e.points);
  const ends = `${e.source}.${e.sourceField} ${showCardinality(e.sourceCardinality)} — ${showCardinality(e.targetCardinality)} ${e.target}${e.targetField ? `.${e.targetField}` : ''}`;
  g.append(svgEl('title', {}, `${e.name ? `${e.name}: ` : ''}${ends}`));
  g.append(svgEl('path', { class: 'hit', d }));
  g.append(svgEl('path', { class: 'line', d }));
  if (e.points.length) g.append(svgEl('circle', { class: 'end', cx: e.points[0].x, cy: e.points[0].y, r: 3 }));
  for (const end of ['source', 'target'] as const) {
    const p = endLabelPosition(e.points, end);
    g.append(
      svgEl(
        'text',
        { class: 'card', 'data-end': end, x: p.x, y: p.y, 'text-anchor': p.anchor },
        showCardinality(end === 'source' ? e.sourceCardinality : e.targetCardinality),
      ),
    );
  }
  return g;
}

function render(): void {
  const d = st.diagram;
  nodeLayer.replaceChildren();
  edgeLayer.replaceChildren();
  nodeEls = new Map();
  edgeEls = new Map();
  if (!d) return;
  for (const e of d.edges) {
    const g = drawEdge(e);
    edgeEls.set(e.id, g);
    edgeLayer.append(g);
  }
  for (const n of d.nodes) {
    const g = drawNode(n, d.metrics);
    nodeEls.set(n.id, g);
    nodeLayer.append(g);
  }
  svg.setAttribute('aria-label', `Relationship diagram: ${d.nodes.length} models, ${d.edges.length} relations`);
  applyClasses();
}

/** Selection, search matches and focus, as classes on what is drawn. */
function applyClasses(): void {
  const d = st.diagram;
  const lit = st.focus && d ? focusSet(d.edges, st.focus) : undefined;
  const matches = new Set(st.matches);
  for (const [id, g] of nodeEls) {
    g.classList.toggle('selected', id === st.selected);
    g.classList.toggle('match', matches.has(id));
    g.classList.toggle('current', st.matches[st.matchIndex] === id);
    g.classList.toggle('dimmed', !!lit && !lit.nodes.has(id));
  }
  for (const [id, g] of edgeEls) {
    const e = d?.edges.find((x) => x.id === id);
    g.classList.toggle('dimmed', !!lit && !lit.edges.has(id));
    g.classList.toggle('selected', !!e && (e.source === st.selected || e.target === st.selected));
  }
  focusButton.disabled = !st.selected && !st.focus;
  focusButton.classList.toggle('on', !!st.focus);
  focusButton.title = st.focus
    ? `Focused on ${st.focus} and its neighbours (F: focus the selected model)`
    : 'Focus on the selected model and its neighbours (F)';
  clearFocusButton.disabled = !st.focus;
  searchCount.textContent = st.search.trim()
    ? st.matches.length
      ? `${st.matchIndex + 1} of ${st.matches.length}`
      : 'no match'
    : '';
}

function applyTransform(): void {
  const t = st.transform;
  viewport.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
  zoomLabel.textContent = `${Math.round(t.k * 100)}%`;
  persistSoon();
}

const size = () => ({ w: canvas.clientWidth || 800, h: canvas.clientHeight || 600 });

function fitAll(): void {
  const d = st.diagram;
  if (!d) return;
  const { w, h } = size();
  st.transform = fit(union(d.nodes, 0), w, h);
  applyTransform();
}

function zoomCentered(factor: number): void {
  autoFit = false;
  const { w, h } = size();
  st.transform = zoomAt(st.transform, factor, w / 2, h / 2);
  applyTransform();
}

function centerOnModel(id: string): void {
  autoFit = false;
  const n = st.diagram?.nodes.find((x) => x.id === id);
  if (!n) return;
  const { w, h } = size();
  st.transform = centerOn(st.transform, n, w, h);
  applyTransform();
}

function select(id: string | undefined): void {
  st.selected = id;
  applyClasses();
  persistSoon();
}

function setFocus(id: string | undefined): void {
  st.focus = id;
  applyClasses();
  persistSoon();
  if (id && st.diagram) {
    const lit = focusSet(st.diagram.edges, id);
    const { w, h } = size();
    const t = fit(union(st.diagram.nodes.filter((n) => lit.nodes.has(n.id))), w, h, 48);
    st.transform = t;
    applyTransform();
    setStatus(`Focused on ${id}: ${lit.nodes.size - 1} related model(s). Esc shows every model.`);
  } else if (st.diagram) {
    setStatus(summary(st.diagram));
  }
}

function toggleFocus(): void {
  if (st.selected && st.focus !== st.selected) setFocus(st.selected);
  else setFocus(undefined);
}

function runSearch(jump: 1 | -1 | 0): void {
  st.search = search.value;
  const d = st.diagram;
  const before = st.matches[st.matchIndex];
  st.matches = d ? matchModels(d.nodes, st.search) : [];
  if (st.matches.length === 0) st.matchIndex = -1;
  else if (jump === 0) st.matchIndex = Math.max(0, st.matches.indexOf(before ?? ''));
  else st.matchIndex = (st.matchIndex + jump + st.matches.length) % st.matches.length;
  const current = st.matches[st.matchIndex];
  if (current && (jump !== 0 || current !== before)) {
    st.selected = current;
    centerOnModel(current);
  }
  applyClasses();
  persistSoon();
}

const summary = (d: DiagramView) =>
  `${d.nodes.length} model${d.nodes.length === 1 ? '' : 's'} · ${d.edges.length} relation${d.edges.length === 1 ? '' : 's'}`;

// ---- pointer: drag pans, click reveals, double-click focuses, wheel zooms ----
let drag: { id: number; x: number; y: number; moved: boolean; target: EventTarget | null } | undefined;
canvas.addEventListener('pointerdown', (ev) => {
  if (ev.button !== 0) return;
  drag = { id: ev.pointerId, x: ev.clientX, y: ev.clientY, moved: false, target: ev.target };
  canvas.setPointerCapture(ev.pointerId);
});
canvas.addEventListener('pointermove', (ev) => {
  if (!drag || ev.pointerId !== drag.id) return;
  const dx = ev.clientX - drag.x;
  const dy = ev.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  drag.moved = true;
  autoFit = false;
  canvas.classList.add('panning');
  st.transform = panBy(st.transform, dx, dy);
  drag.x = ev.clientX;
  drag.y = ev.clientY;
  applyTransform();
});
const endDrag = (ev: PointerEvent) => {
  if (!drag || ev.pointerId !== drag.id) return;
  const { moved, target } = drag;
  drag = undefined;
  canvas.classList.remove('panning');
  if (moved) return;
  const hit = target instanceof Element ? target : null;
  const node = hit?.closest<SVGGElement>('g.node');
  const model = node?.dataset.model;
  if (!model) {
    select(undefined);
    return;
  }
  const field = hit?.closest<SVGGElement>('g.field')?.dataset.field;
  select(model);
  send({ type: 'reveal', model, ...(field ? { field } : {}) });
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', (ev) => {
  if (drag?.id === ev.pointerId) {
    drag = undefined;
    canvas.classList.remove('panning');
  }
});
canvas.addEventListener('dblclick', (ev) => {
  const model = ev.target instanceof Element ? ev.target.closest<SVGGElement>('g.node')?.dataset.model : undefined;
  if (model) setFocus(st.focus === model ? undefined : model);
});
canvas.addEventListener(
  'wheel',
  (ev) => {
    ev.preventDefault();
    autoFit = false;
    const r = canvas.getBoundingClientRect();
    const delta = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
    st.transform = zoomAt(
      st.transform,
      Math.exp(-delta * (ev.ctrlKey ? 0.01 : 0.0015)),
      ev.clientX - r.left,
      ev.clientY - r.top,
    );
    applyTransform();
  },
  { passive: false },
);

// ---- keyboard ----
search.addEventListener('input', () => runSearch(0));
search.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter') {
    ev.preventDefault();
    runSearch(ev.shiftKey ? -1 : 1);
  }
  if (ev.key === 'Escape') {
    search.value = '';
    runSearch(0);
    canvas.focus();
  }
});
document.addEventListener('keydown', (ev) => {
  if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'f') {
    ev.preventDefault();
    search.focus();
    search.select();
    return;
  }
  if (ev.target instanceof HTMLInputElement) return;
  if (ev.key === '+' || ev.key === '=') zoomCentered(1.25);
  else if (ev.key === '-') zoomCentered(1 / 1.25);
  else if (ev.key === '0') fitAll();
  else if (ev.key === 'f' || ev.key === 'F') toggleFocus();
  else if (ev.key === 'Escape') {
    if (st.focus) setFocus(undefined);
    else select(undefined);
  } else if (ev.key === '/') {
    ev.preventDefault();
    search.focus();
  } else if (ev.key === 'Enter' && st.selected) send({ type: 'reveal', model: st.selected });
});

// ---- export ----
async function exportAs(format: 'svg' | 'png'): Promise<void> {
  const d = st.diagram;
  if (!d) return;
  try {
    setStatus(`Exporting ${format.toUpperCase()}…`);
    const background =
      getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() ||
      getComputedStyle(document.body).backgroundColor;
    const text = standaloneSvg(svg, viewport, d.width, d.height, background);
    send({ type: 'export', format, data: format === 'svg' ? text : await svgToPngBase64(text, d.width, d.height) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    setStatus(`Export failed: ${message}`, 'error');
    send({ type: 'problem', message: `export ${format}: ${message}` });
  }
}

// ---- messages from the host ----
window.addEventListener('message', (ev: MessageEvent<DiagramHostMessage>) => {
  const m = ev.data;
  switch (m.type) {
    case 'graph': {
      const first = !st.diagram;
      st.schemaId = m.schemaId;
      st.diagram = m.diagram;
      title.textContent = m.title;
      title.title = m.title;
      empty.hidden = true;
      svg.removeAttribute('hidden');
      const ids = new Set(m.diagram.nodes.map((n) => n.id));
      if (st.selected && !ids.has(st.selected)) st.selected = undefined;
      if (st.focus && !ids.has(st.focus)) st.focus = undefined;
      render();
      if (first) {
        search.value = st.search;
        if (saved?.transform && m.reason === 'init' && saved.schemaId === m.schemaId) applyTransform();
        else fitAll();
      }
      runSearch(0);
      setStatus(
        `${m.notice ? `${m.notice} · ` : ''}${summary(m.diagram)}${m.reason === 'update' ? ' · updated' : ''} · laid out in ${m.layoutMs} ms`,
      );
      persist();
      return;
    }
    case 'empty':
      st.schemaId = m.schemaId;
      st.diagram = undefined;
      render();
      title.textContent = m.title;
      empty.textContent = m.message;
      empty.hidden = false;
      svg.setAttribute('hidden', '');
      setStatus(m.message);
      persist();
      return;
    case 'exported':
      setStatus(`Saved ${m.format.toUpperCase()}: ${m.file}`);
      return;
    case 'error':
      setStatus(m.message, 'error');
      return;
  }
});
new ResizeObserver(() => {
  if (st.diagram && autoFit && !st.focus) fitAll();
}).observe(canvas);

send({ type: 'ready' });
