// The relation picker on real databases: what a foreign-key cell's picker offers (rows of the related
// model, searched, keyset-paged, labelled), what picking one stages and saves, and the refusal to clear a
// required relation. `relationMode = "prisma"` (no database foreign keys) on SQLite, PostgreSQL and
// MySQL / MariaDB (the last two skip, saying why, without a server), and the sample schema (real foreign
// keys) on SQLite.
import * as assert from 'node:assert/strict';
import type { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { dialectOf } from '../../../src/core/data/query';
import { labelColumn, pickRelated, type PickerPage } from '../../../src/core/data/relationPicker';
import type { DataProvider } from '../../../src/core/data/schemaCopy';
import { GridRequests } from '../../../src/core/data/gridRequests';
import { RowOriginals } from '../../../src/core/data/rowOriginals';
import { emptyQuery, type HostMessage } from '../../../src/shared/protocol/messages';
import { mutate, numbers, pathsOf, picker, randomValue, rng, strings } from './hostileMessages';
import type { ModelMeta, WireRow } from '../../../src/shared/protocol/model';
import { clearRefusal, clearedValue, relationOf } from '../../../src/shared/protocol/relations';
import { sampleSchema } from './helpers';
import { MEMBERS, relationsDb, type RelationsDb } from './relationsFixture';
import { cleanupStore, sampleSqlite } from './sqliteFixture';

async function pick(
  session: DataSession,
  meta: ModelMeta,
  column: string,
  related: ModelMeta,
  search = '',
  after?: WireRow,
  count = 100,
): Promise<PickerPage> {
  return pickRelated(session, meta, column, related, {
    search,
    after,
    count,
    dialect: dialectOf(session.provider),
    nulls: session.nulls,
  });
}

/** Saves one change of one row as the grid does: conditional on the row as it was read. */
async function stage(session: DataSession, meta: ModelMeta, key: WireRow, changes: WireRow) {
  const rows = await session.page(
    meta,
    { ...emptyQuery(), filters: [{ column: 'id', op: 'equals', value: key.id }] },
    0,
    1,
  );
  assert.equal(rows.length, 1);
  return session.save(meta, { updates: [{ key, original: rows[0]!, changes }], inserts: [], deletes: [] });
}

function suite(provider: DataProvider) {
  describe(`Relation picker, relationMode = "prisma" (${provider})`, function () {
    this.timeout(120_000);
    let db: RelationsDb;
    before(async function () {
      db = await relationsDb(this, provider);
    });
    after(async () => {
      await db?.close();
    });

    it('offers the related rows of a required n-1 relation with a label, and refuses to clear it in words', async () => {
      const page = await pick(db.session, db.member, 'teamId', db.team);
      assert.deepEqual(page.rows, [
        { value: { teamId: 1 }, id: '1', label: 'Red' },
        { value: { teamId: 2 }, id: '2', label: 'Green' },
        { value: { teamId: 3 }, id: '3', label: 'Blue' },
      ]);
      assert.equal(page.next, undefined);
      assert.deepEqual(
        (await pick(db.session, db.member, 'teamId', db.team, 'Green')).rows.map((r) => r.id),
        ['2'],
      );
      assert.match(
        clearRefusal(db.member, 'teamId')!,
        /Member\.team is required \(every Member row needs its Team\): it cannot be cleared/,
      );
      assert.equal(relationOf(db.member, 'teamId')?.required, true);
    });

    it('pages a self relation by keyset: every row once, in key order, without OFFSET or COUNT', async () => {
      db.queries.length = 0;
      const seen: string[] = [];
      let after: WireRow | undefined;
      let pages = 0;
      do {
        const page = await pick(db.session, db.member, 'mentorId', db.member, '', after, 100);
        seen.push(...page.rows.map((r) => r.id));
        after = page.next;
        pages++;
      } while (after);
      assert.equal(pages, 3);
      assert.deepEqual(
        seen,
        Array.from({ length: MEMBERS }, (_, n) => String(n + 1)),
      );
      const reads = db.queries.filter((q) => /\bFROM\b/i.test(q.query));
      assert.equal(reads.length, 3, 'one query per page');
      for (const { query, params } of reads) {
        assert.doesNotMatch(query, /\bCOUNT\s*\(/i, query);
        // Prisma's query always says OFFSET: bound to 0, it skips nothing
        if (/\bOFFSET\b/i.test(query)) assert.match(params, /,\s*"?0"?\s*\]$/, `${query} ${params}`);
      }
      assert.match(reads[2]!.query, /id["`]? > /, 'later pages start after the last key');
      assert.equal(clearRefusal(db.member, 'mentorId'), undefined, 'an optional relation may be cleared');
    });

    it('searches by key, unique and text columns', async () => {
      const byId = await pick(db.session, db.member, 'mentorId', db.member, '42');
      assert.ok(byId.rows.some((r) => r.id === '42'));
      for (const r of byId.rows) assert.ok(r.id === '42' || r.label.includes('42'), JSON.stringify(r));
      const byEmail = await pick(db.session, db.member, 'mentorId', db.member, 'm7@x.test');
      assert.deepEqual(byEmail.rows, [{ value: { mentorId: 7 }, id: '7', label: 'Member 7' }]);
      assert.deepEqual((await pick(db.session, db.member, 'mentorId', db.member, 'nobody')).rows, []);
    });

    it('stages a pick and a clear through the conditional save (self relation and 1-1)', async () => {
      const mentor = (await pick(db.session, db.member, 'mentorId', db.member, 'm9@x.test')).rows[0]!;
      assert.ok((await stage(db.session, db.member, { id: 5 }, mentor.value)).ok);
      let row = (
        await db.session.page(db.member, { ...emptyQuery(), filters: [{ column: 'id', op: 'equals', value: 5 }] }, 0, 1)
      )[0]!;
      assert.equal(row.mentorId, 9);
      assert.ok((await stage(db.session, db.member, { id: 5 }, clearedValue(db.member, 'mentorId'))).ok);
      row = (
        await db.session.page(db.member, { ...emptyQuery(), filters: [{ column: 'id', op: 'equals', value: 5 }] }, 0, 1)
      )[0]!;
      assert.equal(row.mentorId, null);
      // 1-1: the silver badge to member 2 (member 1 already holds gold: the unique key refuses a second)
      const two = (await pick(db.session, db.badge, 'memberId', db.member, 'm2@x.test')).rows[0]!;
      assert.deepEqual(two.value, { memberId: 2 });
      const ok = await db.session.save(db.badge, {
        updates: [{ key: { code: 'silver' }, original: { code: 'silver', memberId: null }, changes: two.value }],
        inserts: [],
        deletes: [],
      });
      assert.equal(ok.ok, false, 'the badge was not read by this session: a conflict');
      await db.session.page(db.badge, emptyQuery(), 0, 10);
      assert.ok(
        (
          await db.session.save(db.badge, {
            updates: [{ key: { code: 'silver' }, original: { code: 'silver', memberId: null }, changes: two.value }],
            inserts: [],
            deletes: [],
          })
        ).ok,
      );
      const taken = await db.session.save(db.badge, {
        updates: [{ key: { code: 'silver' }, original: { code: 'silver', memberId: 2 }, changes: { memberId: 1 } }],
        inserts: [],
        deletes: [],
      });
      assert.equal(taken.ok, false, 'member 1 already has a badge');
    });

    it('refuses what is not a foreign key, and a cursor of another shape', async () => {
      await assert.rejects(pick(db.session, db.member, 'name', db.member), /not a foreign key/);
      await assert.rejects(pick(db.session, db.member, 'teamId', db.member), /points at Team/);
      await assert.rejects(
        pick(db.session, db.member, 'teamId', db.team, '', { nope: 1 }),
        /cursor has no value for id/,
      );
    });
  });
}

suite('sqlite');
suite('postgresql');
suite('mysql');

describe('Relation picker on the sample schema (SQLite, real foreign keys)', function () {
  this.timeout(120_000);
  const { doc } = sampleSchema();
  const org = modelMeta(doc, 'Organization');
  const user = modelMeta(doc, 'User');
  const profile = modelMeta(doc, 'Profile');
  const course = modelMeta(doc, 'Course');
  let db: Awaited<ReturnType<typeof sampleSqlite>>;
  before(async () => {
    db = await sampleSqlite();
    const ok = (r: { ok: boolean }) => assert.ok(r.ok, JSON.stringify(r));
    ok(
      await db.session.save(org, {
        updates: [],
        inserts: [
          { slug: 'acme', name: 'Acme' },
          { slug: 'globex', name: 'Globex' },
        ],
        deletes: [],
      }),
    );
    const orgs = await db.session.page(org, emptyQuery(), 0, 10);
    ok(
      await db.session.save(user, {
        updates: [],
        inserts: [1, 2, 3].map((i) => ({ email: `u${i}@x.test`, name: `User ${i}`, organizationId: orgs[0]!.id! })),
        deletes: [],
      }),
    );
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  it('labels rows by name, title or email', () => {
    assert.equal(labelColumn(org)?.name, 'name');
    assert.equal(labelColumn(course)?.name, 'title');
    assert.equal(labelColumn(user)?.name, 'name');
    assert.equal(labelColumn(modelMeta(doc, 'Enrollment')), undefined);
  });

  it('picks an organization (string key) by its slug and moves a user to it', async () => {
    const page = await pick(db.session, user, 'organizationId', org, 'globex');
    assert.equal(page.rows.length, 1);
    assert.equal(page.rows[0]!.label, 'Globex');
    const users = await db.session.page(user, emptyQuery(), 0, 10);
    const r = await db.session.save(user, {
      updates: [{ key: { id: users[0]!.id! }, original: users[0]!, changes: page.rows[0]!.value }],
      inserts: [],
      deletes: [],
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(clearRefusal(user, 'organizationId')!, /User\.organization is required/);
    assert.equal(clearRefusal(course, 'instructorId'), undefined);
    assert.equal(clearRefusal(user, 'name'), undefined);
  });

  it('1-1 (Profile.user) and an optional n-1 (Course.instructor) offer users', async () => {
    const forProfile = await pick(db.session, profile, 'userId', user);
    assert.deepEqual(
      forProfile.rows.map((r) => r.label),
      ['User 1', 'User 2', 'User 3'],
    );
    assert.deepEqual(Object.keys(forProfile.rows[0]!.value), ['userId']);
    const forCourse = await pick(db.session, course, 'instructorId', user, 'u2@');
    assert.deepEqual(
      forCourse.rows.map((r) => r.label),
      ['User 2'],
    );
    assert.deepEqual(clearedValue(course, 'instructorId'), { instructorId: null });
  });
});

describe('Relation picker messages through the grid host (SQLite, hostile webview)', function () {
  this.timeout(120_000);
  let db: RelationsDb;
  before(async function () {
    db = await relationsDb(this, 'sqlite');
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  function harness() {
    const posted: HostMessage[] = [];
    const requests = new GridRequests({
      post: (m) => posted.push(m),
      log: { warn: () => {}, error: () => {}, info: () => {} },
      label: () => 'Member',
      current: async () => ({ session: db.session, meta: db.member }),
      relatedMeta: async (name) => {
        const meta = [db.team, db.member, db.badge].find((m) => m.name === name);
        if (!meta) throw new Error(`the model ${name} is not in the schema`);
        return meta;
      },
      originals: new RowOriginals(),
      readOnly: async () => ({ readOnly: false, forced: false }),
      confirmDeletes: async () => 'no',
      panelAction: async () => {},
    });
    return { requests, posted };
  }

  it('answers a picker message with a page of the related model', async () => {
    const h = harness();
    await h.requests.handle({ type: 'pickRelated', requestId: 7, column: 'teamId', search: 'Blue', count: 20 });
    assert.equal(h.posted.length, 1);
    const reply = h.posted[0]!;
    assert.equal(reply.type, 'related');
    if (reply.type !== 'related') return;
    assert.equal(reply.requestId, 7);
    assert.equal(reply.model, 'Team');
    assert.deepEqual(reply.rows, [{ value: { teamId: 3 }, id: '3', label: 'Blue' }]);
    await h.requests.handle({ type: 'pickRelated', requestId: 8, column: 'mentorId', search: '', count: 200 });
    const second = h.posted[1]!;
    assert.ok(second.type === 'related' && second.rows.length === 200 && second.next?.id === 200);
  });

  it('lists the row a search names exactly first, in its own answer at once, and never again in the rest', async () => {
    const h = harness();
    await h.requests.handle({ type: 'pickRelated', requestId: 9, column: 'mentorId', search: '25', count: 20 });
    const [exact, rest] = h.posted;
    assert.ok(exact?.type === 'related' && rest?.type === 'related', JSON.stringify(h.posted));
    assert.equal(exact.partial, true, 'more rows follow');
    assert.deepEqual(
      exact.rows.map((r) => r.id),
      ['25'],
    );
    assert.equal(rest.partial, undefined);
    assert.deepEqual(
      rest.rows.map((r) => r.id),
      ['125', '225', '250'],
    );
    // together: the same rows as one page of that search
    const one = await pick(db.session, db.member, 'mentorId', db.member, '25', undefined, 20);
    assert.deepEqual([...exact.rows, ...rest.rows].map((r) => r.id).sort(), one.rows.map((r) => r.id).sort());
    // a unique text (email) typed whole; a search no key takes (text) is one answer as before
    await h.requests.handle({ type: 'pickRelated', requestId: 10, column: 'mentorId', search: 'm7@x.test', count: 20 });
    assert.deepEqual(
      h.posted.slice(2).map((m) => (m.type === 'related' ? [m.partial ?? false, m.rows.map((r) => r.id)] : m.type)),
      [
        [true, ['7']],
        [false, []],
      ],
    );
    await h.requests.handle({ type: 'pickRelated', requestId: 11, column: 'teamId', search: 'Gre', count: 20 });
    assert.equal(h.posted.length, 5);
  });

  it('refuses hostile picker messages with one error each and reads no other column', async () => {
    const h = harness();
    const random = rng(20261205);
    const pick = picker(random);
    const base = { type: 'pickRelated', requestId: 1, column: 'mentorId', search: '', after: { id: 10 }, count: 20 };
    const cases: unknown[] = [
      { ...base, column: 'name' },
      { ...base, column: '__proto__' },
      { ...base, column: 'team' },
      { ...base, after: { id: 'x' } },
      { ...base, after: { email: 'm1@x.test' } },
      { ...base, after: JSON.parse('{"__proto__": {"id": 1}}') as unknown },
      { ...base, count: 0 },
      { ...base, count: 201 },
      { ...base, search: 'x'.repeat(201) },
    ];
    for (let i = 0; i < 300; i++) {
      const paths = pathsOf(base).filter((p) => p[0] !== 'type');
      cases.push(mutate(base, pick(paths), random() < 0.5 ? randomValue(random) : pick([...strings, ...numbers])));
    }
    let related = 0;
    for (const [i, m] of cases.entries()) {
      h.posted.length = 0;
      await assert.doesNotReject(h.requests.handle(m), `case ${i}`);
      assert.equal(h.posted.length, 1, `case ${i}: one reply`);
      const reply = h.posted[0]!;
      if (i < 9) assert.equal(reply.type, 'error', `case ${i}: ${JSON.stringify(m)}`);
      if (reply.type === 'related') {
        related++;
        for (const r of reply.rows) assert.deepEqual(Object.keys(r.value), ['mentorId'], `case ${i}`);
      } else assert.equal(reply.type, 'error', `case ${i}`);
    }
    assert.ok(related > 10, `only ${related} of ${cases.length} cases reached the database`);
  });
});
