// One schema engine instance (wasm) bound to one database through a driver adapter factory.
// Every method turns failures into SchemaEngineError with the driver's own message attached, and
// dispose() both frees the wasm object and closes every connection the engine opened.
import type { ErrorRegistry, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Wasm from '@prisma/schema-engine-wasm';
import { toSchemaEngineError } from './engineError';
import { TrackedAdapterFactory } from './trackedAdapterFactory';
import { loadSchemaEngineModule } from './wasmLoader';

export interface SchemaFile {
  /** Absolute path: the engine uses it in diagnostics and for multi-file schemas. */
  readonly path: string;
  readonly content: string;
}

export interface OpenEngineOptions {
  /** The Prisma schema (one or more files); optional for methods that only need the database. */
  readonly schemaFiles?: readonly SchemaFile[];
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Another `schema_engine_bg.wasm` (e.g. the one the prisma CLI ships). */
  readonly wasmPath?: string;
  /** Receives the engine's JSON log lines. */
  readonly log?: (line: string) => void;
}

/** Matches what every method of this class expects for `filters` when nothing is external. */
export const NO_FILTER: Wasm.SchemaFilter = { externalTables: [], externalEnums: [] };

export class EmbeddedSchemaEngine {
  private disposed = false;

  private constructor(
    private readonly raw: Wasm.SchemaEngine,
    private readonly adapters: TrackedAdapterFactory,
    private readonly errors: ErrorRegistry,
    /** Version of the wasm engine build. */
    readonly engineVersion: string,
  ) {}

  static async open(options: OpenEngineOptions): Promise<EmbeddedSchemaEngine> {
    const { SchemaEngine, engineVersion } = await loadSchemaEngineModule(options.wasmPath);
    const adapters = new TrackedAdapterFactory(options.adapterFactory);
    const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
    const bound = bindMigrationAwareSqlAdapterFactory(adapters);
    const datamodels = options.schemaFiles?.map((f): [string, string] => [f.path, f.content]);
    const log = options.log ?? (() => undefined);
    try {
      const raw = await SchemaEngine.new({ datamodels }, log, bound);
      return new EmbeddedSchemaEngine(raw, adapters, bound.errorRegistry, engineVersion);
    } catch (error) {
      await adapters.disposeAll().catch(() => undefined);
      throw toSchemaEngineError('open', error, bound.errorRegistry);
    }
  }

  /** Connections currently open through this engine (shadow databases included). */
  get openConnections(): number {
    return this.adapters.openCount;
  }

  applyMigrations(input: Wasm.ApplyMigrationsInput): Promise<Wasm.ApplyMigrationsOutput> {
    return this.run('applyMigrations', () => this.raw.applyMigrations(input));
  }
  createMigration(input: Wasm.CreateMigrationInput): Promise<Wasm.CreateMigrationOutput> {
    return this.run('createMigration', () => this.raw.createMigration(input));
  }
  devDiagnostic(input: Wasm.DevDiagnosticInput): Promise<Wasm.DevDiagnosticOutput> {
    return this.run('devDiagnostic', () => this.raw.devDiagnostic(input));
  }
  diagnoseMigrationHistory(input: Wasm.DiagnoseMigrationHistoryInput): Promise<Wasm.DiagnoseMigrationHistoryOutput> {
    return this.run('diagnoseMigrationHistory', () => this.raw.diagnoseMigrationHistory(input));
  }
  evaluateDataLoss(input: Wasm.EvaluateDataLossInput): Promise<Wasm.EvaluateDataLossOutput> {
    return this.run('evaluateDataLoss', () => this.raw.evaluateDataLoss(input));
  }
  diff(params: Wasm.DiffParams): Promise<Wasm.DiffResult> {
    return this.run('diff', () => this.raw.diff(params));
  }
  dbExecute(params: Wasm.DbExecuteParams): Promise<void> {
    return this.run('dbExecute', () => this.raw.dbExecute(params));
  }
  introspect(params: Wasm.IntrospectParams): Promise<Wasm.IntrospectResult> {
    return this.run('introspect', () => this.raw.introspect(params));
  }
  schemaPush(input: Wasm.SchemaPushInput): Promise<Wasm.SchemaPushOutput> {
    return this.run('schemaPush', () => this.raw.schemaPush(input));
  }
  /** Note: on SQLite the engine's reset only deletes rows, it keeps the tables. */
  reset(input: Wasm.ResetInput): Promise<void> {
    return this.run('reset', () => this.raw.reset(input));
  }
  /** The database server's version string. */
  databaseVersion(): Promise<string> {
    return this.run('version', () => this.raw.version());
  }

  /** Frees the wasm engine and closes every connection it opened. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.raw.free();
    } finally {
      await this.adapters.disposeAll();
    }
  }

  private async run<T>(method: string, call: () => Promise<T>): Promise<T> {
    if (this.disposed) throw new Error(`Schema engine used after dispose (${method})`);
    try {
      return await call();
    } catch (error) {
      throw toSchemaEngineError(method, error, this.errors);
    }
  }
}
