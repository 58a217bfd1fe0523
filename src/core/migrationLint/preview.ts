// The next migration before it exists: the SQL `migrate dev` would write (the engine's diff of the
// migrations folder, replayed in a shadow database, against the schema) and the engine's own data-loss
// evaluation of it against the connected database. The linter checks that SQL like a migration.sql on
// top of the folder's migrations (lintNextMigration); the engine's warnings become findings on the
// statements they name (engineFindings).
import { NO_FILTER } from '../engine/embeddedSchemaEngine';
import type { EmbeddedSchemaEngine, SchemaFile } from '../engine/embeddedSchemaEngine';
import { readMigrationsList } from '../engine/migrationsDirectory';
import { isMissingMigrationsTable } from '../engine/engineError';
import { lintMigrationWithState, loadParsers } from './lint';
import type { LintDirOptions } from './lintDirectory';
import { lintMigrationsDir } from './lintDirectory';
import { SchemaState } from './schemaState';
import { splitStatements } from './splitStatements';
import type { Dialect, LintFinding } from './types';
import { ruleInfo } from './rules';

/** The SQL of the next migration ('' when the schema and the migrations agree). */
export async function nextMigrationScript(
  engine: EmbeddedSchemaEngine,
  migrationsDir: string,
  schemaFiles: readonly SchemaFile[],
): Promise<string> {
  const list = readMigrationsList(migrationsDir);
  const result = await engine.diff({
    from: { tag: 'migrations', ...list },
    to: { tag: 'schemaDatamodel', files: schemaFiles.map((f) => ({ path: f.path, content: f.content })) },
    script: true,
    exitCode: null,
    filters: NO_FILTER,
  });
  const text = (result.stdout ?? '').replace(/\r\n/g, '\n').trimEnd();
  return text === '' || text === '-- This is an empty migration.' ? '' : `${text}\n`;
}

export type DataLossEvaluation =
  | { readonly kind: 'evaluated'; readonly warnings: readonly string[]; readonly unexecutable: readonly string[] }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * The engine's data-loss evaluation of the next migration against the engine's (connected) database, as
 * `migrate dev` runs it. Skipped when the database is not in step with the migrations folder (pending or
 * drifted: the engine would want to apply or reset first, which a preview never does).
 */
export async function nextMigrationDataLoss(
  engine: EmbeddedSchemaEngine,
  migrationsDir: string,
  schemaFiles: readonly SchemaFile[],
): Promise<DataLossEvaluation> {
  const list = readMigrationsList(migrationsDir);
  // read-only first (no shadow database): a fresh database, pending migrations or a diverged history end it
  let status;
  try {
    status = await engine.diagnoseMigrationHistory({
      migrationsList: list,
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });
  } catch (error) {
    if (isMissingMigrationsTable(error))
      return { kind: 'skipped', reason: 'no migration has been applied to the database yet' };
    throw error;
  }
  if (!status.hasMigrationsTable)
    return { kind: 'skipped', reason: 'no migration has been applied to the database yet' };
  const h = status.history;
  if (h?.diagnostic === 'databaseIsBehind')
    return {
      kind: 'skipped',
      reason: `the database has ${h.unappliedMigrationNames.length} pending migration(s): ${h.unappliedMigrationNames.join(', ')}`,
    };
  if (h) return { kind: 'skipped', reason: "the database's migration history differs from the migrations folder" };
  if (status.failedMigrationNames.length || status.editedMigrationNames.length)
    return { kind: 'skipped', reason: 'a migration failed or was edited after it was applied' };
  // devDiagnostic warms the shadow database evaluateDataLoss replays into (as migrate dev does); it changes nothing
  const action = (await engine.devDiagnostic({ migrationsList: list, filters: NO_FILTER })).action;
  if (action.tag === 'reset')
    return { kind: 'skipped', reason: `the database is out of step with the migrations (${action.reason})` };
  const out = await engine.evaluateDataLoss({
    migrationsList: list,
    schema: { files: schemaFiles.map((f) => ({ path: f.path, content: f.content })) },
    filters: NO_FILTER,
  });
  return {
    kind: 'evaluated',
    warnings: out.warnings.map((w) => w.message),
    unexecutable: out.unexecutableSteps.map((w) => w.message),
  };
}

/** Lints `sql` as the migration after every migration of the folder. */
export async function lintNextMigration(
  migrationsDir: string,
  dialect: Dialect,
  sql: string,
  options: LintDirOptions = {},
): Promise<LintFinding[]> {
  await loadParsers(dialect);
  const state = new SchemaState();
  // the folder's migrations advance `state`; their own findings are not needed here
  await lintMigrationsDir(migrationsDir, dialect, { ...options, severities: undefined, into: state });
  return lintMigrationWithState(sql, dialect, {
    before: state,
    facts: options.facts,
    severities: options.severities,
    filledTableRows: options.filledTableRows,
  }).findings;
}

/**
 * The engine's messages as findings, each on the first statement that names the table (and, when the
 * message names one, the column) in quotes; on the first statement when none does.
 */
export function engineFindings(
  sql: string,
  dialect: Dialect,
  messages: readonly string[],
  severity: LintFinding['severity'] = ruleInfo('engine-data-loss').defaultSeverity,
  source?: string,
): LintFinding[] {
  const statements = splitStatements(sql, dialect);
  const out: LintFinding[] = [];
  for (const message of messages) {
    const named = [...message.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const quoted = (name: string, text: string) => text.includes(`"${name}"`) || text.includes(`\`${name}\``);
    const at =
      statements.find((s) => named.length > 0 && named.every((n) => quoted(n, s.text))) ??
      statements.find((s) => named.some((n) => quoted(n, s.text))) ??
      statements[0];
    out.push({
      rule: 'engine-data-loss',
      severity,
      message: `Prisma's schema engine${source ? `, checking ${source}` : ''}: ${message}`,
      start: at?.start ?? 0,
      end: at ? at.start + at.text.length : 0,
    });
  }
  return out;
}
