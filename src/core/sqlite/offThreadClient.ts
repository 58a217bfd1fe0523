// A libsql `Client` whose statements run on a worker thread (sqliteWorker.ts) instead of the caller's.
// libsql's local driver runs every statement synchronously under its promise: on the extension host a
// COUNT(*) or a LIKE search over a big table froze every extension until it finished. This client
// has the same interface, so Prisma's libsql adapter (offThreadLibsql.ts) and plain callers use it
// unchanged; only the messages cross threads. One worker per client; it ends when the client closes.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  Client,
  Config,
  InArgs,
  InStatement,
  Replicated,
  ResultSet,
  Row,
  Transaction,
  TransactionMode,
} from '@libsql/client';
import type { WireError, WireResultSet, WorkerReply, WorkerRequest } from './workerProtocol';

/** Distributes Omit over the request union (a plain Omit would merge its members). */
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;
type RequestBody = Body<WorkerRequest>;

export interface WorkerEntry {
  file: string;
  execArgv?: string[];
}

/**
 * The worker's file: dist/sqliteWorker.js beside the bundle that runs this code (the extension), or,
 * when this code runs from source (tests under tsx), the TypeScript file with tsx loaded in the worker.
 */
export function defaultWorkerEntry(dir: string = __dirname): WorkerEntry {
  const entry = findWorkerEntry(dir);
  if (!entry)
    throw new Error(`SQLite's worker (sqliteWorker.js) is missing from ${dir}: reinstalling the extension may help.`);
  return entry;
}

/** The worker's file as defaultWorkerEntry finds it, or undefined (a bundle shipped without it: the lint CLI). */
export function findWorkerEntry(dir: string = __dirname): WorkerEntry | undefined {
  const bundled = path.join(dir, 'sqliteWorker.js');
  if (fs.existsSync(bundled)) return { file: bundled };
  const source = path.join(dir, 'sqliteWorker.ts');
  // tsx by its path: the worker resolves `--require` from the working folder, which may be another project
  if (fs.existsSync(source)) return { file: source, execArgv: ['--require', createRequire(source).resolve('tsx/cjs')] };
  return undefined;
}

/** An error from the worker with libsql's fields, which Prisma's adapter maps to its own kinds. */
export class SqliteWorkerError extends Error {
  readonly code?: string;
  readonly extendedCode?: string;
  readonly rawCode?: number;
  readonly statementIndex?: number;
  constructor(e: WireError) {
    super(e.message, e.rawCode !== undefined ? { cause: { rawCode: e.rawCode } } : undefined);
    this.name = e.name;
    this.code = e.code;
    this.extendedCode = e.extendedCode;
    this.rawCode = e.rawCode;
    this.statementIndex = e.statementIndex;
  }
}

/** libsql's Row: values by index (not enumerable) and by column name. */
function toRow(values: unknown[], columns: string[]): Row {
  const row: Record<string | number, unknown> = {};
  Object.defineProperty(row, 'length', { value: values.length });
  for (let i = 0; i < values.length; i++) {
    Object.defineProperty(row, i, { value: values[i] });
    const name = columns[i];
    if (!Object.hasOwn(row, name))
      Object.defineProperty(row, name, { value: values[i], enumerable: true, configurable: true, writable: true });
  }
  return row as unknown as Row;
}

function toResultSet(w: WireResultSet): ResultSet {
  const rows = w.rows.map((r) => toRow(r, w.columns));
  return {
    columns: w.columns,
    columnTypes: w.columnTypes,
    rows,
    rowsAffected: w.rowsAffected,
    lastInsertRowid: w.lastInsertRowid,
    // as libsql's own: rows as arrays, 64-bit integers as text, blobs in base64
    toJSON: () => ({
      columns: w.columns,
      columnTypes: w.columnTypes,
      rows: w.rows.map((r) =>
        r.map((v) =>
          typeof v === 'bigint' ? String(v) : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v,
        ),
      ),
      rowsAffected: w.rowsAffected,
      lastInsertRowid: w.lastInsertRowid !== undefined ? String(w.lastInsertRowid) : null,
    }),
  };
}

/** `execute(sql, args)` or `execute({ sql, args })`, as libsql takes it. */
function statement(stmt: InStatement, args?: InArgs): InStatement {
  return typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
}

/** A batch as libsql takes it: statements, or [sql, args] pairs. */
function statements(stmts: Array<InStatement | [string, InArgs?]>): InStatement[] {
  return stmts.map((s) => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
}

class WorkerChannel {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /** Set when the worker stopped: every request after it fails with this. */
  private stopped: Error | undefined;
  private ending = false;
  /** Settles when the worker has ended (and with it its connections: the file is released). */
  readonly exited: Promise<void>;

  constructor(config: Config, entry: WorkerEntry) {
    this.worker = new Worker(entry.file, { workerData: { config }, execArgv: entry.execArgv });
    // an idle connection never keeps the process alive; one with a request in flight does
    this.worker.unref();
    this.worker.on('message', (r: WorkerReply) => this.settle(r));
    this.worker.on('error', (e: Error) => this.stop(e));
    this.exited = new Promise((resolve) =>
      this.worker.on('exit', (code) => {
        this.stop(new Error(code === 0 ? 'The SQLite connection is closed' : `SQLite's worker stopped (exit ${code})`));
        resolve();
      }),
    );
  }

  request<T>(body: RequestBody): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    // once closing, the worker stays referenced until it has ended (closeAndWait awaits that)
    if (body.op === 'close') this.ending = true;
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  private settle(r: WorkerReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (this.pending.size === 0 && !this.ending) this.worker.unref();
    if (r.ok) p.resolve(r.value);
    else p.reject(new SqliteWorkerError(r.error));
  }

  private stop(e: Error): void {
    this.stopped ??= e;
    for (const p of this.pending.values()) p.reject(this.stopped);
    this.pending.clear();
  }
}

class OffThreadTransaction implements Transaction {
  closed = false;

  constructor(
    private readonly channel: WorkerChannel,
    private readonly id: number,
  ) {}

  async execute(stmt: InStatement): Promise<ResultSet> {
    return toResultSet(await this.channel.request<WireResultSet>({ op: 'execute', tx: this.id, stmt }));
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const sets = await this.channel.request<WireResultSet[]>({ op: 'batch', tx: this.id, stmts: statements(stmts) });
    return sets.map(toResultSet);
  }

  executeMultiple(sql: string): Promise<void> {
    return this.channel.request({ op: 'executeMultiple', tx: this.id, sql });
  }

  async commit(): Promise<void> {
    await this.channel.request({ op: 'commit', tx: this.id });
    this.closed = true;
  }

  async rollback(): Promise<void> {
    await this.channel.request({ op: 'rollback', tx: this.id });
    this.closed = true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.request({ op: 'closeTx', tx: this.id }).catch(() => undefined);
  }
}

export class OffThreadClient implements Client {
  closed = false;
  readonly protocol = 'file';
  private readonly channel: WorkerChannel;

  constructor(config: Config, entry: WorkerEntry = defaultWorkerEntry()) {
    this.channel = new WorkerChannel(config, entry);
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return toResultSet(await this.channel.request<WireResultSet>({ op: 'execute', stmt: statement(stmt, args) }));
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    const sets = await this.channel.request<WireResultSet[]>({ op: 'batch', stmts: statements(stmts), mode });
    return sets.map(toResultSet);
  }

  migrate(): Promise<ResultSet[]> {
    return Promise.reject(new Error('migrate() is not offered by the off-thread SQLite client'));
  }

  async transaction(mode?: TransactionMode): Promise<Transaction> {
    return new OffThreadTransaction(this.channel, await this.channel.request<number>({ op: 'begin', mode }));
  }

  executeMultiple(sql: string): Promise<void> {
    return this.channel.request({ op: 'executeMultiple', sql });
  }

  sync(): Promise<Replicated> {
    return Promise.resolve(undefined);
  }

  /** Closes the connection and ends the worker once the requests before it have run. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.request({ op: 'close' }).catch(() => undefined);
  }

  /** Closes, and settles once the worker has ended: the database file is no longer open (deleting it works on Windows). */
  async closeAndWait(): Promise<void> {
    this.close();
    await this.channel.exited;
  }

  reconnect(): void {
    throw new Error('reconnect() is not offered by the off-thread SQLite client');
  }
}
