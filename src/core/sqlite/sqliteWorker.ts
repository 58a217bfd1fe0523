// The thread that owns one libsql client (a SQLite file) for an OffThreadClient on the extension host.
// libsql runs each statement synchronously, so a scan of a big table blocks the thread it runs on; here
// that is this worker, not the extension host. Requests run one at a time, in the order they came;
// an open transaction keeps its own connection here (libsql hands the client's connection to it).
// Built to dist/sqliteWorker.js (esbuild.mjs); libsql itself is dist/lib.libsql-client.js beside it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Client, Config, InStatement, ResultSet, Transaction } from '@libsql/client';
import { loadLibsql } from '../engine/libsqlNative';
import type { WireError, WireResultSet, WorkerReply, WorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('sqliteWorker.ts runs in a worker thread');
const config = (workerData as { config: Config }).config;

let client: Client | undefined;
const transactions = new Map<number, Transaction>();
let nextTx = 1;

async function open(): Promise<Client> {
  if (!client) {
    const { createClient } = await loadLibsql(() => import('@libsql/client'));
    client = createClient(config);
  }
  return client;
}

function wire(r: ResultSet): WireResultSet {
  return {
    columns: r.columns,
    columnTypes: r.columnTypes,
    rows: r.rows.map((row) => Array.prototype.slice.call(row) as unknown[]),
    rowsAffected: r.rowsAffected,
    lastInsertRowid: r.lastInsertRowid,
  };
}

function transaction(id: number): Transaction {
  const tx = transactions.get(id);
  if (!tx) throw Object.assign(new Error('The transaction is closed'), { code: 'TRANSACTION_CLOSED' });
  return tx;
}

/** The client, or the transaction the request names. */
async function target(tx: number | undefined): Promise<Client | Transaction> {
  return tx === undefined ? open() : transaction(tx);
}

async function run(req: WorkerRequest): Promise<WireResultSet | WireResultSet[] | number | undefined> {
  switch (req.op) {
    case 'execute':
      return wire(await (await target(req.tx)).execute(req.stmt));
    case 'batch': {
      const t = await target(req.tx);
      const stmts: InStatement[] = req.stmts;
      const sets = req.tx === undefined ? await (t as Client).batch(stmts, req.mode) : await t.batch(stmts);
      return sets.map(wire);
    }
    case 'executeMultiple':
      await (await target(req.tx)).executeMultiple(req.sql);
      return undefined;
    case 'begin': {
      const tx = await (await open()).transaction(req.mode);
      const id = nextTx++;
      transactions.set(id, tx);
      return id;
    }
    case 'commit':
    case 'rollback': {
      const tx = transaction(req.tx);
      try {
        await (req.op === 'commit' ? tx.commit() : tx.rollback());
      } finally {
        // a failed COMMIT leaves the transaction open (SQLITE_BUSY): it can still be rolled back
        if (tx.closed) transactions.delete(req.tx);
      }
      return undefined;
    }
    case 'closeTx':
      transactions.get(req.tx)?.close();
      transactions.delete(req.tx);
      return undefined;
    case 'close':
      for (const tx of transactions.values()) tx.close();
      transactions.clear();
      client?.close();
      client = undefined;
      return undefined;
  }
}

function wireError(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const f = e as Error & { code?: unknown; extendedCode?: unknown; rawCode?: unknown; statementIndex?: unknown };
  const cause = e.cause as { rawCode?: unknown } | undefined;
  const rawCode = typeof f.rawCode === 'number' ? f.rawCode : cause?.rawCode;
  return {
    name: e.name,
    message: e.message,
    code: typeof f.code === 'string' ? f.code : undefined,
    extendedCode: typeof f.extendedCode === 'string' ? f.extendedCode : undefined,
    rawCode: typeof rawCode === 'number' ? rawCode : undefined,
    statementIndex: typeof f.statementIndex === 'number' ? f.statementIndex : undefined,
  };
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (req: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = { id: req.id, ok: true, value: await run(req) };
    } catch (e) {
      reply = { id: req.id, ok: false, error: wireError(e) };
    }
    port.postMessage(reply);
    if (req.op === 'close') port.close();
  });
});
