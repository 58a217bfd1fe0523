#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it: set as
// PRISMA_SCHEMA_ENGINE_BINARY, the CLI spawns it and talks JSON-RPC 2.0, one JSON object per line on
// stdin/stdout (logs as JSON lines on stderr). Each request is forwarded to the wasm engine
// (@prisma/schema-engine-wasm) bound to a libsql driver adapter. SQLite only; enough for
// `migrate status` / `migrate deploy` in the migrations bench. Plain JS so the CLI can exec it directly.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const log = (level, message) => process.stderr.write(`${JSON.stringify({ level, target: 'schema_engine_stand_in', fields: { message } })}\n`);

async function loadWasm() {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { message: '', set_message(m) { this.message = m; } };
  const glue = await import(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return glue;
}

if (args.includes('--version') || args.includes('-V')) {
  const glue = await loadWasm();
  process.stdout.write(`schema-engine-cli ${glue.version()} (wasm stand-in)\n`);
  process.exit(0);
}

const datamodels = [];
let datasource;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--datamodels') datamodels.push(args[++i]);
  else if (args[i] === '--datasource') datasource = JSON.parse(args[++i]);
}
const url = datasource?.url ?? process.env.DATABASE_URL;
const sqliteFile = () => {
  if (!url?.startsWith('file:')) throw new Error(`the stand-in engine runs SQLite only, not ${url ? url.split(':')[0] : 'no url'}`);
  return path.resolve(process.cwd(), url.slice('file:'.length));
};

// one-shot: `cli can-connect-to-database | create-database | drop-database`
const cli = args.indexOf('cli');
if (cli >= 0) {
  const file = sqliteFile();
  const sub = args[cli + 1];
  if (sub === 'can-connect-to-database' && !fs.existsSync(file)) {
    process.stderr.write(`${JSON.stringify({ level: 'ERROR', fields: { error_code: 'P1003', message: `Database ${path.basename(file)} does not exist at ${file}` } })}\n`);
    process.exit(1);
  }
  if (sub === 'create-database') fs.closeSync(fs.openSync(file, 'a'));
  if (sub === 'drop-database') fs.rmSync(file, { force: true });
  process.exit(0);
}

let opened;
async function engine() {
  opened ??= (async () => {
    const glue = await loadWasm();
    const { PrismaLibSql } = await import(require.resolve('@prisma/adapter-libsql'));
    const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');
    const factory = new PrismaLibSql({ url: `file:${sqliteFile()}` });
    const files = datamodels.map((p) => [p, fs.readFileSync(p, 'utf8')]);
    return glue.SchemaEngine.new({ datamodels: files.length ? files : undefined }, (line) => process.stderr.write(`${line}\n`), bindMigrationAwareSqlAdapterFactory(factory));
  })();
  return opened;
}

const renamed = { getDatabaseVersion: 'version' };
async function answer(method, params) {
  const e = await engine();
  const name = renamed[method] ?? method;
  if (typeof e[name] !== 'function') throw new Error(`${method} is not available in the wasm schema engine`);
  try {
    return (await e[name](params ?? {})) ?? {};
  } catch (error) {
    // a fresh libsql database has no _prisma_migrations and says so without Prisma's P1014 code
    if (method === 'diagnoseMigrationHistory' && /no such table: _prisma_migrations/.test(String(error?.message))) {
      const names = params.migrationsList.migrationDirectories.map((d) => d.path);
      return { editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: false, history: names.length ? { diagnostic: 'databaseIsBehind', unappliedMigrationNames: names } : null };
    }
    throw error;
  }
}

let inFlight = 0;
let ended = false;
const maybeExit = () => { if (ended && inFlight === 0) process.exit(0); };
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  let req;
  try { req = JSON.parse(line); } catch { return; }
  if (req.id === undefined || typeof req.method !== 'string') return; // a response to one of our notifications
  inFlight++;
  try {
    process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: req.id, result: await answer(req.method, req.params) })}\n`);
  } catch (error) {
    log('ERROR', error?.message ?? String(error));
    process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: req.id, error: { code: 4466, message: 'An error happened. Check the data field for details.', data: { is_panic: false, message: error?.message ?? String(error), meta: null, error_code: error?.code ?? null } } })}\n`);
  } finally {
    inFlight--;
    maybeExit();
  }
});
lines.on('close', () => { ended = true; maybeExit(); });
