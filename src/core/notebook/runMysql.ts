// A SQL cell on MySQL / MariaDB: the session set to read-only transactions (so that even a statement that
// commits implicitly, such as DDL, stays read-only) and START TRANSACTION READ ONLY (or START TRANSACTION),
// one statement, then ROLLBACK (or COMMIT). Cancel and timeout run KILL QUERY <thread id> from a second
// connection. The driver holds the whole result before the first `maxRows` are kept (streaming: a later step).
import { RowCollector, type QueryResult } from './queryResult';
import { driverValue, QueryRunError, readOnlyRefusal, stopped, watchStop, type ResolvedRunOptions } from './runSupport';
import { mysqlTls } from '../connections/mariadbConfig';

function connectionOptions(url: string, timeoutMs: number) {
  const u = new URL(url.replace(/^mysql:/i, 'mariadb:'));
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    connectTimeout: timeoutMs,
    dateStrings: true,
    bigIntAsNumber: false,
    decimalAsNumber: false,
    insertIdAsNumber: true,
    multipleStatements: false,
    ...mysqlTls(url),
  };
}

export async function runMysql(url: string, sql: string, options: ResolvedRunOptions): Promise<QueryResult> {
  const mariadb = await import('mariadb');
  const conn = await mariadb.createConnection(connectionOptions(url, options.timeoutMs));
  const started = performance.now();
  let killing: Promise<void> | undefined;
  const watch = watchStop(options, () => {
    killing = killQuery(mariadb, url, conn.threadId);
  });
  try {
    if (!options.writes) await conn.query('SET SESSION TRANSACTION READ ONLY');
    await conn.query(options.writes ? 'START TRANSACTION' : 'START TRANSACTION READ ONLY');
    const result: unknown = await conn.query({ sql, rowsAsArray: true }, options.params?.map(driverValue));
    // KILL QUERY makes SLEEP() return 1 instead of failing: a stopped run is never committed
    if (watch.reason()) throw new Error('stopped');
    await conn.query(options.writes ? 'COMMIT' : 'ROLLBACK');
    const collector = new RowCollector(options.maxRows, options.skipRows);
    const extra = { durationMs: performance.now() - started, mode: options.writes ? 'writes' : 'read-only' } as const;
    if (Array.isArray(result)) {
      for (const row of result) collector.add(row as unknown[]);
      const meta = (result as unknown as { meta?: { name(): string }[] }).meta ?? [];
      return collector.result(
        meta.map((m) => m.name()),
        extra,
      );
    }
    const affected = Number((result as { affectedRows?: number | bigint }).affectedRows ?? 0);
    return collector.result([], { ...extra, affectedRows: affected });
  } catch (e) {
    await conn.query('ROLLBACK').catch(() => undefined);
    const reason = watch.reason();
    if (reason) throw stopped(reason, options.timeoutMs);
    const errno = (e as { errno?: number }).errno;
    if (errno === 1792) throw readOnlyRefusal((e as { sqlMessage?: string }).sqlMessage ?? String(e));
    const text = (e as { sqlMessage?: string }).sqlMessage ?? (e instanceof Error ? e.message : String(e));
    throw new QueryRunError(text, 'failed');
  } finally {
    watch.dispose();
    await killing?.catch(() => undefined);
    await conn.end().catch(() => conn.destroy());
  }
}

async function killQuery(mariadb: typeof import('mariadb'), url: string, threadId: number | null): Promise<void> {
  if (threadId === null) return;
  const c = await mariadb.createConnection(connectionOptions(url, 5000));
  try {
    await c.query(`KILL QUERY ${Number(threadId)}`);
  } finally {
    await c.end().catch(() => c.destroy());
  }
}
