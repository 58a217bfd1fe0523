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
  | 'table-rewrite'
  | 'foreign-key-without-not-valid'
  | 'sqlite-table-redefinition'
  | 'rename-as-drop-and-add'
  | 'foreign-key-without-index'
  | 'edited-after-apply'
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
  /** Where the facts come from, for messages: `SQLite file dev.db`. */
  readonly source?: string;
}

export const factKey = (table: string, columns: readonly string[] = []): string => `${table}(${columns.join(',')})`;
