// `migrate deploy`, `migrate dev --name` and `migrate status`, on top of the embedded engine, in the
// call order of the Prisma CLI (devDiagnostic warms the shadow-database cache createMigration needs).
import type * as Wasm from '@prisma/schema-engine-wasm';
import type { EmbeddedSchemaEngine, SchemaFile } from './embeddedSchemaEngine';
import { NO_FILTER } from './embeddedSchemaEngine';
import { isMissingMigrationsTable } from './engineError';
import { readMigrationsList, writeMigration } from './migrationsDirectory';

export interface MigrationsSource {
  readonly migrationsDir: string;
  /** `migrations.initShadowDb` from prisma.config.ts. */
  readonly shadowDbInitScript?: string;
  readonly filters?: Wasm.SchemaFilter;
}

const list = (source: MigrationsSource): Wasm.MigrationList =>
  readMigrationsList(source.migrationsDir, source.shadowDbInitScript ?? '');

/** `prisma migrate deploy`: applies pending migrations, creating `_prisma_migrations` on a fresh database. */
export async function applyMigrations(engine: EmbeddedSchemaEngine, source: MigrationsSource): Promise<string[]> {
  const input = { migrationsList: list(source), filters: source.filters ?? NO_FILTER };
  const { appliedMigrationNames } = await engine.applyMigrations(input);
  return appliedMigrationNames;
}

/**
 * `migrate deploy` one migration at a time, asking `shouldStop` between migrations: a cancelled deploy
 * stops at a migration boundary, never inside one (the engine applies each script whole; on PostgreSQL a
 * script is one transaction). Each call is given the folder's prefix up to the next migration, so
 * migrations already applied are skipped by the engine as usual.
 */
export async function applyMigrationsStepwise(
  engine: EmbeddedSchemaEngine,
  source: MigrationsSource,
  shouldStop: () => boolean,
  onApplied: (name: string) => void = () => undefined,
): Promise<{ applied: string[]; stopped: boolean }> {
  const full = list(source);
  const applied: string[] = [];
  for (let i = 1; i <= full.migrationDirectories.length; i++) {
    if (shouldStop()) return { applied, stopped: true };
    const migrationsList = { ...full, migrationDirectories: full.migrationDirectories.slice(0, i) };
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: source.filters ?? NO_FILTER,
    });
    for (const name of appliedMigrationNames) {
      applied.push(name);
      onApplied(name);
    }
  }
  return { applied, stopped: false };
}

/**
 * devDiagnostic, tolerant of a fresh database: libsql reports "no such table: _prisma_migrations"
 * without the P1014 code the CLI expects. Applying the (possibly empty) history creates the table.
 */
export async function devDiagnostic(engine: EmbeddedSchemaEngine, source: MigrationsSource): Promise<Wasm.DevAction> {
  const filters = source.filters ?? NO_FILTER;
  try {
    return (await engine.devDiagnostic({ migrationsList: list(source), filters })).action;
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    await engine.applyMigrations({ migrationsList: list(source), filters });
    return (await engine.devDiagnostic({ migrationsList: list(source), filters })).action;
  }
}

export type CreateMigrationResult =
  | {
      readonly kind: 'created';
      readonly name: string;
      readonly folder: string;
      readonly applied: string[];
      readonly warnings: string[];
    }
  | { readonly kind: 'unchanged'; readonly applied: string[] }
  | { readonly kind: 'needsReset'; readonly reason: string }
  | { readonly kind: 'blocked'; readonly unexecutable: string[] };

export interface CreateMigrationOptions extends MigrationsSource {
  readonly schemaFiles: readonly SchemaFile[];
  readonly name: string;
  /** `--create-only`: write the migration without applying it. */
  readonly draft?: boolean;
}

/** `prisma migrate dev --name <name>`: never resets the database, reports instead. */
export async function createMigration(
  engine: EmbeddedSchemaEngine,
  options: CreateMigrationOptions,
): Promise<CreateMigrationResult> {
  const filters = options.filters ?? NO_FILTER;
  const schema: Wasm.SchemasContainer = {
    files: options.schemaFiles.map((f) => ({ path: f.path, content: f.content })),
  };
  const action = await devDiagnostic(engine, options);
  if (action.tag === 'reset') return { kind: 'needsReset', reason: action.reason };
  const applied = await applyMigrations(engine, options);
  if (applied.length > 0) {
    // The wasm SQLite connector replays migrations into a shadow database only from a devDiagnostic that
    // found the database in sync with the folder: with pending migrations just applied, evaluateDataLoss
    // fails with "SQLite shadow DB must be provided through an external factory". Diagnose again first.
    const again = await devDiagnostic(engine, options);
    if (again.tag === 'reset') return { kind: 'needsReset', reason: again.reason };
  }
  const loss = await engine.evaluateDataLoss({ migrationsList: list(options), schema, filters });
  if (loss.unexecutableSteps.length > 0) {
    return { kind: 'blocked', unexecutable: loss.unexecutableSteps.map((s) => s.message) };
  }
  const draft = options.draft ?? false;
  const output = await engine.createMigration({
    draft,
    migrationName: migrationSlug(options.name),
    migrationsList: list(options),
    schema,
    filters,
  });
  if (output.migrationScript === null) return { kind: 'unchanged', applied };
  const folder = writeMigration(options.migrationsDir, output);
  if (!draft) applied.push(...(await applyMigrations(engine, options)));
  return {
    kind: 'created',
    name: output.generatedMigrationName,
    folder,
    applied,
    warnings: loss.warnings.map((w) => w.message),
  };
}

/** The folder-name part the CLI derives from `--name`: `Add body!` -> `add_body` (at most 200 chars). */
export function migrationSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

/** `prisma migrate status` without a shadow database; a missing history table means nothing applied. */
export async function migrationStatus(
  engine: EmbeddedSchemaEngine,
  source: MigrationsSource,
): Promise<Wasm.DiagnoseMigrationHistoryOutput> {
  try {
    return await engine.diagnoseMigrationHistory({
      migrationsList: list(source),
      optInToShadowDatabase: false,
      filters: source.filters ?? NO_FILTER,
    });
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    return { history: null, failedMigrationNames: [], editedMigrationNames: [], hasMigrationsTable: false };
  }
}
