// The data layer on a real SQLite database through the generated private client.
import * as assert from 'node:assert/strict';
import type { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { emptyQuery, type ViewQuery } from '../../../src/shared/protocol/messages';
import type { WireRow } from '../../../src/shared/protocol/model';
import { sampleSchema } from './helpers';
import { cleanupStore, sampleSqlite } from './sqliteFixture';

const { doc } = sampleSchema();
const org = modelMeta(doc, 'Organization');
const user = modelMeta(doc, 'User');
const profile = modelMeta(doc, 'Profile');
const lesson = modelMeta(doc, 'Lesson');
const course = modelMeta(doc, 'Course');

async function all(session: DataSession, q: ViewQuery, model = user, pageSize = 7): Promise<WireRow[]> {
  const out: WireRow[] = [];
  for (;;) {
    const page = await session.page(model, q, out.length, pageSize);
    out.push(...page);
    if (page.length < pageSize) return out;
  }
}

describe('DataSession on SQLite (private client generated for the sample schema)', function () {
  this.timeout(120_000);
  let db: Awaited<ReturnType<typeof sampleSqlite>>;
  let orgId: string;

  before(async () => {
    db = await sampleSqlite();
    const r = await db.session.save(org, {
      updates: [],
      inserts: [{ slug: 'acme', name: 'Acme', plan: 'TEAM', settings: 'null' }],
      deletes: [],
    });
    assert.ok(r.ok, JSON.stringify(r));
    orgId = String((await db.session.page(org, emptyQuery(), 0, 1))[0].id);
    const users: WireRow[] = [];
    for (let i = 1; i <= 30; i++)
      users.push({
        email: `u${i}@x.test`,
        name: `User ${String(i % 9)}`,
        organizationId: orgId,
        mentorId: null,
        role: i % 3 === 0 ? 'ADMIN' : 'STUDENT',
      });
    assert.ok((await db.session.save(user, { updates: [], inserts: users, deletes: [] })).ok);
    // mentors for some users: NULLs and duplicates in a nullable sort column
    const rows = await all(db.session, emptyQuery());
    const updates = rows
      .filter((_, i) => i % 3 !== 0)
      .map((r, i) => ({ key: { id: r.id }, original: r, changes: { mentorId: (i % 4) + 1 } }));
    assert.ok((await db.session.save(user, { updates, inserts: [], deletes: [] })).ok);
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  it('pages by keyset give the same rows as one read, for a nullable sort column with ties', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const q: ViewQuery = {
        ...emptyQuery(),
        sort: [
          { column: 'mentorId', dir },
          { column: 'name', dir: 'asc' },
        ],
      };
      const paged = await all(db.session, q, user, 4);
      const once = await db.session.page(user, q, 0, 1000);
      assert.equal(once.length, 30);
      assert.deepEqual(
        paged.map((r) => r.id),
        once.map((r) => r.id),
        `sort mentorId ${dir}`,
      );
      const ids = once.map((r) => r.mentorId);
      const firstNull = ids.indexOf(null);
      assert.ok(firstNull > 0 && ids.slice(firstNull).every((v) => v === null), 'NULLs come last');
      // a far jump (no anchor before it) lands on the same rows
      const fresh = { ...q, search: '', filters: [{ column: 'id', op: 'gte' as const, value: 1 }] };
      assert.deepEqual(
        (await db.session.page(user, fresh, 17, 5)).map((r) => r.id),
        once.slice(17, 22).map((r) => r.id),
      );
    }
  });

  it('counts and filters with quick search and typed filters', async () => {
    assert.equal(await db.session.count(user, emptyQuery()), 30);
    assert.equal(
      await db.session.count(user, { ...emptyQuery(), filters: [{ column: 'role', op: 'equals', value: 'ADMIN' }] }),
      10,
    );
    assert.equal(await db.session.count(user, { ...emptyQuery(), search: 'u1' }), 11); // u1, u10..u19
    assert.equal(
      await db.session.count(user, {
        ...emptyQuery(),
        combinator: 'OR',
        filters: [
          { column: 'mentorId', op: 'isNull' },
          { column: 'role', op: 'equals', value: 'ADMIN' },
        ],
      }),
      20,
    ); // ids 1,4,7… have no mentor; admins are 3,6,9…
    // SQLite keeps no row estimate (and max(rowid) is no count): the total is always counted
    assert.equal(await db.session.estimate(user), undefined);
    assert.deepEqual(await db.session.total(user, emptyQuery(), { estimateFrom: 1 }), { total: 30, estimated: false });
  });

  it('round-trips exact values: BigInt > 2^53, Decimal, DateTime ms, Json null vs NULL, Bytes, empty string', async () => {
    const c = await db.session.save(course, {
      updates: [],
      inserts: [
        {
          organizationId: orgId,
          slug: 'c1',
          title: 'C',
          price: '1234.56',
          publishedAt: '2024-02-29T23:59:59.987Z',
          summary: '',
        },
      ],
      deletes: [],
    });
    assert.ok(c.ok, JSON.stringify(c));
    const [courseRow] = await db.session.page(course, emptyQuery(), 0, 1);
    assert.equal(courseRow.price, '1234.56');
    assert.equal(courseRow.publishedAt, '2024-02-29T23:59:59.987Z');
    assert.equal(courseRow.summary, '', 'an empty string stays an empty string, not NULL');
    const big = (2n ** 62n + 7n).toString();
    assert.ok(
      (
        await db.session.save(lesson, {
          updates: [],
          inserts: [{ courseId: courseRow.id, position: 1, title: 'L', videoSizeBytes: big }],
          deletes: [],
        })
      ).ok,
    );
    assert.equal((await db.session.page(lesson, emptyQuery(), 0, 1))[0].videoSizeBytes, big);
    const [u1, u2] = await db.session.page(user, emptyQuery(), 0, 2);
    const json = '{"a":[1,{"b":null}],"s":"x\\"y"}';
    assert.ok(
      (
        await db.session.save(profile, {
          updates: [],
          inserts: [
            { userId: u1.id, avatar: 'AAH+/w==', preferences: 'null' },
            { userId: u2.id, avatar: null, preferences: json },
          ],
          deletes: [],
        })
      ).ok,
    );
    const profiles = await db.session.page(profile, emptyQuery(), 0, 10);
    assert.equal(profiles[0].avatar, 'AAH+/w==');
    assert.equal(profiles[0].preferences, 'null', 'JSON null is stored as JSON null');
    assert.equal(profiles[1].avatar, null);
    assert.deepEqual(JSON.parse(String(profiles[1].preferences)), JSON.parse(json));
    assert.equal(
      await db.session.count(profile, {
        ...emptyQuery(),
        filters: [{ column: 'timezone', op: 'equals', value: 'UTC' }],
      }),
      2,
    );
  });

  it('refuses a save when a row changed since it was read, writing nothing', async () => {
    const [a, b] = await db.session.page(user, emptyQuery(), 0, 2);
    // someone else changes row a
    assert.ok(
      (
        await db.session.save(user, {
          updates: [{ key: { id: a.id }, original: a, changes: { name: 'Changed elsewhere' } }],
          inserts: [],
          deletes: [],
        })
      ).ok,
    );
    const r = await db.session.save(user, {
      updates: [
        { key: { id: b.id }, original: b, changes: { name: 'Mine B' } },
        { key: { id: a.id }, original: a, changes: { name: 'Mine A' } },
      ],
      inserts: [],
      deletes: [],
    });
    assert.equal(r.ok, false);
    assert.ok(
      !r.ok &&
        r.conflicts.length === 1 &&
        r.conflicts[0].index === 1 &&
        r.conflicts[0].current?.name === 'Changed elsewhere',
    );
    const [a2, b2] = await db.session.page(user, emptyQuery(), 0, 2);
    assert.equal(a2.name, 'Changed elsewhere');
    assert.equal(b2.name, b.name, 'the non-conflicting update was not written either');
  });

  it('puts a unique violation on the offending cell and rolls everything back', async () => {
    const [a, b] = await db.session.page(user, emptyQuery(), 0, 2);
    const r = await db.session.save(user, {
      updates: [
        { key: { id: a.id }, original: a, changes: { name: 'Should not stay' } },
        { key: { id: b.id }, original: b, changes: { email: a.email } },
      ],
      inserts: [],
      deletes: [],
    });
    assert.ok(!r.ok);
    assert.deepEqual(!r.ok && r.errors.map((e) => [e.kind, e.index, e.code, e.column]), [
      ['update', 1, 'P2002', 'email'],
    ]);
    assert.equal((await db.session.page(user, emptyQuery(), 0, 1))[0].name, a.name);
  });

  it('reports a value that is not of the column type before touching the database', async () => {
    const [a] = await db.session.page(user, emptyQuery(), 0, 1);
    const r = await db.session.save(user, {
      updates: [{ key: { id: a.id }, original: a, changes: { mentorId: 'seven' } }],
      inserts: [],
      deletes: [],
    });
    assert.ok(!r.ok && r.errors[0].column === 'mentorId' && /32-bit integer/.test(r.errors[0].message));
  });

  it('deletes in the same transaction, and refuses keys outside the primary key', async () => {
    const before = await db.session.count(user, emptyQuery());
    const rows = await db.session.page(user, { ...emptyQuery(), sort: [{ column: 'id', dir: 'desc' }] }, 0, 1);
    assert.ok(
      (
        await db.session.save(user, {
          updates: [],
          inserts: [],
          deletes: [{ key: { id: rows[0].id }, original: rows[0] }],
        })
      ).ok,
    );
    assert.equal(await db.session.count(user, emptyQuery()), before - 1);
    const bad = await db.session.save(user, {
      updates: [],
      inserts: [],
      deletes: [{ key: { email: 'u1@x.test' }, original: {} }],
    });
    assert.ok(!bad.ok && /outside id/.test(bad.errors[0].message));
    assert.equal(await db.session.count(user, emptyQuery()), before - 1);
  });

  it('streams the view in keyset batches for export', async () => {
    const q = { ...emptyQuery(), sort: [{ column: 'name', dir: 'desc' as const }] };
    const batches: number[] = [];
    const ids: unknown[] = [];
    for await (const b of db.session.batches(user, q, 8)) {
      batches.push(b.length);
      ids.push(...b.map((r) => r.id));
    }
    assert.deepEqual(
      ids,
      (await db.session.page(user, q, 0, 1000)).map((r) => r.id),
    );
    assert.ok(batches.length >= 3 && batches.slice(0, -1).every((n) => n === 8));
  });
});
