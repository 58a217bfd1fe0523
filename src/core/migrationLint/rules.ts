// Every rule: id, default severity and a one-line title; docs/migration-lint.md has one section per rule,
// anchored by the rule id, and each diagnostic links there.
import type { RuleId, Severity } from './types';

export interface RuleInfo {
  readonly id: RuleId;
  readonly defaultSeverity: Exclude<Severity, 'off'>;
  readonly title: string;
  readonly dialects: readonly ('postgresql' | 'mysql' | 'sqlite')[];
}

const all = ['postgresql', 'mysql', 'sqlite'] as const;

export const RULES: readonly RuleInfo[] = [
  { id: 'drop-table', defaultSeverity: 'warning', title: 'Drops a table and its data', dialects: all },
  { id: 'drop-column', defaultSeverity: 'warning', title: 'Drops a column and its data', dialects: all },
  {
    id: 'type-narrowing',
    defaultSeverity: 'warning',
    title: 'Narrows a column type: values may be cut or fail to convert',
    dialects: ['postgresql', 'mysql'],
  },
  {
    id: 'enum-value-removed',
    defaultSeverity: 'warning',
    title: 'Removes an enum value rows may still use',
    dialects: ['postgresql', 'mysql'],
  },
  {
    id: 'required-column-without-default',
    defaultSeverity: 'error',
    title: 'Adds a NOT NULL column without a default: fails on a filled table',
    dialects: all,
  },
  {
    id: 'unique-index-on-existing-data',
    defaultSeverity: 'warning',
    title: 'Adds a unique index to existing data: fails on duplicates',
    dialects: all,
  },
  {
    id: 'index-without-concurrently',
    defaultSeverity: 'warning',
    title: 'CREATE INDEX or DROP INDEX without CONCURRENTLY blocks the table',
    dialects: ['postgresql'],
  },
  {
    id: 'concurrently-in-transaction',
    defaultSeverity: 'error',
    title: 'CONCURRENTLY in a migration with other statements fails (it cannot run in a transaction)',
    dialects: ['postgresql'],
  },
  {
    id: 'set-not-null',
    defaultSeverity: 'warning',
    title: 'SET NOT NULL on an existing column scans the table under an exclusive lock',
    dialects: ['postgresql'],
  },
  {
    id: 'missing-lock-timeout',
    // information, not warning: Prisma never writes SET lock_timeout, so nearly every PostgreSQL migration
    // that alters a table has this; a warning would fail every `--strict` CI run on ordinary migrations
    defaultSeverity: 'information',
    title: 'A locking statement without lock_timeout can stall every query on the table',
    dialects: ['postgresql'],
  },
  {
    id: 'table-rewrite',
    defaultSeverity: 'warning',
    title: 'Rewrites or copies the whole table under a lock (a type change, a per-row default, a MySQL enum change)',
    dialects: ['postgresql', 'mysql'],
  },
  {
    id: 'foreign-key-without-not-valid',
    defaultSeverity: 'information',
    title: 'Adds a foreign key that is checked against every row under a lock',
    dialects: ['postgresql'],
  },
  {
    id: 'sqlite-table-redefinition',
    defaultSeverity: 'information',
    title: 'Rebuilds a SQLite table: every row is copied',
    dialects: ['sqlite'],
  },
  {
    id: 'rename-as-drop-and-add',
    defaultSeverity: 'warning',
    title: 'A rename written as drop + add loses the column data',
    dialects: all,
  },
  {
    id: 'foreign-key-without-index',
    defaultSeverity: 'information',
    title: 'A foreign key column without an index',
    dialects: ['postgresql'],
  },
  {
    id: 'edited-after-apply',
    defaultSeverity: 'error',
    title: 'The migration was edited after it was applied',
    dialects: all,
  },
  {
    id: 'migration-order',
    defaultSeverity: 'error',
    title: 'A new migration sorts before one already applied or on the base branch',
    dialects: all,
  },
  {
    id: 'conflicting-migrations',
    defaultSeverity: 'error',
    title: 'Two migrations change the same table in ways that cannot both hold (made on different branches)',
    dialects: all,
  },
  {
    id: 'lock-provider-changed',
    defaultSeverity: 'error',
    title: "migration_lock.toml's provider differs from the base branch, the schema or the database",
    dialects: all,
  },
  {
    id: 'engine-data-loss',
    defaultSeverity: 'warning',
    title: "Prisma's schema engine warns of data loss in the connected database",
    dialects: ['postgresql', 'sqlite'],
  },
  {
    id: 'rename-column-or-table',
    defaultSeverity: 'warning',
    title: 'Renames a column or table the running application still uses during a deploy',
    dialects: all,
  },
  {
    id: 'add-constraint-without-index',
    defaultSeverity: 'warning',
    title: 'Adds a UNIQUE or PRIMARY KEY constraint that builds its index under a lock',
    dialects: ['postgresql'],
  },
  {
    id: 'drop-foreign-key',
    defaultSeverity: 'warning',
    title: 'Drops a foreign key: the database stops checking the relation',
    dialects: all,
  },
  {
    id: 'unparseable-statement',
    defaultSeverity: 'information',
    title: 'A statement the linter cannot read',
    dialects: all,
  },
];

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

export function ruleInfo(id: RuleId): RuleInfo {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`unknown migration lint rule ${id}`);
  return found;
}

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
