// Row counts, duplicate counts, table sizes and rows still holding a removed enum value, from the
// schema's database, for the findings' subjects: SQLite via libsql (on a worker thread in the extension),
// PostgreSQL via pg, MySQL/MariaDB via Prisma's mariadb adapter (all already shipped). Every failure (no
// database, no table, no driver) is simply a missing fact: the lint then says what it says without a database.
import { mariadbUrlConfig } from '../connections/mariadbConfig';
import { searchPathSql, urlSchema } from '../connections/postgresSchema';
import { closeSqlite, openSqlite } from '../sqlite/openSqlite';
import { fitTest } from './typeChange';
import { enumUseKey, factKey, narrowKey } from './types';
import type { DatabaseFacts, Dialect, FindingSubject, LintFinding } from './types';

export interface FactsTarget {
  readonly dialect: Dialect;
  /** Absolute `file:` URL for SQLite, connection string for PostgreSQL and MySQL. */
  readonly url: string;
  /** Shown in messages, e.g. `SQLite file dev.db`. */
  readonly label: string;
}

/** Runs one statement with its values bound to the dialect's placeholders (see `placeholder`). */
type Query = (sql: string, params?: readonly string[]) => Promise<number | undefined>;

/** The n-th (1-based) bound parameter's placeholder: `$n` in PostgreSQL, `?` in MySQL and SQLite. */
const placeholder = (dialect: Dialect, n: number): string => (dialect === 'postgresql' ? `$${n}` : '?');

export async function collectFacts(
  target: FactsTarget,
  findings: readonly LintFinding[],
  timeoutMs = 5000,
): Promise<DatabaseFacts> {
  const tables = new Set<string>();
  const uniques = new Map<string, { table: string; columns: readonly string[] }>();
  const enums = new Map<string, FindingSubject>();
  /** Tables a rewrite or copy concerns: their size on disk is worth saying. */
  const rewritten = new Set<string>();
  const narrowed = new Map<string, FindingSubject>();
  const notNull = new Map<string, { table: string; column: string }>();
  for (const f of findings) {
    if (!f.subject) continue;
    tables.add(f.subject.table);
    if (f.rule === 'unique-index-on-existing-data' && f.subject.columns)
      uniques.set(factKey(f.subject.table, f.subject.columns), { table: f.subject.table, columns: f.subject.columns });
    if (f.rule === 'enum-value-removed' && f.subject.removedValues?.length && f.subject.enumColumns?.length)
      enums.set(enumUseKey(f.subject), f.subject);
    if (f.rule === 'set-not-null' && f.subject.columns?.length === 1)
      notNull.set(factKey(f.subject.table, f.subject.columns), {
        table: f.subject.table,
        column: f.subject.columns[0]!,
      });
    if (f.rule === 'type-narrowing' && f.subject.narrowTo && f.subject.columns?.length)
      narrowed.set(narrowKey(f.subject), f.subject);
    if (
      f.rule === 'table-rewrite' ||
      f.rule === 'type-narrowing' ||
      f.rule === 'index-without-concurrently' ||
      f.rule === 'sqlite-table-redefinition'
    )
      rewritten.add(f.subject.table);
  }
  const rows = new Map<string, number>();
  const duplicates = new Map<string, number>();
  const sizes = new Map<string, number>();
  const enumRows = new Map<string, number>();
  const narrowRows = new Map<string, number>();
  const nullRows = new Map<string, number>();
  const facts = { rows, duplicates, sizes, enumRows, narrowRows, nullRows, source: target.label };
  if (tables.size === 0) return facts;
  const q =
    target.dialect === 'mysql'
      ? (n: string) => `\`${n.replace(/`/g, '``')}\``
      : (n: string) => `"${n.replace(/"/g, '""')}"`;
  // values written in a migration file (removed enum values, table names) are bound, never spliced into the
  // SQL: MySQL reads backslash escapes in strings, and so does PostgreSQL with standard_conforming_strings off
  const params = (values: readonly string[]) => values.map((_, i) => placeholder(target.dialect, i + 1)).join(', ');
  const session = await open(target, timeoutMs);
  if (!session) return facts;
  try {
    for (const t of tables) {
      const n = await session.query(`SELECT COUNT(*) AS n FROM ${q(t)}`);
      if (n !== undefined) rows.set(t, n);
    }
    for (const [key, u] of uniques) {
      const cols = u.columns.map(q).join(', ');
      const n = await session.query(
        `SELECT COUNT(*) AS n FROM (SELECT ${cols} FROM ${q(u.table)} WHERE ${u.columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols} HAVING COUNT(*) > 1) d`,
      );
      if (n !== undefined) duplicates.set(key, n);
    }
    for (const [key, subject] of enums) {
      const values = subject.removedValues ?? [];
      let total: number | undefined = 0;
      for (const { table, column } of subject.enumColumns ?? []) {
        // PostgreSQL: compared as text, so a value the enum no longer has is not an error
        const col = target.dialect === 'postgresql' ? `${q(column)}::text` : q(column);
        const n = await session.query(
          `SELECT COUNT(*) AS n FROM ${q(table)} WHERE ${col} IN (${params(values)})`,
          values,
        );
        total = n === undefined || total === undefined ? undefined : total + n;
      }
      if (total !== undefined) enumRows.set(key, total);
    }
    for (const [key, { table, column }] of notNull) {
      const n = await session.query(`SELECT COUNT(*) AS n FROM ${q(table)} WHERE ${q(column)} IS NULL`);
      if (n !== undefined) nullRows.set(key, n);
    }
    for (const [key, subject] of narrowed) {
      const where = misfit(target.dialect, q(subject.columns![0]!), subject.narrowFrom ?? '', subject.narrowTo!);
      const n =
        where === undefined
          ? undefined
          : await session.query(`SELECT COUNT(*) AS n FROM ${q(subject.table)} WHERE ${where}`);
      if (n !== undefined) narrowRows.set(key, n);
    }
    for (const t of rewritten) {
      const sql =
        target.dialect === 'mysql'
          ? `SELECT DATA_LENGTH + INDEX_LENGTH AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`
          : target.dialect === 'postgresql'
            ? `SELECT pg_total_relation_size(to_regclass($1)) AS n`
            : undefined;
      const n = sql === undefined ? undefined : await session.query(sql, [target.dialect === 'mysql' ? t : q(t)]);
      if (n !== undefined && Number.isFinite(n)) sizes.set(t, n);
    }
  } finally {
    await session.close();
  }
  return facts;
}

/** The condition a row's value meets when it does not fit the narrowed type (NULLs always fit). */
function misfit(dialect: Dialect, col: string, from: string, to: string): string | undefined {
  const test = fitTest(from, to);
  if (!test) return undefined;
  switch (test.kind) {
    case 'length':
      return test.bytes || dialect === 'sqlite'
        ? `${dialect === 'postgresql' ? 'octet_length' : 'LENGTH'}(${col}) > ${test.max}`
        : `CHAR_LENGTH(${col}) > ${test.max}`;
    case 'range':
      return `${col} NOT BETWEEN ${test.min} AND ${test.max}`;
    case 'digits':
      return `ABS(${col}) >= 1e${test.integerDigits}`;
  }
}

async function open(
  target: FactsTarget,
  timeoutMs: number,
): Promise<{ query: Query; close: () => Promise<void> } | undefined> {
  try {
    if (target.dialect === 'sqlite') {
      const file = target.url.replace(/^file:/, '').replace(/\?.*$/, '');
      const { existsSync } = await import('node:fs');
      if (!existsSync(file)) return undefined; // never create the database by looking at it
      // on a worker thread in the extension, so a count over a big table neither stalls the host nor
      // outlasts the limit: past it the fact is missing, and the statement ends in the worker, unawaited
      const db = await openSqlite({ url: target.url });
      // a write in progress elsewhere (the user's app, a migration, a drift check) holds the file a moment:
      // wait for it, up to the limit, instead of giving the fact up at once (SQLITE_BUSY). Not awaited here:
      // the worker is still starting, and that start counts against each query's limit like the query itself
      const ready = db.execute(`PRAGMA busy_timeout = ${Math.max(1, Math.round(timeoutMs))}`).then(
        () => undefined,
        () => undefined,
      );
      let late = false;
      return {
        query: async (sql, params = []) => {
          if (late) return undefined;
          let timer: NodeJS.Timeout | undefined;
          const limit = new Promise<undefined>((resolve) => {
            timer = setTimeout(() => {
              late = true;
              resolve(undefined);
            }, timeoutMs);
          });
          try {
            const r = await Promise.race([ready.then(() => db.execute({ sql, args: [...params] })), limit]);
            return r && Number(r.rows[0]?.[0] ?? NaN);
          } catch {
            return undefined;
          } finally {
            clearTimeout(timer);
          }
        },
        // past the limit the worker still runs the statement: it ends after it, unawaited
        close: async () => (late ? db.close() : closeSqlite(db)),
      };
    }
    if (target.dialect === 'postgresql') {
      const pg = (await import('pg')).default;
      const client = new pg.Client({
        connectionString: target.url,
        connectionTimeoutMillis: timeoutMs,
        statement_timeout: timeoutMs,
      });
      await client.connect();
      // the tables live in the URL's `?schema=`, which node-pg ignores
      const schema = urlSchema(target.url);
      if (schema)
        await client.query(searchPathSql(schema)).catch(async (error: unknown) => {
          await client.end().catch(() => undefined);
          throw error;
        });
      return {
        query: async (sql, params = []) => {
          try {
            const r = await client.query<{ n: string }>(sql, [...params]);
            return Number(r.rows[0]?.n ?? NaN);
          } catch {
            return undefined;
          }
        },
        close: () => client.end(),
      };
    }
    if (target.dialect === 'mysql') {
      const { PrismaMariaDb } = await import('@prisma/adapter-mariadb');
      // the pool waits acquireTimeout (10 s by default) for a server that does not answer
      const config = mariadbUrlConfig(
        target.url,
        {},
        { connectTimeout: timeoutMs, acquireTimeout: timeoutMs, initializationTimeout: timeoutMs, connectionLimit: 1 },
      );
      const adapter = await new PrismaMariaDb(config).connect();
      return {
        query: async (sql, params = []) => {
          try {
            const r = await adapter.queryRaw({
              sql,
              args: [...params],
              argTypes: params.map(() => ({ scalarType: 'string', arity: 'scalar' }) as const),
            });
            const v = r.rows[0]?.[0];
            return v === null || v === undefined ? undefined : Number(v);
          } catch {
            return undefined;
          }
        },
        close: () => adapter.dispose(),
      };
    }
    return undefined;
  } catch {
    return undefined;
  }
}
