// One entry for the three dialects' parsers: load once (async), then parse statements synchronously.
import type { Dialect } from '../types';
import { fastParse } from './fastPath';
import type { Stmt } from './ir';
import { loadMysqlParser, mysqlParserLoaded, parseMysql } from './mysql';
import { loadPostgresParser, parsePostgres, postgresParserLoaded } from './postgres';
import { loadSqliteParser, parseSqlite, sqliteParserLoaded } from './sqlite';

export type { AlterAction, ColumnDef, ForeignKeyDef, IndexDef, Stmt } from './ir';

export async function loadParser(dialect: Dialect): Promise<void> {
  if (dialect === 'postgresql') await loadPostgresParser();
  else if (dialect === 'mysql') await loadMysqlParser();
  else await loadSqliteParser();
}

export function parserLoaded(dialect: Dialect): boolean {
  return dialect === 'postgresql'
    ? postgresParserLoaded()
    : dialect === 'mysql'
      ? mysqlParserLoaded()
      : sqliteParserLoaded();
}

/** Parsed statements by dialect + text: a re-lint after one file changed re-parses only that file. */
const cache = new Map<string, Stmt | Error>();
const CACHE_MAX = 20_000;

/**
 * One statement (without its `;`). Throws the parser's syntax error for a statement it cannot read.
 * Statements in one of Prisma's fixed templates are read without the parser (fastPath.ts); `fast: false`
 * always uses the parser (the tests compare the two).
 */
export function parseStatement(dialect: Dialect, sql: string, useCache = true, fast = true): Stmt {
  const quick = fast ? fastParse(dialect, sql) : undefined;
  if (quick) return quick;
  const key = `${dialect}\u0000${sql}`;
  const hit = useCache ? cache.get(key) : undefined;
  if (hit instanceof Error) throw hit;
  if (hit) return hit;
  let result: Stmt | Error;
  try {
    result = dialect === 'postgresql' ? parsePostgres(sql) : dialect === 'mysql' ? parseMysql(sql) : parseSqlite(sql);
  } catch (e) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  if (useCache) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, result);
  }
  if (result instanceof Error) throw result;
  return result;
}

/** Forgets every parsed statement (benchmarks measure parsing with it empty). */
export function clearParseCache(): void {
  cache.clear();
}
