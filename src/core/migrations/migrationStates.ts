// Where each migration stands: local folders merged with the rows of `_prisma_migrations`, with the
// meaning Prisma gives them (migrate status / deploy): a row with finished_at is applied, one without
// finished_at nor rolled_back_at is failed, a rolled-back row is ignored by deploy (which applies the
// migration again), a checksum that differs means migration.sql was edited after it was applied.
import type { LocalMigration } from './localMigrations';

export type MigrationState = 'applied' | 'pending' | 'failed' | 'rolledBack' | 'edited' | 'missingLocally' | 'unknown';

/** One row of `_prisma_migrations`. Timestamps as ISO strings. */
export interface HistoryRow {
  readonly id: string;
  readonly migrationName: string;
  readonly checksum: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly rolledBackAt: string | null;
  readonly logs: string | null;
  readonly appliedStepsCount: number;
}

export interface MigrationEntry {
  readonly name: string;
  readonly state: MigrationState;
  /** The local folder; undefined for a migration only the database knows. */
  readonly local?: LocalMigration;
  /** The row that decided the state (the latest relevant one). */
  readonly row?: HistoryRow;
  /** When it was applied (finished_at), for applied and edited migrations. */
  readonly appliedAt?: string;
  /** The error Prisma recorded for a failed migration. */
  readonly error?: string;
}

/** `history === undefined`: the database could not be read, every local migration is `unknown`. */
export function computeStates(
  local: readonly LocalMigration[],
  history: readonly HistoryRow[] | undefined,
): MigrationEntry[] {
  if (history === undefined) return local.map((m) => ({ name: m.name, state: 'unknown', local: m }));
  const byName = new Map<string, HistoryRow[]>();
  for (const row of [...history].sort((a, b) => a.startedAt.localeCompare(b.startedAt))) {
    const rows = byName.get(row.migrationName) ?? [];
    rows.push(row);
    byName.set(row.migrationName, rows);
  }
  const entries: MigrationEntry[] = local.map((m) => entryFor(m.name, m, byName.get(m.name) ?? []));
  const localNames = new Set(local.map((m) => m.name));
  for (const [name, rows] of byName) {
    if (localNames.has(name)) continue;
    const live = rows.filter((r) => r.rolledBackAt === null);
    if (live.length === 0) continue; // rolled back and deleted: nothing left to show
    entries.push(entryFor(name, undefined, rows));
  }
  // newest last: Prisma's names start with a timestamp, so the name order is the history order
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

function entryFor(name: string, local: LocalMigration | undefined, rows: readonly HistoryRow[]): MigrationEntry {
  const live = rows.filter((r) => r.rolledBackAt === null);
  const row = live.at(-1);
  const base = local ? { name, local } : { name };
  if (!row) {
    const rolledBack = rows.at(-1);
    if (rolledBack) return { ...base, state: 'rolledBack', row: rolledBack };
    return { ...base, state: 'pending' };
  }
  if (row.finishedAt === null) {
    return {
      ...base,
      state: 'failed',
      row,
      error: row.logs?.trim() || 'Prisma recorded no error message for this migration.',
    };
  }
  if (!local) return { ...base, state: 'missingLocally', row, appliedAt: row.finishedAt };
  // Prisma accepts the script as written, CRLF as LF and LF as CRLF (see checksum.ts)
  const accepted = [local.checksum, local.checksumLf, local.checksumCrlf];
  const edited = local.checksum !== undefined && !accepted.includes(row.checksum);
  return { ...base, state: edited ? 'edited' : 'applied', row, appliedAt: row.finishedAt };
}

/** How many of each state, for the root's description. */
export function summarize(entries: readonly MigrationEntry[]): Partial<Record<MigrationState, number>> {
  const counts: Partial<Record<MigrationState, number>> = {};
  for (const e of entries) counts[e.state] = (counts[e.state] ?? 0) + 1;
  return counts;
}

/** Words for a state, as the view and the embedded `migrate status` say it. */
export const stateLabel: Record<MigrationState, string> = {
  applied: 'applied',
  pending: 'pending',
  failed: 'failed',
  rolledBack: 'rolled back',
  edited: 'edited after it was applied',
  missingLocally: 'in the database, missing locally',
  unknown: 'state unknown',
};
