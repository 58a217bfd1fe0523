// What the grid's parts share: the host connection, the shown model's state (`g.st`), the pending edits,
// the row cache and the requests in flight, and the column geometry every part draws with.
import type { Crumb, ViewQuery, WebviewMessage } from '../../src/shared/protocol/messages';
import type { ColumnMeta, ModelMeta } from '../../src/shared/protocol/model';
import { orderedColumns } from './columns';
import type { JsonPathSupport } from './filterEditors';
import type { PendingChanges } from './pending';
import { RowCache } from './rowCache';
import type { CellPos } from './selection';
import { el, icon } from '../shared/dom';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();
// marks the grid bench reads to see where the time to first rows goes (bench/grid/ours.ts)
performance.mark('grid: script runs');
export const send = (m: WebviewMessage) => vscode.postMessage(m);
export const ROW_HEIGHT = 24;
export const COUNT_COL = '@count.';
export const ROW_HEADER_WIDTH = 64;

export interface State {
  schemaId: string;
  model: ModelMeta;
  database: string;
  readOnly: boolean;
  readOnlyForced: boolean;
  query: ViewQuery;
  total: number | undefined;
  /** The total is the database's estimate (≈), not a count. */
  totalEstimated: boolean;
  widths: Record<string, number>;
  hidden: string[];
  /** Columns frozen at the left, in order. */
  pinned: string[];
  /** Breadcrumbs: the models this panel came from (the host keeps them; `navigate` names an index). */
  trail: Crumb[];
  jsonPath: JsonPathSupport;
  focus: { row: number; col: number };
  /** rows whose save conflicted / cells with errors: rowId -> message, `${rowId}\n${col}` -> message */
  conflicts: Map<string, string>;
  cellErrors: Map<string, string>;
}

/** The grid's mutable state, one object so every part reads and writes the same values. */
export const g: {
  st: State | undefined;
  pending: PendingChanges | undefined;
  /** A cell editor is open: the rows are not redrawn under it. */
  editing: boolean;
  /** An exact count asked for is on its way. */
  counting: boolean;
  /** The unpinned columns the rows drew last (`from:to`). */
  drawnSpan: string;
  /** The first rows reached the DOM (marked once for the bench). */
  firstRowsMarked: boolean;
  /** Where the selected range started (a drag, Shift+click, Shift+arrows); none: only the focused cell. */
  anchor: CellPos | undefined;
} = {
  st: undefined,
  pending: undefined,
  editing: false,
  counting: false,
  drawnSpan: '',
  firstRowsMarked: false,
  anchor: undefined,
};

export const cache = new RowCache();
let nextRequest = 1;
export const requests = new Map<
  number,
  { kind: 'rows' | 'count' | 'save' | 'pick' | 'copy'; generation: number; started: number; start?: number }
>();

/** A new request id, remembered with what it asks for and the view (cache generation) it is for. */
export function newRequest(kind: 'rows' | 'count' | 'save' | 'pick' | 'copy', start?: number): number {
  const requestId = nextRequest++;
  requests.set(requestId, {
    kind,
    generation: cache.generation,
    started: performance.now(),
    ...(start !== undefined ? { start } : {}),
  });
  return requestId;
}

export function button(
  label: string,
  iconName: string,
  title: string,
  onClick: () => void,
  id?: string,
): HTMLButtonElement {
  const b = el(
    'button',
    { class: 'tb', title, ...(id ? { id } : {}) },
    icon(iconName),
    label ? el('span', {}, label) : '',
  );
  b.addEventListener('click', onClick);
  return b;
}

export function columns(): ColumnMeta[] {
  return g.st ? orderedColumns(g.st.model.columns, { hidden: g.st.hidden, pinned: g.st.pinned }) : [];
}

/** The list relations shown as count columns: back relations (1-n) and implicit many-to-many (no foreign key). */
export function relationColumns(): {
  name: string;
  model: string;
  fields: string[];
  references: string[];
  required?: boolean;
}[] {
  if (!g.st) return [];
  return [
    ...g.st.model.backRelations.filter((r) => r.list),
    ...(g.st.model.manyToMany ?? []).map((r) => ({ name: r.name, model: r.model, fields: [], references: [] })),
  ];
}
export function width(name: string, c?: ColumnMeta): number {
  return g.st?.widths[name] ?? (c?.type === 'Json' || c?.type === 'String' ? 180 : c?.type === 'DateTime' ? 200 : 110);
}
