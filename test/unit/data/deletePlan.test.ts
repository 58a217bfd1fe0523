// Delete preview: which rows a delete takes with it (Cascade chains), which it clears (SetNull), and which
// make it fail (Restrict / NoAction, Prisma's defaults included), counted; on an in-memory reader and on
// the sample's SQLite database through the private client.
import * as assert from 'node:assert/strict';
import type { RowReader } from '../../../src/core/data/dataSession';
import { describeDeletePlan, incomingRelations, onDeleteOf, planDeletes } from '../../../src/core/data/deletePlan';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { parseSchema } from '../../../src/core/schema/parse';
import type { SchemaDocument } from '../../../src/core/schema/model';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import { sampleSchema } from './helpers';
import { cleanupStore, sampleSqlite } from './sqliteFixture';

const blog = (relationMode = '') =>
  parseSchema([
    {
      path: '/v/schema.prisma',
      content: `datasource db {
  provider = "postgresql"
  ${relationMode}
}
model Team {
  id      Int      @id
  members Member[]
  boards  Board[]
}
model Member {
  id       Int      @id
  teamId   Int
  team     Team     @relation(fields: [teamId], references: [id], onDelete: Cascade)
  leadId   Int?
  lead     Member?  @relation("Lead", fields: [leadId], references: [id], onDelete: Cascade)
  reports  Member[] @relation("Lead")
  posts    Post[]
  notes    Note[]
  tags     Tag[]
}
model Post {
  id       Int     @id
  authorId Int
  author   Member  @relation(fields: [authorId], references: [id])
}
model Note {
  id       Int     @id
  memberId Int?
  member   Member? @relation(fields: [memberId], references: [id])
}
model Board {
  teamId Int
  slug   String
  team   Team   @relation(fields: [teamId], references: [id], onDelete: Cascade)
  cards  Card[]
  @@id([teamId, slug])
}
model Card {
  id        Int    @id
  teamId    Int
  boardSlug String
  board     Board  @relation(fields: [teamId, boardSlug], references: [teamId, slug], onDelete: NoAction)
}
model Tag {
  id      Int      @id
  members Member[]
}
`,
    },
  ]);

type Row = Record<string, unknown>;

/** An in-memory database answering the where shapes the planner sends: {f: {in}}, {OR: [...]}, equality. */
function memoryReader(
  tables: Record<string, Row[]>,
  links: Record<string, Record<string, number>> = {},
): RowReader & { queries: number } {
  const matches = (row: Row, where: Row): boolean =>
    Object.entries(where).every(([k, cond]) => {
      if (k === 'OR') return (cond as Row[]).some((w) => matches(row, w));
      if (cond && typeof cond === 'object' && 'in' in cond) return (cond as { in: unknown[] }).in.includes(row[k]);
      return row[k] === cond;
    });
  const reader = {
    queries: 0,
    find: async (model: string, where: Row, select: Row, take?: number) => {
      reader.queries++;
      const hits = (tables[model] ?? []).filter((r) => matches(r, where)).slice(0, take ?? Infinity);
      return hits.map((r) => {
        if ('_count' in select)
          return {
            _count: Object.fromEntries(
              Object.keys((select._count as { select: Row }).select).map((f) => [
                f,
                links[`${model}.${f}`]?.[String(r.id)] ?? 0,
              ]),
            ),
          };
        return Object.fromEntries(Object.keys(select).map((c) => [c, r[c]]));
      });
    },
  };
  return reader;
}

describe('delete plan: what a delete takes with it', () => {
  const doc: SchemaDocument = blog();
  const data = () => ({
    Team: [{ id: 1 }, { id: 2 }],
    Member: [
      { id: 10, teamId: 1, leadId: null },
      { id: 11, teamId: 1, leadId: 10 },
      { id: 12, teamId: 2, leadId: 11 },
      { id: 13, teamId: 2, leadId: 12 },
      { id: 14, teamId: 2, leadId: null },
    ],
    Post: [{ id: 100, authorId: 14 }],
    Note: [
      { id: 200, memberId: 12 },
      { id: 201, memberId: 14 },
      { id: 202, memberId: null },
    ],
    Board: [
      { teamId: 1, slug: 'a' },
      { teamId: 2, slug: 'b' },
    ],
    Card: [{ id: 300, teamId: 2, boardSlug: 'b' }],
    Tag: [],
  });

  it('a long Cascade chain stops at the overall limit and says the count is incomplete', async () => {
    // 3,000 members, each leading the next (Member.lead, onDelete: Cascade): one read per step
    const Member = Array.from({ length: 3000 }, (_, i) => ({ id: i, teamId: 1, leadId: i === 0 ? null : i - 1 }));
    const reader = memoryReader({ ...data(), Member });
    const plan = await planDeletes(doc, modelMeta(doc, 'Member'), [{ id: 0 }], reader, { maxQueries: 200 });
    assert.ok(reader.queries <= 200, `${reader.queries} reads`);
    assert.equal(plan.incomplete, true);
    assert.ok(plan.cascades[0]!.count < 2999);
    assert.match(describeDeletePlan(plan, 1).detail, /Counting stopped at its limit/);
    // the default limit holds too
    const unbounded = memoryReader({ ...data(), Member });
    assert.equal((await planDeletes(doc, modelMeta(doc, 'Member'), [{ id: 0 }], unbounded)).incomplete, true);
    assert.ok(unbounded.queries <= 1000, `${unbounded.queries} reads`);
  });

  it('cancelling stops the count at the next read', async () => {
    const Member = Array.from({ length: 3000 }, (_, i) => ({ id: i, teamId: 1, leadId: i === 0 ? null : i - 1 }));
    const reader = memoryReader({ ...data(), Member });
    const abort = new AbortController();
    const find = reader.find.bind(reader);
    reader.find = async (...args) => {
      if (reader.queries === 20) abort.abort();
      return find(...args);
    };
    await assert.rejects(
      planDeletes(doc, modelMeta(doc, 'Member'), [{ id: 0 }], reader, { signal: abort.signal }),
      (e: Error) => e.name === 'AbortError',
    );
    assert.equal(reader.queries, 21);
  });

  it('cancelling while a read waits (a table another session locked) stops the count at once, not when the read ends', async () => {
    const reader = memoryReader(data());
    let sent = 0;
    // the second read hangs, as a SELECT behind another session's lock does until the query's time limit
    reader.find = () => (++sent === 2 ? new Promise<never>(() => undefined) : Promise.resolve([{ id: 1, teamId: 1 }]));
    const abort = new AbortController();
    const counting = planDeletes(doc, modelMeta(doc, 'Team'), [{ id: 1 }], reader, { signal: abort.signal });
    while (sent < 2) await new Promise((resolve) => setImmediate(resolve));
    abort.abort();
    const settled = await Promise.race([
      counting.then(
        () => 'counted',
        (e: Error) => e.name,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 500)),
    ]);
    assert.equal(settled, 'AbortError');
    assert.equal(sent, 2, 'no read is sent after the cancel');
  });

  it('applies Prisma\'s defaults: Restrict for a required relation, SetNull for an optional one; NoAction is Restrict under relationMode "prisma"', () => {
    const rel = incomingRelations(doc);
    const of = (to: string, from: string) => rel.get(to)!.find((r) => r.from === from)!;
    assert.deepEqual([of('Member', 'Post').action, of('Member', 'Post').explicit], ['Restrict', false]);
    assert.deepEqual([of('Member', 'Note').action, of('Member', 'Note').explicit], ['SetNull', false]);
    assert.deepEqual([of('Team', 'Member').action, of('Team', 'Member').explicit], ['Cascade', true]);
    assert.equal(of('Board', 'Card').action, 'NoAction');
    const prismaMode = incomingRelations(blog('relationMode = "prisma"'));
    assert.equal(prismaMode.get('Board')!.find((r) => r.from === 'Card')!.action, 'Restrict');
    const sqlserver = parseSchema([
      {
        path: '/v/s.prisma',
        content:
          'datasource db {\n  provider = "sqlserver"\n}\nmodel A {\n  id Int @id\n  bs B[]\n}\nmodel B {\n  id Int @id\n  aId Int\n  a A @relation(fields: [aId], references: [id])\n}\n',
      },
    ]);
    const field = sqlserver.blocks.find((b) => b.name === 'B')!.fields.find((f) => f.name === 'a')!;
    assert.deepEqual(onDeleteOf(field, 'sqlserver', undefined), { action: 'NoAction', explicit: false });
  });

  it('follows a Cascade chain through a self-relation once per row, and counts SetNull rows that stay', async () => {
    const reader = memoryReader(data());
    const plan = await planDeletes(doc, modelMeta(doc, 'Member'), [{ id: 11 }], reader);
    assert.equal(plan.rows, 1);
    // 11 leads 12, 12 leads 13: both go (Member.lead, onDelete: Cascade), and the cycle ends
    assert.deepEqual(plan.cascades, [{ model: 'Member', via: ['Member.lead', 'Member.lead → Member.lead'], count: 2 }]);
    assert.deepEqual(plan.nulled, [
      { model: 'Note', via: ['Note.member'], count: 1, fields: ['memberId'], action: 'SetNull' },
    ]);
    assert.deepEqual(plan.blockers, []);
    const words = describeDeletePlan(plan, 1);
    assert.equal(words.message, 'Delete 1 Member row?');
    assert.equal(words.blocked, false);
    assert.match(words.detail, /2 Member rows — via Member\.lead; Member\.lead → Member\.lead/);
    assert.match(words.detail, /1 Note row: memberId set to NULL \(Note\.member, onDelete: SetNull\)/);
  });

  it('says up front when a Restrict (the default) or NoAction relation would make the delete fail', async () => {
    const plan = await planDeletes(doc, modelMeta(doc, 'Team'), [{ id: 2 }], memoryReader(data()));
    assert.deepEqual(
      plan.cascades.map((c) => [c.model, c.count]),
      [
        ['Member', 3],
        ['Board', 1],
      ],
    );
    assert.deepEqual(
      plan.blockers.map((b) => [b.model, b.via[0], b.action, b.explicit, b.count]),
      [
        ['Post', 'Post.author', 'Restrict', false, 1],
        ['Card', 'Card.board', 'NoAction', true, 1],
      ],
    );
    // Note 200 points at member 12, which goes too: it is cleared (SetNull), and so is 201 (member 14)
    assert.deepEqual(
      plan.nulled.map((n) => [n.model, n.count]),
      [['Note', 2]],
    );
    const words = describeDeletePlan(plan, 1);
    assert.equal(words.blocked, true);
    assert.equal(words.message, '1 Team row cannot be deleted: other rows depend on them.');
    assert.match(words.detail, /would FAIL/);
    assert.match(
      words.detail,
      /1 Post row via Post\.author \(onDelete: Restrict, Prisma's default for a required relation\)/,
    );
    assert.match(words.detail, /1 Card row via Card\.board \(onDelete: NoAction\)/);
  });

  it('a row that points at a deleted row but is deleted itself does not block (rows reached twice count once)', async () => {
    const tables = data();
    tables.Post = [];
    tables.Card = [];
    const plan = await planDeletes(
      doc,
      modelMeta(doc, 'Team'),
      [{ id: 1 }, { id: 2 }, { id: 3 }],
      memoryReader(tables),
    );
    assert.equal(plan.rows, 2, 'team 3 does not exist');
    assert.deepEqual(
      plan.cascades.map((c) => [c.model, c.count]),
      [
        ['Member', 5],
        ['Board', 2],
      ],
    );
    assert.deepEqual(
      plan.nulled.map((n) => [n.model, n.count]),
      [['Note', 2]],
    );
    assert.match(describeDeletePlan(plan, 3).detail, /^1 of the 3 selected rows no longer exist/);
  });

  it('counts implicit many-to-many links, batches keys, and says "at least" past the limit', async () => {
    const reader = memoryReader(data(), { 'Member.tags': { 10: 2, 11: 1 } });
    const plan = await planDeletes(doc, modelMeta(doc, 'Member'), [{ id: 10 }], reader, { batch: 1, limit: 2 });
    assert.deepEqual(plan.links, [{ model: 'Member', field: 'tags', other: 'Tag', count: 3 }]);
    assert.equal(plan.truncated, false);
    const capped = await planDeletes(doc, modelMeta(doc, 'Team'), [{ id: 2 }], memoryReader(data()), { limit: 2 });
    assert.equal(capped.truncated, true);
    assert.match(describeDeletePlan(capped, 1).detail, /at least 2 Member rows/);
  });
});

describe('delete plan on SQLite through the private client', function () {
  this.timeout(120_000);
  let db: Awaited<ReturnType<typeof sampleSqlite>>;
  const { doc } = sampleSchema();
  const org = modelMeta(doc, 'Organization');
  const user = modelMeta(doc, 'User');

  before(async () => {
    db = await sampleSqlite();
    const s = db.session;
    const ok = async (model: string, inserts: Record<string, string | number | boolean | null>[]) => {
      const r = await s.save(modelMeta(doc, model), { updates: [], inserts, deletes: [] });
      assert.ok(r.ok, JSON.stringify(r));
    };
    await ok('Organization', [
      { id: 'o1', slug: 'one', name: 'One' },
      { id: 'o2', slug: 'two', name: 'Two' },
    ]);
    await ok('User', [
      { id: 1, email: 'a@x', name: 'A', organizationId: 'o1' },
      { id: 2, email: 'b@x', name: 'B', organizationId: 'o1', mentorId: 1 },
      { id: 3, email: 'c@x', name: 'C', organizationId: 'o2', mentorId: 1 },
    ]);
    await ok('Profile', [{ userId: 1 }, { userId: 3 }]);
    await ok('Course', [
      { id: 1, organizationId: 'o2', instructorId: 1, slug: 'c', title: 'C' },
      { id: 2, organizationId: 'o1', instructorId: 2, slug: 'd', title: 'D' },
    ]);
    await ok('Enrollment', [
      { userId: 3, courseId: 2 },
      { userId: 2, courseId: 1 },
    ]);
    await ok('Tag', [
      { id: 1, name: 't1' },
      { id: 2, name: 't2' },
    ]);
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  it('counts what deleting a user takes with it and clears, read through the client', async () => {
    const plan = await planDeletes(doc, user, [{ id: 1 }], db.session.reader);
    assert.equal(plan.rows, 1);
    assert.deepEqual(
      plan.cascades.map((c) => [c.model, c.count]),
      [['Profile', 1]],
    );
    assert.deepEqual(plan.nulled.map((n) => [n.model, n.fields.join(), n.count]).sort(), [
      ['Course', 'instructorId', 1],
      ['User', 'mentorId', 2],
    ]);
    assert.deepEqual(plan.blockers, []);
  });

  it("follows an organisation's cascade through users and courses to enrollments, counting each row once", async () => {
    const plan = await planDeletes(doc, org, [{ id: 'o1' }], db.session.reader);
    const counts = Object.fromEntries(plan.cascades.map((c) => [c.model, c.count]));
    assert.deepEqual(counts, { User: 2, Course: 1, Profile: 1, Enrollment: 2 });
    // user 3 (org o2) keeps existing: its mentor goes, so mentorId is cleared; course 1 (o2) loses its instructor
    assert.deepEqual(plan.nulled.map((n) => [n.model, n.count]).sort(), [
      ['Course', 1],
      ['User', 1],
    ]);
    // the plan matches what the database then does
    const before = await db.session.count(modelMeta(doc, 'Enrollment'), emptyQuery());
    const [o1] = await db.session.page(
      org,
      { ...emptyQuery(), filters: [{ column: 'id', op: 'equals', value: 'o1' }] },
      0,
      1,
    );
    const r = await db.session.save(org, { updates: [], inserts: [], deletes: [{ key: { id: 'o1' }, original: o1 }] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(before - (await db.session.count(modelMeta(doc, 'Enrollment'), emptyQuery())), 2);
    assert.equal(await db.session.count(user, emptyQuery()), 1);
    const [u3] = await db.session.page(user, emptyQuery(), 0, 1);
    assert.equal(u3.mentorId, null);
  });
});
