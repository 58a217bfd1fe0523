// Connecting and disconnecting rows of list relations through the grid host's save, on real databases
// with relationMode = "prisma": a back relation (1-n: the related row's foreign key set or cleared, a
// required one refused in words), a self relation's list, and an implicit many-to-many (the hidden
// _MemberToTag table). A failing link rolls back the whole save. PostgreSQL and MySQL / MariaDB skip,
// saying why, without a server.
import * as assert from 'node:assert/strict';
import { GridRequests } from '../../../src/core/data/gridRequests';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { RowOriginals } from '../../../src/core/data/rowOriginals';
import type { DataProvider } from '../../../src/core/data/schemaCopy';
import { emptyQuery, type HostMessage, type LinkChange, type SaveResult } from '../../../src/shared/protocol/messages';
import type { ModelMeta, WireRow } from '../../../src/shared/protocol/model';
import { sampleSchema } from './helpers';
import { relationsDb, type RelationsDb } from './relationsFixture';
import { cleanupStore } from './sqliteFixture';

function suite(provider: DataProvider) {
  describe(`Relation links through the grid's save, relationMode = "prisma" (${provider})`, function () {
    this.timeout(120_000);
    let db: RelationsDb;
    before(async function () {
      db = await relationsDb(this, provider);
    });
    after(async () => {
      await db?.close();
    });

    /** Saves on a grid of `meta` as the webview would; the answer. */
    async function save(meta: ModelMeta, links: LinkChange[], updates: unknown[] = []): Promise<SaveResult> {
      const posted: HostMessage[] = [];
      const originals = new RowOriginals();
      const requests = new GridRequests({
        post: (m) => posted.push(m),
        log: { warn: () => {}, error: () => {}, info: () => {} },
        label: () => meta.name,
        current: async () => ({ session: db.session, meta }),
        relatedMeta: async (name) => [db.team, db.member, db.badge, db.tag].find((m) => m.name === name)!,
        originals,
        readOnly: async () => ({ readOnly: false, forced: false }),
        confirmDeletes: async () => undefined,
        panelAction: async () => {},
      });
      // the rows this grid "sent", for the conditional updates
      await db.session.page(meta, emptyQuery(), 0, 500, originals);
      await requests.handle({ type: 'save', requestId: 1, request: { updates, inserts: [], deletes: [], links } });
      const reply = posted[0];
      assert.ok(reply?.type === 'saved', JSON.stringify(posted));
      return reply.result;
    }
    const member = async (id: number): Promise<WireRow> =>
      (
        await db.session.page(
          db.member,
          { ...emptyQuery(), filters: [{ column: 'id', op: 'equals', value: id }] },
          0,
          1,
        )
      )[0]!;
    const tagsOf = async (id: number) =>
      (
        (await db.session.reader.find('Member', { id }, { tags: { select: { id: true }, orderBy: { id: 'asc' } } }))[0]!
          .tags as { id: number }[]
      ).map((t) => t.id);

    it('1-n: connects a member to a team (its foreign key set); a required one is not disconnected, in words', async () => {
      assert.equal((await member(2)).teamId, 2);
      const r = await save(db.team, [{ relation: 'members', parent: { id: 1 }, child: { id: 2 }, connect: true }]);
      assert.ok(r.ok && r.linked === 1, JSON.stringify(r));
      assert.equal((await member(2)).teamId, 1);
      const refused = await save(db.team, [
        { relation: 'members', parent: { id: 1 }, child: { id: 2 }, connect: false },
      ]);
      assert.ok(!refused.ok);
      assert.match(refused.errors[0]!.message, /Member 2 cannot be disconnected: Member\.team is required/);
      assert.equal((await member(2)).teamId, 1, 'nothing written');
    });

    it('self relation: connects and disconnects a mentee; a stale disconnect rolls the whole save back', async () => {
      const link = (connect: boolean): LinkChange => ({
        relation: 'mentees',
        parent: { id: 10 },
        child: { id: 11 },
        connect,
      });
      assert.ok((await save(db.member, [link(true)])).ok);
      assert.equal((await member(11)).mentorId, 10);
      assert.ok((await save(db.member, [link(false)])).ok);
      assert.equal((await member(11)).mentorId, null);
      // disconnecting again: no longer linked; the edit saved with it is not written either
      const twelve = await member(12);
      const r = await save(
        db.member,
        [link(false)],
        [{ key: { id: 12 }, original: twelve, changes: { name: 'Renamed' } }],
      );
      assert.ok(!r.ok);
      assert.match(r.errors[0]!.message, /Member 11 is no longer linked to this Member/);
      assert.equal((await member(12)).name, 'Member 12');
    });

    it('implicit many-to-many: connects and disconnects tags (join rows)', async () => {
      const tag = (id: number, connect: boolean): LinkChange => ({
        relation: 'tags',
        parent: { id: 5 },
        child: { id },
        connect,
      });
      assert.ok((await save(db.member, [tag(1, true), tag(2, true)])).ok);
      assert.deepEqual(await tagsOf(5), [1, 2]);
      assert.ok((await save(db.member, [tag(1, false)])).ok);
      assert.deepEqual(await tagsOf(5), [2]);
      // from the other side: Tag.members
      assert.ok((await save(db.tag, [{ relation: 'members', parent: { id: 3 }, child: { id: 5 }, connect: true }])).ok);
      assert.deepEqual(await tagsOf(5), [2, 3]);
    });

    it('the picker of a list relation offers the related rows, or only those linked to a row', async () => {
      const pick = async (meta: ModelMeta, column: string, linkedTo?: WireRow) => {
        const posted: HostMessage[] = [];
        const requests = new GridRequests({
          post: (m) => posted.push(m),
          log: { warn: () => {}, error: () => {}, info: () => {} },
          label: () => meta.name,
          current: async () => ({ session: db.session, meta }),
          relatedMeta: async (name) => [db.team, db.member, db.badge, db.tag].find((m) => m.name === name)!,
          originals: new RowOriginals(),
          readOnly: async () => ({ readOnly: true, forced: false }),
          confirmDeletes: async () => undefined,
          panelAction: async () => {},
        });
        const ids: unknown[] = [];
        let after: WireRow | undefined;
        do {
          posted.length = 0;
          await requests.handle({ type: 'pickRelated', requestId: 1, column, search: '', count: 40, after, linkedTo });
          const reply = posted[0]!;
          assert.ok(reply.type === 'related', JSON.stringify(reply));
          ids.push(...reply.rows.map((r) => r.value.id));
          after = reply.next;
        } while (after);
        return ids;
      };
      const team1 = (
        await db.session.page(
          db.member,
          { ...emptyQuery(), filters: [{ column: 'teamId', op: 'equals', value: 1 }] },
          0,
          500,
        )
      ).map((r) => r.id);
      assert.deepEqual(await pick(db.team, 'members', { id: 1 }), team1);
      assert.equal((await pick(db.team, 'members')).length, 250);
      assert.deepEqual(await pick(db.member, 'tags', { id: 5 }), [2, 3]);
      assert.deepEqual(await pick(db.tag, 'members', { id: 3 }), [5]);
      assert.deepEqual(await pick(db.member, 'mentees', { id: 10 }), []);
    });

    it('refuses an unknown relation, a forged key, and a missing row', async () => {
      const unknown = await save(db.member, [{ relation: 'team', parent: { id: 1 }, child: { id: 1 }, connect: true }]);
      assert.ok(!unknown.ok && /no list relation "team"/.test(unknown.errors[0]!.message), JSON.stringify(unknown));
      const forged = await save(db.team, [
        { relation: 'members', parent: { id: 1 }, child: { id: 1, teamId: 3 }, connect: true },
      ]);
      assert.ok(!forged.ok && /outside id/.test(forged.errors[0]!.message));
      const missing = await save(db.team, [
        { relation: 'members', parent: { id: 1 }, child: { id: 99999 }, connect: true },
      ]);
      assert.ok(!missing.ok && /Member 99999 is no longer in the database/.test(missing.errors[0]!.message));
    });
  });
}

suite('sqlite');
suite('postgresql');
suite('mysql');

describe('List relations in the model meta', () => {
  after(() => cleanupStore());
  it('knows implicit many-to-many relations from both sides, and back relations apart', () => {
    const { doc } = sampleSchema();
    assert.deepEqual(modelMeta(doc, 'Course').manyToMany, [{ name: 'tags', model: 'Tag', backField: 'courses' }]);
    assert.deepEqual(modelMeta(doc, 'Tag').manyToMany, [{ name: 'courses', model: 'Course', backField: 'tags' }]);
    assert.equal(modelMeta(doc, 'User').manyToMany, undefined);
    assert.ok(modelMeta(doc, 'Course').backRelations.every((r) => r.name !== 'tags'));
    const user = modelMeta(doc, 'User');
    assert.equal(user.backRelations.find((r) => r.name === 'mentees')?.required, undefined, 'mentorId is optional');
    assert.equal(user.backRelations.find((r) => r.name === 'reviews')?.required, true, 'Review.userId is required');
  });
});
