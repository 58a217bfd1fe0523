// Migration safety lint (issue #8): no `vscode` here. Entry points for features and other areas.
export {
  IGNORE_DIRECTIVE,
  lintMigration,
  lintMigrationAsync,
  lintMigrationWithState,
  loadParsers,
  migrationChecksum,
} from './lint';
export type { LintOptions, LintResult } from './lint';
export { blockingFindings, lintMigrationTexts, lintMigrationsDir, listMigrationFiles } from './lintDirectory';
export type { LintDirOptions, MigrationLint } from './lintDirectory';
export { RULES, RULE_IDS, isRuleId, ruleInfo } from './rules';
export type { RuleInfo } from './rules';
export { SchemaState } from './schemaState';
export { enumUseKey, factKey, formatBytes } from './types';
export type {
  DatabaseFacts,
  Dialect,
  FindingSubject,
  LintFinding,
  QuickFix,
  RuleId,
  Severity,
  TextEdit,
} from './types';
export { collectFacts } from './databaseFacts';
export type { FactsTarget } from './databaseFacts';
export { clearParseCache } from './parse';
export { countText, deployFindingsText, deployFindingsTitle, pendingFindings } from './deployWarnings';
export type { PendingFindings } from './deployWarnings';
export { lintSchemaMigrations } from './lintWithDatabase';
export type { HistoryContext, LintDatabase, SchemaLint } from './lintWithDatabase';
export { HISTORY_RULES, historyConflicts, laterName } from './history/historyConflicts';
export type { BaseBranch, HistoryFindings, HistoryInput } from './history/historyConflicts';
export { appliedChecksums, readApplied } from './appliedMigrations';
export { dialectOfProvider, lockProvider, migrationsDialect } from './dialect';
export {
  LINT_CONFIG_FILE,
  describeProblems,
  findLintConfig,
  loadLintConfig,
  mergeSeverities,
  parseLintConfig,
} from './config';
export type { LintConfig, LintConfigProblem } from './config';
