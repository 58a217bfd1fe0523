// Totals of the views the grid showed lately, by what decides a count (filters, search, soft-delete
// toggle; not the sort). Going back to one (a search cleared, a filter removed) shows its total at once
// while the host counts again, so the scrollbar spans the whole table from the first frame instead of
// growing when a count of a big table comes back (and a far scroll meanwhile is not clamped short).
export interface KnownTotal {
  readonly total: number;
  readonly estimated: boolean;
}

export class RecentTotals {
  private readonly totals = new Map<string, KnownTotal>();

  constructor(private readonly max = 20) {}

  get(key: string): KnownTotal | undefined {
    return this.totals.get(key);
  }

  /** Keeps the newest `max` views; a view seen again becomes the newest. */
  set(key: string, total: number, estimated: boolean): void {
    this.totals.delete(key);
    this.totals.set(key, { total, estimated });
    while (this.totals.size > this.max) this.totals.delete(this.totals.keys().next().value as string);
  }

  /** After a save or an import the counts of every view may be wrong. */
  clear(): void {
    this.totals.clear();
  }
}
