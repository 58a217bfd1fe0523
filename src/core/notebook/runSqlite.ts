// A SQL cell on SQLite: a connection of its own with `PRAGMA query_only = ON` unless the cell writes, the
// statement in a transaction rolled back (or committed). SQLite runs in this thread, so rows are read in
// slices with a pause between them: a cancel or the time limit interrupts the statement at the next slice.
// One step that itself takes long (a huge sort before the first row) cannot be interrupted this way; a
// worker thread is a later step.
import { existsSync } from 'node:fs';
import { loadLibsql } from '../engine/libsqlNative';
import { RowCollector, type QueryResult } from './queryResult';
import { QueryRunError, readOnlyRefusal, stopped, watchStop, type ResolvedRunOptions } from './runSupport';

/** `file:./dev.db?x=y` (already resolved to an absolute path) -> the file path. */
export function sqliteFile(url: string): string {
  return decodeURIComponent(url.replace(/^file:(\/\/(?=\/))?/, '').replace(/\?.*$/, ''));
}

const SLICE_MS = 20;

export async function runSqlite(url: string, sql: string, options: ResolvedRunOptions): Promise<QueryResult> {
  const file = sqliteFile(url);
  if (!existsSync(file))
    throw new QueryRunError(`The SQLite database ${file} does not exist (nothing was created).`, 'failed');
  const Database = (await loadLibsql(() => import('libsql'))).default;
  const db = new Database(file, { timeout: 5 } as never);
  const started = performance.now();
  const watch = watchStop(options, () => undefined);
  try {
    if (!options.writes) db.exec('PRAGMA query_only = ON');
    db.exec('BEGIN');
    const collector = new RowCollector(options.maxRows);
    let names: string[] = [];
    let affectedRows: number | undefined;
    try {
      const stmt = db.prepare(sql);
      if (stmt.reader) {
        stmt.raw(true);
        stmt.safeIntegers(true);
        names = (stmt.columns() as { name: string }[]).map((c) => c.name);
        const rows = stmt.iterate() as Iterator<unknown[]>;
        let sliceStart = performance.now();
        for (let next = rows.next(); !next.done; next = rows.next()) {
          collector.add(next.value);
          if (performance.now() - sliceStart > SLICE_MS) {
            await new Promise((r) => setImmediate(r));
            if (watch.reason()) break;
            sliceStart = performance.now();
          }
        }
      } else {
        affectedRows = Number((stmt.run() as { changes?: number }).changes ?? 0);
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/readonly|query_only/i.test(message)) throw readOnlyRefusal(message);
      throw new QueryRunError(message, 'failed');
    }
    const reason = watch.reason();
    if (reason) throw stopped(reason, options.timeoutMs);
    db.exec(options.writes ? 'COMMIT' : 'ROLLBACK');
    return collector.result(names, {
      durationMs: performance.now() - started,
      mode: options.writes ? 'writes' : 'read-only',
      ...(affectedRows !== undefined ? { affectedRows } : {}),
    });
  } catch (e) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // nothing to roll back
    }
    throw e;
  } finally {
    watch.dispose();
    db.close();
  }
}
