// Explain on a SQL cell: the database's own EXPLAIN, run as a cell runs (its own connection, a read-only
// transaction that is rolled back, the time limit, Stop cancels on the server), parsed into one plan tree,
// the tables it reads whole sized, and the costly nodes marked.
//   PostgreSQL  EXPLAIN (FORMAT JSON)             ANALYZE: EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
//   MariaDB     EXPLAIN FORMAT=JSON               ANALYZE: ANALYZE FORMAT=JSON
//   SQLite      EXPLAIN QUERY PLAN                (no measured plan)
// ANALYZE runs the statement: only ever read-only and rolled back, so a writing statement is refused.
import type { PlanNode, QueryPlan } from '../../../shared/protocol/queryPlan';
import type { QueryResult } from '../queryResult';
import { runQuery } from '../runQuery';
import { QueryRunError, type SqlProvider } from '../runSupport';
import { markHotspots, planUnit, type HotspotOptions } from './hotspots';
import { parseMysqlPlan } from './mysqlPlan';
import { parsePostgresPlan } from './postgresPlan';
import { parseSqlitePlan, type SqlitePlanRow } from './sqlitePlan';

export interface ExplainOptions extends HotspotOptions {
  analyze: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Values bound to the statement's placeholders (a statement a Prisma Client cell ran). */
  params?: readonly unknown[];
}

/** The statement that asks the database for the plan of `sql`. */
export function explainStatement(provider: SqlProvider, sql: string, analyze: boolean): string {
  const body = sql.trim().replace(/;\s*$/, '');
  if (/^\s*(explain|analyze)\b/i.test(body))
    throw new QueryRunError('This cell is already an EXPLAIN: run it, or remove EXPLAIN and use Explain.', 'failed');
  switch (provider) {
    case 'postgresql':
      return `EXPLAIN (${analyze ? 'ANALYZE, BUFFERS, ' : ''}FORMAT JSON) ${body}`;
    case 'mysql':
      return `${analyze ? 'ANALYZE' : 'EXPLAIN'} FORMAT=JSON ${body}`;
    case 'sqlite':
      if (analyze)
        throw new QueryRunError(
          'SQLite measures no plan (it has no EXPLAIN ANALYZE): use Explain for its query plan.',
          'failed',
        );
      return `EXPLAIN QUERY PLAN ${body}`;
  }
}

function* walk(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const c of node.children) yield* walk(c);
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The table behind an alias a plan names ("SCAN u"): `FROM users u` / `JOIN users AS u`. */
export function tableOfAlias(sql: string, alias: string): string {
  const name = String.raw`(?:"((?:[^"]|"")+)"|\x60([^\x60]+)\x60|\[([^\]]+)\]|([A-Za-z_][\w$]*))`;
  const quoted = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(String.raw`\b(?:FROM|JOIN)\s+${name}\s+(?:AS\s+)?(?:"${quoted}"|${quoted})\b`, 'i');
  const m = re.exec(sql);
  const found = m ? (m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? m[4]) : undefined;
  return found ?? alias;
}

/** How many rows the whole-read tables hold: PostgreSQL's statistics; SQLite a count that stops at 100,001. */
async function tableSizes(
  provider: SqlProvider,
  url: string,
  names: string[],
  options: ExplainOptions,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (names.length === 0 || provider === 'mysql') return sizes; // MariaDB's "rows" of a full scan is the size
  const run = (sql: string): Promise<QueryResult> =>
    runQuery(provider, url, sql, { writes: false, timeoutMs: options.timeoutMs, signal: options.signal });
  if (provider === 'postgresql') {
    // the table of that name first found on the search path; reltuples is -1 before the first ANALYZE
    const r = await run(
      `SELECT DISTINCT ON (c.relname) c.relname, c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ` +
        `WHERE c.relkind IN ('r', 'p', 'm') AND c.relname IN (${names.map(literal).join(', ')}) ` +
        `ORDER BY c.relname, array_position(current_schemas(true), n.nspname::text) NULLS LAST`,
    );
    for (const [name, n] of r.rows) if (typeof name === 'string' && Number(n) >= 0) sizes.set(name, Number(n));
    return sizes;
  }
  const known = await run(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${names.map(literal).join(', ')})`,
  );
  const tables = known.rows.map((r) => String(r[0]));
  if (tables.length === 0) return sizes;
  const counts = await run(
    tables
      .map((t) => `SELECT ${literal(t)}, (SELECT count(*) FROM (SELECT 1 FROM ${ident(t)} LIMIT 100001))`)
      .join(' UNION ALL '),
  );
  for (const [name, n] of counts.rows) sizes.set(String(name), Number(n));
  return sizes;
}

/** Runs the cell's EXPLAIN and gives its plan tree with the costly nodes marked. */
export async function explainQuery(
  provider: SqlProvider,
  url: string,
  sql: string,
  options: ExplainOptions,
): Promise<QueryPlan> {
  const statement = explainStatement(provider, sql, options.analyze);
  const started = performance.now();
  let result: QueryResult;
  try {
    result = await runQuery(provider, url, statement, {
      writes: false,
      timeoutMs: options.timeoutMs,
      maxRows: 100_000,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.params ? { params: options.params } : {}),
    });
  } catch (e) {
    if (e instanceof QueryRunError && e.reason === 'readOnly' && !options.analyze)
      throw new QueryRunError(
        'MySQL/MariaDB explains a writing statement only outside a read-only transaction, and Explain always runs read-only: explain a SELECT with the same WHERE instead. Nothing was changed.',
        'readOnly',
      );
    if (e instanceof QueryRunError && e.reason === 'readOnly')
      throw new QueryRunError(
        'Explain with ANALYZE runs the statement, and only in a read-only transaction that is rolled back: this statement writes, so it was not run. Explain (without ANALYZE) shows its plan.',
        'readOnly',
      );
    throw e;
  }
  const parsed =
    provider === 'postgresql'
      ? parsePostgresPlan(result.rows[0]?.[0], options.analyze)
      : provider === 'mysql'
        ? parseMysqlPlan(result.rows[0]?.[0])
        : parseSqlitePlan(
            result.rows.map((r): SqlitePlanRow => ({
              id: Number(r[0]),
              parent: Number(r[1]),
              detail: String(r[3] ?? ''),
            })),
          );
  // SQLite and MariaDB name a table by its alias: the node says which table it is
  if (provider !== 'postgresql')
    for (const n of walk(parsed.root)) {
      const table = n.relation && tableOfAlias(sql, n.relation);
      if (table && table !== n.relation) {
        n.details.unshift(`Alias: ${n.relation}`);
        n.relation = table;
      }
    }
  const fullScans = [...walk(parsed.root)].filter((n) => n.fullScan && n.relation);
  const sizes = await tableSizes(provider, url, [...new Set(fullScans.map((n) => n.relation!))], options).catch(
    () => undefined, // sizes only sharpen the marks: a plan without them still helps
  );
  for (const n of fullScans) {
    const size = sizes?.get(n.relation!);
    if (size !== undefined) n.tableRows = size;
    // SQLite names a CTE or a subquery it scans as it names a table: only tables are whole-table reads
    else if (provider === 'sqlite' && sizes) n.fullScan = false;
  }
  const unit = planUnit(parsed.root, options.analyze);
  const plan: QueryPlan = {
    provider,
    analyzed: options.analyze,
    ...(unit ? { unit } : {}),
    ...parsed,
    durationMs: performance.now() - started,
    statement,
  };
  return markHotspots(plan, options);
}
