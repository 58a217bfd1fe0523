// A SQL cell on PostgreSQL: BEGIN READ ONLY (or BEGIN), SET LOCAL statement_timeout, the statement over the
// extended protocol (one statement only), then ROLLBACK (or COMMIT). Rows stream in and only the first
// `maxRows` are kept. Cancel and timeout call pg_cancel_backend from a second connection.
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
      const collector = new RowCollector(options.maxRows, options.skipRows);
      const { fields, rowCount, command } = await new Promise<{
        fields: string[];
        rowCount: number | null;
        command: string;
      }>((resolve, reject) => {
        const query = new pg.Query({
          text: sql,
          ...(options.params ? { values: options.params.map(driverValue) } : {}),
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
