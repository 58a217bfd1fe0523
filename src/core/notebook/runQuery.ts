// Runs one SQL cell against a database, safe by default: a read-only transaction that is rolled back unless
// the cell is marked as writing, one statement per run on a connection of its own (so a `COMMIT;` in the
// cell cannot end the read-only transaction and write after it), a time limit, and a cancel that stops
// the query on the server (PostgreSQL pg_cancel_backend, MySQL/MariaDB KILL QUERY), not just forgets it.
import { DEFAULT_MAX_ROWS, type QueryResult } from './queryResult';
import { runMysql } from './runMysql';
import { runPostgres } from './runPostgres';
import { runSqlite } from './runSqlite';
import { QueryRunError, stopped, type ResolvedRunOptions, type RunOptions, type SqlProvider } from './runSupport';

export { QueryRunError, type RunOptions, type SqlProvider } from './runSupport';

export async function runQuery(
  provider: SqlProvider,
  url: string,
  sql: string,
  options: RunOptions,
): Promise<QueryResult> {
  const resolved: ResolvedRunOptions = { maxRows: DEFAULT_MAX_ROWS, skipRows: 0, ...options };
  if (sql.trim() === '') throw new QueryRunError('The cell is empty: write one SQL statement to run.', 'failed');
  if (resolved.signal?.aborted) throw stopped('cancelled', resolved.timeoutMs);
  switch (provider) {
    case 'postgresql':
      return runPostgres(url, sql, resolved);
    case 'mysql':
      return runMysql(url, sql, resolved);
    case 'sqlite':
      return runSqlite(url, sql, resolved);
  }
}
