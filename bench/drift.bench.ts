// Drift check of a 100-model schema with 50 migrations, on SQLite and PostgreSQL (the local server when
// reachable: TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432), embedded engine against its
// reference, spawning `prisma migrate diff --exit-code`. Offline the CLI has no native schema engine: it
// drives our own wasm engine through a stand-in binary (bench/host/schemaEngineStandIn.mjs as
// PRISMA_SCHEMA_ENGINE_BINARY), and every line says so ("Prisma CLI + wasm stand-in engine"): that is the
// reference measured, not the CLI with Prisma's native engine. Without either the CLI figure is not measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DriftReplayCache, checkDrift } from '../src/core/drift';
import {
  EmbeddedSchemaEngine,
  NO_FILTER,
  applyMigrations,
  createAdapterFactory,
  readMigrationsList,
} from '../src/core/engine';
import { lockFileContent } from '../src/core/engine/migrationsDirectory';
import {
  dropAllShadowDatabases,
  forgetShadowContents,
  keptShadowDatabases,
} from '../src/core/engine/shadowDatabasePool';
import { clearShadowReadMemo } from '../src/core/engine/shadowReadMemo';
import { findPrismaCli, hasNativeSchemaEngine } from '../src/core/cli/resolveCli';
import { parseSchema } from '../src/core/schema/parse';
import { generateSchema } from './schemaGen';

const MODELS = 100;
const MIGRATIONS = 50;
const RUNS = Number(process.env.DRIFT_BENCH_RUNS ?? 5);
const GOAL = 5;
const root = path.resolve(__dirname, '..');
/** The stand-in for the native engine (the wasm engine behind the CLI's JSON-RPC; SQLite and PostgreSQL). */
const standIn = path.join(root, 'bench', 'host', 'schemaEngineStandIn.mjs');

/** What the reference is, as every line prints it: the CLI with Prisma's native engine, or with our stand-in. */
function referenceLabel(): string {
  const cli = findPrismaCli(root, root, undefined);
  if (!cli) return 'Prisma CLI (not installed)';
  return hasNativeSchemaEngine(cli, process.env)
    ? 'Prisma CLI (native schema engine)'
    : 'Prisma CLI + wasm stand-in engine';
}

function schemaFor(provider: 'sqlite' | 'postgresql'): string {
  const pg = generateSchema(MODELS);
  return provider === 'postgresql'
    ? pg
    : pg.replace('provider = "postgresql"', 'provider = "sqlite"').replace(/ @db\.\w+(\([^)]*\))?/g, '');
}

/** The SQL that creates the schema, cut into MIGRATIONS folders at statement boundaries, in order. */
async function writeMigrations(dir: string, provider: 'sqlite' | 'postgresql', schema: string): Promise<void> {
  const factory = await createAdapterFactory({ provider: 'sqlite', url: 'file::memory:', configDir: dir });
  const engine = await EmbeddedSchemaEngine.open({ adapterFactory: factory });
  let sql: string;
  try {
    sql =
      (
        await engine.diff({
          from: { tag: 'empty' },
          to: { tag: 'schemaDatamodel', files: [{ path: path.join(dir, 'schema.prisma'), content: schema }] },
          script: true,
          exitCode: null,
          filters: NO_FILTER,
        })
      ).stdout ?? '';
  } finally {
    await engine.dispose();
  }
  const statements = sql.split(/\n(?=-- [A-Z][A-Za-z]+\n)/).filter((s) => s.trim() !== '');
  const per = Math.ceil(statements.length / MIGRATIONS);
  const migrations = path.join(dir, 'migrations');
  for (let i = 0; i < MIGRATIONS; i++) {
    const chunk = statements.slice(i * per, (i + 1) * per);
    const folder = path.join(migrations, `2026010100${String(i).padStart(4, '0')}_step_${i}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'migration.sql'),
      chunk.length ? `${chunk.join('\n')}\n` : '-- nothing\nSELECT 1;\n',
    );
  }
  writeFileSync(path.join(migrations, 'migration_lock.toml'), lockFileContent(provider));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function pgReachable(url: string): Promise<boolean> {
  try {
    const factory = await createAdapterFactory({ provider: 'postgresql', url });
    const db = await factory.connect();
    await db.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
    await db.dispose();
    return true;
  } catch {
    return false;
  }
}

async function measure(provider: 'sqlite' | 'postgresql', adminUrl?: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `drift-bench-${provider}-`));
  const dbName = `drift_bench_${process.pid}`;
  const url =
    provider === 'sqlite' ? `file:${path.join(dir, 'dev.db')}` : adminUrl!.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
  const exec = async (sql: string) => {
    const f = await createAdapterFactory({ provider: 'postgresql', url: adminUrl! });
    const db = await f.connect();
    try {
      await db.executeRaw({ sql, args: [], argTypes: [] });
    } finally {
      await db.dispose();
    }
  };
  try {
    const schema = schemaFor(provider);
    writeFileSync(path.join(dir, 'schema.prisma'), schema);
    await writeMigrations(dir, provider, schema);
    if (provider === 'postgresql') await exec(`CREATE DATABASE "${dbName}"`);
    const target = provider === 'sqlite' ? ({ provider, url, configDir: dir } as const) : ({ provider, url } as const);
    const engine = await EmbeddedSchemaEngine.open({ adapterFactory: await createAdapterFactory(target) });
    try {
      await applyMigrations(engine, { migrationsDir: path.join(dir, 'migrations') });
    } finally {
      await engine.dispose();
    }
    const files = [{ path: path.join(dir, 'schema.prisma'), content: schema }];
    // as the extension checks: PostgreSQL keeps its temporary shadow database between checks; SQLite runs drift's
    // statements in the host thread, yielding between them (sqlite/yieldingAdapter.ts)
    const checkTarget =
      provider === 'sqlite'
        ? ({ ...target, memoShadowReads: process.env.DRIFT_BENCH_REUSE !== '0', hostThread: true } as const)
        : ({ ...target, reuseShadowDatabase: process.env.DRIFT_BENCH_REUSE !== '0' } as const);
    const inputs = {
      provider,
      schemaFiles: files,
      doc: parseSchema(files),
      migrationsDir: path.join(dir, 'migrations'),
      mode: 'auto' as const,
      adapterFactory: () => createAdapterFactory(checkTarget),
      configDir: dir,
      sqliteFile: provider === 'sqlite' ? path.join(dir, 'dev.db') : undefined,
    };
    const first = await checkDrift(inputs);
    if (first.state !== 'inSync')
      throw new Error(
        `the bench project is not in sync: ${first.state} ${first.findings.map((f) => f.message).join('; ')} ${first.error?.message ?? ''}`,
      );
    // the database changed since the last check (watch mode saw it): the migrations <-> database result is
    // not reused; schema <-> migrations is (neither changed); PostgreSQL's kept shadow database holds the migrations
    const changed = new DriftReplayCache();
    await checkDrift({ ...inputs, replayCache: changed });
    const times: number[] = [];
    // the longest the event loop (the extension host, in VS Code) waited during these checks and the cold ones
    let last = performance.now();
    let longestHold = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      longestHold = Math.max(longestHold, now - last - 10);
      last = now;
    }, 10);
    for (let i = 0; i < RUNS; i++) {
      changed.replay.clear();
      const t0 = performance.now();
      const r = await checkDrift({ ...inputs, replayCache: changed });
      times.push(performance.now() - t0);
      if (r.state !== 'inSync') throw new Error(`database-changed check disagrees: ${r.state}`);
    }
    if (changed.schema.hits !== RUNS || changed.replay.hits !== 0)
      throw new Error(`database-changed runs: ${changed.schema.hits} schema hits, ${changed.replay.hits} replay hits`);
    const embedded = median(times);
    // the first check of a session: nothing cached; PostgreSQL's kept shadow database forgotten, so it is emptied and written again
    const coldTimes: number[] = [];
    const kept = provider === 'postgresql' && process.env.DRIFT_BENCH_REUSE !== '0';
    for (let i = 0; i < RUNS; i++) {
      if (kept) forgetShadowContents();
      clearShadowReadMemo();
      const t0 = performance.now();
      const r = await checkDrift(inputs);
      coldTimes.push(performance.now() - t0);
      if (r.state !== 'inSync') throw new Error(`cold check disagrees: ${r.state}`);
    }
    clearInterval(probe);
    // a schema save (the text changed; migrations and database did not): the replay is reused, schema <-> migrations compared again
    const cache = new DriftReplayCache();
    await checkDrift({ ...inputs, replayCache: cache });
    const saveTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const saved = files.map((f) => ({ ...f, content: `${f.content}\n// saved ${i}\n` }));
      const t0 = performance.now();
      const r = await checkDrift({ ...inputs, schemaFiles: saved, doc: parseSchema(saved), replayCache: cache });
      saveTimes.push(performance.now() - t0);
      if (r.state !== 'inSync') throw new Error(`save check disagrees: ${r.state}`);
    }
    if (cache.replay.hits !== RUNS || cache.schema.hits !== 0)
      throw new Error(`save runs: ${cache.replay.hits} replay hits of ${RUNS}, ${cache.schema.hits} schema hits`);
    const save = median(saveTimes);
    // the first check after reopening the editor, nothing changed meanwhile: the cache kept in the workspace state (JSON), a new session's shadow database
    await checkDrift({ ...inputs, replayCache: cache }); // the session ends on the schema as it is on disk
    const kept0 = JSON.stringify(cache.toJSON());
    const reopenTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (kept) forgetShadowContents();
      clearShadowReadMemo();
      const restored = DriftReplayCache.from(JSON.parse(kept0));
      const t0 = performance.now();
      const r = await checkDrift({ ...inputs, replayCache: restored });
      reopenTimes.push(performance.now() - t0);
      if (r.state !== 'inSync' || restored.replay.hits !== 1 || restored.schema.hits !== 1)
        throw new Error(
          `reopen check: ${r.state}, ${restored.replay.hits} replay hit(s), ${restored.schema.hits} schema hit(s)`,
        );
    }
    const reopen = median(reopenTimes);
    // the same single comparison `migrate diff --from-migrations --to-config-datasource --exit-code` makes
    const single: number[] = [];
    const one = await EmbeddedSchemaEngine.open({
      schemaFiles: files,
      adapterFactory: await createAdapterFactory(target),
    });
    try {
      const list = readMigrationsList(path.join(dir, 'migrations'));
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await one.diff({
          from: { tag: 'migrations', ...list },
          to: { tag: 'schemaDatasource', files, configDir: dir },
          script: false,
          exitCode: true,
          filters: NO_FILTER,
        });
        single.push(performance.now() - t0);
      }
    } finally {
      await one.dispose();
    }
    console.log(
      `  ${provider.padEnd(11)} embedded migrations<->database diff alone (what migrate diff --exit-code does): ${median(single).toFixed(0)} ms (median of ${RUNS}, engine already open)`,
    );
    const cli = cliFigure(dir, url);
    const floor = typeof cli === 'number' ? undefined : cliStartupFloor();
    const ratio = (ms: number) =>
      typeof cli === 'number'
        ? `${(cli / ms).toFixed(1)}x`
        : floor === undefined
          ? 'n/a'
          : `n/a; ${referenceLabel()} start-up alone (prisma --version, a lower bound for any CLI check) ${floor.toFixed(0)} ms = ${(floor / ms).toFixed(1)}x`;
    const verdict = (ms: number) =>
      typeof cli === 'number' ? (cli / ms >= GOAL ? 'MEETS' : 'MISSES') : 'NOT MEASURED';
    console.log(
      `  ${provider.padEnd(11)} ${MODELS} models / ${MIGRATIONS} migrations   ${referenceLabel()}: migrate diff --exit-code ${typeof cli === 'number' ? `${cli.toFixed(0)} ms (median of ${RUNS})` : cli}`,
    );
    if (provider === 'postgresql' && process.env.DRIFT_BENCH_REUSE !== '0' && keptShadowDatabases() !== 1)
      throw new Error(`expected one kept shadow database, found ${keptShadowDatabases()}`);
    const cold = median(coldTimes);
    const where = kept
      ? 'into the emptied kept shadow database'
      : provider === 'postgresql'
        ? 'into a new shadow database'
        : 'into an in-memory shadow database';
    console.log(
      `  ${provider.padEnd(11)}   embedded full check, nothing cached: migrations replayed ${where} (a project's first check; after reopening, when database and schema both changed meanwhile) ${cold.toFixed(0).padStart(6)} ms (median of ${RUNS}; very first ${first.durationMs.toFixed(0)} ms)   ratio to the ${referenceLabel()} ${ratio(cold)}   goal >= ${GOAL}x: ${verdict(cold)}`,
    );
    console.log(
      `  ${provider.padEnd(11)}   embedded full check, database changed since the last check (watch mode; migrations <-> database compared again${kept ? ', the kept shadow database already holding the migrations' : ''}; schema <-> migrations reused) ${embedded.toFixed(0).padStart(6)} ms (median of ${RUNS})   ratio to the ${referenceLabel()} ${ratio(embedded)}   goal >= ${GOAL}x: ${verdict(embedded)}`,
    );
    console.log(
      `  ${provider.padEnd(11)}   longest wait of the event loop (the extension host's thread) during those checks and the cold ones: ${longestHold.toFixed(0)} ms (a 10 ms probe; goal: no single hold of seconds, as libsql's synchronous statements chained in one stretch gave)`,
    );
    console.log(
      `  ${provider.padEnd(11)}   embedded full check, schema saved (migrations <-> database reused; schema <-> migrations compared again) ${save.toFixed(0).padStart(6)} ms (median of ${RUNS})   ratio to the ${referenceLabel()} ${ratio(save)}   goal >= ${GOAL}x: ${verdict(save)}`,
    );
    console.log(
      `  ${provider.padEnd(11)}   embedded full check, first after reopening the editor with nothing changed (results kept in the workspace state) ${reopen.toFixed(0).padStart(6)} ms (median of ${RUNS})   ratio to the ${referenceLabel()} ${ratio(reopen)}   goal >= ${GOAL}x: ${verdict(reopen)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropAllShadowDatabases();
    if (provider === 'postgresql')
      await exec(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  }
}

/** `prisma migrate diff --from-migrations … --to-config-datasource --exit-code`, spawned; a string when it cannot be measured. */
function cliFigure(dir: string, url: string): number | string {
  const cli = findPrismaCli(root, root, undefined);
  if (!cli) return 'not measured: no Prisma CLI in node_modules';
  const env: Record<string, string | undefined> = {
    ...process.env,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
  if (!hasNativeSchemaEngine(cli, process.env)) {
    if (!existsSync(standIn))
      return 'NOT MEASURED: no native schema engine and no stand-in (set PRISMA_SCHEMA_ENGINE_BINARY)';
    env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
  }
  writeFileSync(
    path.join(dir, 'prisma.config.ts'),
    `export default { schema: './schema.prisma', migrations: { path: './migrations' }, datasource: { url: ${JSON.stringify(url)} } };\n`,
  );
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [cli.entry, 'migrate', 'diff', '--from-migrations', './migrations', '--to-config-datasource', '--exit-code'],
      { cwd: dir, encoding: 'utf8', env },
    );
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 2)
      return `not measured: the CLI exited ${r.status}: ${(r.stderr || r.stdout)
        .split('\n')
        .filter((l) => l.trim())
        .slice(0, 30)
        .join(' ')
        .slice(0, 2000)}`;
  }
  return median(times);
}

/** `prisma --version` spawned: what any CLI command costs before it does anything (median of 3). */
function cliStartupFloor(): number | undefined {
  const cli = findPrismaCli(root, root, undefined);
  if (!cli) return undefined;
  const env = {
    ...process.env,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? standIn,
  };
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli.entry, '--version'], { cwd: root, encoding: 'utf8', env });
    if (r.status !== 0) return undefined;
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(): Promise<void> {
  console.log(
    `  drift check (status + schema<->migrations + migrations<->database), ${MODELS} models, ${MIGRATIONS} migrations; goal: embedded >= ${GOAL}x faster than spawning the ${referenceLabel()}`,
  );
  // DRIFT_BENCH_ONLY=sqlite|postgresql runs one; DRIFT_BENCH_REUSE=0 makes a new shadow database per check (A/B)
  if (process.env.DRIFT_BENCH_ONLY !== 'postgresql') await measure('sqlite');
  if (process.env.DRIFT_BENCH_ONLY === 'sqlite') return;
  const pgUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (await pgReachable(pgUrl)) await measure('postgresql', pgUrl);
  else
    console.log(
      `  postgresql  not measured: no server reachable at ${pgUrl.replace(/:[^:@/]*@/, ':****@')} (set TEST_POSTGRES_URL)`,
    );
}

if (require.main === module)
  void run().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
