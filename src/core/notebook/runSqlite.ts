// A SQL cell on SQLite, run in a worker thread (sqliteRun.ts does the work): the extension host stays
// responsive however long the statement takes. Cancel and the time limit end the wait at once and raise
// the worker's stop flag; SQLite stops at the next row, or, inside one long step (a big sort before the
// first row), when that step ends: in the background, in a transaction that is then rolled back. The
// thread is never terminated from outside: libsql's native code aborts the whole process when its thread
// is terminated in the middle of a call (seen in the unit test).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QueryResult } from './queryResult';
import { QueryRunError, readOnlyRefusal, stopped, watchStop, type ResolvedRunOptions } from './runSupport';
import type { SqliteJob, SqliteOutcome } from './sqliteRun';

/** `file:/abs/dev.db?x=y` (already resolved to an absolute path) -> the file path. */
export function sqliteFile(url: string): string {
  return decodeURIComponent(url.replace(/^file:(\/\/(?=\/))?/, '').replace(/\?.*$/, ''));
}

/** The bundled worker next to the extension bundle, or (tests in plain Node) its source through tsx. */
function startWorker(job: SqliteJob): Worker {
  const bundled = path.join(__dirname, 'notebookSqliteWorker.js');
  if (existsSync(bundled)) return new Worker(bundled, { workerData: job });
  return new Worker(path.join(__dirname, 'sqliteWorker.ts'), {
    workerData: job,
    execArgv: ['--require', 'tsx/cjs'],
  });
}

export async function runSqlite(url: string, sql: string, options: ResolvedRunOptions): Promise<QueryResult> {
  const file = sqliteFile(url);
  if (!existsSync(file))
    throw new QueryRunError(`The SQLite database ${file} does not exist (nothing was created).`, 'failed');
  const started = performance.now();
  const stop = new SharedArrayBuffer(4);
  const worker = startWorker({
    file,
    sql,
    writes: options.writes,
    maxRows: options.maxRows,
    skipRows: options.skipRows,
    ...(options.params ? { params: [...options.params] } : {}),
    ...(options.prepareOnly ? { prepareOnly: true } : {}),
    stop,
  });
  let watch: ReturnType<typeof watchStop> | undefined;
  try {
    const outcome = await new Promise<SqliteOutcome>((resolve, reject) => {
      watch = watchStop(options, (reason) => {
        Atomics.store(new Int32Array(stop), 0, 1);
        reject(stopped(reason, options.timeoutMs));
      });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new QueryRunError(`The SQLite worker stopped (exit code ${code}).`, 'failed')),
      );
    });
    if (!outcome.ok)
      throw outcome.readOnly ? readOnlyRefusal(outcome.message) : new QueryRunError(outcome.message, 'failed');
    return { ...outcome.result, durationMs: performance.now() - started };
  } finally {
    watch?.dispose();
  }
}
