// The migration linter's vocabulary: dialects, rule ids, severities, findings and quick-fix edits.
// Offsets are UTF-16 code unit offsets into the migration text (what a VS Code document uses).

export type Dialect = 'postgresql' | 'mysql' | 'sqlite';

export type Severity = 'error' | 'warning' | 'information' | 'off';

export type RuleId =
  | 'drop-table'
  | 'drop-column'
  | 'type-narrowing'
  | 'enum-value-removed'
  | 'required-column-without-default'
  | 'unique-index-on-existing-data'
  | 'index-without-concurrently'
  | 'concurrently-in-transaction'
  | 'set-not-null'
  | 'missing-lock-timeout'
  | 'table-rewrite'
  | 'foreign-key-without-not-valid'
  | 'sqlite-table-redefinition'
  | 'rename-as-drop-and-add'
  | 'foreign-key-without-index'
  | 'edited-after-apply'
  | 'migration-order'
  | 'conflicting-migrations'
  | 'lock-provider-changed'
  | 'engine-data-loss'
  | 'rename-column-or-table'
  | 'add-constraint-without-index'
  | 'drop-foreign-key'
  | 'unparseable-statement';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** What a finding is about, so database facts (row counts, duplicates) can be looked up for it. */
export interface FindingSubject {
  readonly table: string;
  readonly columns?: readonly string[];
  /** enum-value-removed: the values removed and the columns that use the enum (see enumUseKey). */
  readonly removedValues?: readonly string[];
  readonly enumColumns?: readonly { readonly table: string; readonly column: string }[];
  /** type-narrowing: the column's type before and after (columns[0] is the column), see narrowKey. */
  readonly narrowFrom?: string;
  readonly narrowTo?: string;
}

export interface LintFinding {
  readonly rule: RuleId;
  readonly severity: Exclude<Severity, 'off'>;
  readonly message: string;
  /** Offsets of the statement (or of the clause inside it) the finding is about. */
  readonly start: number;
  readonly end: number;
  readonly subject?: FindingSubject;
  readonly fix?: QuickFix;
}

/** What a connected database says, looked up by the caller for the subjects of a first lint. */
export interface DatabaseFacts {
  /** Rows per table (absent: unknown or the table does not exist). */
  readonly rows?: ReadonlyMap<string, number>;
  /** Duplicate value groups per `table(col1,col2)` key (see factKey). */
  readonly duplicates?: ReadonlyMap<string, number>;
  /** Bytes on disk per table, data and indexes (MySQL/MariaDB and PostgreSQL). */
  readonly sizes?: ReadonlyMap<string, number>;
  /** Rows that still hold a removed enum value, per enumUseKey of the finding's subject. */
  readonly enumRows?: ReadonlyMap<string, number>;
  /** set-not-null: rows where the column is NULL, per factKey(table, [column]). */
  readonly nullRows?: ReadonlyMap<string, number>;
  /** Rows whose value does not fit a narrowed type, per narrowKey of the type-narrowing finding's subject. */
  readonly narrowRows?: ReadonlyMap<string, number>;
  /** Where the facts come from, for messages: `SQLite file dev.db`. */
  readonly source?: string;
}

export const factKey = (table: string, columns: readonly string[] = []): string => `${table}(${columns.join(',')})`;

/** Key of an enum-value-removed subject: the columns using the enum and the values removed. */
export const enumUseKey = (subject: FindingSubject): string =>
  `${(subject.enumColumns ?? []).map((c) => `${c.table}.${c.column}`).join('|')}=${(subject.removedValues ?? []).join(',')}`;

/** Key of a type-narrowing subject: `table.column:newType`. */
export const narrowKey = (subject: FindingSubject): string =>
  `${subject.table}.${subject.columns?.[0] ?? ''}:${subject.narrowTo ?? ''}`;

/** `1.4 MB`, `812 kB`, `96 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v).toString()} ${units[u]}`;
}
