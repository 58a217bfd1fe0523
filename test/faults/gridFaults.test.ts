// The fault suite (`node scripts/test.mjs --only faults`): the grid's data session (core level: the same
// DataSession, paging, pending edits and words the grid panel uses, without the VS Code window) against the
// real PostgreSQL and MariaDB through a TCP proxy the test cuts (the shared servers are never stopped) and a
// real SQLite file. Each fault asserts its row of the printed table: no row or write lost, and the grid
// works again once the fault is gone.
import * as assert from 'node:assert/strict';
import { createClient } from '@libsql/client';
import { plainErrorText } from '../../src/core/data/prismaErrors';
import type { DataProvider } from '../../src/core/data/schemaCopy';
import { settlesWithin } from '../../src/core/util/settlesWithin';
import { emptyQuery, type ViewQuery } from '../../src/shared/protocol/messages';
import type { WireRow } from '../../src/shared/protocol/model';
import { PendingChanges } from '../../webview/grid/pending';
import { readFailureText } from '../../webview/grid/readFailure';
import { saveFailureText, saveResultText } from '../../webview/grid/saveOutcome';
import { EVENT_ROWS, eventsDb, type EventsDb } from '../unit/data/eventsFixture';
import { cleanupStore } from '../unit/data/sqliteFixture';
import { proxied, type CuttableProxy } from '../unit/tcpProxy';
import { record, StallProbe } from './faultReport';

/** The grid's limit for connecting and for one query in this suite (the setting's default is 30 s). */
const LIMIT_MS = 3000;
const PAGE = 20;
const byId: ViewQuery = { ...emptyQuery(), sort: [{ column: 'id', dir: 'asc' }] };
const label: Record<DataProvider, string> = { postgresql: 'PostgreSQL', mysql: 'MariaDB', sqlite: 'SQLite' };

/** The error's text as the grid panel posts it to the webview. */
const message = (e: unknown) => plainErrorText(e instanceof Error ? e.message : String(e));

/** Polls `condition` every 250 ms (InnoDB refreshes INNODB_TRX only after 100 ms without a read). */
async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Sessions of this database waiting for a lock. */
async function lockWaiters(db: EventsDb): Promise<number> {
  const rows =
    db.provider === 'postgresql'
      ? await db.sql(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      : await db.sql(
          `SELECT count(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()`,
        );
  return Number(rows[0]?.n ?? 0);
}

for (const provider of ['postgresql', 'mysql', 'sqlite'] as DataProvider[]) {
  describe(`Faults: the grid on ${label[provider]}`, function () {
    this.timeout(120_000);
    let db: EventsDb | undefined;
    let proxy: CuttableProxy | undefined;
    /** What the table must hold: id -> name, as every committed write left it. */
    const expected = new Map<number, string>();

    before(async function () {
      db = await eventsDb(this, provider, {
        timeoutMs: LIMIT_MS,
        sessionUrl:
          provider === 'sqlite'
            ? undefined
            : async (url) => {
                const p = await proxied(url);
                proxy = p.proxy;
                return p.url;
              },
      });
      for (let i = 1; i <= EVENT_ROWS; i++) expected.set(i, `event ${i}`);
    });
    afterEach(() => proxy?.restore());
    after(async () => {
      proxy?.restore();
      await db?.close();
      await proxy?.close();
    });

    /** Rows missing from the table or not holding the last committed write (another id is a stray row). */
    async function lostRows(): Promise<number> {
      const rows = await db!.sql('SELECT id, name FROM events');
      const found = new Map(rows.map((r) => [Number(r.id), String(r.name)]));
      let lost = 0;
      for (const [id, name] of expected) if (found.get(id) !== name) lost++;
      assert.equal(found.size, expected.size, 'no stray rows');
      return lost;
    }

    /** Runs one fault with the stall probe on, records its row and asserts it. */
    async function fault(name: string, body: () => Promise<{ saw: string; recovered: boolean }>): Promise<void> {
      const probe = new StallProbe();
      let outcome: { saw: string; recovered: boolean };
      let measured = { stalls: 0, maxDelayMs: 0 };
      try {
        outcome = await body();
      } finally {
        measured = probe.stop();
      }
      const lost = await lostRows();
      record({
        fault: `${label[provider]}: ${name}`,
        saw: outcome.saw,
        lost,
        recovered: outcome.recovered,
        ...measured,
      });
      assert.equal(lost, 0, 'rows lost');
      assert.ok(outcome.recovered, 'recovered');
    }

    const page = (start: number, q: ViewQuery = byId) => db!.session.page(db!.model, q, start, PAGE);
    const rowById = async (id: number): Promise<WireRow> => (await page(0)).find((r) => r.id === id)!;
    const save = (pending: PendingChanges) => db!.session.save(db!.model, pending.toRequest());
    /** Saves and records what was written; the result as the grid's status line says it. */
    async function saveAll(pending: PendingChanges, edits: [number, string][]): Promise<boolean> {
      const r = await save(pending);
      if (r.ok) for (const [id, name] of edits) expected.set(id, name);
      return r.ok;
    }

    if (provider !== 'sqlite') {
      it('server stopped mid-scroll: the next page fails in words, the edit made before is kept and saved after', () =>
        fault('server stopped mid-scroll', async () => {
          const first = await page(0);
          const pending = new PendingChanges(db!.model);
          pending.edit(first[0], 'name', 'edited before the stop');
          proxy!.cut('close');
          const failed = await page(PAGE).then(
            () => undefined,
            (e: unknown) => message(e),
          );
          assert.ok(failed !== undefined, 'the page read through a stopped server fails');
          assert.equal(pending.count, 1, 'the pending edit is kept');
          proxy!.restore();
          const rows = await page(PAGE);
          const saved = await saveAll(pending, [[Number(first[0].id), 'edited before the stop']]);
          return { saw: readFailureText(failed), recovered: rows.length === PAGE && rows[0].id === PAGE + 1 && saved };
        }));

      it('server stopped mid-save: nothing is half-applied, the edits are kept and saved after', () =>
        fault('server stopped mid-save', async () => {
          const rows = await page(0);
          const pending = new PendingChanges(db!.model);
          pending.edit(rows[1], 'name', 'mid-save 2');
          pending.edit(rows[2], 'name', 'mid-save 3');
          // another session holds row 3, so the save is inside its transaction, row 2 written, when the server goes
          const other = await db!.other();
          let saw = '';
          try {
            await other.sql(provider === 'mysql' ? 'START TRANSACTION' : 'BEGIN');
            await other.sql('SELECT id FROM events WHERE id = 3 FOR UPDATE');
            const saving = save(pending);
            saving.catch(() => undefined);
            await waitFor(async () => (await lockWaiters(db!)) > 0, 'the save to wait for the row lock');
            proxy!.cut('close');
            const r = await saving.then(
              (result) => (result.ok ? undefined : saveResultText(result)),
              (e: unknown) => saveFailureText(message(e)),
            );
            assert.ok(r !== undefined, 'the save through a stopped server fails');
            saw = r;
            await other.sql('ROLLBACK');
          } finally {
            await other.end();
          }
          assert.equal(pending.count, 2, 'the pending edits are kept');
          // the save's transaction died with its connection: row 2 is as it was
          await waitFor(async () => (await lockWaiters(db!)) === 0, 'the server to end the dropped transaction');
          assert.equal(await lostRows(), 0, 'nothing half-applied');
          proxy!.restore();
          const saved = await saveAll(pending, [
            [2, 'mid-save 2'],
            [3, 'mid-save 3'],
          ]);
          return { saw, recovered: saved };
        }));

      it('hanging server: a read and a save fail in words within the limit, and work once it answers', () =>
        fault('hanging server', async () => {
          const rows = await page(0);
          const pending = new PendingChanges(db!.model);
          pending.edit(rows[4], 'name', 'edited while hanging');
          proxy!.cut('hang');
          const reading = page(2 * PAGE);
          reading.catch(() => undefined);
          assert.ok(await settlesWithin(reading, LIMIT_MS * 10), 'the read gives up (it waited forever before)');
          const readError = await reading.then(
            () => 'answered',
            (e: unknown) => message(e),
          );
          assert.notEqual(readError, 'answered');
          const saving = save(pending);
          saving.catch(() => undefined);
          assert.ok(await settlesWithin(saving, LIMIT_MS * 10), 'the save gives up');
          const saveOutcome = await saving.then(
            (r) => (r.ok ? 'saved' : saveResultText(r)),
            (e: unknown) => saveFailureText(message(e)),
          );
          assert.notEqual(saveOutcome, 'saved', 'nothing is saved through a hung server');
          proxy!.restore();
          const again = await page(2 * PAGE);
          const saved = await saveAll(pending, [[5, 'edited while hanging']]);
          return { saw: `${readFailureText(readError)} / ${saveOutcome}`, recovered: again.length === PAGE && saved };
        }));
    }

    it('a table lock held by another session: the read fails in words, and works once the lock is released', () =>
      fault('table lock held', async () => {
        const rows = await page(0);
        const pending = new PendingChanges(db!.model);
        pending.edit(rows[6], 'name', 'edited under a lock');
        const locked = await holdTableLock(db!);
        let saw = '';
        try {
          const reading = db!.session.page(db!.model, { ...byId, search: 'event' }, 0, PAGE);
          reading.catch(() => undefined);
          assert.ok(await settlesWithin(reading, LIMIT_MS * 10), 'the read gives up');
          saw = await reading.then(
            () => 'the rows (the lock does not block reads)',
            (e: unknown) => readFailureText(message(e)),
          );
          const saving = save(pending);
          saving.catch(() => undefined);
          assert.ok(await settlesWithin(saving, LIMIT_MS * 10), 'the save gives up');
          const saveOutcome = await saving.then(
            (r) => (r.ok ? 'saved' : saveResultText(r)),
            (e: unknown) => saveFailureText(message(e)),
          );
          assert.notEqual(saveOutcome, 'saved', 'nothing is saved under the lock');
          saw = `${saw} / ${saveOutcome}`;
        } finally {
          await locked.release();
        }
        const again = await page(0);
        const saved = await saveAll(pending, [[7, 'edited under a lock']]);
        return { saw, recovered: again.length === PAGE && saved };
      }));

    it('a concurrent update between the read and the save: a conflict, the other write survives', () =>
      fault('concurrent update between read and save', async () => {
        const row = await rowById(10);
        const pending = new PendingChanges(db!.model);
        pending.edit(row, 'name', 'grid');
        await db!.sql(`UPDATE events SET name = 'other session' WHERE id = 10`);
        expected.set(10, 'other session');
        const r = await save(pending);
        assert.ok(!r.ok && r.conflicts.length === 1, JSON.stringify(r));
        assert.equal(await lostRows(), 0, 'the other write is not overwritten');
        // Refresh, then the user makes the edit again on the current row
        const fresh = new PendingChanges(db!.model);
        fresh.edit(await rowById(10), 'name', 'grid after refresh');
        const saved = await saveAll(fresh, [[10, 'grid after refresh']]);
        return { saw: saveResultText(r), recovered: saved };
      }));
  });
}

/** Another session holds the events table: reads and writes of it wait (SQLite: one EXCLUSIVE writer). */
async function holdTableLock(db: EventsDb): Promise<{ release(): Promise<void> }> {
  if (db.provider === 'sqlite') {
    const file = await db.file!();
    const c = createClient({ url: `file:${file}` });
    await c.execute('BEGIN EXCLUSIVE');
    return {
      release: async () => {
        await c.execute('COMMIT');
        c.close();
      },
    };
  }
  const other = await db.other();
  if (db.provider === 'postgresql') {
    await other.sql('BEGIN');
    await other.sql('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
    return {
      release: async () => {
        await other.sql('COMMIT');
        await other.end();
      },
    };
  }
  await other.sql('LOCK TABLES events WRITE');
  return {
    release: async () => {
      await other.sql('UNLOCK TABLES');
      await other.end();
    },
  };
}

after(() => cleanupStore());
