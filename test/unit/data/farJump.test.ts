// A far jump in a big view: the webview asks for the two pages under the new scroll position at once;
// only the first counts past the keys before it, the second continues from the first one's last row.
import * as assert from 'node:assert/strict';
import { FAR_SKIP } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import { sampleSchema } from './helpers';
import { cleanupStore, sampleSqlite } from './sqliteFixture';

const ROWS = 3 * FAR_SKIP;
const org = modelMeta(sampleSchema().doc, 'Organization');

describe('DataSession far jump on SQLite', function () {
  this.timeout(120_000);
  let db: Awaited<ReturnType<typeof sampleSqlite>>;

  before(async () => {
    db = await sampleSqlite();
    const prisma = db.session.prisma as { $executeRawUnsafe(sql: string): Promise<number> };
    await prisma.$executeRawUnsafe(`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${ROWS})
INSERT INTO "organizations" (id, slug, name, plan, settings, created_at)
SELECT printf('o%06d', x), 'org' || x, 'Org ' || x, 'FREE', '{}', strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 1735689600 + x, 'unixepoch') FROM c`);
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  it('reads the second page of a far jump from the first one, without counting past the keys again', async () => {
    const q = emptyQuery();
    const all = await db.session.page(org, q, 0, ROWS);
    assert.equal(all.length, ROWS);
    const fresh = { ...q, search: 'org' }; // a view with no anchors yet
    const queries: { query: string; params: string }[] = [];
    const stop = db.session.listenToQueries((e) => queries.push(e));
    const at = 2 * FAR_SKIP;
    const [a, b] = await Promise.all([
      db.session.page(org, fresh, at, 100),
      db.session.page(org, fresh, at + 100, 100),
    ]);
    stop();
    assert.deepEqual(
      [...a, ...b].map((r) => r.id),
      all.slice(at, at + 200).map((r) => r.id),
    );
    // the LIMIT ? OFFSET ? of each read: one counts past the 2,000 keys before the jump, no other skips many
    const offsets = queries.map((e) => Number((JSON.parse(e.params) as string[]).at(-1)));
    assert.deepEqual(
      offsets.filter((n) => n >= FAR_SKIP),
      [at],
      JSON.stringify(offsets),
    );
  });
});
