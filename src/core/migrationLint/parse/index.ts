// One entry for the three dialects' parsers: load once (async), then parse statements synchronously.
import type { Dialect } from '../types';
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
  return dialect === 'postgresql' ? postgresParserLoaded() : dialect === 'mysql' ? mysqlParserLoaded() : sqliteParserLoaded();
}

/** One statement (without its `;`). Throws the parser's syntax error for a statement it cannot read. */
export function parseStatement(dialect: Dialect, sql: string): Stmt {
  if (dialect === 'postgresql') return parsePostgres(sql);
  if (dialect === 'mysql') return parseMysql(sql);
  return parseSqlite(sql);
}
