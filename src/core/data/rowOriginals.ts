// The rows the host sent to a grid, as it sent them: a save writes only where the database still holds
// these values. The webview's copy of a row is never taken as what was read (a webview can send anything);
// it only says which row. One store per grid panel (two tabs on one table each keep what they showed).
import type { ModelMeta, RowKey, WireRow } from '../../shared/protocol/model';

/** Rows kept per store: more than the webview holds (60 pages of 100) with room for pending edits. */
export const ORIGINALS_KEPT = 20_000;

export class RowOriginals {
  private readonly rows = new Map<string, WireRow>();

  constructor(private readonly max = ORIGINALS_KEPT) {}

  private id(model: ModelMeta, key: RowKey): string {
    return JSON.stringify([model.name, ...model.primaryKey.map((k) => key[k] ?? null)]);
  }

  /** Remembers rows as sent (the latest read of a row replaces an older one; the oldest go first). */
  remember(model: ModelMeta, rows: readonly WireRow[]): void {
    for (const row of rows) {
      const kept: WireRow = {};
      for (const c of model.columns) if (c.name in row) kept[c.name] = row[c.name];
      const id = this.id(model, row);
      this.rows.delete(id);
      this.rows.set(id, kept);
    }
    for (const oldest of this.rows.keys()) {
      if (this.rows.size <= this.max) break;
      this.rows.delete(oldest);
    }
  }

  /** The row with this key as last sent, if still kept. */
  get(model: ModelMeta, key: RowKey): WireRow | undefined {
    return this.rows.get(this.id(model, key));
  }

  get size(): number {
    return this.rows.size;
  }
}
