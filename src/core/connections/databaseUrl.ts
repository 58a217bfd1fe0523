// A schema's database URL, resolved the way Prisma resolves it:
//  - Prisma 7 (prisma.config.ts): `datasource.url` — a literal, `env("X")` or `process.env.X` (with an
//    optional `?? "fallback"`), relative SQLite paths from the config's folder;
//  - Prisma 5/6 (no url in the config): `url = env("X")` or a literal in the schema's datasource block,
//    relative SQLite paths from the schema's folder.
// Variables come from the process environment first, then from `.env` files next to the config, the
// schema and the project (dotenv never overrides what is already set, and neither do we).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';

export type Provider = 'sqlite' | 'postgresql' | 'mysql' | 'sqlserver' | 'mongodb' | 'cockroachdb';

export interface UrlInputs {
  readonly projectDir: string;
  readonly schemaPath: string;
  readonly configFile?: string;
  /** Raw expression of `datasource.url` in prisma.config.ts, e.g. `env('DATABASE_URL')`. */
  readonly configUrl?: string;
  /** Raw expression of `datasource.shadowDatabaseUrl` in prisma.config.ts. */
  readonly configShadowUrl?: string;
  /** The schema datasource's provider, as written. */
  readonly provider?: string;
  /** Raw `url = …` value of the schema's datasource (Prisma 5/6). */
  readonly schemaUrl?: string;
  /** Raw `shadowDatabaseUrl = …` of the schema's datasource (Prisma 5/6). */
  readonly schemaShadowUrl?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Injected for tests; reads a file or returns undefined. */
  readonly readFile?: (file: string) => string | undefined;
}

export type ResolvedUrl =
  | {
      readonly ok: true;
      readonly url: string;
      readonly provider: Provider | undefined;
      /** Where it came from, for the UI: `prisma.config.ts: env("DATABASE_URL") from prisma/.env`. */
      readonly from: string;
      /** Folder relative SQLite paths are resolved from. */
      readonly baseDir: string;
      readonly shadowDatabaseUrl?: string;
    }
  | {
      readonly ok: false;
      readonly provider: Provider | undefined;
      readonly reason: string;
      /** No URL is set at all (none written, or its environment variable unset): schema-only mode, not a fault. */
      readonly missing?: boolean;
    };

export function normalizeProvider(provider: string | undefined): Provider | undefined {
  switch (provider?.replace(/^"|"$/g, '')) {
    case 'postgresql':
    case 'postgres':
      return 'postgresql';
    case 'sqlite':
    case 'mysql':
    case 'sqlserver':
    case 'mongodb':
    case 'cockroachdb':
      return provider.replace(/^"|"$/g, '') as Provider;
    default:
      return undefined;
  }
}

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** `.env` files Prisma (or `import "dotenv/config"` run from the project) would read, nearest first. */
export function envFileCandidates(inputs: Pick<UrlInputs, 'projectDir' | 'schemaPath' | 'configFile'>): string[] {
  const schemaDir = inputs.schemaPath.endsWith('.prisma') ? path.dirname(inputs.schemaPath) : inputs.schemaPath;
  // the schema folder's parent is read for prisma/schema/ (multi-file), but never above the project: a
  // schema at the project root would take ../.env, a file Prisma does not read
  const configDir = inputs.configFile ? path.dirname(inputs.configFile) : undefined;
  const inProject = (d: string) => {
    const rel = path.relative(inputs.projectDir, d);
    return d === schemaDir || d === configDir || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const dirs = [configDir, inputs.projectDir, schemaDir, path.dirname(schemaDir)];
  return [
    ...new Set(dirs.filter((d): d is string => d !== undefined && inProject(d)).map((d) => path.join(d, '.env'))),
  ];
}

/** Process env first, then each .env file in order, none overriding what is already set. */
export function loadEnv(inputs: UrlInputs): { vars: Map<string, { value: string; source: string }> } {
  const read = inputs.readFile ?? readText;
  const vars = new Map<string, { value: string; source: string }>();
  for (const [k, v] of Object.entries(inputs.env))
    if (v !== undefined) vars.set(k, { value: v, source: 'the environment' });
  for (const file of envFileCandidates(inputs)) {
    const text = read(file);
    if (text === undefined) continue;
    const rel = path.relative(inputs.projectDir, file) || '.env';
    for (const [k, v] of Object.entries(parseDotenv(text))) if (!vars.has(k)) vars.set(k, { value: v, source: rel });
  }
  return { vars };
}

type Expr =
  | { kind: 'literal'; value: string }
  | { kind: 'env'; name: string; fallback?: string }
  | { kind: 'opaque'; text: string };

/** Reads `"x"`, `env("X")`, `process.env.X`, `process.env["X"]`, `process.env.X!`, `… ?? "fallback"`. */
export function parseUrlExpression(raw: string): Expr {
  const text = raw.trim().replace(/,$/, '').trim();
  const str = String.raw`(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\x60([^\x60$]*)\x60)`;
  const lit = new RegExp(`^${str}$`).exec(text);
  if (lit) return { kind: 'literal', value: lit[1] ?? lit[2] ?? lit[3] ?? '' };
  const [head, tail] = splitFallback(text);
  const fallback = tail === undefined ? undefined : new RegExp(`^${str}$`).exec(tail);
  const fb = fallback ? (fallback[1] ?? fallback[2] ?? fallback[3]) : undefined;
  const env = new RegExp(
    String.raw`^(?:env\(\s*${str}\s*\)|process\.env\.([A-Za-z_][A-Za-z0-9_]*)!?|process\.env\[\s*${str}\s*\]!?)$`,
  ).exec(head);
  if (env && (tail === undefined || fb !== undefined)) {
    const name = env[1] ?? env[2] ?? env[3] ?? env[4] ?? env[5] ?? env[6] ?? env[7] ?? '';
    return fb === undefined ? { kind: 'env', name } : { kind: 'env', name, fallback: fb };
  }
  return { kind: 'opaque', text };
}

function splitFallback(text: string): [string, string | undefined] {
  const m = /^(.*?)\s*(?:\?\?|\|\|)\s*(.*)$/.exec(text);
  return m ? [m[1], m[2]] : [text, undefined];
}

export function resolveDatabaseUrl(inputs: UrlInputs): ResolvedUrl {
  const provider = normalizeProvider(inputs.provider);
  const env = loadEnv(inputs).vars;
  const fromConfig = inputs.configUrl !== undefined && inputs.configFile !== undefined;
  const raw = fromConfig ? inputs.configUrl : inputs.schemaUrl;
  const where = fromConfig ? path.basename(inputs.configFile ?? 'prisma.config.ts') : path.basename(inputs.schemaPath);
  const baseDir = fromConfig ? path.dirname(inputs.configFile ?? inputs.projectDir) : path.dirname(inputs.schemaPath);
  if (raw === undefined) {
    const reason = inputs.configFile
      ? `No database URL: ${path.basename(inputs.configFile)} has no datasource.url and the schema's datasource has no url.`
      : `No database URL: the schema's datasource has no url and there is no prisma.config.ts.`;
    return { ok: false, provider, reason, missing: true };
  }
  const value = evaluate(raw, env);
  if (!value.ok) return { ok: false, provider, reason: `${where}: ${value.reason}`, missing: value.missing };
  const shadowRaw = fromConfig ? inputs.configShadowUrl : inputs.schemaShadowUrl;
  const shadow = shadowRaw === undefined ? undefined : evaluate(shadowRaw, env);
  const result = {
    ok: true as const,
    url: value.value,
    provider: provider ?? providerOfUrl(value.value),
    from: `${where}: ${value.from}`,
    baseDir,
  };
  return shadow?.ok ? { ...result, shadowDatabaseUrl: shadow.value } : result;
}

function evaluate(
  raw: string,
  env: Map<string, { value: string; source: string }>,
): { ok: true; value: string; from: string } | { ok: false; reason: string; missing?: boolean } {
  const expr = parseUrlExpression(raw);
  switch (expr.kind) {
    case 'literal':
      return { ok: true, value: expr.value, from: 'written in the file' };
    case 'env': {
      const found = env.get(expr.name);
      if (found && found.value !== '')
        return { ok: true, value: found.value, from: `env("${expr.name}") from ${found.source}` };
      if (expr.fallback !== undefined)
        return { ok: true, value: expr.fallback, from: `the fallback of env("${expr.name}") (not set)` };
      return {
        ok: false,
        reason: `the environment variable ${expr.name} is not set (not in the environment nor in a .env file).`,
        missing: true,
      };
    }
    case 'opaque':
      return {
        ok: false,
        reason: `the url is computed (${expr.text.slice(0, 60)}): it cannot be read without running the file. Add a named connection instead.`,
      };
  }
}

export function providerOfUrl(url: string): Provider | undefined {
  if (/^file:/.test(url)) return 'sqlite';
  if (/^postgres(ql)?:/.test(url)) return 'postgresql';
  if (/^(mysql|mariadb):/.test(url)) return 'mysql';
  if (/^sqlserver:/.test(url)) return 'sqlserver';
  if (/^mongodb(\+srv)?:/.test(url)) return 'mongodb';
  return undefined;
}
