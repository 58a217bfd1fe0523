// One drift check for one schema on the embedded engine (no CLI process): which comparisons apply,
// migration history (pending / failed / edited), then engine diffs mapped onto schema lines.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Wasm from '@prisma/schema-engine-wasm';
import { EmbeddedSchemaEngine, type SchemaFile } from '../engine/embeddedSchemaEngine';
import { NO_FILTER } from '../engine/embeddedSchemaEngine';
import { createAdapterFactory } from '../engine/adapterFactories';
import { migrationStatus } from '../engine/migrateOperations';
import { readMigrationsList } from '../engine/migrationsDirectory';
import type { SchemaDocument } from '../schema/model';
import { datasource } from '../schema/query';
import { datasourceSpot, type SchemaSpot } from './locate';
import { toFindings, type Comparison, type DriftFinding } from './findings';
import { providerMismatch } from './lockProvider';
import { parseDiffSummary } from './summary';
import { classifyError, type DriftError } from './errors';
import { MISSING_DATABASE, databaseFingerprint } from './fingerprint';
import { replayKey, schemaKey, type DriftReplayCache, type ReplayResult } from './replayCache';
import type { DiffItem } from './summary';

/** `auto`: migrations when the project has a migrations folder with at least one migration, else database. */
export type DriftMode = 'auto' | 'migrations' | 'database' | 'off';

export interface DriftInputs {
  readonly provider: 'sqlite' | 'postgresql';
  /** Normalised for Prisma 7 (no url in the datasource). */
  readonly schemaFiles: readonly SchemaFile[];
  /** The parsed schema the results are placed on (same files, same lines). */
  readonly doc: SchemaDocument;
  readonly migrationsDir: string;
  readonly mode: DriftMode;
  readonly adapterFactory: () => Promise<SqlMigrationAwareDriverAdapterFactory>;
  /** Folder relative SQLite paths resolve from (the engine's configDir). */
  readonly configDir: string;
  /** SQLite: the database file; a missing file means nothing is applied yet (and we do not create it). */
  readonly sqliteFile?: string;
  readonly wasmPath?: string;
  readonly isCancelled?: () => boolean;
  /**
   * Keeps the migrations ↔ database result between checks: the replay is skipped while the applied
   * migrations and the database fingerprint are unchanged. With it, the report carries the fingerprint.
   */
  readonly replayCache?: DriftReplayCache;
}

export type DriftState =
  'inSync' | 'pending' | 'failed' | 'drift' | 'unmigrated' | 'schemaDiffers' | 'providerMismatch' | 'error';

export interface DriftReport {
  readonly state: DriftState;
  readonly comparisons: readonly Comparison[];
  readonly pending: readonly string[];
  readonly failed: readonly string[];
  readonly edited: readonly string[];
  /** Applied in the database, missing from the migrations folder. */
  readonly missingLocally: readonly string[];
  readonly findings: readonly DriftFinding[];
  /** SQL that would take the source of each comparison to its destination. */
  readonly sql: Partial<Record<Comparison, string>>;
  /** Findings about the history, the provider or errors: on the datasource block. */
  readonly notes: readonly {
    readonly message: string;
    readonly spot: SchemaSpot;
    readonly kind: 'pending' | 'failed' | 'edited' | 'missingLocally' | 'provider' | 'noMigrationsTable';
  }[];
  readonly error?: DriftError;
  readonly durationMs: number;
  /**
   * The database's fingerprint (fingerprint.ts) as the check found it before reading anything else (only
   * with a replay cache): watch mode's baseline, so a change made after this point is seen by the next tick.
   */
  readonly fingerprint?: string;
}

export class DriftCancelled extends Error {
  constructor() {
    super('drift check cancelled');
  }
}

export function hasMigrations(migrationsDir: string): boolean {
  try {
    return readdirSync(migrationsDir, { withFileTypes: true }).some((d) => d.isDirectory());
  } catch {
    return false;
  }
}

export function comparisonsFor(mode: DriftMode, migrationsDir: string): Comparison[] {
  const useMigrations = mode === 'migrations' || (mode === 'auto' && hasMigrations(migrationsDir));
  if (mode === 'off') return [];
  return useMigrations ? ['schemaMigrations', 'migrationsDatabase'] : ['schemaDatabase'];
}

export async function checkDrift(inputs: DriftInputs): Promise<DriftReport> {
  const t0 = performance.now();
  const comparisons = comparisonsFor(inputs.mode, inputs.migrationsDir);
  const ds = datasourceSpot(inputs.doc);
  const notes: DriftReport['notes'][number][] = [];
  const findings: DriftFinding[] = [];
  const sql: Partial<Record<Comparison, string>> = {};
  let pending: string[] = [];
  let failed: string[] = [];
  let edited: string[] = [];
  let missingLocally: string[] = [];
  let fingerprint: string | undefined;
  const done = (error?: DriftError): DriftReport => {
    const report = {
      comparisons,
      pending,
      failed,
      edited,
      missingLocally,
      findings,
      sql,
      notes,
      durationMs: performance.now() - t0,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    };
    return error ? { ...report, state: 'error', error } : { ...report, state: stateOf(report) };
  };
  const check = () => {
    if (inputs.isCancelled?.()) throw new DriftCancelled();
  };
  if (comparisons.length === 0) return done();

  const useMigrations = comparisons.includes('schemaMigrations');
  if (useMigrations) {
    const mismatch = providerMismatch(inputs.provider, inputs.migrationsDir);
    if (mismatch) {
      notes.push({ kind: 'provider', message: mismatch, spot: providerSpot(inputs.doc) ?? ds });
      return done();
    }
  }
  // A SQLite file that does not exist yet: everything is pending; opening it would create it.
  if (inputs.sqliteFile !== undefined && !existsSync(inputs.sqliteFile)) {
    if (inputs.replayCache) fingerprint = MISSING_DATABASE;
    if (!existsSync(path.dirname(inputs.sqliteFile))) {
      return done(
        classifyError(
          new Error(`unable to open database file: the folder ${path.dirname(inputs.sqliteFile)} does not exist`),
          inputs.provider,
          ds,
        ),
      );
    }
    if (useMigrations) {
      pending = readMigrationsList(inputs.migrationsDir).migrationDirectories.map((m) => m.path);
      if (pending.length)
        notes.push({
          kind: 'pending',
          spot: ds,
          message: pendingMessage(pending, `the database file ${path.basename(inputs.sqliteFile)} does not exist yet`),
        });
      await diffStep(inputs, 'schemaMigrations', findings, sql, check);
    } else {
      notes.push({
        kind: 'noMigrationsTable',
        spot: ds,
        message: `The database file ${path.basename(inputs.sqliteFile)} does not exist yet: push the schema (db push) to create it.`,
      });
    }
    return done();
  }

  /** The datasource's `schemas` list (multi-schema PostgreSQL): what the fingerprint covers. */
  const namespaces = datasource(inputs.doc)?.schemas;
  let engine: EmbeddedSchemaEngine | undefined;
  let factory: SqlMigrationAwareDriverAdapterFactory | undefined;
  /** A replay result to keep once the engine is closed, if the database did not change meanwhile. */
  let toCache: { key: string; fingerprint: string; result: ReplayResult } | undefined;
  try {
    check();
    factory = await inputs.adapterFactory();
    // before the engine opens: a second SQLite connection next to the engine's could meet its lock
    fingerprint = inputs.replayCache ? await fingerprintOf(factory, inputs.provider, namespaces) : undefined;
    check();
    engine = await EmbeddedSchemaEngine.open({
      schemaFiles: inputs.schemaFiles,
      adapterFactory: factory,
      wasmPath: inputs.wasmPath,
    });
    check();
    if (useMigrations) {
      const list = readMigrationsList(inputs.migrationsDir);
      const status = await migrationStatus(engine, { migrationsDir: inputs.migrationsDir });
      check();
      failed = status.failedMigrationNames;
      edited = status.editedMigrationNames;
      const h = status.history;
      if (h?.diagnostic === 'databaseIsBehind') pending = h.unappliedMigrationNames;
      if (h?.diagnostic === 'migrationsDirectoryIsBehind') missingLocally = h.unpersistedMigrationNames;
      if (h?.diagnostic === 'historiesDiverge') {
        pending = h.unappliedMigrationNames;
        missingLocally = h.unpersistedMigrationNames;
      }
      if (!status.hasMigrationsTable) pending = list.migrationDirectories.map((m) => m.path);
      if (pending.length) notes.push({ kind: 'pending', spot: ds, message: pendingMessage(pending) });
      for (const name of failed)
        notes.push({
          kind: 'failed',
          spot: ds,
          message: `Migration ${name} failed and is recorded as failed in the database: fix what it left behind, then mark it applied or rolled back.`,
        });
      for (const name of edited)
        notes.push({
          kind: 'edited',
          spot: ds,
          message: `Migration ${name} was edited after it was applied (its checksum differs from the database's record).`,
        });
      if (missingLocally.length)
        notes.push({
          kind: 'missingLocally',
          spot: ds,
          message: `${missingLocally.length} migration(s) applied to the database are missing from the migrations folder: ${missingLocally.join(', ')}.`,
        });

      // Drift: the database against the migrations it has applied (pending ones left out).
      let databaseIsMigrations = false;
      if (status.hasMigrationsTable && failed.length === 0 && missingLocally.length === 0) {
        const applied = {
          ...list,
          migrationDirectories: list.migrationDirectories.filter((m) => !pending.includes(m.path)),
        };
        const key =
          fingerprint === undefined || !inputs.replayCache
            ? undefined
            : replayKey(applied, inputs.provider, fingerprint);
        const cached = key === undefined ? undefined : inputs.replayCache?.replay.get(key);
        let items: readonly DiffItem[];
        if (cached) {
          items = cached.items;
          findings.push(...toFindings(inputs.doc, 'migrationsDatabase', items));
          if (cached.sql !== undefined) sql.migrationsDatabase = cached.sql;
        } else {
          items = await diffStep(
            inputs,
            'migrationsDatabase',
            findings,
            sql,
            check,
            engine,
            { tag: 'migrations', ...applied },
            live(inputs),
          );
          if (key !== undefined && fingerprint !== undefined)
            toCache = { key, fingerprint, result: { items, sql: sql.migrationsDatabase } };
        }
        databaseIsMigrations = items.length === 0 && pending.length === 0;
      }
      // Schema against migrations: kept while schema and migrations are unchanged (the database plays no
      // part). Else, when the database is exactly the migrations' result, compare with the database instead
      // (no second shadow-database replay: half the cost on PostgreSQL).
      const sKey = inputs.replayCache ? schemaKey(inputs.schemaFiles, list, inputs.provider) : undefined;
      const known = sKey === undefined ? undefined : inputs.replayCache?.schema.get(sKey);
      if (known) {
        findings.push(...toFindings(inputs.doc, 'schemaMigrations', known.items));
        if (known.sql !== undefined) sql.schemaMigrations = known.sql;
      } else {
        const items = databaseIsMigrations
          ? await diffStep(inputs, 'schemaMigrations', findings, sql, check, engine, live(inputs))
          : await diffStep(inputs, 'schemaMigrations', findings, sql, check, engine);
        if (sKey !== undefined) inputs.replayCache?.schema.set(sKey, { items, sql: sql.schemaMigrations });
      }
    } else {
      await diffStep(inputs, 'schemaDatabase', findings, sql, check, engine, live(inputs), {
        tag: 'schemaDatamodel',
        files: files(inputs),
      });
    }
    return done();
  } catch (error) {
    if (error instanceof DriftCancelled) throw error;
    return done(classifyError(error, inputs.provider, ds));
  } finally {
    await engine?.dispose().catch(() => undefined);
    // a change made while the engine replayed would make the result belong to another fingerprint
    if (toCache && factory && (await fingerprintOf(factory, inputs.provider, namespaces)) === toCache.fingerprint)
      inputs.replayCache?.replay.set(toCache.key, toCache.result);
  }
}

const files = (inputs: DriftInputs): Wasm.SchemaContainer[] =>
  inputs.schemaFiles.map((f) => ({ path: f.path, content: f.content }));
const live = (inputs: DriftInputs): Wasm.DiffTarget => ({
  tag: 'schemaDatasource',
  files: files(inputs),
  configDir: inputs.configDir,
});

async function diffStep(
  inputs: DriftInputs,
  comparison: Comparison,
  findings: DriftFinding[],
  sql: Partial<Record<Comparison, string>>,
  check: () => void,
  engine?: EmbeddedSchemaEngine,
  from?: Wasm.DiffTarget,
  to?: Wasm.DiffTarget,
): Promise<readonly DiffItem[]> {
  const source = from ?? { tag: 'migrations', ...readMigrationsList(inputs.migrationsDir) };
  const target = to ?? { tag: 'schemaDatamodel', files: files(inputs) };
  const run = async (e: EmbeddedSchemaEngine): Promise<readonly DiffItem[]> => {
    const summary = await e.diff({ from: source, to: target, script: false, exitCode: true, filters: NO_FILTER });
    check();
    if (summary.exitCode !== 2) return [];
    const items = parseDiffSummary(summary.stdout);
    findings.push(...toFindings(inputs.doc, comparison, items));
    const script = await e.diff({ from: source, to: target, script: true, exitCode: true, filters: NO_FILTER });
    sql[comparison] = script.stdout ?? '';
    check();
    return items;
  };
  if (engine) return run(engine);
  // No live database needed (schema ↔ migrations): an in-memory SQLite engine or the real adapter.
  const adapterFactory =
    inputs.provider === 'sqlite'
      ? await createAdapterFactory({
          provider: 'sqlite',
          url: 'file::memory:',
          configDir: inputs.configDir,
          memoShadowReads: true,
          hostThread: true,
        })
      : await inputs.adapterFactory();
  const own = await EmbeddedSchemaEngine.open({
    schemaFiles: inputs.schemaFiles,
    adapterFactory,
    wasmPath: inputs.wasmPath,
  });
  try {
    return await run(own);
  } finally {
    await own.dispose();
  }
}

async function fingerprintOf(
  factory: SqlMigrationAwareDriverAdapterFactory,
  provider: 'sqlite' | 'postgresql',
  namespaces?: readonly string[],
): Promise<string | undefined> {
  let db: Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory['connect']>> | undefined;
  try {
    db = await factory.connect();
    return await databaseFingerprint(db, provider, namespaces);
  } catch {
    return undefined; // no cache this time; the engine reports what is wrong
  } finally {
    await db?.dispose().catch(() => undefined);
  }
}

function pendingMessage(pending: readonly string[], why?: string): string {
  const list =
    pending.length > 3 ? `${pending.slice(0, 3).join(', ')} and ${pending.length - 3} more` : pending.join(', ');
  return `${pending.length} migration(s) not applied to the database${why ? ` (${why})` : ''}: ${list}.`;
}

function providerSpot(doc: SchemaDocument): SchemaSpot | undefined {
  const ds = doc.blocks.find((b) => b.kind === 'datasource');
  const p = ds?.properties.find((x) => x.key === 'provider');
  return p ? { file: p.location.file, range: p.location.range, onDatasource: true } : undefined;
}

export function stateOf(
  r: Pick<DriftReport, 'pending' | 'failed' | 'findings' | 'notes' | 'edited' | 'missingLocally'>,
): DriftState {
  if (r.notes.some((n) => n.kind === 'provider')) return 'providerMismatch';
  if (r.failed.length) return 'failed';
  if (r.findings.some((f) => f.comparison === 'migrationsDatabase') || r.missingLocally.length || r.edited.length)
    return 'drift';
  if (r.pending.length) return 'pending';
  if (r.findings.some((f) => f.comparison === 'schemaMigrations')) return 'unmigrated';
  if (r.findings.some((f) => f.comparison === 'schemaDatabase')) return 'schemaDiffers';
  return 'inSync';
}
