// A SQL cell on PostgreSQL: BEGIN READ ONLY (or BEGIN), SET LOCAL statement_timeout, the statement over the
// extended protocol (one statement only), then ROLLBACK (or COMMIT). A read-only cell's query is declared as
// a cursor and only its page and one row more are fetched (the rest is never computed: "1,000+ rows");
// what cannot be a cursor (SHOW, EXPLAIN, a write, two statements, a typo) runs as it is, every row read
// and counted, the first `maxRows` kept. Cancel and timeout call pg_cancel_backend from a second connection.
import { searchPathSql, urlSchema } from '../connections/postgresSchema';
import { RowCollector, type QueryResult } from './queryResult';
import { driverValue, QueryRunError, readOnlyRefusal, stopped, watchStop, type ResolvedRunOptions } from './runSupport';

/** Dates without a time zone and numerics stay the database's text; int8 becomes a BigInt. */
function typeParser(pgTypes: typeof import('pg').types) {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === 20) return (v: string) => BigInt(v); // int8
      if (oid === 1114 || oid === 1082 || oid === 1083) return (v: string) => v; // timestamp, date, time
      return pgTypes.getTypeParser(oid, format ?? 'text');
    },
  };
}

export async function runPostgres(url: string, sql: string, options: ResolvedRunOptions): Promise<QueryResult> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.timeoutMs,
    types: typeParser(pg.types) as never,
  });
  await client.connect();
  const started = performance.now();
  let cancelling: Promise<void> | undefined;
  try {
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const schema = urlSchema(url);
    if (schema) await client.query(searchPathSql(schema));
    const watch = watchStop(options, () => {
      cancelling = cancelBackend(pg, url, pid);
    });
    try {
      await client.query(options.writes ? 'BEGIN' : 'BEGIN READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`);
      const collector = new RowCollector(options.maxRows, options.skipRows, !options.writes);
      const { fields, rowCount, command } =
        (!options.writes && (await readPage(client, sql, collector, options))) ||
        (await readAll(pg, client, sql, collector, options.params?.map(driverValue)));
      // a statement the cancel reached as it ended: nothing is committed
      if (watch.reason()) throw new Error('stopped');
      await client.query(options.writes ? 'COMMIT' : 'ROLLBACK');
      const reads = fields.length > 0 || command === 'SELECT';
      return collector.result(fields, {
        durationMs: performance.now() - started,
        mode: options.writes ? 'writes' : 'read-only',
        ...(reads ? {} : { affectedRows: rowCount ?? 0 }),
      });
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      const reason = watch.reason();
      if (reason) throw stopped(reason, options.timeoutMs);
      const code = (e as { code?: string }).code;
      if (code === '25006') throw readOnlyRefusal((e as Error).message);
      if (code === '57014') throw stopped('timeout', options.timeoutMs); // the server's statement_timeout
      throw new QueryRunError(describePgError(e, sql), 'failed');
    } finally {
      watch.dispose();
    }
  } finally {
    await cancelling?.catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

interface Read {
  fields: string[];
  rowCount: number | null;
  command: string;
}

/**
 * The page of a read-only query through a cursor: MOVE over the rows before it, FETCH it and one row more.
 * Undefined (and the transaction as it was) when the statement cannot be declared as a cursor.
 */
async function readPage(
  client: import('pg').Client,
  sql: string,
  collector: RowCollector,
  options: ResolvedRunOptions,
): Promise<Read | undefined> {
  await client.query('SAVEPOINT pw_page');
  try {
    // extended protocol: one statement only, so nothing can follow the cursor's query
    await client.query({
      text: `DECLARE pw_page NO SCROLL CURSOR FOR ${sql}`,
      ...(options.params ? { values: options.params.map(driverValue) } : {}),
      queryMode: 'extended',
    } as never);
  } catch (e) {
    if ((e as { code?: string }).code === '57014') throw e; // cancelled or timed out: not a reason to run again
    await client.query('ROLLBACK TO SAVEPOINT pw_page');
    return undefined;
  }
  if (options.skipRows) {
    const moved = await client.query(`MOVE FORWARD ${Math.trunc(options.skipRows)} IN pw_page`);
    collector.skipped(moved.rowCount ?? 0);
  }
  const page = await client.query<unknown[]>({
    text: `FETCH FORWARD ${Math.trunc(options.maxRows) + 1} FROM pw_page`,
    rowMode: 'array',
  });
  for (const row of page.rows) collector.add(row);
  return { fields: page.fields.map((f) => f.name), rowCount: null, command: 'SELECT' };
}

/** The statement as it is, every row streamed in and counted (the collector keeps the page). */
function readAll(
  pg: typeof import('pg'),
  client: import('pg').Client,
  sql: string,
  collector: RowCollector,
  values: unknown[] | undefined,
) {
  return new Promise<Read>((resolve, reject) => {
    const query = new pg.Query({
      text: sql,
      ...(values ? { values } : {}),
      rowMode: 'array',
      queryMode: 'extended',
    } as never);
    let names: string[] = [];
    query.on('row', (row: unknown[], result?: { fields: { name: string }[] }) => {
      if (names.length === 0 && result) names = result.fields.map((f) => f.name);
      collector.add(row);
    });
    query.on('end', (result: { fields?: { name: string }[]; rowCount: number | null; command: string }) =>
      resolve({
        fields: result.fields?.map((f) => f.name) ?? names,
        rowCount: result.rowCount,
        command: result.command,
      }),
    );
    query.on('error', reject);
    void client.query(query);
  });
}

/** Asks the server to cancel the backend's running statement, from a connection of its own. */
async function cancelBackend(pg: typeof import('pg'), url: string, pid: number): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.query('SELECT pg_cancel_backend($1)', [pid]);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The server's message with the line it points at (`position` is a 1-based character offset). */
function describePgError(e: unknown, sql: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const position = Number((e as { position?: string }).position);
  if (!Number.isFinite(position) || position <= 0) return message;
  const before = sql.slice(0, position - 1).split('\n');
  return `${message} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}
