// A huge import: a generated 1 GB CSV into SQLite (and a 100 MB one into PostgreSQL), through the grid's
// import as it runs in the extension host (core/data/importStream.ts: check every row, then write batch by
// batch in one transaction, the file read as a stream both times). The figure is the process's peak memory
// while it ran, over what it held before: bounded by a batch and the parser's buffers, not by the file.
// The file is made in os.tmpdir() and deleted after. This is the 1 GB proof CI runs (the faults stage);
// test/unit/data/importStream.test.ts runs the same path on 40,000 rows.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { checkImportFile, importBatches } from '../../src/core/data/importStream';
import type { DataProvider } from '../../src/core/data/schemaCopy';
import { emptyQuery } from '../../src/shared/protocol/messages';
import { EVENT_ROWS, eventsDb, type EventsDb } from '../unit/data/eventsFixture';
import { cleanupStore } from '../unit/data/sqliteFixture';
import { record, StallProbe } from './faultReport';

const MB = 1024 * 1024;
/** One row of the file: about 4 KB (a long text, as a description or a log line would be). */
const ROW_BYTES = 4096;
const sizes: Record<Exclude<DataProvider, 'mysql'>, number> = { sqlite: 1024 * MB, postgresql: 100 * MB };
/** The most the process may grow while importing, garbage included (the file is 2.5x that). */
const MAX_GROWTH = 400 * MB;
/**
 * The most the import may hold (after a full collection): a batch, the parser's buffers, the checks, and
 * Prisma Client's history of its last 100 queries' arguments (levels off near 36 MB: importStream.ts, BATCH_CHARS).
 */
const MAX_LIVE = 64 * MB;

/** Writes `bytes` of events CSV (ids from 1001), at the pace the disk takes it; the number of rows. */
async function writeCsv(file: string, bytes: number): Promise<number> {
  const out = fs.createWriteStream(file, { highWaterMark: 4 * MB });
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write('id,name,rank,at,data,price\n');
  const filler = 'lorem ipsum, "quoted" dolor sit amet '.repeat(Math.ceil(ROW_BYTES / 38)).slice(0, ROW_BYTES - 110);
  let rows = 0;
  for (let written = 0; written < bytes; rows++) {
    const id = 1001 + rows;
    const line = `${id},"event ${id}: ${filler.replace(/"/g, '""')}",${id % 4},2024-05-01T12:00:00.${String(id % 1000).padStart(3, '0')}Z,"{""n"": ${id}}",${id % 3 ? `${id}.125` : ''}\n`;
    await write(line);
    written += Buffer.byteLength(line);
  }
  await new Promise((resolve) => out.end(resolve));
  return rows;
}

/** The garbage collector: node's --expose-gc one, else switched on at run time (V8 allows it). */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Memory while `body` runs, over what the process held when it started: the peak RSS and heap sampled every
 * 10 ms (garbage included: V8 collects it when it needs the room), and the live heap — what the import
 * really holds — measured after a full collection each time `body` calls `live()`.
 */
async function measureMemory<T>(
  body: (live: () => void) => Promise<T>,
): Promise<{ value: T; rssMB: number; heapMB: number; liveMB: number }> {
  const gc = collector();
  gc();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  let live = start.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  try {
    const value = await body(() => {
      sample();
      gc();
      live = Math.max(live, process.memoryUsage().heapUsed);
    });
    sample();
    const mb = (n: number) => Math.round(n / MB);
    return { value, rssMB: mb(rss - start.rss), heapMB: mb(heap - start.heapUsed), liveMB: mb(live - start.heapUsed) };
  } finally {
    clearInterval(timer);
  }
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  const size = sizes[provider];
  const label = `${size >= 1024 * MB ? `${size / (1024 * MB)} GB` : `${size / MB} MB`} CSV import into ${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
  // the 1 GB run takes 3 to 5 minutes on a 2-core CI machine: most of it the SQLite writes through the client
  describe(`Faults: a ${label}${provider === 'sqlite' ? ' (the 1 GB proof: takes minutes)' : ''}`, function () {
    this.timeout(40 * 60_000);
    let db: EventsDb | undefined;
    let dir: string | undefined;

    before(async function () {
      db = await eventsDb(this, provider);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-import-huge-'));
    });
    after(async () => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      await db?.close();
      cleanupStore();
    });

    it('imports every row in one transaction with memory bounded by a batch, not by the file', async () => {
      const file = path.join(dir!, 'events.csv');
      const rows = await writeCsv(file, size);
      const bytes = fs.statSync(file).size;
      // the client's first queries load its query compiler: done before measuring, as in a grid already open
      await db!.session.page(db!.model, emptyQuery(), 0, 1);
      await db!.session.insertAll(db!.model, [{ id: 1000, name: 'warm', rank: 0, at: new Date(0) }]);
      await db!.sql('DELETE FROM events WHERE id = 1000');
      const probe = new StallProbe();
      const t0 = performance.now();
      let measured = { stalls: 0, maxDelayMs: 0 };
      let checkedMs = 0;
      let outcome;
      try {
        outcome = await measureMemory(async (live) => {
          const checked = await checkImportFile(db!.model, file, 'csv', db!.session.nulls, { onProgress: live });
          checkedMs = performance.now() - t0;
          assert.deepEqual(checked.summary.errors, []);
          assert.equal(checked.summary.rowCount, rows);
          const batches = () => importBatches(db!.model, file, checked, db!.session.nulls);
          let measuredAt = 0;
          return db!.session.insertBatches(db!.model, batches(), {
            again: batches,
            onProgress: (done) => {
              if (done - measuredAt < 5000) return;
              measuredAt = done;
              live();
            },
          });
        });
      } finally {
        measured = probe.stop();
      }
      const seconds = (performance.now() - t0) / 1000;
      const result = outcome.value;
      const inTable = Number((await db!.sql('SELECT count(*) AS n FROM events'))[0].n);
      const page = await db!.session.page(db!.model, { ...emptyQuery(), sort: [{ column: 'id', dir: 'desc' }] }, 0, 5);
      const lost = rows + EVENT_ROWS - inTable;
      const figures = `live heap +${outcome.liveMB} MB, peak RSS +${outcome.rssMB} MB (heap +${outcome.heapMB} MB); ${seconds.toFixed(0)} s, check ${(checkedMs / 1000).toFixed(0)} s`;
      console.log(`      ${label}: ${figures}`);
      record({
        fault: `${label} (${rows.toLocaleString('en')} rows of 4 KB)`,
        saw: result.ok ? `Imported all rows in one transaction; ${figures}` : result.message,
        lost,
        recovered: result.ok && page[0]?.id === 1000 + rows,
        ...measured,
      });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(lost, 0, 'rows lost');
      assert.equal(page[0]?.id, 1000 + rows, 'the grid reads the last imported row');
      assert.ok(outcome.liveMB < MAX_LIVE / MB, `the live heap grew by ${outcome.liveMB} MB`);
      assert.ok(outcome.rssMB < MAX_GROWTH / MB, `peak RSS grew by ${outcome.rssMB} MB for a ${bytes / MB} MB file`);
    });
  });
}
