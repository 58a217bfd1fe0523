// The embedded Prisma schema engine (wasm): migrations, drift and introspection without the CLI
// and without the native engine download. No `vscode` import anywhere below this folder.
export { EmbeddedSchemaEngine, NO_FILTER } from './embeddedSchemaEngine';
export type { OpenEngineOptions, SchemaFile } from './embeddedSchemaEngine';
export { createAdapterFactory } from './adapterFactories';
export type { DatabaseTarget } from './adapterFactories';
export { SchemaEngineError, isMissingMigrationsTable } from './engineError';
export {
  applyMigrations,
  applyMigrationsStepwise,
  createMigration,
  devDiagnostic,
  migrationSlug,
  migrationStatus,
} from './migrateOperations';
export type { CreateMigrationOptions, CreateMigrationResult, MigrationsSource } from './migrateOperations';
export { MIGRATION_FILE, MIGRATION_LOCK_FILE, readMigrationsList, writeMigration } from './migrationsDirectory';
export { hasMultipleStatements, withMultiStatementFallback } from './multiStatement';
export { resolveSqliteUrl, sqliteFilePath, sqliteUrlForCli } from './sqliteUrl';
export { TrackedAdapterFactory } from './trackedAdapterFactory';
export { loadSchemaEngineModule, WASM_PATH_ENV } from './wasmLoader';
export type { SchemaEngineModule } from './wasmLoader';
