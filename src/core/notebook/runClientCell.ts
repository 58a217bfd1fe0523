// Runs a Prisma Client cell on the grid's private client for the schema: the whole cell is one interactive
// transaction, rolled back at the end unless the cell is marked as writing (then committed). On PostgreSQL
// the read-only transaction is also `READ ONLY`, so a write is refused by the server; on MySQL/MariaDB and
// SQLite a write runs and is undone by the rollback. The cell's code gets a `prisma` whose `$transaction`
// runs inside the cell's own transaction. Stop and the time limit cancel the running statement on the
// server (PostgreSQL pg_cancel_backend, MySQL KILL QUERY, from another pooled connection) and roll back.
// The SQL the code produced comes back with the result, from the client's query events.
import type { QueryResult, StatementRun } from '../../shared/protocol/queryResult';
import type { QueryEvent } from '../data/dataSession';
import { clientResult } from './clientResult';
import type { CellFunction } from './clientCode';
import { QueryRunError, stopped, watchStop, type ResolvedRunOptions, type SqlProvider } from './runSupport';

/** The parts of a generated PrismaClient (and of its transaction client) this runner uses. */
interface TxClient {
  $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}
interface CellClient extends TxClient {
  $transaction<T>(fn: (tx: TxClient) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}

export interface ClientCellTarget {
  /** The session's PrismaClient. */
  client: unknown;
  /** The generated client's Prisma namespace (Prisma.Decimal, Prisma.DbNull…). */
  Prisma: unknown;
  provider: SqlProvider;
  /** Subscribes to the client's query events; returns the unsubscriber. */
  listen(listener: (e: QueryEvent) => void): () => void;
}

class Rollback {
  constructor(readonly value: unknown) {}
}

/** The connection's id on the server, to cancel its statement from another connection. */
async function serverId(tx: TxClient, provider: SqlProvider): Promise<number | undefined> {
  if (provider === 'sqlite') return undefined;
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
    provider === 'postgresql' ? 'SELECT pg_backend_pid() AS id' : 'SELECT CONNECTION_ID() AS id',
  );
  const id = Number(rows[0]?.id);
  return Number.isSafeInteger(id) ? id : undefined;
}

async function cancelOnServer(client: CellClient, provider: SqlProvider, id: number | undefined): Promise<void> {
  if (id === undefined) return;
  try {
    if (provider === 'postgresql') await client.$queryRawUnsafe('SELECT pg_cancel_backend($1::int)', id);
    else if (provider === 'mysql') await client.$executeRawUnsafe(`KILL QUERY ${id}`);
  } catch {
    // it finished meanwhile, or the pool cannot reach the server: the transaction's time limit still ends it
  }
}

/**
 * The `prisma` a cell sees: the transaction client, whose `$transaction` runs in the cell's transaction
 * (sequentially for an array of queries), and which refuses to start anything once the run was stopped.
 */
function cellPrisma(tx: TxClient, stoppedWhy: () => QueryRunError | undefined): unknown {
  const proxy: unknown = new Proxy(tx as object, {
    get(target, key, receiver) {
      const why = stoppedWhy();
      if (why) throw why;
      if (key === '$transaction')
        return async (arg: unknown) => {
          if (typeof arg === 'function') return (arg as (p: unknown) => unknown)(proxy);
          if (Array.isArray(arg)) {
            const out: unknown[] = [];
            for (const q of arg) out.push(await (q as Promise<unknown>));
            return out;
          }
          throw new TypeError('$transaction takes a function or an array of queries');
        };
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return proxy;
}

export async function runClientCell(
  target: ClientCellTarget,
  run: CellFunction,
  options: ResolvedRunOptions,
): Promise<QueryResult> {
  const client = target.client as CellClient;
  const statements: StatementRun[] = [];
  let capturing = false;
  const unlisten = target.listen((e) => {
    if (capturing) statements.push({ query: e.query, params: e.params, durationMs: e.durationMs });
  });
  let id: number | undefined;
  let stopError: QueryRunError | undefined;
  let rejectStop: (e: QueryRunError) => void = () => undefined;
  const stoppedRun = new Promise<never>((_resolve, reject) => (rejectStop = reject));
  stoppedRun.catch(() => undefined);
  const watch = watchStop(options, (reason) => {
    stopError = stopped(reason, options.timeoutMs);
    void cancelOnServer(client, target.provider, id);
    rejectStop(stopError);
  });
  const t0 = performance.now();
  try {
    const transaction = client.$transaction(
      async (tx) => {
        if (!options.writes && target.provider === 'postgresql')
          await tx.$executeRawUnsafe('SET TRANSACTION READ ONLY');
        id = await serverId(tx, target.provider);
        if (stopError) throw stopError;
        capturing = true;
        let value: unknown;
        try {
          value = await run(
            cellPrisma(tx, () => stopError),
            target.Prisma,
          );
        } finally {
          capturing = false;
        }
        if (stopError) throw stopError;
        if (!options.writes) throw new Rollback(value);
        return value;
      },
      // ours fires first (watchStop): the client's own limit only ends a transaction we could not
      { timeout: options.timeoutMs + 1000, maxWait: options.timeoutMs },
    );
    let value: unknown;
    try {
      value = await Promise.race([transaction, stoppedRun]);
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      value = e.value;
    }
    return clientResult(value, {
      durationMs: performance.now() - t0,
      mode: options.writes ? 'writes' : 'read-only',
      statements,
      maxRows: options.maxRows,
    });
  } catch (e) {
    if (stopError) throw stopError;
    throw readOnlyRefusalOf(e, options.writes) ?? e;
  } finally {
    watch.dispose();
    unlisten();
  }
}

/** PostgreSQL refusing a write in the READ ONLY transaction, said as the SQL cells say it. */
function readOnlyRefusalOf(e: unknown, writes: boolean): QueryRunError | undefined {
  if (writes) return undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (!/read-only transaction|25006/i.test(message)) return undefined;
  return new QueryRunError(
    'This cell is read-only and its code writes. Nothing was changed. Mark the cell as writing (the pencil in the cell toolbar) to commit its changes.',
    'readOnly',
  );
}
