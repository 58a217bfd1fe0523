// One schema engine instance (wasm) bound to one database through a driver adapter factory.
// Every method turns failures into SchemaEngineError with the driver's own message attached, and
// dispose() both frees the wasm object and closes every connection the engine opened.
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
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
    private raw: Wasm.SchemaEngine,
    private readonly adapters: TrackedAdapterFactory,
    private errors: ErrorRegistry,
    /** Version of the wasm engine build. */
    readonly engineVersion: string,
    private readonly options: OpenEngineOptions,
  ) {}

  static async open(options: OpenEngineOptions): Promise<EmbeddedSchemaEngine> {
    const { engineVersion } = await loadSchemaEngineModule(options.wasmPath);
    const adapters = new TrackedAdapterFactory(options.adapterFactory);
    const { raw, errors } = await EmbeddedSchemaEngine.create(options, adapters);
    return new EmbeddedSchemaEngine(raw, adapters, errors, engineVersion, options);
  }

  private static async create(options: OpenEngineOptions, adapters: TrackedAdapterFactory): Promise<{ raw: Wasm.SchemaEngine; errors: ErrorRegistry }> {
    const { SchemaEngine } = await loadSchemaEngineModule(options.wasmPath);
    const bound = bindMigrationAwareSqlAdapterFactory(adapters);
    const datamodels = options.schemaFiles?.map((f): [string, string] => [f.path, f.content]);
    const log = options.log ?? (() => undefined);
    try {
      return { raw: await SchemaEngine.new({ datamodels }, log, bound), errors: bound.errorRegistry };
    } catch (error) {
      await adapters.disposeAll().catch(() => undefined);
      throw toSchemaEngineError('open', error, bound.errorRegistry);
    }
  }

  /**
   * A fresh wasm engine on the same database, connections of the old one closed. Needed after
   * applyMigrations changed the database within a dev flow: the wasm SQLite connector consumes its
   * external shadow-database factory once per engine, so a later shadow replay (evaluateDataLoss,
   * createMigration) on the same engine fails with "SQLite shadow DB must be provided through an
   * external factory". The native engine creates shadow databases itself and has no such limit.
   */
  async restart(): Promise<void> {
    if (this.disposed) throw new Error('Schema engine used after dispose (restart)');
    this.raw.free();
    await this.adapters.disposeAll();
    const { raw, errors } = await EmbeddedSchemaEngine.create(this.options, this.adapters);
    this.raw = raw;
    this.errors = errors;
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
