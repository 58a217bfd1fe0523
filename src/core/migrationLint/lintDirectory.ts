// Lints a whole migrations folder in order, each migration against the schema the earlier ones leave.
// The hook the Migrations tree and the production deploy confirmation use (issue #4's area):
// `lintMigrationsDir(dir, dialect)` -> per migration folder, its findings.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lintMigrationWithState, loadParsers } from './lint';
import type { LintOptions } from './lint';
import { SchemaState } from './schemaState';
import type { DatabaseFacts, Dialect, LintFinding, RuleId, Severity } from './types';

export interface MigrationLint {
  /** Folder name, e.g. `20240101000000_init`. */
  readonly name: string;
  readonly file: string;
  readonly sql: string;
  readonly findings: LintFinding[];
}

export interface LintDirOptions {
  readonly facts?: DatabaseFacts;
  readonly severities?: Partial<Record<RuleId, Severity>>;
  /** Applied migrations' checksums by folder name (from `_prisma_migrations`). */
  readonly appliedChecksums?: ReadonlyMap<string, string>;
  /** Text to use instead of the file on disk (an unsaved editor), by absolute file path. */
  readonly overrides?: ReadonlyMap<string, string>;
  /** The state to advance (it ends as the schema after the last migration); a new one when omitted. */
  readonly into?: SchemaState;
}

/** `migration.sql` of every sub-folder, sorted as Prisma sorts them. */
export function listMigrationFiles(migrationsDir: string): { name: string; file: string }[] {
  let entries: string[];
  try {
    entries = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ name, file: path.join(migrationsDir, name, 'migration.sql') }));
}

export function lintMigrationTexts(
  migrations: readonly { name: string; file: string; sql: string }[],
  dialect: Dialect,
  options: LintDirOptions = {},
): MigrationLint[] {
  // one state advanced migration by migration (no copy per migration: see SchemaState)
  const state = options.into ?? new SchemaState();
  const out: MigrationLint[] = [];
  for (const m of migrations) {
    const lintOptions: LintOptions = {
      before: state,
      advanceBefore: true,
      facts: options.facts,
      severities: options.severities,
      appliedChecksum: options.appliedChecksums?.get(m.name),
    };
    const result = lintMigrationWithState(m.sql, dialect, lintOptions);
    out.push({ ...m, findings: result.findings });
  }
  return out;
}

/** Reads and lints every migration of the folder (loads the dialect's parser first). */
export async function lintMigrationsDir(
  migrationsDir: string,
  dialect: Dialect,
  options: LintDirOptions = {},
): Promise<MigrationLint[]> {
  await loadParsers(dialect);
  const texts: { name: string; file: string; sql: string }[] = [];
  for (const { name, file } of listMigrationFiles(migrationsDir)) {
    const sql = options.overrides?.get(file) ?? readOrUndefined(file);
    if (sql !== undefined) texts.push({ name, file, sql });
  }
  return lintMigrationTexts(texts, dialect, options);
}

/** Findings that should hold up a deploy: errors and warnings of the given (pending) migrations. */
export function blockingFindings(
  lints: readonly MigrationLint[],
  names: readonly string[],
): { name: string; findings: LintFinding[] }[] {
  return lints
    .filter((l) => names.includes(l.name))
    .map((l) => ({
      name: l.name,
      findings: l.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
    }))
    .filter((l) => l.findings.length > 0);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
