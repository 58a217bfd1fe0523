// Pending changes: edited cells, new rows and rows marked for deletion, kept until Save (or undone).
// Save sends each edited row with the values it was read with, so the host can refuse lost updates.
import type { ModelMeta, RowKey, WireRow, WireValue } from '../../src/shared/protocol/model';
import type { SaveRequest } from '../../src/shared/protocol/messages';

type Action =
  | { kind: 'edit'; rowId: string; column: string; before: WireValue | undefined; hadBefore: boolean }
  | { kind: 'insert'; index: number }
  | { kind: 'delete'; rowId: string };

export function keyOf(model: ModelMeta, row: WireRow): RowKey {
  return Object.fromEntries(model.primaryKey.map((k) => [k, row[k] ?? null]));
}

export function rowIdOf(model: ModelMeta, row: WireRow): string {
  return JSON.stringify(model.primaryKey.map((k) => row[k] ?? null));
}

export class PendingChanges {
  readonly edits = new Map<string, { original: WireRow; changes: WireRow }>();
  readonly inserts: WireRow[] = [];
  readonly deletes = new Map<string, WireRow>();
  private readonly undoStack: Action[] = [];

  constructor(private readonly model: ModelMeta) {}

  get count(): number {
    return (
      [...this.edits.values()].reduce((n, e) => n + Object.keys(e.changes).length, 0) +
      this.inserts.length +
      this.deletes.size
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
    const id = rowIdOf(this.model, row);
    let e = this.edits.get(id);
    if (!e) {
      e = { original: { ...row }, changes: {} };
      this.edits.set(id, e);
    }
    const hadBefore = column in e.changes;
    this.undoStack.push({ kind: 'edit', rowId: id, column, before: e.changes[column], hadBefore });
    if (value === (row[column] ?? null)) delete e.changes[column];
    else e.changes[column] = value;
    if (Object.keys(e.changes).length === 0) this.edits.delete(id);
  }

  insert(defaults: WireRow): number {
    this.inserts.push({ ...defaults });
    this.undoStack.push({ kind: 'insert', index: this.inserts.length - 1 });
    return this.inserts.length - 1;
  }

  editInsert(index: number, column: string, value: WireValue): void {
    const row = this.inserts[index];
    if (row) row[column] = value;
  }

  toggleDelete(row: WireRow): void {
    const id = rowIdOf(this.model, row);
    if (this.deletes.has(id)) this.deletes.delete(id);
    else {
      this.deletes.set(id, { ...row });
      this.undoStack.push({ kind: 'delete', rowId: id });
    }
  }

  undo(): boolean {
    const a = this.undoStack.pop();
    if (!a) return false;
    if (a.kind === 'edit') {
      let e = this.edits.get(a.rowId);
      if (!e && a.hadBefore) return true;
      if (!e) return true;
      if (a.hadBefore) e.changes[a.column] = a.before ?? null;
      else delete e.changes[a.column];
      if (Object.keys(e.changes).length === 0) this.edits.delete(a.rowId);
      e = undefined;
    } else if (a.kind === 'insert') {
      this.inserts.splice(a.index, 1);
    } else {
      this.deletes.delete(a.rowId);
    }
    return true;
  }

  clear(): void {
    this.edits.clear();
    this.inserts.length = 0;
    this.deletes.clear();
    this.undoStack.length = 0;
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
    };
  }
}
