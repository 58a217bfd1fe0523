// Import streamed from its file into a real SQLite database through the grid's private client: the file is
// read twice (check, then write batch by batch in one transaction) holding one batch, never the file; Cancel
// rolls back; a file changed after its preview is refused whole; a row the database refuses is named from
// a third read of the file. (The 1 GB run, with its memory figure, is in the fault suite: test/faults.)
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkImportFile, importBatches } from '../../../src/core/data/importStream';
import { EVENT_ROWS, eventsDb, type EventsDb } from './eventsFixture';
import { cleanupStore } from './sqliteFixture';

const ROWS = 40_000;

/** `rows` events from id `from`, about 300 bytes each; `clash` puts an id the table already holds at that row. */
async function eventsCsv(file: string, rows: number, from: number, clash?: number): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write('id,name,rank,at,data,price\n');
  for (let i = 0; i < rows; i++) {
    const id = clash === i + 1 ? 7 : from + i;
    out.write(
      `${id},"event ${id}, ""imported"" ${'x'.repeat(200)}",${id % 4},2024-05-01T12:00:00.${String(id % 1000).padStart(3, '0')}Z,"{""n"": ${id}}",${id % 3 ? `${id}.125` : ''}\n`,
    );
  }
  await new Promise((resolve) => out.end(resolve));
  return fs.statSync(file).size;
}

describe('import streamed from its file into SQLite (check, then write batch by batch in one transaction)', function () {
  this.timeout(180_000);
  let db: EventsDb;
  let dir: string;
  const count = async () => Number((await db.sql('SELECT count(*) AS n FROM events'))[0].n);

  before(async function () {
    db = await eventsDb(this, 'sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-import-stream-'));
  });
  after(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    cleanupStore();
  });

  it(`imports ${ROWS.toLocaleString('en')} rows with progress, holding a batch at a time`, async () => {
    const file = path.join(dir, 'events.csv');
    const size = await eventsCsv(file, ROWS, 1000);
    const read: number[] = [];
    const checked = await checkImportFile(db.model, file, 'csv', db.session.nulls, {
      onProgress: (bytes) => read.push(bytes),
    });
    assert.deepEqual(checked.summary.errors, []);
    assert.equal(checked.summary.rowCount, ROWS);
    assert.equal(checked.summary.sample.length, 10, 'only the first rows are kept for the preview');
    assert.equal(checked.summary.sample[0].name, `event 1000, "imported" ${'x'.repeat(200)}`);
    assert.ok(read.length >= 5 && read.at(-1)! <= size, 'progress in bytes of the file');
    const done: number[] = [];
    const batches = () => importBatches(db.model, file, checked, db.session.nulls);
    const r = await db.session.insertBatches(db.model, batches(), { again: batches, onProgress: (n) => done.push(n) });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.inserted, ROWS);
    assert.equal(done.length, ROWS / 500, 'one progress report per batch of 500');
    assert.equal(await count(), EVENT_ROWS + ROWS);
    const [last] = await db.sql(`SELECT name, price, data FROM events WHERE id = ${1000 + ROWS - 1}`);
    assert.equal(last.name, `event ${1000 + ROWS - 1}, "imported" ${'x'.repeat(200)}`);
    assert.equal(String(last.data).replace(/\s/g, ''), `{"n":${1000 + ROWS - 1}}`);
    await db.sql(`DELETE FROM events WHERE id >= 1000`);
  });

  it('Cancel during the write rolls every row back', async () => {
    const file = path.join(dir, 'cancel.csv');
    await eventsCsv(file, 5000, 1000);
    const checked = await checkImportFile(db.model, file, 'csv', db.session.nulls);
    const abort = new AbortController();
    const r = await db.session.insertBatches(db.model, importBatches(db.model, file, checked, db.session.nulls), {
      signal: abort.signal,
      onProgress: (n) => n >= 2000 && abort.abort(),
    });
    assert.ok(!r.ok && r.aborted);
    assert.equal(r.message, 'Cancelled: nothing was imported (the transaction was rolled back after 2,000 rows).');
    assert.equal(await count(), EVENT_ROWS);
  });

  it('the event loop turns between batches: a Cancel arriving as a message (a macrotask) stops the write at the next batch', async () => {
    const file = path.join(dir, 'turns.csv');
    await eventsCsv(file, 5000, 1000); // ~1.5 MB: its first 1 MB chunk holds ~7 batches, read without any I/O between them
    const checked = await checkImportFile(db.model, file, 'csv', db.session.nulls);
    const abort = new AbortController();
    let asked = false;
    const r = await db.session.insertBatches(db.model, importBatches(db.model, file, checked, db.session.nulls), {
      signal: abort.signal,
      onProgress: () => {
        if (asked) return;
        asked = true;
        // how VS Code delivers Cancel: a message from the window, handled in a later turn of the event loop
        setImmediate(() => abort.abort());
      },
    });
    assert.ok(!r.ok && r.aborted);
    assert.equal(r.message, 'Cancelled: nothing was imported (the transaction was rolled back after 500 rows).');
    assert.equal(await count(), EVENT_ROWS);
  });

  it('a file changed after its preview is refused and nothing is written', async () => {
    const file = path.join(dir, 'changed.csv');
    await eventsCsv(file, 3000, 1000);
    const checked = await checkImportFile(db.model, file, 'csv', db.session.nulls);
    fs.appendFileSync(file, '99999,late,1,2024-05-01T12:00:00.000Z,,\n');
    const r = await db.session.insertBatches(db.model, importBatches(db.model, file, checked, db.session.nulls), {});
    assert.ok(!r.ok && !r.aborted);
    assert.match(r.message, /^Nothing was imported \(rolled back\): changed\.csv changed since its preview/);
    assert.equal(await count(), EVENT_ROWS);
  });

  it('a row whose id the table already holds: nothing is written, and the row of the file is named', async () => {
    const file = path.join(dir, 'clash.csv');
    await eventsCsv(file, 8000, 1000, 7321);
    const checked = await checkImportFile(db.model, file, 'csv', db.session.nulls);
    assert.deepEqual(checked.summary.errors, [], 'the file itself is fine');
    const batches = () => importBatches(db.model, file, checked, db.session.nulls);
    const r = await db.session.insertBatches(db.model, batches(), { again: batches });
    assert.ok(!r.ok);
    assert.equal(r.code, 'P2002');
    assert.deepEqual(r.rows, [7321]);
    assert.match(r.message, /The table already holds the id of row 7321 of the file\.$/);
    assert.equal(await count(), EVENT_ROWS);
  });
});
