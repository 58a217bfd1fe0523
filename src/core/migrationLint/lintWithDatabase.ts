// The lint of one schema's migrations folder as the editor runs it, shared with the CLI so both give the
// same findings: a first pass on the SQL alone, then, with a database, its facts (row counts, duplicates)
// for those findings and the applied checksums, and a second pass with them. Last, the history's branch
// conflicts (history/historyConflicts.ts) join the findings of the migrations they are about, and those
// on migration_lock.toml come apart (`lock`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { providerOfUrl } from '../connections/databaseUrl';
import { collectFacts } from './databaseFacts';
import type { FactsTarget } from './databaseFacts';
import { readApplied } from './appliedMigrations';
import { historyConflicts } from './history/historyConflicts';
import type { BaseBranch } from './history/historyConflicts';
import { lintMigrationsDir } from './lintDirectory';
import type { LintDirOptions, MigrationLint } from './lintDirectory';
import type { DatabaseFacts, Dialect, LintFinding } from './types';

export interface LintDatabase {
  readonly target: FactsTarget;
  /** false: no row counts or scans (a production database the user did not open to background queries). */
  readonly queryFacts: boolean;
}

/** What the history check knows beyond the folder and the database. */
export interface HistoryContext {
  /** The base branch (the CLI's --since). */
  readonly base?: BaseBranch;
  /** The provider of the schema's datasource block. */
  readonly schemaProvider?: string;
}

export interface SchemaLint {
  readonly lints: MigrationLint[];
  /** The facts used (source only when none were queried); undefined without a database. */
  readonly facts?: DatabaseFacts;
  /** Applied migrations by name -> checksum; undefined without a database or when it could not be read. */
  readonly applied?: ReadonlyMap<string, string>;
  /** Findings on migration_lock.toml (its provider changed), with the file's text for positions. */
  readonly lock?: { readonly file: string; readonly text: string; readonly findings: readonly LintFinding[] };
}

export async function lintSchemaMigrations(
  migrationsDir: string,
  dialect: Dialect,
  options: Pick<LintDirOptions, 'overrides' | 'severities' | 'filledTableRows'> & { history?: HistoryContext } = {},
  database?: LintDatabase,
): Promise<SchemaLint> {
  const { history: _history, ...dirOptions } = options;
  const lints = await lintMigrationsDir(migrationsDir, dialect, dirOptions);
  if (!database) return withHistory(migrationsDir, dialect, { lints }, options);
  const all = lints.flatMap((l) => l.findings);
  const none: DatabaseFacts = { source: database.target.label };
  const [facts, applied] = await Promise.all([
    database.queryFacts ? collectFacts(database.target, all) : none,
    readApplied(database.target),
  ]);
  if ((facts.rows?.size ?? 0) === 0 && (applied?.size ?? 0) === 0)
    return withHistory(migrationsDir, dialect, { lints, facts, applied }, options, database);
  const again = await lintMigrationsDir(migrationsDir, dialect, { ...dirOptions, facts, appliedChecksums: applied });
  return withHistory(migrationsDir, dialect, { lints: again, facts, applied }, options, database);
}

function withHistory(
  migrationsDir: string,
  dialect: Dialect,
  result: SchemaLint,
  options: Pick<LintDirOptions, 'severities'> & { history?: HistoryContext },
  database?: LintDatabase,
): SchemaLint {
  const lockFile = path.join(migrationsDir, 'migration_lock.toml');
  const lockText = readOrUndefined(lockFile);
  const provider = database ? (providerOfUrl(database.target.url) ?? database.target.dialect) : undefined;
  const found = historyConflicts({
    dialect,
    migrations: result.lints,
    applied: result.applied,
    base: options.history?.base,
    lockText,
    schemaProvider: options.history?.schemaProvider,
    database: provider && database ? { provider, label: database.target.label } : undefined,
    severities: options.severities,
  });
  const lints = result.lints.map((l) => {
    const more = found.byMigration.get(l.name);
    return more ? { ...l, findings: [...l.findings, ...more].sort((a, b) => a.start - b.start) } : l;
  });
  const lock =
    lockText !== undefined && found.lock.length > 0
      ? { file: lockFile, text: lockText, findings: found.lock }
      : undefined;
  return { ...result, lints, ...(lock ? { lock } : {}) };
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
