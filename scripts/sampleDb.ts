// Builds (or rebuilds) the sample project's SQLite database, offline and without the Prisma CLI's
// native engine:  npx tsx scripts/sampleDb.ts [projectDir = prisma]
//   1. delete dev.db, apply every migration with the embedded wasm schema engine;
//   2. `prisma generate` the client the seed imports (skipped when the schema is unchanged);
//   3. run seed.ts with tsx.
// The project folder may be a copy anywhere on disk: packages resolve from this repository
// (through a node_modules symlink when the copy has none).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../src/core/engine';

const run = promisify(execFile);
const REPO_NODE_MODULES = path.resolve(__dirname, '..', 'node_modules');

/** The sample's layout, as declared in its prisma.config.ts. */
const LAYOUT = {
  schema: 'schema.prisma',
  migrations: 'migrations',
  database: 'dev.db',
  seed: 'seed.ts',
  client: 'generated/prisma',
};

async function main(): Promise<void> {
  const projectDir = path.resolve(process.argv[2] ?? 'prisma');
  const schemaPath = path.join(projectDir, LAYOUT.schema);
  if (!existsSync(schemaPath)) throw new Error(`No ${LAYOUT.schema} in ${projectDir}`);
  const started = performance.now();
  console.log(`Sample database for ${projectDir}`);

  const dbFile = path.join(projectDir, LAYOUT.database);
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
  const applied = await timed('apply migrations (embedded engine)', async () => {
    const schemaFiles = [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }];
    const adapterFactory = await createAdapterFactory({
      provider: 'sqlite',
      url: `file:${dbFile}`,
      configDir: projectDir,
    });
    const engine = await EmbeddedSchemaEngine.open({ schemaFiles, adapterFactory });
    try {
      return await applyMigrations(engine, { migrationsDir: path.join(projectDir, LAYOUT.migrations) });
    } finally {
      await engine.dispose();
    }
  });
  for (const name of applied) console.log(`    applied ${name}`);

  linkPackages(projectDir);
  await timed('generate client', () => generateClient(projectDir, schemaPath));
  const seedOutput = await timed('seed', () => runSeed(projectDir, dbFile));
  if (seedOutput) console.log(`    ${seedOutput}`);
  console.log(`Done in ${ms(started)}: ${path.relative(process.cwd(), dbFile) || dbFile}`);
}

/**
 * The generated client and the seed import @prisma/client and the libsql adapter from the project
 * folder (the client with dynamic ESM imports, which ignore NODE_PATH). A copy of the project
 * outside this repository gets a `node_modules` symlink to ours, like a real project after install.
 */
function linkPackages(projectDir: string): void {
  try {
    require.resolve('@prisma/client/runtime/client', { paths: [projectDir] });
    return;
  } catch {
    // not resolvable from the project: link below
  }
  const link = path.join(projectDir, 'node_modules');
  if (existsSync(link)) throw new Error(`${link} exists but has no @prisma/client: run npm install there`);
  symlinkSync(REPO_NODE_MODULES, link, 'dir');
  console.log(`  linked ${link} -> ${REPO_NODE_MODULES}`);
}

/** `prisma generate`, skipped when the client was generated from this very schema. */
async function generateClient(projectDir: string, schemaPath: string): Promise<void> {
  const hash = createHash('sha256').update(readFileSync(schemaPath)).digest('hex');
  const stamp = path.join(projectDir, LAYOUT.client, '.schema-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    console.log('    client is up to date');
    return;
  }
  // Run outside the project so the CLI does not load its prisma.config.ts (a copy of the project
  // has no node_modules to resolve 'prisma/config' from); the schema alone is enough to generate.
  const cwd = mkdtempSync(path.join(tmpdir(), 'workbench-generate-'));
  try {
    await run(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--schema', schemaPath], {
      cwd,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, // stops the engine download
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        NO_COLOR: '1',
      },
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  writeFileSync(stamp, hash);
}

async function runSeed(projectDir: string, dbFile: string): Promise<string> {
  const { stdout } = await run(process.execPath, [require.resolve('tsx/cli'), path.join(projectDir, LAYOUT.seed)], {
    cwd: projectDir,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
  });
  return stdout.trim();
}

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await step();
  console.log(`  ${label}: ${ms(t0)}`);
  return result;
}

const ms = (since: number): string => `${Math.round(performance.now() - since)} ms`;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
