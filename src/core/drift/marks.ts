// What the trees show of a drift check: which models / views / enums have findings (by file and block
// name, so a multi-file schema marks the right one), which migrations are pending / failed / edited, and
// the counts the views' badges carry. Pure: the Models view stays as fast as its bench wants.
import type { DriftReport } from './check';

export type MigrationMark = 'pending' | 'failed' | 'edited';

export interface DriftMarks {
  /** `blockKey(file, block)` → the findings' messages on that block. */
  readonly blocks: ReadonlyMap<string, readonly string[]>;
  /** Migration folder name → its mark. */
  readonly migrations: ReadonlyMap<string, MigrationMark>;
  /** Findings of every comparison (the Models view's badge). */
  readonly findings: number;
  /** Pending + failed + edited + missing migrations + drift findings (the Migrations view's badge). */
  readonly migrationProblems: number;
  readonly pending: number;
  readonly drift: number;
}

export const blockKey = (file: string, block: string): string => `${file}\n${block}`;

export const NO_MARKS: DriftMarks = {
  blocks: new Map(),
  migrations: new Map(),
  findings: 0,
  migrationProblems: 0,
  pending: 0,
  drift: 0,
};

export function driftMarks(report: DriftReport | undefined): DriftMarks {
  if (!report || report.error) return NO_MARKS;
  const blocks = new Map<string, string[]>();
  for (const f of report.findings) {
    if (!f.spot.block) continue;
    const key = blockKey(f.spot.file, f.spot.block);
    blocks.set(key, [...(blocks.get(key) ?? []), f.message]);
  }
  const migrations = new Map<string, MigrationMark>();
  for (const name of report.pending) migrations.set(name, 'pending');
  for (const name of report.edited) migrations.set(name, 'edited');
  for (const name of report.failed) migrations.set(name, 'failed');
  const drift = report.findings.filter((f) => f.comparison === 'migrationsDatabase').length;
  return {
    blocks,
    migrations,
    findings: report.findings.length,
    migrationProblems:
      report.pending.length + report.failed.length + report.edited.length + report.missingLocally.length + drift,
    pending: report.pending.length,
    drift,
  };
}

/** The Migrations view's badge tooltip, e.g. "3 migrations pending · 1 change made outside the migrations". */
export function migrationsBadgeTooltip(marks: readonly DriftMarks[]): string {
  const sum = (k: 'pending' | 'drift') => marks.reduce((n, m) => n + m[k], 0);
  const others = marks.reduce((n, m) => n + m.migrationProblems - m.pending - m.drift, 0);
  const parts = [
    sum('pending') ? `${sum('pending')} migration${sum('pending') === 1 ? '' : 's'} pending` : '',
    sum('drift')
      ? `${sum('drift')} change${sum('drift') === 1 ? '' : 's'} made to the database outside the migrations`
      : '',
    others ? `${others} failed, edited or missing migration${others === 1 ? '' : 's'}` : '',
  ];
  return `Drift check: ${parts.filter(Boolean).join(' · ')}`;
}

/** The Models view's badge tooltip. */
export function modelsBadgeTooltip(marks: readonly DriftMarks[]): string {
  const n = marks.reduce((sum, m) => sum + m.findings, 0);
  return `Drift check: ${n} difference${n === 1 ? '' : 's'} between schema, migrations and database (see the Problems panel)`;
}
