// The worker thread a SQLite cell runs in (bundled as dist/notebookSqliteWorker.js): SQLite runs
// synchronously, so on the extension host's own thread one long statement would freeze every extension.
import { parentPort, workerData } from 'node:worker_threads';
import { runSqliteJob, type SqliteJob } from './sqliteRun';

parentPort?.postMessage(runSqliteJob(workerData as SqliteJob));
