// A stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it (benches and
// tests only). The CLI, given PRISMA_SCHEMA_ENGINE_BINARY, spawns it and speaks JSON-RPC 2.0 over stdio,
// one JSON object per line (logs as JSON lines on stderr). Each request goes to the wasm engine through the
// extension's own EmbeddedSchemaEngine and adapter factories, so the traps those handle are handled here
// too: libsql running only the first statement of a script (the shadow replay's P3006), adapter-pg's
// shadow database handling and "char" columns. SQLite and PostgreSQL (the wasm engine's connectors).
// bench/host/schemaEngineStandIn.mjs bundles this file on first use and runs it.
import { existsSync, closeSync, openSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import {
  EmbeddedSchemaEngine,
  createAdapterFactory,
  isMissingMigrationsTable,
  loadSchemaEngineModule,
  type DatabaseTarget,
} from '../../src/core/engine';
import { normalizeForPrisma7 } from '../../src/core/schema/normalize';
import { knownPreviewFeatures } from '../../src/core/schema/prismaWasm';

interface JsonRpcRequest {
  readonly id?: number;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
}

const args = process.argv.slice(2);
const datamodels: string[] = [];
let datasource: { url?: string; shadowDatabaseUrl?: string } | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--datamodels') datamodels.push(args[++i]);
  else if (args[i] === '--datasource') {
    // Prisma 7 passes the datasource as JSON; Prisma 6's one-shot `cli` commands pass the bare URL
    const value = args[++i];
    datasource = value.startsWith('{') ? (JSON.parse(value) as typeof datasource) : { url: value };
  }
}
const url = datasource?.url ?? process.env.DATABASE_URL;

type SchemaFiles = { path: string; content: string }[];
const isSchemaFiles = (v: unknown): v is SchemaFiles =>
  Array.isArray(v) && v.every((f) => typeof (f as { content?: unknown })?.content === 'string');

/**
 * A Prisma 5/6 CLI sends its schema with the URL in the datasource (`url = env("DATABASE_URL")`), which the
 * Prisma 7 wasm engine rejects: the URL properties leave the schema (the URL comes from --datasource or the
 * environment) wherever the params carry schema files.
 */
function forPrisma7<T>(value: T): T {
  if (Array.isArray(value)) return value.map(forPrisma7) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === 'files' && isSchemaFiles(v) && v.some((f) => /\burl\s*=/.test(f.content))
        ? normalizeForPrisma7(v, knownPreviewFeatures())
        : forPrisma7(v);
  }
  return out as T;
}

const logLine = (level: string, fields: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ level, target: 'schema_engine_stand_in', fields })}\n`);

function target(): DatabaseTarget {
  if (!url) throw Object.assign(new Error('No datasource url (prisma.config.ts datasource.url)'), { code: 'P1012' });
  if (url.startsWith('file:')) return { provider: 'sqlite', url, configDir: process.cwd() };
  if (/^postgres(ql)?:/.test(url))
    return { provider: 'postgresql', url, shadowDatabaseUrl: datasource?.shadowDatabaseUrl };
  throw new Error(`the stand-in engine runs SQLite and PostgreSQL only, not ${url.split(':')[0]}`);
}

const sqliteFile = (u: string) => path.resolve(process.cwd(), u.slice('file:'.length).split('?')[0]);

/** `cli can-connect-to-database | create-database | drop-database`: one shot, exit code and a JSON error line. */
async function oneShot(sub: string): Promise<never> {
  // the CLI reads the native engine's logger lines: a start line, then the error with its code
  const fail = (code: string, message: string): never => {
    process.stderr.write(
      `${JSON.stringify({ level: 'INFO', target: 'schema_engine::logger', fields: { message: 'Starting schema engine CLI' } })}\n`,
    );
    process.stderr.write(
      `${JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { error_code: code, message } })}\n`,
    );
    process.exit(1);
  };
  const t = target();
  if (t.provider === 'sqlite') {
    const file = sqliteFile(t.url);
    if (sub === 'can-connect-to-database' && !existsSync(file))
      fail('P1003', `Database ${path.basename(file)} does not exist at ${file}`);
    if (sub === 'create-database') {
      mkdirSync(path.dirname(file), { recursive: true });
      closeSync(openSync(file, 'a'));
    }
    if (sub === 'drop-database') rmSync(file, { force: true });
    process.exit(0);
  }
  const u = new URL(t.url);
  const database = decodeURIComponent(u.pathname.slice(1)) || 'postgres';
  if (sub === 'can-connect-to-database') {
    const c = new pg.Client({ connectionString: t.url });
    try {
      await c.connect();
      await c.end();
    } catch (e) {
      const err = e as { code?: string; message?: string };
      fail(err.code === '3D000' ? 'P1003' : 'P1001', err.message ?? String(e));
    }
    process.exit(0);
  }
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  try {
    await admin.connect();
    await admin.query(
      sub === 'create-database'
        ? `CREATE DATABASE "${database}"`
        : `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`,
    );
  } catch (e) {
    fail('P1000', e instanceof Error ? e.message : String(e));
  } finally {
    await admin.end().catch(() => undefined);
  }
  process.exit(0);
}

let opened: Promise<EmbeddedSchemaEngine> | undefined;
const engine = () =>
  (opened ??= (async () =>
    EmbeddedSchemaEngine.open({
      // no --datamodels: no schema at all (the wasm engine panics on an empty list)
      schemaFiles: datamodels.length
        ? forPrisma7({ files: datamodels.map((p) => ({ path: p, content: readFileSync(p, 'utf8') })) }).files
        : undefined,
      adapterFactory: await createAdapterFactory(target()),
      log: (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
    }))());

type Method = (e: EmbeddedSchemaEngine, params: never) => Promise<unknown>;
const methods: Record<string, Method> = {
  applyMigrations: (e, p) => e.applyMigrations(p),
  createMigration: (e, p) => e.createMigration(p),
  devDiagnostic: (e, p) => e.devDiagnostic(p),
  diagnoseMigrationHistory: (e, p) => e.diagnoseMigrationHistory(p),
  evaluateDataLoss: (e, p) => e.evaluateDataLoss(p),
  diff: (e, p) => e.diff(p),
  dbExecute: (e, p) => e.dbExecute(p),
  introspect: (e, p) => e.introspect(p),
  schemaPush: (e, p) => e.schemaPush(p),
  reset: (e, p) => e.reset(p),
  getDatabaseVersion: (e) => e.databaseVersion(),
  version: (e) => e.databaseVersion(),
};

const DATASOURCE = /datasource\s+\w+\s*\{[^}]*\}/;

/** db pull on a Prisma 5/6 schema: the written schema keeps the datasource block the user had (its URL). */
function withDatasourcesOf(sent: unknown, result: unknown): unknown {
  const before = (sent as { schema?: { files?: unknown } } | undefined)?.schema?.files;
  const after = (result as { schema?: { files?: unknown } } | undefined)?.schema?.files;
  if (!isSchemaFiles(before) || !isSchemaFiles(after)) return result;
  const files = after.map((f) => {
    const original = before.find((b) => b.path === f.path)?.content.match(DATASOURCE)?.[0];
    return original && DATASOURCE.test(f.content) ? { ...f, content: f.content.replace(DATASOURCE, original) } : f;
  });
  return { ...(result as object), schema: { ...(result as { schema: object }).schema, files } };
}

async function answer(req: JsonRpcRequest & { id: number; method: string }): Promise<unknown> {
  const { method } = req;
  const params = forPrisma7((req.params ?? {}) as Record<string, unknown>);
  const call = methods[method];
  if (!call) throw Object.assign(new Error(`${method} is not available in the wasm schema engine`), { code: null });
  if (method === 'reset' && target().provider === 'sqlite') {
    // the wasm reset only deletes rows on SQLite: do what the native engine does, delete the file
    await (await engine()).dispose();
    opened = undefined;
    const file = sqliteFile(url!);
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
    return {};
  }
  const e = await engine();
  let result: unknown;
  try {
    result = await call(e, params as never);
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    // a fresh database: "no history" instead of an error, as the native engine answers
    if (method === 'diagnoseMigrationHistory') {
      const names = (params.migrationsList as { migrationDirectories: { path: string }[] }).migrationDirectories.map(
        (d) => d.path,
      );
      return {
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: false,
        history: names.length ? { diagnostic: 'databaseIsBehind', unappliedMigrationNames: names } : null,
      };
    }
    const list = params.migrationsList as Record<string, unknown>;
    await e.applyMigrations({
      migrationsList: { ...list, migrationDirectories: [] } as never,
      filters: (params.filters ?? { externalTables: [], externalEnums: [] }) as never,
    });
    result = await call(e, params as never);
  }
  if (method === 'introspect') return withDatasourcesOf(req.params, result);
  if (method === 'diff') {
    // the native engine does not return the diff: it asks the CLI to print it (a `print` request)
    const r = result as { stdout?: string | null };
    if (r.stdout != null)
      process.stdout.write(
        `${JSON.stringify({ jsonrpc: '2.0', id: 1_000_000 + req.id, method: 'print', params: { content: r.stdout } })}\n`,
      );
    return { ...r, stdout: null };
  }
  return result ?? {};
}

async function main(): Promise<void> {
  if (args.includes('--version') || args.includes('-V')) {
    const { engineVersion } = await loadSchemaEngineModule();
    process.stdout.write(`schema-engine-cli ${engineVersion} (wasm stand-in)\n`);
    process.exit(0);
  }
  const cli = args.indexOf('cli');
  if (cli >= 0) await oneShot(args[cli + 1]);

  let inFlight = 0;
  let ended = false;
  const maybeExit = async () => {
    if (!ended || inFlight > 0) return;
    await (await opened?.catch(() => undefined))?.dispose().catch(() => undefined);
    process.exit(0);
  };
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    let req: JsonRpcRequest;
    try {
      req = JSON.parse(line) as JsonRpcRequest;
    } catch {
      return;
    }
    if (req.id === undefined || typeof req.method !== 'string') return; // the CLI's answer to a print request
    const id = req.id;
    inFlight++;
    answer({ ...req, id, method: req.method })
      .then(
        (result) => {
          process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);
        },
        (error: unknown) => {
          const e = error as { message?: string; code?: string | null; driverError?: unknown };
          logLine('ERROR', { message: e.message ?? String(error) });
          process.stdout.write(
            `${JSON.stringify({ jsonrpc: '2.0', id, error: { code: 4466, message: 'An error happened. Check the data field for details.', data: { is_panic: false, message: e.message ?? String(error), meta: null, error_code: e.code ?? null } } })}\n`,
          );
        },
      )
      .finally(() => {
        inFlight--;
        void maybeExit();
      });
  });
  lines.on('close', () => {
    ended = true;
    void maybeExit();
  });
}

void main();
