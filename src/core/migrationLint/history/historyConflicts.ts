// Branch conflicts in a migration history, computed once for the Migrations view, the Problems panel and
// the CLI (issue #19, item 3). What each place knows differs, so each passes what it has:
// - the applied migrations (`_prisma_migrations`, when connected);
// - the base branch (the CLI's --since: the folders and the lock file there, and for each migration the
//   branch added, the folders it was committed next to);
// - the schema's datasource provider and the connected database's.
// Findings: migration-order (pending or new, but older than an applied one / one on the base branch),
// conflicting-migrations (two migrations changing the same table in ways that cannot both hold) and
// lock-provider-changed (migration_lock.toml's provider differs from the base branch, the schema or the
// database). An edited applied migration is edited-after-apply, found by the lint itself (lint.ts).
import { ruleInfo } from '../rules';
import type { Dialect, LintFinding, RuleId, Severity } from '../types';
import { byTable, clashApart, clashText, clashesInOrder } from './tableClashes';
import type { Clash } from './tableClashes';
import { migrationTouches } from './touches';

export interface HistoryMigration {
  readonly name: string;
  readonly sql: string;
}

export interface BaseBranch {
  /** As the user wrote it: `main`, `origin/main`. */
  readonly ref: string;
  /** Migration folder names on the ref. */
  readonly names: readonly string[];
  /** Migrations added or changed since the ref (the branch's). */
  readonly changed: ReadonlySet<string>;
  /**
   * For a migration the branch committed: the folders next to it in the commit that added it (what it was
   * written against). Absent for one not committed yet (written against the folder as it is now).
   */
  readonly knew?: ReadonlyMap<string, ReadonlySet<string>>;
  /** migration_lock.toml's provider on the ref (undefined: no lock file there). */
  readonly lockProvider?: string;
}

export interface HistoryInput {
  readonly dialect: Dialect;
  /** Every local migration, sorted by name (as Prisma sorts them). */
  readonly migrations: readonly HistoryMigration[];
  /** Applied migration names (-> checksum), when a database was read. */
  readonly applied?: ReadonlyMap<string, string>;
  readonly base?: BaseBranch;
  /** migration_lock.toml's text (undefined: no lock file). */
  readonly lockText?: string;
  /** The provider of the schema's datasource block. */
  readonly schemaProvider?: string;
  /** The provider of the database `applied` was read from, and how to name it. */
  readonly database?: { readonly provider: string; readonly label: string };
  readonly severities?: Partial<Record<RuleId, Severity>>;
}

export interface HistoryFindings {
  /** By migration name: findings on its migration.sql. */
  readonly byMigration: ReadonlyMap<string, LintFinding[]>;
  /** Findings on migration_lock.toml. */
  readonly lock: readonly LintFinding[];
}

export { HISTORY_RULES } from './historyRules';

export function historyConflicts(input: HistoryInput): HistoryFindings {
  const byMigration = new Map<string, LintFinding[]>();
  const lock: LintFinding[] = [];
  const severityOf = (rule: RuleId) => input.severities?.[rule] ?? ruleInfo(rule).defaultSeverity;
  const push = (name: string, f: Omit<LintFinding, 'severity'>) => {
    const severity = severityOf(f.rule);
    if (severity === 'off') return;
    const list = byMigration.get(name) ?? [];
    list.push({ ...f, severity });
    byMigration.set(name, list);
  };
  const firstLine = (sql: string) => Math.max(0, sql.search(/\r?\n|$/));
  const { applied, base } = input;
  const names = input.migrations.map((m) => m.name);
  const isPending = (n: string) => applied !== undefined && !applied.has(n);
  const isChanged = (n: string) => base?.changed.has(n) === true;
  /** The migrations a conflict is about: pending or the branch's; every one when neither is known. */
  const isNew = (n: string) => (applied === undefined && base === undefined) || isPending(n) || isChanged(n);

  // (a) older than the newest applied migration / the newest one on the base branch
  const newestApplied = applied ? newest([...applied.keys()]) : undefined;
  const onBase = new Set(base?.names ?? []);
  const newestOnBase = base ? newest(base.names) : undefined;
  for (const m of input.migrations) {
    let message: string | undefined;
    if (newestApplied && isPending(m.name) && m.name < newestApplied) {
      message = `Pending, but older than the newest applied migration "${newestApplied}": it was made on another branch while "${newestApplied}" was applied. Migrate Deploy applies it after that one, against a schema it was not written for, and Migrate Dev reports the history as changed. Rename its folder to a later timestamp (e.g. "${laterName(newestApplied, m.name)}"), or, if its changes are already in the database, mark it applied: prisma migrate resolve --applied ${m.name}`;
    } else if (newestOnBase && isChanged(m.name) && !onBase.has(m.name) && m.name < newestOnBase) {
      message = `This migration sorts before "${newestOnBase}", which ${base?.ref} already has: it was made on a branch while another branch added migrations. Migrate Deploy would apply it after that one, against a schema it was not written for, and Migrate Dev reports the history as changed. Rename its folder to a later timestamp (e.g. "${laterName(newestOnBase, m.name)}"), or recreate it with Migrate Dev after merging.`;
    }
    if (message) push(m.name, { rule: 'migration-order', message, start: 0, end: firstLine(m.sql) });
  }

  // (b) two migrations touching the same table in conflicting ways
  const all = input.migrations.map((m) => {
    const touches = migrationTouches(m.sql, input.dialect);
    return { name: m.name, touches, tables: byTable(touches) };
  });
  const byName = new Map(all.map((m) => [m.name, m]));
  const clashes: Clash[] = clashesInOrder(all, (a, b) => isNew(a) || isNew(b));
  const reported = new Set(clashes.map((c) => pairKey(c.on, c.other)));
  for (const [a, b] of apartPairs(names, applied, base)) {
    if (reported.has(pairKey(a, b))) continue;
    const ma = byName.get(a);
    const mb = byName.get(b);
    if (!ma || !mb) continue;
    // reported on the new one (pending / the branch's); the later one when both are
    const on = isNew(b) || !isNew(a) ? b : a;
    const clash = clashApart(ma, mb, on);
    if (clash) {
      clashes.push(clash);
      reported.add(pairKey(a, b));
    }
  }
  for (const c of clashes) {
    // an in-order clash is found on the later migration; when only the earlier one is new, it goes there
    const flip = c.fails && !isNew(c.on) && isNew(c.other) && c.otherStart !== undefined;
    const [on, other] = flip ? [c.other, c.on] : [c.on, c.other];
    const consequence = flip
      ? `Applied in order, "${other}" fails after this one.`
      : 'Applied in order, this migration fails.';
    push(on, {
      rule: 'conflicting-migrations',
      message: c.fails
        ? `Conflicts with "${other}": ${clashText(c, on)}. ${consequence} They were most likely written on different branches: remove the overlapping change from one of them, or delete the newer one and recreate it with Migrate Dev after merging.`
        : `Conflicts with "${other}", written on another branch: ${c.what}. Both apply, but the later one decides the result, which may not be what the merged schema.prisma says. Check the merged schema, then delete this migration and recreate it with Migrate Dev.`,
      start: flip ? c.otherStart! : c.start,
      end: flip ? (c.otherEnd ?? c.otherStart!) : c.end,
    });
  }
  for (const list of byMigration.values()) list.sort((x, y) => x.start - y.start);

  // (c) migration_lock.toml's provider
  const locked = input.lockText === undefined ? undefined : lockProviderRange(input.lockText);
  if (locked && severityOf('lock-provider-changed') !== 'off') {
    const severity = severityOf('lock-provider-changed') as Exclude<Severity, 'off'>;
    const at = { rule: 'lock-provider-changed' as const, severity, start: locked.start, end: locked.end };
    const now = normalize(locked.provider);
    if (base?.lockProvider !== undefined && normalize(base.lockProvider) !== now)
      lock.push({
        ...at,
        message: `migration_lock.toml's provider changed from "${base.lockProvider}" on ${base.ref} to "${locked.provider}": the migrations in this folder were written for ${base.lockProvider}, and Prisma Migrate refuses a history whose lock names another provider (P3019). Revert the change; to switch databases, start a new history (move the folder away and create a baseline migration with Migrate Dev).`,
      });
    if (input.schemaProvider !== undefined && normalize(input.schemaProvider) !== now)
      lock.push({
        ...at,
        message: `migration_lock.toml says "${locked.provider}" but the schema's datasource says "${input.schemaProvider}": Prisma Migrate refuses to run (P3019). If the schema's provider is the mistake, change it back; to switch databases, start a new history (move the migrations folder away and create a baseline migration with Migrate Dev).`,
      });
    if (input.database && applied && applied.size > 0 && normalize(input.database.provider) !== now)
      lock.push({
        ...at,
        message: `migration_lock.toml says "${locked.provider}", but the ${applied.size} applied migration${applied.size === 1 ? ' was' : 's were'} applied to a ${input.database.provider} database (${input.database.label}): the lock file was changed after that history was made. Revert it to "${input.database.provider}".`,
      });
  }
  return { byMigration, lock };
}

/**
 * Pairs [earlier, later] of migrations written apart: one did not know the other.
 * - a pending migration and an applied one that sorts after it (applied first: made on another branch);
 * - a migration the branch committed and one that was not next to it in that commit (and that did not know
 *   it either: one on the base branch, or a branch migration committed without it).
 */
function apartPairs(
  names: readonly string[],
  applied: ReadonlyMap<string, string> | undefined,
  base: BaseBranch | undefined,
): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  const add = (x: string, y: string) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = pairKey(a, b);
    if (a === b || seen.has(key)) return;
    seen.add(key);
    out.push([a, b]);
  };
  if (applied) {
    const appliedNames = names.filter((n) => applied.has(n));
    for (const p of names) if (!applied.has(p)) for (const a of appliedNames) if (a > p) add(p, a);
  }
  if (base?.knew) {
    const onBase = new Set(base.names);
    for (const [mine, knew] of base.knew) {
      for (const other of names) {
        if (other === mine || knew.has(other)) continue;
        const otherKnew = base.knew.get(other);
        // one on the base branch knew the branch's migrations only if they are there too; one not committed
        // yet was written against the folder as it is now
        const otherKnewMine = otherKnew ? otherKnew.has(mine) : onBase.has(other) ? onBase.has(mine) : true;
        if (!otherKnewMine) add(mine, other);
      }
    }
  }
  return out;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

const newest = (names: readonly string[]) => [...names].sort().at(-1);

const normalize = (provider: string) => (provider === 'postgres' ? 'postgresql' : provider);

/** `provider = "…"` in migration_lock.toml, with its offsets. */
export function lockProviderRange(text: string): { provider: string; start: number; end: number } | undefined {
  const m = /^[ \t]*provider\s*=\s*"([^"]*)"/m.exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].length - m[0].trimStart().length;
  return { provider: m[1]!, start, end: m.index + m[0].length };
}

/** A folder name one second after `after`'s timestamp with `name`'s description: `20260102030405_add_x`. */
export function laterName(after: string, name: string): string {
  const ts = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(after);
  const rest = name.replace(/^\d{14}_?/, '');
  if (!ts) return `${after}_${rest}`;
  const [, y, mo, d, h, mi, s] = ts.map(Number) as number[];
  const t = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s! + 1));
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${t.getUTCFullYear()}${two(t.getUTCMonth() + 1)}${two(t.getUTCDate())}${two(t.getUTCHours())}${two(t.getUTCMinutes())}${two(t.getUTCSeconds())}`;
  return rest ? `${stamp}_${rest}` : stamp;
}
