// Messages between the extension host and the thread that owns a SQLite connection (sqliteWorker.ts).
// Everything here crosses postMessage, so it is structured-clonable: rows are plain arrays, errors are
// their fields (libsql's code, extended code and SQLite result code, which Prisma's adapter maps to
// "unique constraint failed" and the like).
import type { InStatement, TransactionMode } from '@libsql/client';

export type WorkerRequest = { id: number } & (
  | { op: 'execute'; tx?: number; stmt: InStatement }
  | { op: 'batch'; tx?: number; stmts: InStatement[]; mode?: TransactionMode }
  | { op: 'executeMultiple'; tx?: number; sql: string }
  | { op: 'begin'; mode?: TransactionMode }
  | { op: 'commit' | 'rollback' | 'closeTx'; tx: number }
  | { op: 'close' }
);

/** A result set without libsql's Row objects: the rows as arrays, rebuilt on the host. */
export interface WireResultSet {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

export interface WireError {
  name: string;
  message: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
  statementIndex?: number;
}

export type WorkerReply =
  | { id: number; ok: true; value?: WireResultSet | WireResultSet[] | number }
  | { id: number; ok: false; error: WireError };
