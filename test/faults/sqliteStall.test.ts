// The extension host thread while the user types a search in the grid on a big SQLite file: libsql runs
// each statement synchronously under its promise, so a scan on the host blocks the thread that answers
// every other extension. The grid's statements run on a worker thread (src/core/sqlite); this scenario
// measures the host (stalls over 100 ms and the longest delay, from the probe) on a file of BIG_ROWS rows:
// a page of the search and its count for each keystroke, then a save, and fails on a stall (see the
// assertion for a machine too busy to keep any thread on time). With the statements on the host (before
// the worker), it saw 12 stalls, the longest 890 ms.
import * as assert from 'node:assert/strict';
import { emptyQuery } from '../../src/shared/protocol/messages';
import { PendingChanges } from '../../webview/grid/pending';
import { saveResultText } from '../../webview/grid/saveOutcome';
import { EVENT_ROWS, eventsDb, type EventsDb } from '../unit/data/eventsFixture';
import { record, StallProbe } from './faultReport';

const BIG_ROWS = 1_000_000;

describe('Faults: the grid on a big SQLite file while the user types a search', function () {
  this.timeout(180_000);
  let db: EventsDb | undefined;

  before(async function () {
    db = await eventsDb(this, 'sqlite');
    await db.sql(
      `WITH RECURSIVE n(i) AS (SELECT ${EVENT_ROWS + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${BIG_ROWS})
       INSERT INTO events (id, name, rank, at, data, blob, price)
       SELECT i, 'event ' || i || ' ' || hex(randomblob(24)), i % 4, '2024-05-01T12:00:00.000000+00:00', '{"n": ' || i || '}', NULL, NULL FROM n`,
    );
  });
  after(() => db?.close());

  it('pages, counts and saves; the host stalls are measured', async () => {
    // the grid is open, showing its first page and total, before the user types (Prisma Client's first
    // query instantiates its query compiler on this thread: that is opening the grid, not typing in it)
    await db!.session.page(db!.model, emptyQuery(), 0, 100);
    await db!.session.total(db!.model, emptyQuery());
    const probe = new StallProbe();
    const typed = 'event 29999x';
    let shown = 0;
    let saw = '';
    let saved = false;
    let measured = { stalls: 0, maxDelayMs: 0 };
    try {
      for (let i = 1; i <= typed.length; i++) {
        const q = { ...emptyQuery(), search: typed.slice(0, i) };
        const rows = await db!.session.page(db!.model, q, 0, 100);
        const { total } = await db!.session.total(db!.model, q);
        shown = rows.length;
        saw = `${total} rows match "${q.search}"`;
        // the next keystroke is another message: the thread runs its timers in between
        await new Promise((resolve) => setImmediate(resolve));
      }
      const row = (await db!.session.page(db!.model, emptyQuery(), 0, 1))[0];
      const pending = new PendingChanges(db!.model);
      pending.edit(row, 'name', 'saved on the big file');
      const r = await db!.session.save(db!.model, pending.toRequest());
      saved = r.ok;
      saw = `${saw} (${shown} shown); ${saveResultText(r)}`;
    } finally {
      measured = probe.stop();
    }
    const left = Number((await db!.sql('SELECT count(*) AS n FROM events'))[0].n);
    record({
      fault: `SQLite ${BIG_ROWS.toLocaleString('en')} rows: search typed, page + count per key, save`,
      saw,
      lost: BIG_ROWS - left,
      recovered: saved,
      ...measured,
    });
    assert.equal(left, BIG_ROWS, 'rows lost');
    assert.ok(saved, 'saved');
    // No stall over 100 ms. On a machine so busy that its scheduler alone holds a thread that long (every
    // row of the table then shows stalls, PostgreSQL's too), none as long as half of one search's scan run
    // on this thread, which is what each keystroke cost when SQLite ran here.
    const t0 = performance.now();
    await db!.sql(`SELECT count(*) AS n FROM events WHERE name LIKE '%${typed}%'`);
    const scanMs = performance.now() - t0;
    const limit = Math.max(100, scanMs / 2);
    assert.ok(
      measured.maxDelayMs < limit,
      `the host stalled over 100 ms ${measured.stalls} times, the longest ${measured.maxDelayMs} ms ` +
        `(limit ${Math.round(limit)} ms; one scan on this thread: ${Math.round(scanMs)} ms)`,
    );
  });
});
