// Lints a whole migrations folder in order, each migration against the schema the earlier ones leave.
// The hook the Migrations tree and the production deploy confirmation use (issue #4's area):
// `lintMigrationsDir(dir, dialect)` -> per migration folder, its findings.
import { readFileSync, readdirSync } from 'node:fs';
import { NotUtf8Error, decodeUtf8Strict } from '../util/strictUtf8';
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
  /** See LintOptions.filledTableRows (the project's configuration file). */
  readonly filledTableRows?: number;
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
      filledTableRows: options.filledTableRows,
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
  const refused = new Map<string, MigrationLint>();
  for (const { name, file } of listMigrationFiles(migrationsDir)) {
    let sql: string | undefined;
    try {
      sql = options.overrides?.get(file) ?? readOrUndefined(file);
    } catch (e) {
      if (!(e instanceof NotUtf8Error)) throw e;
      refused.set(name, { name, file, sql: '', findings: [notUtf8Finding(e)] });
    }
    if (sql !== undefined) texts.push({ name, file, sql });
  }
  const linted = lintMigrationTexts(texts, dialect, options);
  if (refused.size === 0) return linted;
  return [...linted, ...refused.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The file's text, undefined when it cannot be read; throws NotUtf8Error when it is not UTF-8. */
function readOrUndefined(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return decodeUtf8Strict(bytes, path.basename(file));
}

/** Not linted: its text is not known (a lossy decode would lint SQL the file does not hold). */
function notUtf8Finding(e: NotUtf8Error): LintFinding {
  return { rule: 'unparseable-statement', severity: 'error', message: e.message, start: 0, end: 0 };
}

// kept here too: deployWarnings.ts holds it so that the Migrations tree need not load the lint to read findings
export { blockingFindings } from './deployWarnings';
