// Every message between the relationship diagram's host and its webview (no vscode, no DOM). The host
// owns the schema and the layout; the webview only draws what it is sent and says what the user did.
// The webview says `ready` first; the host then sends `graph`. The host validates everything the webview
// sends: `reveal` names a model (and field) of the graph the host sent, never a file or a position.
import { ValidationError, isPlainObject, literal, object, optional, str, type Validator } from './validate';
import { svgProblem } from './svgCheck';

/** How many of a model are at one end of a relation: exactly one, zero or one, many. */
export type Cardinality = '1' | '0..1' | 'n';

export interface DiagramPoint {
  x: number;
  y: number;
}

export interface DiagramFieldView {
  name: string;
  /** As written: `String?`, `Post[]`, `Role`. */
  type: string;
  isId: boolean;
  isUnique: boolean;
  isForeignKey: boolean;
  isRelation: boolean;
  isEnum: boolean;
}

/** A model or view box, placed by the host's layout (top-left corner and size, in diagram units). */
export interface DiagramNodeView {
  id: string;
  kind: 'model' | 'view';
  name: string;
  table?: string;
  documentation?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fields: DiagramFieldView[];
}

export interface DiagramEdgeView {
  id: string;
  /** The side holding the foreign key. */
  source: string;
  target: string;
  sourceField: string;
  targetField?: string;
  sourceCardinality: Cardinality;
  targetCardinality: Cardinality;
  name?: string;
  /** The route, from the source box's border to the target box's border. */
  points: DiagramPoint[];
}

/** What the webview draws with: the boxes are sized by the host with these numbers. */
export interface DiagramMetrics {
  headerHeight: number;
  rowHeight: number;
  padding: number;
  charWidth: number;
}

export interface DiagramView {
  nodes: DiagramNodeView[];
  edges: DiagramEdgeView[];
  width: number;
  height: number;
  metrics: DiagramMetrics;
}

/** Pan and zoom: a diagram point p is drawn at p * k + (x, y). */
export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

/** What the webview keeps with setState; the serializer reads `schemaId` back after a reload. */
export interface DiagramViewState {
  schemaId: string;
  transform?: ViewTransform;
  focus?: string;
  selected?: string;
  search?: string;
}

// ---- webview -> host ----
export type DiagramWebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; model: string; field?: string }
  /** SVG text, or PNG as base64 (no `data:` prefix); the host asks where to save it. */
  | { type: 'export'; format: 'svg' | 'png'; data: string }
  | { type: 'problem'; message: string };

// ---- host -> webview ----
export type DiagramHostMessage =
  | {
      type: 'graph';
      schemaId: string;
      title: string;
      reason: 'init' | 'update';
      diagram: DiagramView;
      layoutMs: number;
      /** Set when the schema is too big to lay out whole: which models are drawn and why. */
      notice?: string;
    }
  /** Nothing to draw: the schema is gone, cannot be read, or has no models. */
  | { type: 'empty'; schemaId: string; title: string; message: string }
  | { type: 'exported'; format: 'svg' | 'png'; file: string }
  | { type: 'error'; message: string };

const NAME = 200;
/** 40 MB: a 300-model diagram as PNG at 2x is a few MB. */
export const MAX_EXPORT_CHARS = 40_000_000;

const base64: Validator<string> = (v, p) => {
  const s = str(MAX_EXPORT_CHARS)(v, p);
  if (s.length === 0 || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s))
    throw new ValidationError(p, 'base64 data');
  return s;
};

const svgText: Validator<string> = (v, p) => {
  const s = str(MAX_EXPORT_CHARS)(v, p);
  if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(s) || !/<\/svg>\s*$/.test(s))
    throw new ValidationError(p, 'an SVG document');
  const problem = svgProblem(s);
  if (problem) throw new ValidationError(p, `an SVG of the diagram's own elements (found ${problem})`);
  return s;
};

const exportMessage: Validator<Extract<DiagramWebviewMessage, { type: 'export' }>> = (v, p) => {
  const format = isPlainObject(v) ? literal('svg', 'png')(v.format, 'format') : undefined;
  return object({ type: literal('export'), format: literal('svg', 'png'), data: format === 'png' ? base64 : svgText })(
    v,
    p,
  );
};

const validators: { [K in DiagramWebviewMessage['type']]: Validator<Extract<DiagramWebviewMessage, { type: K }>> } = {
  ready: object({ type: literal('ready') }),
  reveal: object({ type: literal('reveal'), model: str(NAME), field: optional(str(NAME)) }),
  export: exportMessage,
  problem: object({ type: literal('problem'), message: str(2000) }),
};

/** Checks a message from the diagram webview; throws a ValidationError saying what is wrong. */
export function parseDiagramMessage(raw: unknown): DiagramWebviewMessage {
  if (!isPlainObject(raw) || typeof raw.type !== 'string' || !Object.hasOwn(validators, raw.type)) {
    throw new ValidationError('type', `one of ${Object.keys(validators).join(', ')}`);
  }
  return validators[raw.type as DiagramWebviewMessage['type']](raw, '') as DiagramWebviewMessage;
}

const finite =
  (min: number, max: number): Validator<number> =>
  (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      throw new ValidationError(p, `a number in [${min}, ${max}]`);
    return v;
  };

const viewState: Validator<DiagramViewState> = (v, p) => {
  if (!isPlainObject(v)) throw new ValidationError(p, 'an object');
  return object({
    schemaId: str(4096),
    transform: optional(object({ x: finite(-1e7, 1e7), y: finite(-1e7, 1e7), k: finite(0.01, 20) })),
    focus: optional(str(NAME)),
    selected: optional(str(NAME)),
    search: optional(str(NAME)),
  })(v, p);
};

/** The state a restored panel comes back with (from the webview: not trusted); undefined when unusable. */
export function parseDiagramViewState(raw: unknown): DiagramViewState | undefined {
  try {
    return viewState(raw, 'state');
  } catch {
    return undefined;
  }
}

/** PNG files start with these 8 bytes. */
export const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
