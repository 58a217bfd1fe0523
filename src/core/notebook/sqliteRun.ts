// A SQL cell on SQLite, synchronously, as the worker thread runs it (sqliteWorker.ts): a connection of its
// own with `PRAGMA query_only = ON` unless the cell writes, the statement in a transaction that is rolled
// back (or committed), the first `maxRows` rows kept. A read-only cell stops stepping after them and one
// row more (the rest is never read: "1,000+ rows"); a writing cell's rows are all read and counted.
import { libsqlUnavailableMessage } from '../engine/libsqlNative';
import { RowCollector, type QueryResult } from './queryResult';

export interface SqliteJob {
  file: string;
  sql: string;
  writes: boolean;
  maxRows: number;
  skipRows?: number;
  /** Only prepare the statement (names checked, nothing run): an empty result, or the database's error. */
  prepareOnly?: boolean;
  /** Values bound to the statement's placeholders, in order. */
  params?: unknown[];
  /** Set to 1 by the extension host to stop: checked before each row and before COMMIT. */
  stop?: SharedArrayBuffer;
}

export type SqliteOutcome =
  { ok: true; result: Omit<QueryResult, 'durationMs'> } | { ok: false; message: string; readOnly: boolean };

interface Statement {
  reader: boolean;
  raw(on: boolean): Statement;
  safeIntegers(on: boolean): Statement;
  columns(): { name: string }[];
  iterate(...params: unknown[]): Iterable<unknown[]>;
  run(...params: unknown[]): { changes?: number };
}
interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
  readonly inTransaction: boolean;
}

function openDatabase(file: string): Database {
  let Ctor: new (path: string, opts?: object) => Database;
  try {
    Ctor = require('libsql');
  } catch (e) {
    throw new Error(
      libsqlUnavailableMessage(process.platform, process.arch, e instanceof Error ? e.message : String(e)),
    );
  }
  return new Ctor(file, { timeout: 5 });
}

export function runSqliteJob(job: SqliteJob): SqliteOutcome {
  const flag = job.stop ? new Int32Array(job.stop) : undefined;
  const stopping = () => flag !== undefined && Atomics.load(flag, 0) !== 0;
  let db: Database;
  try {
    db = openDatabase(job.file);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), readOnly: false };
  }
  try {
    if (!job.writes) db.exec('PRAGMA query_only = ON');
    db.exec('BEGIN');
    const collector = new RowCollector(job.maxRows, job.skipRows, !job.writes);
    const stmt = db.prepare(job.sql);
    if (job.prepareOnly) {
      db.exec('ROLLBACK');
      const { durationMs: _d, ...empty } = collector.result([], { durationMs: 0, mode: 'read-only' });
      return { ok: true, result: empty };
    }
    // bytes cross the thread as a Uint8Array: the driver takes a Buffer
    const params = (job.params ?? []).map((v) => (v instanceof Uint8Array ? Buffer.from(v) : v));
    let names: string[] = [];
    let affectedRows: number | undefined;
    if (stmt.reader) {
      stmt.raw(true);
      stmt.safeIntegers(true);
      names = stmt.columns().map((c) => c.name);
      for (const row of stmt.iterate(...params)) {
        if (stopping()) break;
        collector.add(row);
        if (collector.full) break; // leaving the loop resets the statement: SQLite steps no further
      }
    } else {
      affectedRows = Number(stmt.run(...params).changes ?? 0);
    }
    // a stopped run is never committed
    db.exec(job.writes && !stopping() ? 'COMMIT' : 'ROLLBACK');
    const { durationMs: _unused, ...result } = collector.result(names, {
      durationMs: 0,
      mode: job.writes ? 'writes' : 'read-only',
      ...(affectedRows !== undefined ? { affectedRows } : {}),
    });
    return { ok: true, result };
  } catch (e) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // nothing to roll back
    }
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, message, readOnly: /readonly|query_only/i.test(message) };
  } finally {
    db.close();
  }
}
