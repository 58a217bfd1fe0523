// Runs a Prisma Client cell on the grid's private client for the schema: the whole cell is one interactive
// transaction, rolled back at the end unless the cell is marked as writing (then committed). A read-only
// cell's write is refused, on every database, and the cell ends with the refusal (its transaction rolled
// back, nothing changed, even if its code caught the error): the `prisma` it sees (cellPrisma.ts) refuses a
// model's write methods, `$executeRaw…` and a `$queryRaw…` whose SQL writes before sending them; a writing
// statement that still ran shows in the client's query events and is refused then (before the rollback);
// and on PostgreSQL the transaction is `READ ONLY`, so the server refuses too. (MySQL cannot make a started
// transaction read-only, and SQLite's `PRAGMA query_only` would stay on the grid's pooled connection.)
// The cell's `$transaction` runs inside the cell's own transaction. Stop and the time limit cancel the
// running statement on the server (PostgreSQL pg_cancel_backend, MySQL KILL QUERY, from another pooled
// connection) and roll back. The SQL the code produced comes back with the result, from the query events.
import type { QueryResult, StatementRun } from '../../shared/protocol/queryResult';
import type { QueryEvent } from '../data/dataSession';
import { clientResult } from './clientResult';
import type { CellFunction } from './clientCode';
import { cellPrisma, codeWritesRefusal } from './cellPrisma';
import { QueryRunError, stopped, watchStop, type ResolvedRunOptions, type SqlProvider } from './runSupport';
import { writingStatement } from './sqlWrites';

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

export async function runClientCell(
  target: ClientCellTarget,
  run: CellFunction,
  options: ResolvedRunOptions,
): Promise<QueryResult> {
  const client = target.client as CellClient;
  const statements: StatementRun[] = [];
  let capturing = false;
  let refusal: QueryRunError | undefined;
  const unlisten = target.listen((e) => {
    if (!capturing) return;
    statements.push({ query: e.query, params: e.params, durationMs: e.durationMs });
    const verb = options.writes ? undefined : writingStatement(e.query, target.provider);
    // the client's other queries meanwhile are heard too: a grid save during the run refuses the cell (safe side)
    if (verb) refusal ??= codeWritesRefusal(`it ran ${verb}`);
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
          const prisma = cellPrisma(tx, {
            provider: target.provider,
            Prisma: target.Prisma,
            writes: options.writes,
            haltedBy: () => stopError ?? refusal,
            refused: (e) => (refusal ??= e),
          });
          value = await run(prisma, target.Prisma);
        } finally {
          capturing = false;
        }
        if (stopError) throw stopError;
        if (refusal) throw refusal;
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
    throw refusal ?? readOnlyRefusalOf(e, options.writes) ?? e;
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
  return codeWritesRefusal();
}
