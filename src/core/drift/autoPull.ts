// Auto-pull for introspection-only projects (another tool migrates, Prisma only introspects): when watch
// mode sees the database change and the schema now differs from it, the database is pulled into the
// schema. Never silently over the user's work: not with unsaved changes, not when our normalised copy of
// the schema differs from the file (a Prisma 5/6 url line the pull would lose), not twice for one state.
import type { DriftReport } from './check';

/** The reason the drift controller gives a check started by watch mode's fingerprint change. */
export const WATCH_REASON = 'database changed';

export interface AutoPullInputs {
  readonly enabled: boolean;
  /** Why the check ran: only a watch-mode database change pulls. */
  readonly reason: string;
  readonly report: DriftReport | undefined;
  /** Schema files with unsaved changes in an editor. */
  readonly dirtyFiles: readonly string[];
  /** False when the copy the engine introspects differs from the files (url lines removed, preview features dropped). */
  readonly normalizedUnchanged: boolean;
}

export type AutoPullDecision =
  | { readonly pull: true }
  /** `tell`: the user would expect a pull and should hear why there was none. */
  | { readonly pull: false; readonly why: string; readonly tell: boolean };

export function autoPullDecision(i: AutoPullInputs): AutoPullDecision {
  const no = (why: string, tell = false): AutoPullDecision => ({ pull: false, why, tell });
  if (!i.enabled) return no('auto-pull is off');
  if (i.reason !== WATCH_REASON) return no('only a database change seen by watch mode pulls');
  const r = i.report;
  if (!r || r.error) return no('the check did not complete');
  if (!r.comparisons.includes('schemaDatabase')) return no('the project has migrations: pulling would bypass them');
  if (!r.findings.some((f) => f.comparison === 'schemaDatabase')) return no('the schema matches the database');
  if (i.dirtyFiles.length) return no(`${i.dirtyFiles.length === 1 ? 'the schema file has' : `${i.dirtyFiles.length} schema files have`} unsaved changes`, true);
  if (!i.normalizedUnchanged) return no('the schema has settings a pull would drop (a datasource url or preview features this engine does not know)', true);
  return { pull: true };
}

/** Lines that differ between two versions of a file (a rough size of the change, for the notification). */
export function changedLines(before: string, after: string): number {
  const a = before.split('\n');
  const b = after.split('\n');
  const count = new Map<string, number>();
  for (const l of a) count.set(l, (count.get(l) ?? 0) + 1);
  let common = 0;
  for (const l of b) {
    const n = count.get(l) ?? 0;
    if (n > 0) {
      common++;
      count.set(l, n - 1);
    }
  }
  return a.length - common + (b.length - common);
}
