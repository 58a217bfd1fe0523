// The lint of one schema's migrations folder as the editor runs it, shared with the CLI so both give the
// same findings: a first pass on the SQL alone, then, with a database, its facts (row counts, duplicates)
// for those findings and the applied checksums, and a second pass with them.
import { collectFacts } from './databaseFacts';
import type { FactsTarget } from './databaseFacts';
import { readApplied } from './appliedMigrations';
import { lintMigrationsDir } from './lintDirectory';
import type { LintDirOptions, MigrationLint } from './lintDirectory';
import type { DatabaseFacts, Dialect } from './types';

export interface LintDatabase {
  readonly target: FactsTarget;
  /** false: no row counts or scans (a production database the user did not open to background queries). */
  readonly queryFacts: boolean;
}

export interface SchemaLint {
  readonly lints: MigrationLint[];
  /** The facts used (source only when none were queried); undefined without a database. */
  readonly facts?: DatabaseFacts;
  /** Applied migrations by name -> checksum; undefined without a database or when it could not be read. */
  readonly applied?: ReadonlyMap<string, string>;
}

export async function lintSchemaMigrations(
  migrationsDir: string,
  dialect: Dialect,
  options: Pick<LintDirOptions, 'overrides' | 'severities' | 'filledTableRows'> = {},
  database?: LintDatabase,
): Promise<SchemaLint> {
  const lints = await lintMigrationsDir(migrationsDir, dialect, options);
  if (!database) return { lints };
  const all = lints.flatMap((l) => l.findings);
  const none: DatabaseFacts = { source: database.target.label };
  const [facts, applied] = await Promise.all([
    database.queryFacts ? collectFacts(database.target, all) : none,
    readApplied(database.target),
  ]);
  if ((facts.rows?.size ?? 0) === 0 && (applied?.size ?? 0) === 0) return { lints, facts, applied };
  const again = await lintMigrationsDir(migrationsDir, dialect, { ...options, facts, appliedChecksums: applied });
  return { lints: again, facts, applied };
}
