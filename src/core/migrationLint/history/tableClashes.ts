// Two migrations that touch the same table in ways that cannot both hold. Two checks:
// - in order: replaying the folder, a migration that uses a table or column an earlier one dropped or
//   renamed, or adds one an earlier one already added (it fails when applied);
// - written apart (one did not know the other: another branch, see historyConflicts.ts): both change the
//   same column, one drops or renames a table the other changes, both create a table, or a SQLite rebuild
//   of a table the other changed (the rebuild copies only the columns it knew).
import type { Touch } from './touches';

export interface Clash {
  /** The migration the clash is reported on, and the statement there. */
  readonly on: string;
  readonly other: string;
  readonly start: number;
  readonly end: number;
  /** The other migration's statement (in-order clashes: the earlier statement the later one trips on). */
  readonly otherStart?: number;
  readonly otherEnd?: number;
  /**
   * What the two do, in plain words: `both add column "email" to "User"`. In-order clashes name the two as
   * `{earlier}` and `{later}` (see clashText), to be read from either side.
   */
  readonly what: string;
  /** true: applied in this order the second fails; false: both apply, but one undoes the other's change. */
  readonly fails: boolean;
}

const COLUMN_CHANGES: ReadonlySet<Touch['kind']> = new Set(['addColumn', 'dropColumn', 'alterColumn', 'renameColumn']);
const q = (s: string) => `"${s}"`;

type TableEvent = { by: string; event: 'created' | 'dropped' | 'renamed'; to?: string; start: number; end: number };
type ColumnEvent = { by: string; event: 'added' | 'dropped' | 'renamed'; to?: string; start: number; end: number };

/**
 * Replays the migrations (sorted) and reports each statement that cannot apply after an earlier migration,
 * on the later one (where the failing statement is), for the pairs `concerns(earlier, later)` accepts.
 */
export function clashesInOrder(
  migrations: readonly { name: string; touches: readonly Touch[] }[],
  concerns: (a: string, b: string) => boolean,
): Clash[] {
  const tables = new Map<string, TableEvent>();
  const columns = new Map<string, Map<string, ColumnEvent>>();
  const colsOf = (t: string) => {
    let m = columns.get(t);
    if (!m) columns.set(t, (m = new Map()));
    return m;
  };
  const out: Clash[] = [];
  const seen = new Set<string>();
  for (const m of migrations) {
    for (const t of m.touches) {
      const report = (before: { by: string; start: number; end: number }, what: string) => {
        const other = before.by;
        const key = `${other}\u0000${m.name}`;
        if (seen.has(key) || !concerns(other, m.name)) return;
        seen.add(key);
        out.push({
          on: m.name,
          other,
          start: t.start,
          end: t.end,
          otherStart: before.start,
          otherEnd: before.end,
          what,
          fails: true,
        });
      };
      const at = { start: t.start, end: t.end };
      const tableGone = tables.get(t.table);
      if (tableGone && tableGone.by !== m.name && tableGone.event !== 'created' && t.kind !== 'createTable') {
        report(
          tableGone,
          tableGone.event === 'dropped'
            ? `{earlier} drops table ${q(t.table)}, which {later} still changes`
            : `{earlier} renames table ${q(t.table)} to ${q(tableGone.to ?? '')}, and {later} still uses the old name`,
        );
        continue;
      }
      if (t.kind === 'createTable') {
        if (tableGone?.event === 'created' && tableGone.by !== m.name)
          report(tableGone, `both create table ${q(t.table)}`);
        tables.set(t.table, { by: m.name, event: 'created', ...at });
        columns.delete(t.table);
        continue;
      }
      if (t.kind === 'dropTable') {
        tables.set(t.table, { by: m.name, event: 'dropped', ...at });
        continue;
      }
      if (t.kind === 'renameTable' && t.to) {
        tables.set(t.table, { by: m.name, event: 'renamed', to: t.to, ...at });
        tables.set(t.to, { by: m.name, event: 'created', ...at });
        columns.set(t.to, columns.get(t.table) ?? new Map());
        columns.delete(t.table);
        continue;
      }
      if (t.column === undefined) continue;
      const cols = colsOf(t.table);
      const before = cols.get(t.column);
      if (t.kind === 'addColumn') {
        if (before?.event === 'added' && before.by !== m.name)
          report(before, `both add column ${q(t.column)} to ${q(t.table)}`);
        cols.set(t.column, { by: m.name, event: 'added', ...at });
        continue;
      }
      if (before && before.event !== 'added' && before.by !== m.name) {
        report(
          before,
          before.event === 'dropped'
            ? `{earlier} drops column ${q(t.column)} of ${q(t.table)}, which {later} still uses`
            : `{earlier} renames column ${q(t.column)} of ${q(t.table)} to ${q(before.to ?? '')}, and {later} still uses the old name`,
        );
        continue;
      }
      if (t.kind === 'dropColumn') cols.set(t.column, { by: m.name, event: 'dropped', ...at });
      if (t.kind === 'renameColumn' && t.to) {
        cols.set(t.column, { by: m.name, event: 'renamed', to: t.to, ...at });
        cols.set(t.to, { by: m.name, event: 'added', ...at });
      }
    }
  }
  return out;
}

/** The first clash of two migrations written apart (`a` sorts before `b`), reported on `on`. */
export function clashApart(
  a: { name: string; touches: readonly Touch[]; tables?: ReadonlyMap<string, readonly Touch[]> },
  b: { name: string; touches: readonly Touch[]; tables?: ReadonlyMap<string, readonly Touch[]> },
  on: string,
): Clash | undefined {
  const mine = on === a.name ? a : b;
  const other = on === a.name ? b : a;
  const otherTables = other.tables ?? byTable(other.touches);
  for (const t of mine.touches) {
    for (const o of otherTables.get(t.table) ?? []) {
      const what = describe(t, o, other.name);
      if (what) return { on, other: other.name, start: t.start, end: t.end, what, fails: false };
    }
  }
  return undefined;
}

/** A migration's touches by table (clashApart looks up only the tables both touch). */
export function byTable(touches: readonly Touch[]): Map<string, Touch[]> {
  const out = new Map<string, Touch[]>();
  for (const t of touches) {
    const list = out.get(t.table);
    if (list) list.push(t);
    else out.set(t.table, [t]);
  }
  return out;
}

function describe(t: Touch, o: Touch, otherName: string): string | undefined {
  const table = q(t.table);
  if (t.kind === 'createTable' && o.kind === 'createTable') return `both create table ${table}`;
  if (o.kind === 'dropTable') return `${otherName} drops table ${table}, which this migration changes`;
  if (t.kind === 'dropTable') return `this migration drops table ${table}, which ${otherName} changes`;
  if (o.kind === 'renameTable') return `${otherName} renames table ${table} to ${q(o.to ?? '')}`;
  if (t.kind === 'renameTable') return `this migration renames table ${table}, which ${otherName} changes`;
  const rebuild = t.kind === 'rebuildTable' ? t : o.kind === 'rebuildTable' ? o : undefined;
  if (rebuild && (COLUMN_CHANGES.has(t.kind) || COLUMN_CHANGES.has(o.kind) || t.kind === o.kind))
    return `${rebuild === t ? 'this migration' : otherName} rebuilds table ${table} (SQLite copies it with the columns it knew), and ${rebuild === t ? otherName : 'this migration'} changes its columns`;
  if (t.column === undefined || t.column !== o.column) return undefined;
  const column = `${q(t.column)} of ${table}`;
  if (t.kind === 'addColumn' && o.kind === 'addColumn') return `both add column ${column}`;
  if (o.kind === 'dropColumn' && t.kind !== 'addColumn')
    return `${otherName} drops column ${column}, which this migration changes`;
  if (t.kind === 'dropColumn' && o.kind !== 'addColumn')
    return `this migration drops column ${column}, which ${otherName} changes`;
  if (COLUMN_CHANGES.has(t.kind) && COLUMN_CHANGES.has(o.kind)) return `both change column ${column}`;
  return undefined;
}

/** A clash's words as seen from migration `on`: it is "this migration", the other one is named. */
export function clashText(c: Pick<Clash, 'on' | 'other' | 'what'>, on: string): string {
  const earlier = c.on < c.other ? c.on : c.other;
  const name = (n: string) => (n === on ? 'this migration' : `"${n}"`);
  return c.what.replace(/\{earlier\}/g, name(earlier)).replace(/\{later\}/g, name(earlier === c.on ? c.other : c.on));
}
