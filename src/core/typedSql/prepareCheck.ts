// The database's own word on a TypedSQL query, without running it: PostgreSQL PREPARE in a read-only
// transaction that is rolled back, MySQL / MariaDB PREPARE (the text is bound as a value, never spliced in)
// then DEALLOCATE, SQLite prepare in the runner's worker thread. What it finds (an unknown column, a syntax
// error) comes back with where it is: PostgreSQL says the position; for the others the name the message
// quotes is looked up in the query's tokens.
import { searchPathSql, urlSchema } from '../connections/postgresSchema';
import { connectionOptions } from '../notebook/runMysql';
import { runSqlite, sqliteFile } from '../notebook/runSqlite';
import type { SqlProvider } from '../notebook/runSupport';
import { tokenize } from './sqlTokens';

export interface PrepareProblem {
  message: string;
  /** Offsets into the query, when the database says or the message names something found in it. */
  start?: number;
  end?: number;
}

/** The range of the name a message quotes (`'u.nope'`, `no such column: u.nope`), found among the tokens. */
export function locateNamed(
  sql: string,
  provider: SqlProvider,
  message: string,
): { start: number; end: number } | undefined {
  const named =
    /no such (?:column|table|function): ([\w.$"`[\]]+)/i.exec(message)?.[1] ??
    /Unknown column '([^']+)'/i.exec(message)?.[1] ??
    /Table '([^']+)' doesn't exist/i.exec(message)?.[1] ??
    /near "([^"]+)"/i.exec(message)?.[1] ??
    /near '([^']{1,40})/i.exec(message)?.[1];
  if (!named) return undefined;
  const parts = named.replace(/[`"[\]]/g, '').split('.');
  const tokens = tokenize(sql, provider).filter((t) => t.kind !== 'string');
  const last = parts.at(-1)!.toLowerCase();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].value.toLowerCase() !== last && tokens[i].text.toLowerCase() !== last) continue;
    // `u.nope`: the qualifier before the dot must match too (a MySQL `db.table` is found by its table)
    if (parts.length === 2 && provider !== 'mysql') {
      const q = tokens[i - 2];
      if (tokens[i - 1]?.text !== '.' || q?.value.toLowerCase() !== parts[0].toLowerCase()) continue;
    }
    return { start: tokens[i].start, end: tokens[i].end };
  }
  return undefined;
}

export async function prepareCheck(
  provider: SqlProvider,
  url: string,
  sql: string,
  timeoutMs: number,
): Promise<PrepareProblem | undefined> {
  if (provider === 'postgresql') return preparePostgres(url, sql, timeoutMs);
  if (provider === 'mysql') return prepareMysql(url, sql, timeoutMs);
  return prepareSqlite(url, sql, timeoutMs);
}

async function preparePostgres(url: string, sql: string, timeoutMs: number): Promise<PrepareProblem | undefined> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  await client.connect();
  const prefix = 'PREPARE pw_typedsql_check AS ';
  try {
    const schema = urlSchema(url);
    if (schema) await client.query(searchPathSql(schema));
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
    await client.query(prefix + sql);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = Number((e as { position?: string }).position) - 1 - prefix.length;
    if (Number.isFinite(position) && position >= 0) {
      // the name there, with what is dotted to it (`u.nope`)
      const tokens = tokenize(sql.slice(position), 'postgresql');
      let last = 0;
      while (tokens[last + 1]?.text === '.' && tokens[last + 2] && /word|quoted/.test(tokens[last + 2].kind)) last += 2;
      return { message, start: position, end: position + (tokens[last]?.end ?? 1) };
    }
    return { message, ...locateNamed(sql, 'postgresql', message) };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

async function prepareMysql(url: string, sql: string, timeoutMs: number): Promise<PrepareProblem | undefined> {
  const mariadb = await import('mariadb');
  const conn = await mariadb.createConnection(connectionOptions(url, timeoutMs));
  try {
    // the query is a value here: PREPARE reads it from a user variable
    await conn.query('SET @pw_typedsql_check = ?', [sql.replace(/;\s*$/, '')]);
    await conn.query('PREPARE pw_typedsql_check FROM @pw_typedsql_check');
    await conn.query('DEALLOCATE PREPARE pw_typedsql_check');
    return undefined;
  } catch (e) {
    const message = (e as { sqlMessage?: string }).sqlMessage ?? (e instanceof Error ? e.message : String(e));
    return { message, ...locateNamed(sql, 'mysql', message) };
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

async function prepareSqlite(url: string, sql: string, timeoutMs: number): Promise<PrepareProblem | undefined> {
  try {
    await runSqlite(url, sql, { writes: false, timeoutMs, maxRows: 0, prepareOnly: true });
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // a missing database file is no word on the query
    if (message.includes(sqliteFile(url)) && /does not exist/.test(message)) return undefined;
    return { message, ...locateNamed(sql, 'sqlite', message) };
  }
}
