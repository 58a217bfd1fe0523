// Keyset paging and export are exact on SQLite, PostgreSQL and MySQL / MariaDB: sorted by a column with
// ties or by a microsecond timestamp (which the client reads only to the millisecond), pages neither skip
// nor repeat rows, and an export of the sorted view has exactly COUNT(*) rows.
import * as assert from 'node:assert/strict';
import type { DataProvider } from '../../../src/core/data/schemaCopy';
import { emptyQuery, type SortKey, type ViewQuery } from '../../../src/shared/protocol/messages';
import type { WireRow } from '../../../src/shared/protocol/model';
import { eventsDb, type EventsDb } from './eventsFixture';
import { cleanupStore } from './sqliteFixture';

const sorts: SortKey[][] = [
  [{ column: 'at', dir: 'asc' }],
  [{ column: 'at', dir: 'desc' }],
  [{ column: 'rank', dir: 'asc' }],
  [
    { column: 'rank', dir: 'desc' },
    { column: 'at', dir: 'asc' },
  ],
];
const label = (sort: SortKey[]) => sort.map((k) => `${k.column} ${k.dir}`).join(', ');

for (const provider of ['sqlite', 'postgresql', 'mysql'] as DataProvider[]) {
  describe(`Keyset paging is exact (${provider})`, function () {
    this.timeout(120_000);
    let db: EventsDb | undefined;

    before(async function () {
      db = await eventsDb(this, provider);
    });
    after(async () => {
      await db?.close();
      cleanupStore();
    });

    const countStar = async () => Number((await db!.sql('SELECT COUNT(*) AS n FROM events'))[0].n);
    const ids = (rows: WireRow[]) => rows.map((r) => Number(r.id));

    for (const sort of sorts) {
      it(`export sorted by ${label(sort)} has exactly COUNT(*) rows, each once, in the order of one read`, async () => {
        const q: ViewQuery = { ...emptyQuery(), sort };
        const once = ids(await db!.session.page(db!.model, q, 0, 1000));
        const exported: number[] = [];
        for await (const batch of db!.session.batches(db!.model, q, 7)) exported.push(...ids(batch));
        assert.equal(exported.length, await countStar());
        assert.equal(new Set(exported).size, exported.length, 'no row twice');
        assert.deepEqual(exported, once);
      });

      it(`pages sorted by ${label(sort)} (in order and by a far jump) equal one read`, async () => {
        const q: ViewQuery = { ...emptyQuery(), sort, search: '', showDeleted: true };
        const once = ids(await db!.session.page(db!.model, q, 0, 1000));
        const jump = ids(await db!.session.page(db!.model, { ...q, combinator: 'OR' }, 31, 9));
        assert.deepEqual(jump, once.slice(31, 40), 'a far jump');
        const paged: number[] = [];
        for (let start = 0; start < once.length; start += 7)
          paged.push(...ids(await db!.session.page(db!.model, q, start, 7)));
        assert.deepEqual(paged, once);
      });
    }

    it('goes on after a page whose last row was deleted meanwhile', async () => {
      const q: ViewQuery = {
        ...emptyQuery(),
        sort: [{ column: 'at', dir: 'asc' }],
        search: '',
        combinator: 'AND',
        showDeleted: true,
        filters: [{ column: 'name', op: 'contains', value: 'event' }],
      };
      const first = ids(await db!.session.page(db!.model, q, 0, 7));
      await db!.sql(`DELETE FROM events WHERE id = ${first[6]}`);
      const once = ids(await db!.session.page(db!.model, { ...q, combinator: 'OR' }, 0, 1000));
      assert.deepEqual(ids(await db!.session.page(db!.model, q, 7, 7)), once.slice(6, 13));
    });
  });
}
