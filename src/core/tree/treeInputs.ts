import type { SchemaTreeInput } from './modelsTree';

/** What one root of the Models view is built from: its tree input and the text its document was parsed from. */
export interface RootInput {
  tree: SchemaTreeInput;
  /** The schema's file paths and contents, in order: the same text parses to the same document. */
  files: readonly { path: string; content: string }[];
}

/**
 * True when two lists of roots would build the same Models view. A rebuild that changes nothing fires no
 * event: VS Code forgets every row of a refreshed tree until the window asks for it again, and a click on an
 * inline action in that gap reaches its command without the row.
 */
export function sameRootInputs(a: readonly RootInput[], b: readonly RootInput[]): boolean {
  return a.length === b.length && a.every((x, i) => sameRoot(x, b[i]));
}

function sameRoot(a: RootInput, b: RootInput): boolean {
  const { doc: _a, problems: pa, ...ta } = a.tree;
  const { doc: _b, problems: pb, ...tb } = b.tree;
  return (
    JSON.stringify(ta) === JSON.stringify(tb) &&
    JSON.stringify(pa) === JSON.stringify(pb) &&
    a.files.length === b.files.length &&
    a.files.every((f, i) => f.path === b.files[i].path && f.content === b.files[i].content)
  );
}
