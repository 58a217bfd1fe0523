// Pending changes: edited cells, new rows and rows marked for deletion, kept until Save (or undone: each
// user action, a typed edit or a whole paste, is one step of undo and redo).
// Save sends each edited row with the values it was read with, so the host can refuse lost updates.
import type { ModelMeta, RowKey, WireRow, WireValue } from '../../src/shared/protocol/model';
import type { LinkChange, SaveRequest } from '../../src/shared/protocol/messages';
import { UndoStack } from './undoStack';

/** A cell's pending state: `has` false means no pending value (the row's own shows). */
type CellState = { has: boolean; value: WireValue };
type Action =
  | { kind: 'edit'; rowId: string; original: WireRow; column: string; before: CellState; after: CellState }
  | { kind: 'insert'; index: number; row: WireRow }
  | { kind: 'delete'; rowId: string; row: WireRow; deleted: boolean }
  | { kind: 'link'; change: LinkChange };

export function keyOf(model: ModelMeta, row: WireRow): RowKey {
  return Object.fromEntries(model.primaryKey.map((k) => [k, row[k] ?? null]));
}

export function rowIdOf(model: ModelMeta, row: WireRow): string {
  return JSON.stringify(model.primaryKey.map((k) => row[k] ?? null));
}

/**
 * Whether edits staged for `before` still mean the same after the model was read again as `after` (a schema
 * change elsewhere): the same columns, types, keys and relations, compared whole.
 */
export function keepsStagedEdits(before: ModelMeta, after: ModelMeta): boolean {
  return JSON.stringify(before) === JSON.stringify(after);
}

export class PendingChanges {
  readonly edits = new Map<string, { original: WireRow; changes: WireRow }>();
  readonly inserts: WireRow[] = [];
  readonly deletes = new Map<string, WireRow>();
  /** Rows of list relations to connect or disconnect, in the order chosen. */
  readonly links: LinkChange[] = [];
  private readonly history = new UndoStack<Action[]>();

  constructor(private readonly model: ModelMeta) {}

  get count(): number {
    return (
      [...this.edits.values()].reduce((n, e) => n + Object.keys(e.changes).length, 0) +
      this.inserts.length +
      this.deletes.size +
      this.links.length
    );
  }

  /** The value to show for a cell: the pending one if edited. */
  value(row: WireRow, column: string): WireValue {
    const e = this.edits.get(rowIdOf(this.model, row));
    return e && column in e.changes ? e.changes[column] : (row[column] ?? null);
  }

  isEdited(row: WireRow, column: string): boolean {
    const e = this.edits.get(rowIdOf(this.model, row));
    return !!e && column in e.changes;
  }

  isDeleted(row: WireRow): boolean {
    return this.deletes.has(rowIdOf(this.model, row));
  }

  edit(row: WireRow, column: string, value: WireValue): void {
    this.editMany([{ row, column, value }]);
  }

  /** Several cells edited, and rows added, by one action (a paste, a fill down): one step to undo. */
  editMany(cells: { row: WireRow; column: string; value: WireValue }[], newRows: WireRow[] = []): void {
    const step: Action[] = [];
    for (const { row, column, value } of cells) {
      const rowId = rowIdOf(this.model, row);
      const original = this.edits.get(rowId)?.original ?? { ...row };
      const after: CellState =
        value === (original[column] ?? null) ? { has: false, value: null } : { has: true, value };
      const action: Action = { kind: 'edit', rowId, original, column, before: this.cellState(rowId, column), after };
      this.setCell(action, after);
      step.push(action);
    }
    for (const row of newRows) {
      const action: Action = { kind: 'insert', index: this.inserts.length, row: { ...row } };
      this.apply(action, true);
      step.push(action);
    }
    if (step.length) this.history.push(step);
  }

  insert(defaults: WireRow): number {
    this.inserts.push({ ...defaults });
    const index = this.inserts.length - 1;
    this.history.push([{ kind: 'insert', index, row: this.inserts[index] }]);
    return index;
  }

  editInsert(index: number, column: string, value: WireValue): void {
    const row = this.inserts[index];
    if (row) row[column] = value;
  }

  toggleDelete(row: WireRow): void {
    const rowId = rowIdOf(this.model, row);
    const deleted = !this.deletes.has(rowId);
    const action: Action = { kind: 'delete', rowId, row: { ...row }, deleted };
    this.apply(action, true);
    this.history.push([action]);
  }

  /** Stages connecting (or disconnecting) a row of a list relation: one step to undo. */
  link(change: LinkChange): void {
    const action: Action = { kind: 'link', change };
    this.apply(action, true);
    this.history.push([action]);
  }

  /** The links staged for one row of the grid and one relation. */
  linksOf(row: WireRow, relation: string): LinkChange[] {
    const key = JSON.stringify(keyOf(this.model, row));
    return this.links.filter((l) => l.relation === relation && JSON.stringify(l.parent) === key);
  }

  /** Undoes the last step; false when there is none. */
  undo(): boolean {
    const step = this.history.undo();
    if (!step) return false;
    for (const a of [...step].reverse()) this.apply(a, false);
    return true;
  }

  /** Does again the last step undone; false when there is none. */
  redo(): boolean {
    const step = this.history.redo();
    if (!step) return false;
    for (const a of step) this.apply(a, true);
    return true;
  }

  private cellState(rowId: string, column: string): CellState {
    const e = this.edits.get(rowId);
    return e && column in e.changes ? { has: true, value: e.changes[column] } : { has: false, value: null };
  }

  private setCell(a: Extract<Action, { kind: 'edit' }>, state: CellState): void {
    let e = this.edits.get(a.rowId);
    if (!e) {
      if (!state.has) return;
      e = { original: a.original, changes: {} };
      this.edits.set(a.rowId, e);
    }
    if (state.has) e.changes[a.column] = state.value;
    else delete e.changes[a.column];
    if (Object.keys(e.changes).length === 0) this.edits.delete(a.rowId);
  }

  /** Applies an action forwards (`redo`) or backwards (`undo`). */
  private apply(a: Action, forward: boolean): void {
    if (a.kind === 'edit') this.setCell(a, forward ? a.after : a.before);
    else if (a.kind === 'insert') {
      if (forward) this.inserts.splice(a.index, 0, a.row);
      else this.inserts.splice(a.index, 1);
    } else if (a.kind === 'link') {
      if (forward) this.links.push(a.change);
      else this.links.splice(this.links.lastIndexOf(a.change), 1);
    } else if (a.deleted === forward) this.deletes.set(a.rowId, a.row);
    else this.deletes.delete(a.rowId);
  }

  clear(): void {
    this.edits.clear();
    this.inserts.length = 0;
    this.deletes.clear();
    this.links.length = 0;
    this.history.clear();
  }

  /** The request Save sends; inserts leave out columns the user did not fill (defaults apply). */
  toRequest(): SaveRequest {
    const strip = (row: WireRow): WireRow =>
      Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('@')));
    return {
      updates: [...this.edits.values()].map((e) => ({
        key: keyOf(this.model, e.original),
        original: strip(e.original),
        changes: e.changes,
      })),
      inserts: this.inserts.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
      deletes: [...this.deletes.values()].map((r) => ({ key: keyOf(this.model, r), original: strip(r) })),
      ...(this.links.length ? { links: [...this.links] } : {}),
    };
  }
}
