// Relation editing shared by the host and the webview (no vscode, no DOM): which cells are foreign keys,
// what a picked row sets, and the words that refuse clearing a required relation before anything is staged.
import type { ColumnMeta, ModelMeta, WireRow } from './model';

/** One row offered by the relation picker. */
export interface RelatedRow {
  /** The foreign-key values picking it sets on the edited row: FK column -> referenced value. */
  value: WireRow;
  /** The related row's key, shown first (`42`, `clx1…`). */
  id: string;
  /** A short text naming the row: its name, title, email or first unique text; '' when it has none. */
  label: string;
}

/** The relation a foreign-key column belongs to, with all its columns (a compound key has several). */
export interface RelationOf {
  /** The relation field (`organization`), the related model and the FK columns in reference order. */
  field: string;
  model: string;
  columns: ColumnMeta[];
  /** Every FK column is required: the relation cannot be cleared. */
  required: boolean;
}

export function relationOf(meta: ModelMeta, column: string): RelationOf | undefined {
  const ref = meta.columns.find((c) => c.name === column)?.references;
  if (!ref) return undefined;
  const columns = meta.columns.filter((c) => c.references?.relationField === ref.relationField);
  return { field: ref.relationField, model: ref.model, columns, required: columns.some((c) => !c.optional) };
}

/** Why the relation of `column` cannot be cleared, in words; undefined when it may be. */
export function clearRefusal(meta: ModelMeta, column: string): string | undefined {
  const r = relationOf(meta, column);
  if (!r || !r.required) return undefined;
  return `${meta.name}.${r.field} is required (every ${meta.name} row needs its ${r.model}): it cannot be cleared. Pick another ${r.model} instead.`;
}

/** The changes that clear the relation of `column` (every FK column to NULL). */
export function clearedValue(meta: ModelMeta, column: string): WireRow {
  return Object.fromEntries((relationOf(meta, column)?.columns ?? []).map((c) => [c.name, null]));
}
