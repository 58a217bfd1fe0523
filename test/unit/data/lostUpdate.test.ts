// No lost updates in the grid, on SQLite, PostgreSQL and MySQL / MariaDB: another session's commit
// between the grid's read and its save is a conflict and that other write survives, also when it lands
// while the save's transaction is already running (waiting for the row lock), and a forged `original`
// from the webview does not get around it. Rows whose values the grid cannot show exactly (microsecond
// timestamps, Json, Bytes, Decimal) still save when nobody else changed them.
import * as assert from 'node:assert/strict';
import type { DataProvider } from '../../../src/core/data/schemaCopy';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import type { WireRow } from '../../../src/shared/protocol/model';
import { eventsDb, type EventsDb } from './eventsFixture';
import { cleanupStore } from './sqliteFixture';

const byId = { ...emptyQuery(), sort: [{ column: 'id', dir: 'asc' as const }] };

for (const provider of ['sqlite', 'postgresql', 'mysql'] as DataProvider[]) {
  describe(`Grid saves write only what was read (${provider})`, function () {
    this.timeout(120_000);
    let db: EventsDb | undefined;

    before(async function () {
      db = await eventsDb(this, provider);
    });
    after(async () => {
      await db?.close();
      cleanupStore();
    });

    const rows = async () => db!.session.page(db!.model, byId, 0, 100);
    const nameOf = async (id: number) =>
      String((await db!.sql(`SELECT name FROM events WHERE id = ${id}`))[0]?.name ?? '(gone)');
    const update = (row: WireRow, original: WireRow, changes: WireRow) => ({
      updates: [{ key: { id: row.id }, original, changes }],
      inserts: [],
      deletes: [],
    });

    it('saves rows with microsecond timestamps, Json, Bytes and Decimal when nobody else changed them', async () => {
      const all = await rows();
      const picked = all.filter((r) => [1, 2, 5, 10].includes(Number(r.id)));
      const r = await db!.session.save(db!.model, {
        updates: picked.map((row) => ({ key: { id: row.id }, original: row, changes: { name: `saved ${row.id}` } })),
        inserts: [],
        deletes: [],
      });
      assert.ok(r.ok, JSON.stringify(r));
      for (const row of picked) assert.equal(await nameOf(Number(row.id)), `saved ${row.id}`);
      const gone = all.find((row) => row.id === 3)!;
      const d = await db!.session.save(db!.model, {
        updates: [],
        inserts: [],
        deletes: [{ key: { id: 3 }, original: gone }],
      });
      assert.ok(d.ok, JSON.stringify(d));
      assert.equal(await nameOf(3), '(gone)');
    });

    it('refuses a save when another session committed between the read and the save; the other write survives', async () => {
      const row = (await rows()).find((r) => r.id === 11)!;
      await db!.sql(`UPDATE events SET name = 'other session' WHERE id = 11`);
      const r = await db!.session.save(db!.model, update(row, row, { name: 'grid' }));
      assert.ok(!r.ok && r.conflicts.length === 1, JSON.stringify(r));
      assert.equal(!r.ok && r.conflicts[0].current?.name, 'other session');
      assert.equal(await nameOf(11), 'other session');
      const del = await db!.session.save(db!.model, {
        updates: [],
        inserts: [],
        deletes: [{ key: { id: 11 }, original: row }],
      });
      assert.ok(!del.ok && del.conflicts.length === 1, JSON.stringify(del));
      assert.equal(await nameOf(11), 'other session');
    });

    it('a forged original (the current values, or none) does not get around the check', async () => {
      const row = (await rows()).find((r) => r.id === 12)!;
      await db!.sql(`UPDATE events SET name = 'other session' WHERE id = 12`);
      for (const forged of [{ ...row, name: 'other session' }, {}]) {
        const r = await db!.session.save(db!.model, update(row, forged, { name: 'grid' }));
        assert.ok(!r.ok && r.conflicts.length === 1, `${JSON.stringify(forged)}: ${JSON.stringify(r)}`);
        assert.equal(await nameOf(12), 'other session');
      }
      const del = await db!.session.save(db!.model, {
        updates: [],
        inserts: [],
        deletes: [{ key: { id: 12 }, original: {} }],
      });
      assert.ok(!del.ok, JSON.stringify(del));
      assert.equal(await nameOf(12), 'other session');
      // a row the grid never sent is not written either
      const never = await db!.session.save(db!.model, update({ id: 999 }, {}, { name: 'grid' }));
      assert.ok(
        !never.ok && never.conflicts.length === 1 && never.conflicts[0].current === null,
        JSON.stringify(never),
      );
    });

    if (provider !== 'sqlite')
      it('a commit that lands while the save waits for the row lock is a conflict, not overwritten', async () => {
        const row = (await rows()).find((r) => r.id === 13)!;
        const other = await db!.other();
        try {
          await other.sql(provider === 'mysql' ? 'START TRANSACTION' : 'BEGIN');
          await other.sql(`UPDATE events SET name = 'other session' WHERE id = 13`);
          const saving = db!.session.save(db!.model, update(row, row, { name: 'grid' }));
          await waitFor(async () => (await lockWaiters(db!)) > 0);
          await other.sql('COMMIT');
          const r = await saving;
          assert.ok(!r.ok && r.conflicts.length === 1, JSON.stringify(r));
          assert.equal(await nameOf(13), 'other session');
        } finally {
          await other.end();
        }
      });
  });
}

/** Sessions of this database waiting for a row lock. */
async function lockWaiters(db: EventsDb): Promise<number> {
  const rows =
    db.provider === 'postgresql'
      ? await db.sql(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      : await db.sql(`SELECT count(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Polls `condition` every 250 ms. Not faster: InnoDB refreshes what INNODB_TRX shows only when the table
 * was not read for 100 ms, so a tighter loop keeps reading the snapshot taken before the save began.
 */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting for the save to wait for the row lock');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
after(() => cleanupStore());
