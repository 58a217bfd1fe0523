// The Prisma workflows run on the embedded wasm engine instead of the CLI, printing what the CLI would
// print. For machines where the CLI's native engine cannot be had (air-gapped), or when the user picks
// `prismaWorkbench.engine: embedded`. SQLite and PostgreSQL only. Each command returns its exit code.
import { existsSync, rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import type { PrismaCommandKind, PrismaCommandOptions } from '../cli/prismaCommands';
import { EmbeddedSchemaEngine, type SchemaFile } from '../engine/embeddedSchemaEngine';
import { applyMigrations, applyMigrationsStepwise, createMigration } from '../engine/migrateOperations';
import { sqliteFilePath } from '../engine/sqliteUrl';
import { describeDatabase } from '../connections/databaseInfo';
import { urlSchema } from '../connections/postgresSchema';
import { adapterFactoryFor } from './adapterFactory';
import { historyDialect } from './historyTable';
import { explain, loadMigrationStatus } from './liveStatus';
import { readLocalMigrations, sha256 } from './localMigrations';
import { stateLabel } from './migrationStates';

export interface EmbeddedContext {
  readonly provider: 'sqlite' | 'postgresql';
  readonly url: string;
  readonly shadowDatabaseUrl?: string;
  /** Folder relative SQLite paths resolve from. */
  readonly baseDir: string;
  readonly projectDir: string;
  readonly migrationsDir: string;
  /** The schema, already normalised for Prisma 7 (url settings and unknown preview features removed). */
  readonly schemaFiles: readonly SchemaFile[];
  readonly wasmPath?: string;
}

export interface Terminal {
  line(text: string): void;
  readonly cancelled: () => boolean;
}

export const EMBEDDED_COMMANDS: readonly PrismaCommandKind[] = [
  'migrateDev',
  'migrateDeploy',
  'migrateStatus',
  'migrateReset',
  'migrateResolve',
  'dbPush',
];

class Cancelled extends Error {
  constructor(readonly applied: readonly string[] = []) {
    super('cancelled');
  }
}

export async function runEmbedded(
  kind: PrismaCommandKind,
  options: PrismaCommandOptions,
  ctx: EmbeddedContext,
  term: Terminal,
): Promise<number> {
  const db = describeDatabase(ctx.url, ctx.baseDir, ctx.projectDir);
  term.line(
    `Prisma schema loaded from ${ctx.schemaFiles.length === 1 ? path.relative(ctx.projectDir, ctx.schemaFiles[0].path) : `${ctx.schemaFiles.length} files`}`,
  );
  term.line(
    `Datasource "db": ${ctx.provider === 'sqlite' ? 'SQLite database' : 'PostgreSQL database'} ${db.label} (embedded schema engine)`,
  );
  term.line('');
  if (!EMBEDDED_COMMANDS.includes(kind)) {
    term.line(`This command needs the Prisma CLI: the embedded engine runs ${EMBEDDED_COMMANDS.join(', ')}.`);
    term.line('Install the CLI\'s engine (or set prismaWorkbench.engine to "cli" on a machine that can download it).');
    return 1;
  }
  const check = () => {
    if (term.cancelled()) throw new Cancelled();
  };
  try {
    switch (kind) {
      case 'migrateStatus':
        return await status(ctx, term);
      case 'migrateDeploy':
        return await withEngine(ctx, async (engine) => {
          const { applied, stopped } = await applyMigrationsStepwise(
            engine,
            { migrationsDir: ctx.migrationsDir },
            term.cancelled,
          );
          if (stopped) throw new Cancelled(applied);
          reportApplied(term, applied, 'deploy');
          return 0;
        });
      case 'migrateDev': {
        const name = options.name?.trim();
        if (!name && !options.createOnly) {
          term.line(
            'Give the migration a name (the embedded engine cannot prompt): set "name" in the task, or run "Prisma: Migrate Dev" from the command palette.',
          );
          return 1;
        }
        return await withEngine(ctx, async (engine) => {
          check();
          const result = await createMigration(engine, {
            migrationsDir: ctx.migrationsDir,
            schemaFiles: ctx.schemaFiles,
            name: name ?? '',
            draft: options.createOnly ?? false,
          });
          switch (result.kind) {
            case 'needsReset':
              term.line(`Drift detected: ${result.reason}`);
              term.line('');
              term.line(
                'The database must be reset to continue (all data will be lost). Run "Prisma: Migrate Reset", then Migrate Dev again.',
              );
              return 1;
            case 'blocked':
              term.line('The migration cannot be executed:');
              for (const m of result.unexecutable) term.line(`  • ${m}`);
              return 1;
            case 'unchanged':
              reportApplied(term, result.applied, 'dev');
              term.line('Already in sync, no schema change or pending migration was found.');
              return 0;
            case 'created':
              for (const w of result.warnings) term.line(`⚠️  ${w}`);
              term.line(
                `Prisma Migrate created the following migration${options.createOnly ? ' without applying it' : ''}:`,
              );
              term.line('');
              term.line(`migrations/`);
              term.line(`  └─ ${result.name}/`);
              term.line('    └─ migration.sql');
              term.line('');
              if (!options.createOnly) reportApplied(term, result.applied, 'dev');
              term.line(
                options.createOnly
                  ? 'You can now edit it and apply it by running Migrate Dev or Migrate Deploy.'
                  : 'Your database is now in sync with your schema.',
              );
              return 0;
          }
          return 1;
        });
      }
      case 'migrateReset':
        await reset(ctx, term);
        check();
        return await withEngine(ctx, async (engine) => {
          const applied = await applyMigrations(engine, { migrationsDir: ctx.migrationsDir });
          reportApplied(term, applied, 'reset');
          term.line('Database reset successful. (The seed is not run by the embedded engine: run "Prisma: DB Seed".)');
          return 0;
        });
      case 'migrateResolve':
        return await resolve(ctx, options, term);
      case 'dbPush':
        return await withEngine(ctx, async (engine) => {
          const out = await engine.schemaPush({
            schema: { files: ctx.schemaFiles.map((f) => ({ path: f.path, content: f.content })) },
            force: options.acceptDataLoss ?? false,
            filters: { externalTables: [], externalEnums: [] },
          });
          if (out.unexecutable.length) {
            for (const m of out.unexecutable) term.line(`  • ${m}`);
            return 1;
          }
          if (out.warnings.length && !options.acceptDataLoss) {
            term.line('⚠️  There might be data loss when applying the changes:');
            for (const w of out.warnings) term.line(`  • ${w}`);
            term.line('Run "Prisma: DB Push (accept data loss)" to apply them anyway.');
            return 1;
          }
          term.line(
            out.executedSteps === 0
              ? 'The database is already in sync with the Prisma schema.'
              : `🚀  Your database is now in sync with your Prisma schema (${out.executedSteps} step(s)).`,
          );
          return 0;
        });
      default:
        return 1;
    }
  } catch (error) {
    if (error instanceof Cancelled) {
      term.line(
        `Cancelled between two migrations${error.applied.length ? ` after applying ${error.applied.join(', ')}` : ''}: each migration is applied whole or not at all. The Migrations view shows what was applied.`,
      );
      return 130;
    }
    const code = (error as { code?: unknown }).code;
    term.line(`Error: ${typeof code === 'string' ? `${code} ` : ''}${explain(error)}`);
    return 1;
  }
}

async function withEngine(
  ctx: EmbeddedContext,
  body: (engine: EmbeddedSchemaEngine) => Promise<number>,
): Promise<number> {
  const adapterFactory = await adapterFactoryFor(
    ctx.provider === 'sqlite'
      ? { provider: 'sqlite', url: ctx.url, configDir: ctx.baseDir }
      : { provider: 'postgresql', url: ctx.url, shadowDatabaseUrl: ctx.shadowDatabaseUrl },
  );
  const engine = await EmbeddedSchemaEngine.open({
    schemaFiles: ctx.schemaFiles,
    adapterFactory,
    wasmPath: ctx.wasmPath,
  });
  try {
    return await body(engine);
  } finally {
    await engine.dispose();
  }
}

function reportApplied(term: Terminal, applied: readonly string[], mode: 'deploy' | 'dev' | 'reset'): void {
  if (applied.length === 0) {
    if (mode === 'deploy') term.line('No pending migrations to apply.');
    return;
  }
  term.line(`The following migration(s) have been applied:`);
  term.line('');
  term.line('migrations/');
  for (const name of applied) term.line(`  └─ ${name}/\n    └─ migration.sql`);
  term.line('');
  if (mode === 'deploy') term.line('All migrations have been successfully applied.');
}

async function status(ctx: EmbeddedContext, term: Terminal): Promise<number> {
  const s = await loadMigrationStatus({
    migrationsDir: ctx.migrationsDir,
    provider: ctx.provider,
    url: ctx.url,
    baseDir: ctx.baseDir,
  });
  term.line(
    `${s.local.migrations.length} migration(s) found in ${path.relative(ctx.projectDir, ctx.migrationsDir) || ctx.migrationsDir}`,
  );
  term.line('');
  if (s.database === 'unknown') {
    term.line(`Error: ${s.reason ?? 'the database could not be read'}`);
    return 1;
  }
  for (const e of s.entries)
    term.line(`  ${e.name}  ${stateLabel[e.state]}${e.error ? `\n      ${e.error.split('\n')[0]}` : ''}`);
  term.line('');
  const bad = s.entries.filter((e) => e.state !== 'applied');
  if (bad.length === 0) {
    term.line('Database schema is up to date!');
    return 0;
  }
  term.line(
    `${bad.length} migration(s) not applied as they are locally: ${bad.map((e) => `${e.name} (${stateLabel[e.state]})`).join(', ')}`,
  );
  return 1;
}

/**
 * SQLite: the wasm engine's reset only deletes rows, so the file is emptied in place, as Prisma's native
 * engine does (it truncates the file). Not deleted: whoever still holds the file open (the user's dev
 * server, our own drift check) would go on reading and writing the deleted copy, the old data included.
 * PostgreSQL: the engine's reset.
 */
async function reset(ctx: EmbeddedContext, term: Terminal): Promise<void> {
  if (ctx.provider === 'sqlite') {
    const file = sqliteFilePath(ctx.url, ctx.baseDir);
    const shown = path.relative(ctx.projectDir, file ?? '') || file;
    if (file) emptySqliteFile(file);
    term.line(`Emptied the SQLite database ${shown}`);
    return;
  }
  await withEngine(ctx, async (engine) => {
    await engine.reset({ filter: { externalTables: [], externalEnums: [] } });
    return 0;
  });
  const schema = urlSchema(ctx.url);
  term.line(schema ? `Dropped everything in schema "${schema}".` : 'Dropped everything in the database.');
}

/** `migrate resolve`: only a failed migration can be resolved, as the CLI enforces. */
async function resolve(ctx: EmbeddedContext, options: PrismaCommandOptions, term: Terminal): Promise<number> {
  const name = options.migration;
  if (!name || (options.resolveAs !== 'applied' && options.resolveAs !== 'rolledBack')) {
    term.line('migrate resolve needs a migration and --applied or --rolled-back.');
    return 1;
  }
  const s = await loadMigrationStatus({
    migrationsDir: ctx.migrationsDir,
    provider: ctx.provider,
    url: ctx.url,
    baseDir: ctx.baseDir,
  });
  const entry = s.entries.find((e) => e.name === name);
  if (!entry || !entry.local) {
    term.line(`Error: P3017 The migration ${name} could not be found in the migrations folder.`);
    return 1;
  }
  if (options.resolveAs === 'rolledBack' && entry.state !== 'failed') {
    term.line(
      `Error: P3012 Migration ${name} cannot be rolled back because it is not in a failed state (it is ${stateLabel[entry.state]}).`,
    );
    return 1;
  }
  if (options.resolveAs === 'applied' && entry.state === 'applied') {
    term.line(`Error: P3008 The migration ${name} is already recorded as applied in the database.`);
    return 1;
  }
  const factory = await adapterFactoryFor(
    ctx.provider === 'sqlite'
      ? { provider: 'sqlite', url: ctx.url, configDir: ctx.baseDir }
      : { provider: 'postgresql', url: ctx.url },
  );
  const db = await factory.connect();
  // PostgreSQL: `<schema>._prisma_migrations` of the URL's `?schema=`, as the history was read
  const schema = ctx.provider === 'postgresql' ? urlSchema(ctx.url) : undefined;
  const { table } = historyDialect(schema ? { provider: ctx.provider, schema } : { provider: ctx.provider });
  const p = (i: number) => (ctx.provider === 'postgresql' ? `$${i}` : '?');
  const now = new Date().toISOString();
  const str = { scalarType: 'string', arity: 'scalar' } as const;
  try {
    if (entry.state === 'failed') {
      await db.executeRaw({
        sql: `UPDATE ${table} SET rolled_back_at = ${p(1)} WHERE migration_name = ${p(2)} AND finished_at IS NULL AND rolled_back_at IS NULL`,
        args: [now, name],
        argTypes: [str, str],
      });
    }
    if (options.resolveAs === 'applied') {
      const local = readLocalMigrations(ctx.migrationsDir).migrations.find((m) => m.name === name);
      const checksum = local?.checksum ?? sha256('');
      const id = globalThis.crypto.randomUUID();
      await db.executeRaw({
        sql: `INSERT INTO ${table} (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, 0)`,
        args: [id, checksum, now, name, now],
        argTypes: [str, str, str, str, str],
      });
    }
  } finally {
    await db.dispose();
  }
  term.line(`Migration ${name} marked as ${options.resolveAs === 'applied' ? 'applied' : 'rolled back'}.`);
  return 0;
}

/**
 * Empties a SQLite file, keeping the file itself. Its journals go first: a hot rollback journal left
 * beside an emptied file would be played back into it by the next connection, old pages and all.
 */
function emptySqliteFile(file: string): void {
  try {
    for (const suffix of ['-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    if (existsSync(file)) truncateSync(file, 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const busy = code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
    throw new Error(
      busy
        ? `The SQLite database ${file} could not be emptied (${code}): another program may hold it open or it is read-only. Close it and run Migrate Reset again.`
        : `The SQLite database ${file} could not be emptied: ${(e as Error).message}`,
    );
  }
}
