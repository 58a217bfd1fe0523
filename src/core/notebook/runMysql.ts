// A SQL cell on MySQL / MariaDB: the session set to read-only transactions (so that even a statement that
// commits implicitly, such as DDL, stays read-only) and START TRANSACTION READ ONLY (or START TRANSACTION),
// one statement, then ROLLBACK (or COMMIT). Cancel and timeout run KILL QUERY <thread id> from a second
// connection. A read-only cell's rows stream in and the reading stops after its page and one row more (the
// connection, mid-result, is then destroyed: the driver KILLs it on the server, which rolls back); a writing
// cell's result is read whole and counted.
import { RowCollector, type QueryResult } from './queryResult';
import { driverValue, QueryRunError, readOnlyRefusal, stopped, watchStop, type ResolvedRunOptions } from './runSupport';
import { mysqlTls } from '../connections/mariadbConfig';

/** The driver's options for a notebook run's connection (TLS from Prisma's URL parameters included). */
export function connectionOptions(url: string, timeoutMs: number) {
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
  /** The read stopped mid-result: the connection cannot run anything more and is destroyed. */
  let unfinished = false;
  try {
    if (!options.writes) await conn.query('SET SESSION TRANSACTION READ ONLY');
    await conn.query(options.writes ? 'START TRANSACTION' : 'START TRANSACTION READ ONLY');
    const collector = new RowCollector(options.maxRows, options.skipRows, !options.writes);
    const values = options.params?.map(driverValue);
    const read = options.writes
      ? await readAll(conn, sql, collector, values)
      : await readPage(conn, sql, collector, values);
    unfinished = read.unfinished === true;
    // KILL QUERY makes SLEEP() return 1 instead of failing: a stopped run is never committed
    if (watch.reason()) throw new Error('stopped');
    if (!unfinished) await conn.query(options.writes ? 'COMMIT' : 'ROLLBACK');
    const extra = { durationMs: performance.now() - started, mode: options.writes ? 'writes' : 'read-only' } as const;
    return collector.result(read.names, {
      ...extra,
      ...(read.affectedRows !== undefined ? { affectedRows: read.affectedRows } : {}),
    });
  } catch (e) {
    if (!unfinished) await conn.query('ROLLBACK').catch(() => undefined);
    const reason = watch.reason();
    if (reason) throw stopped(reason, options.timeoutMs);
    const errno = (e as { errno?: number }).errno;
    if (errno === 1792) throw readOnlyRefusal((e as { sqlMessage?: string }).sqlMessage ?? String(e));
    const text = (e as { sqlMessage?: string }).sqlMessage ?? (e instanceof Error ? e.message : String(e));
    throw new QueryRunError(text, 'failed');
  } finally {
    watch.dispose();
    await killing?.catch(() => undefined);
    if (unfinished) conn.destroy();
    else await conn.end().catch(() => conn.destroy());
  }
}

interface Read {
  names: string[];
  /** A statement without rows: what it changed. */
  affectedRows?: number;
  /** Rows are left unread on the connection. */
  unfinished?: boolean;
}

type Connection = Awaited<ReturnType<typeof import('mariadb').createConnection>>;

/** The whole result at once, every row counted (the collector keeps the page). */
async function readAll(conn: Connection, sql: string, collector: RowCollector, values?: unknown[]): Promise<Read> {
  const result: unknown = await conn.query({ sql, rowsAsArray: true }, values);
  if (!Array.isArray(result))
    return { names: [], affectedRows: Number((result as { affectedRows?: number | bigint }).affectedRows ?? 0) };
  for (const row of result) collector.add(row as unknown[]);
  const meta = (result as unknown as { meta?: { name(): string }[] }).meta ?? [];
  return { names: meta.map((m) => m.name()) };
}

/** Rows as they stream in, until the collector has its page and one row more. */
function readPage(conn: Connection, sql: string, collector: RowCollector, values?: unknown[]): Promise<Read> {
  return new Promise<Read>((resolve, reject) => {
    const stream = conn.queryStream({ sql, rowsAsArray: true }, values);
    let names: string[] = [];
    let affectedRows: number | undefined;
    stream.on('fields', (meta: { name(): string }[]) => {
      names = meta.map((m) => m.name());
    });
    stream.on('data', (row: unknown) => {
      if (!Array.isArray(row)) {
        affectedRows = Number((row as { affectedRows?: number | bigint }).affectedRows ?? 0);
        return;
      }
      collector.add(row);
      if (!collector.full) return;
      stream.pause(); // the driver stops reading the socket; the connection is destroyed after
      stream.removeAllListeners('data');
      resolve({ names, unfinished: true });
    });
    stream.on('error', reject);
    stream.on('end', () => resolve({ names, ...(affectedRows !== undefined ? { affectedRows } : {}) }));
  });
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
