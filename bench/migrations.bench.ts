// Migration states for 200 migrations on SQLite: what the Migrations view does (liveStatus: the folder +
// `_prisma_migrations` read in-process through libsql) vs spawning the bundled `prisma migrate status`
// (dist/prisma, built by `npm run package`). Offline the CLI has no native schema engine: it runs with
// bench/host/schemaEngineStandIn.mjs as PRISMA_SCHEMA_ENGINE_BINARY (the wasm engine behind the CLI's
// JSON-RPC). If the CLI cannot run, the bench says why and prints no CLI figure.
// The 200 folders are written directly (Prisma names have 1-second resolution: creating 200 through
// migrate dev would take 200 s) and applied with the embedded engine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../src/core/engine';
import { loadMigrationStatus } from '../src/core/migrations/liveStatus';

const COUNT = 200;
const RUNS = 5;
const root = path.resolve(__dirname, '..');
const cliEntry = path.join(root, 'dist', 'prisma', 'build', 'index.js');
const standIn = path.join(root, 'bench', 'host', 'schemaEngineStandIn.mjs');
/** The reference measured: the bundled CLI always runs with the stand-in here, never Prisma's native engine. */
const REFERENCE = 'Prisma CLI + wasm stand-in engine';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function makeProject(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-bench-migrations-'));
  const migrations = path.join(dir, 'migrations');
  mkdirSync(migrations);
  writeFileSync(path.join(migrations, 'migration_lock.toml'), 'provider = "sqlite"\n');
  let models = '';
  for (let i = 0; i < COUNT; i++) {
    const name = `2026010100${String(i).padStart(4, '0')}_table_${i}`;
    mkdirSync(path.join(migrations, name));
    writeFileSync(
      path.join(migrations, name, 'migration.sql'),
      `-- CreateTable\nCREATE TABLE "T${i}" (\n    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    "note" TEXT\n);\n`,
    );
    models += `model T${i} {\n  id   Int     @id @default(autoincrement())\n  note String?\n}\n\n`;
  }
  writeFileSync(path.join(dir, 'schema.prisma'), `datasource db {\n  provider = "sqlite"\n}\n\n${models}`);
  // no import: the temp folder cannot resolve 'prisma/config'; the CLI accepts a plain object. .mjs: the
  // bundled CLI (dist/prisma) fails to load a prisma.config.ts ("The argument 'filename' must be ... Received undefined")
  writeFileSync(
    path.join(dir, 'prisma.config.mjs'),
    `export default {\n  schema: 'schema.prisma',\n  migrations: { path: 'migrations' },\n  datasource: { url: 'file:./dev.db' },\n};\n`,
  );
  const engine = await EmbeddedSchemaEngine.open({
    adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: 'file:./dev.db', configDir: dir }),
  });
  try {
    const applied = await applyMigrations(engine, { migrationsDir: migrations });
    if (applied.length !== COUNT) throw new Error(`applied ${applied.length} of ${COUNT} migrations`);
  } finally {
    await engine.dispose();
  }
  return dir;
}

async function embedded(dir: string): Promise<{ ms: number[]; cold: number; applied: number }> {
  const ms: number[] = [];
  let cold = 0;
  let applied = 0;
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const s = await loadMigrationStatus({
      migrationsDir: path.join(dir, 'migrations'),
      provider: 'sqlite',
      url: 'file:./dev.db',
      baseDir: dir,
    });
    const t = performance.now() - t0;
    if (s.database !== 'read') throw new Error(`embedded status could not read the database: ${s.reason}`);
    applied = s.entries.filter((e) => e.state === 'applied').length;
    if (i > 0) ms.push(t);
    else cold = t; // the first run loads the libsql driver
  }
  return { ms, cold, applied };
}

function cli(dir: string): { ms: number[] } | { error: string } {
  if (!existsSync(cliEntry))
    return { error: `the bundled CLI is not built (${path.relative(root, cliEntry)}): run npm run package first` };
  const ms: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [cliEntry, 'migrate', 'status', '--config', path.join(dir, 'prisma.config.mjs')],
      {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: standIn,
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
          CHECKPOINT_DISABLE: '1',
        },
        timeout: 120_000,
      },
    );
    const t = performance.now() - t0;
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0 || !/Database schema is up to date/.test(out)) {
      return {
        error: `prisma migrate status exited ${r.status ?? r.signal}: ${out.trim().split('\n').slice(-3).join(' | ').slice(0, 400)}`,
      };
    }
    if (!new RegExp(`${COUNT} migrations found`).test(out))
      return { error: `the CLI did not report ${COUNT} migrations: ${out.slice(0, 200)}` };
    ms.push(t);
  }
  return { ms };
}

export async function run(): Promise<void> {
  const dir = await makeProject();
  try {
    const e = await embedded(dir);
    if (e.applied !== COUNT) throw new Error(`embedded status shows ${e.applied} applied, expected ${COUNT}`);
    const c = cli(dir);
    const em = median(e.ms);
    console.log(`migration states, ${COUNT} migrations, SQLite (median)`);
    console.log(
      `  embedded (liveStatus, in-process)         ${em.toFixed(1).padStart(8)} ms   (${RUNS} runs, warm; first ${e.cold.toFixed(1)} ms with the driver loading)`,
    );
    if ('error' in c) {
      console.log(`  prisma migrate status (${REFERENCE})   not measured: ${c.error}`);
      return;
    }
    const cm = median(c.ms);
    console.log(
      `  prisma migrate status (${REFERENCE})   ${cm.toFixed(1).padStart(8)} ms   (${c.ms.length} runs, each a new process)`,
    );
    console.log(`  ratio ${REFERENCE} / embedded   ${(cm / em).toFixed(0).padStart(8)} x`);
    console.log(
      `  note: the ${REFERENCE} figure is the bundled Prisma CLI driving our own wasm engine through a stand-in binary, not Prisma's native engine; it includes Node start-up, the CLI loading and the stand-in loading the wasm.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
