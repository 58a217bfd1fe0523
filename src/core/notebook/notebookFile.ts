// The `.prisma-queries` file: plain JSON that reads and diffs well in a review. Each cell's source is an
// array of lines (one changed line in a query is one changed line in the diff, as in Jupyter files);
// a writing cell says so in its metadata (`"writes": true`). Outputs are never written: results hold
// data (perhaps from production) and change on every run, so a committed notebook stays clean and a
// rerun is one click away.

/** The `type` the file carries, and the notebook type in package.json. */
export const NOTEBOOK_TYPE = 'prisma-workbench-queries';
export const NOTEBOOK_FILE_VERSION = 1;

export type CellKind = 'code' | 'markdown';

export interface NotebookCellData {
  kind: CellKind;
  /** `sql` for query cells; `markdown` for text. */
  language: string;
  source: string;
  /** `writes: true`: the cell runs in a normal transaction instead of a read-only one. Other keys are kept. */
  metadata: Record<string, unknown>;
}

export interface NotebookData {
  /** The schema the notebook runs against (a path relative to the notebook), chosen once; other keys are kept. */
  metadata: Record<string, unknown>;
  cells: NotebookCellData[];
}

/** A file that is not a query notebook, with where and why in words. */
export class NotebookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookFormatError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first notebook a user gets from New Query Notebook. */
export function starterNotebook(): NotebookData {
  return { metadata: {}, cells: [{ kind: 'code', language: 'sql', source: 'SELECT 1;', metadata: {} }] };
}

/** Text -> lines without their `\n`; `"a\n"` keeps its last empty line so that it comes back the same. */
function toLines(source: string): string[] {
  return source.split('\n');
}

export function encodeNotebook(data: NotebookData): string {
  const file = {
    type: NOTEBOOK_TYPE,
    version: NOTEBOOK_FILE_VERSION,
    ...(Object.keys(data.metadata).length > 0 ? { metadata: data.metadata } : {}),
    cells: data.cells.map((c) => ({
      kind: c.kind,
      language: c.language,
      ...(Object.keys(c.metadata).length > 0 ? { metadata: c.metadata } : {}),
      source: toLines(c.source),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Where in the text a JSON parse error points, as "line L, column C". */
function position(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1])).split('\n');
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function decodeCell(raw: unknown, index: number): NotebookCellData {
  const where = `cell ${index + 1}`;
  if (typeof raw === 'string') return { kind: 'code', language: 'sql', source: raw, metadata: {} };
  if (!isRecord(raw)) throw new NotebookFormatError(`${where} is not an object with a "source".`);
  const src = raw.source ?? '';
  let source: string;
  if (typeof src === 'string') source = src;
  else if (Array.isArray(src) && src.every((l) => typeof l === 'string'))
    // hand-edited lines may keep their "\n" (Jupyter style): join them without doubling it
    source =
      src.every((l, i) => i === src.length - 1 || l.endsWith('\n')) && src.length > 1 ? src.join('') : src.join('\n');
  else throw new NotebookFormatError(`${where}: "source" must be a string or an array of lines (strings).`);
  const kind: CellKind = raw.kind === 'markdown' || raw.kind === 'markup' ? 'markdown' : 'code';
  const language =
    typeof raw.language === 'string' && raw.language ? raw.language : kind === 'markdown' ? 'markdown' : 'sql';
  const metadata = isRecord(raw.metadata) ? { ...raw.metadata } : {};
  // tolerated: `"writes": true` beside the source instead of in metadata
  if (raw.writes === true) metadata.writes = true;
  if ('writes' in metadata && metadata.writes !== true) delete metadata.writes;
  return { kind, language, source, metadata };
}

/** Text -> notebook. Empty text is an empty notebook; anything else that is not one is refused in words. */
export function decodeNotebook(text: string): NotebookData {
  if (text.trim() === '') return { metadata: {}, cells: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new NotebookFormatError(
      `This query notebook is not valid JSON${position(text, message)} (${message}). Fix it in a text editor (Reopen Editor With… > Text Editor).`,
    );
  }
  const cells = Array.isArray(raw) ? raw : isRecord(raw) ? raw.cells : undefined;
  if (cells === undefined && isRecord(raw) && Object.keys(raw).length === 0) return { metadata: {}, cells: [] };
  if (!Array.isArray(cells))
    throw new NotebookFormatError(
      'This file is not a query notebook: it needs a "cells" array ({"cells": [{"kind": "code", "language": "sql", "source": ["SELECT 1;"]}]}).',
    );
  if (isRecord(raw) && typeof raw.version === 'number' && raw.version > NOTEBOOK_FILE_VERSION)
    throw new NotebookFormatError(
      `This query notebook was written by a newer Prisma Workbench (file version ${raw.version}; this one reads ${NOTEBOOK_FILE_VERSION}). Update the extension to open it.`,
    );
  const metadata = isRecord(raw) && isRecord(raw.metadata) ? { ...raw.metadata } : {};
  return { metadata, cells: cells.map(decodeCell) };
}
