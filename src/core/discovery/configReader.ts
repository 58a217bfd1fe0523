// Reads what we need from a `prisma.config.ts` without executing it: the schema and migrations paths.
// Executing user TypeScript at activation would be slow and unsafe; the common shapes are literal
// strings or `path.join("a", "b")` / `join(...)` of literals, which this reads. Anything else is left
// undefined and the caller falls back to Prisma's defaults.

export interface PrismaConfigInfo {
  schema?: string;
  migrationsPath?: string;
  /** `typedSql: { path }` (Prisma 6.12+): where the TypedSQL `.sql` files are. */
  typedSqlPath?: string;
  /** Raw source text of `datasource: { url: ... }` value when present, e.g. `env("DATABASE_URL")`. */
  datasourceUrl?: string;
  seed?: string;
}

const stringLiteral = String.raw`(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\x60([^\x60$]*)\x60)`;

function literalValue(m: RegExpExecArray, first: number): string | undefined {
  return m[first] ?? m[first + 1] ?? m[first + 2];
}

/** Value of `key: <expr>` when <expr> is a string literal or a path.join/path.resolve/join of literals. */
function readPathProperty(text: string, key: string): string | undefined {
  const literal = new RegExp(String.raw`(?:^|[\s{,])${key}\s*:\s*${stringLiteral}`, 'm').exec(text);
  if (literal) return literalValue(literal, 1);
  const joined = new RegExp(String.raw`(?:^|[\s{,])${key}\s*:\s*(?:path\.)?(?:join|resolve)\(([^)]*)\)`, 'm').exec(
    text,
  );
  if (!joined) return undefined;
  const parts: string[] = [];
  const partRe = new RegExp(stringLiteral, 'g');
  const args = joined[1].replace(/__dirname\s*,?|import\.meta\.dirname\s*,?/g, '');
  let p: RegExpExecArray | null;
  while ((p = partRe.exec(args))) parts.push(literalValue(p, 1) ?? '');
  if (parts.length === 0) return undefined;
  // Every argument must have been a literal: otherwise we cannot know the path.
  const rest = args.replace(new RegExp(stringLiteral, 'g'), '').replace(/[\s,]/g, '');
  return rest === '' ? parts.join('/') : undefined;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/[^\n]*/g, '$1');
}

function blockAfter(text: string, key: string): string | undefined {
  const m = new RegExp(String.raw`(?:^|[\s{,])${key}\s*:\s*\{`, 'm').exec(text);
  if (!m) return undefined;
  let depth = 0;
  for (let i = m.index + m[0].length - 1; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(m.index + m[0].length, i);
  }
  return text.slice(m.index + m[0].length);
}

export function readPrismaConfig(source: string): PrismaConfigInfo {
  const text = stripComments(source);
  const info: PrismaConfigInfo = {};
  // `schema` at top level of defineConfig({...}); `migrations: { path, seed }`; `datasource: { url }`.
  const migrations = blockAfter(text, 'migrations');
  const datasource = blockAfter(text, 'datasource');
  const typedSql = blockAfter(text, 'typedSql');
  let topLevel = text;
  for (const inner of [migrations, datasource, typedSql]) if (inner) topLevel = topLevel.replace(inner, '');
  info.schema = readPathProperty(topLevel, 'schema');
  if (migrations) {
    info.migrationsPath = readPathProperty(migrations, 'path');
    const seed = new RegExp(String.raw`seed\s*:\s*${stringLiteral}`).exec(migrations);
    if (seed) info.seed = literalValue(seed, 1);
  }
  if (typedSql) info.typedSqlPath = readPathProperty(typedSql, 'path');
  if (datasource) {
    const url = /url\s*:\s*([^,\n}]+)/.exec(datasource);
    if (url) info.datasourceUrl = url[1].trim();
  }
  return info;
}
