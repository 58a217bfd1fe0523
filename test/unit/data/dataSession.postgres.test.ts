// The data layer on a real PostgreSQL server (see testServers.ts): a throwaway database with the
// sample-postgres fixture's migrations, the private client generated for it, adapter-pg. Skips, saying so,
// without a server.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import { emptyQuery, type Filter, type ViewQuery } from '../../../src/shared/protocol/messages';
import type { WireRow } from '../../../src/shared/protocol/model';
import { orSkip, throwawayPostgres, type Throwaway } from '../testServers';
import { cleanupStore, repoClientStore } from './sqliteFixture';

const project = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'sample-postgres', 'prisma');

describe('DataSession on PostgreSQL', function () {
  this.timeout(120_000);
  let pgdb: Throwaway | undefined;
  let session: DataSession | undefined;
  const schemaFile = path.join(project, 'schema.prisma');
  const files = [{ path: schemaFile, content: fs.readFileSync(schemaFile, 'utf8') }];
  const doc = parseSchema(files);
  const org = modelMeta(doc, 'Organization');
  const user = modelMeta(doc, 'User');
  const course = modelMeta(doc, 'Course');
  const profile = modelMeta(doc, 'Profile');
  const lesson = modelMeta(doc, 'Lesson');

  before(async function () {
    pgdb = orSkip(this, await throwawayPostgres('pw_grid'));
    const db = new Client({ connectionString: pgdb.url });
    await db.connect();
    const migrations = path.join(project, 'migrations');
    for (const m of fs
      .readdirSync(migrations)
      .filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql')))
      .sort()) {
      await db.query(fs.readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
    }
    await db.end();
    const store = repoClientStore();
    session = await DataSession.open(
      store.load(await store.ensure(normalizeSchema(files, doc, 'unit-test-pg'))),
      'postgresql',
      await createClientAdapter('postgresql', pgdb.url),
    );
    assert.ok((await session.save(org, { updates: [], inserts: [{ slug: 'acme', name: 'Acme' }], deletes: [] })).ok);
    const orgId = (await session.page(org, emptyQuery(), 0, 1))[0].id;
    const users: WireRow[] = [];
    for (let i = 1; i <= 40; i++)
      users.push({ email: `U${i}@x.test`, name: `User ${i % 7}`, organizationId: orgId, mentorId: null });
    assert.ok((await session.save(user, { updates: [], inserts: users, deletes: [] })).ok);
    const rows = await session.page(user, emptyQuery(), 0, 100);
    assert.ok(
      (
        await session.save(user, {
          updates: rows
            .filter((_, i) => i % 2)
            .map((r, i) => ({ key: { id: r.id }, original: r, changes: { mentorId: (i % 3) + 1 } })),
          inserts: [],
          deletes: [],
        })
      ).ok,
    );
  });

  after(async () => {
    await session?.dispose();
    cleanupStore();
    await pgdb?.drop();
  });

  it('keyset pages equal one read on a nullable sort column; search is case-insensitive', async () => {
    const s = session!;
    const q: ViewQuery = { ...emptyQuery(), sort: [{ column: 'mentorId', dir: 'desc' }] };
    const once = await s.page(user, q, 0, 100);
    const paged: WireRow[] = [];
    for (let start = 0; start < 40; start += 6) paged.push(...(await s.page(user, q, start, 6)));
    assert.deepEqual(
      paged.map((r) => r.id),
      once.map((r) => r.id),
    );
    assert.equal(once.at(-1)?.mentorId, null);
    assert.equal(await s.count(user, { ...emptyQuery(), search: 'u1' }), 11); // U1, U10..U19: insensitive on PostgreSQL
  });

  it('Decimal at full precision, BigInt, DateTime ms, Json null vs NULL round-trip', async () => {
    const s = session!;
    const orgId = (await s.page(org, emptyQuery(), 0, 1))[0].id;
    const price = '87654321.99'; // the fixture's price is @db.Decimal(10, 2)
    const r = await s.save(course, {
      updates: [],
      inserts: [{ organizationId: orgId, slug: 'p', title: 'P', price, publishedAt: '2024-02-29T23:59:59.987Z' }],
      deletes: [],
    });
    assert.ok(r.ok, JSON.stringify(r));
    const [c] = await s.page(course, emptyQuery(), 0, 1);
    assert.equal(c.price, price);
    assert.equal(c.publishedAt, '2024-02-29T23:59:59.987Z');
    const big = (2n ** 63n - 1n).toString();
    assert.ok(
      (
        await s.save(lesson, {
          updates: [],
          inserts: [{ courseId: c.id, position: 1, title: 'L', videoSizeBytes: big }],
          deletes: [],
        })
      ).ok,
    );
    assert.equal((await s.page(lesson, emptyQuery(), 0, 1))[0].videoSizeBytes, big);
    const [u1, u2] = await s.page(user, emptyQuery(), 0, 2);
    assert.ok(
      (
        await s.save(profile, {
          updates: [],
          inserts: [
            { userId: u1.id, preferences: 'null' },
            { userId: u2.id, preferences: null },
          ],
          deletes: [],
        })
      ).ok,
    );
    const ps = await s.page(profile, { ...emptyQuery(), sort: [{ column: 'userId', dir: 'asc' }] }, 0, 2);
    assert.deepEqual(
      ps.map((p) => p.preferences),
      ['null', null],
    );
  });

  it('estimates an unfiltered huge table from pg_class (≈) and counts exactly when filtered or asked', async () => {
    const s = session!;
    const db = new Client({ connectionString: pgdb!.url });
    await db.connect();
    try {
      await db.query('ANALYZE users');
      const real = await s.count(user, emptyQuery());
      assert.deepEqual(await s.total(user, emptyQuery(), { estimateFrom: 10 }), { total: real, estimated: true });
      // below the threshold, with a filter or a search, or asked for it: the count
      assert.deepEqual(await s.total(user, emptyQuery(), { estimateFrom: real + 1 }), {
        total: real,
        estimated: false,
      });
      assert.deepEqual(await s.total(user, { ...emptyQuery(), search: 'u1' }, { estimateFrom: 10 }), {
        total: 11,
        estimated: false,
      });
      assert.deepEqual(await s.total(user, emptyQuery(), { estimateFrom: 10, exact: true }), {
        total: real,
        estimated: false,
      });
      // statistics lag behind writes: the estimate is what pg_class says, not a count
      await db.query(
        `INSERT INTO users (email, name, organization_id, updated_at) SELECT 'extra' || g || '@x.test', 'Extra', organization_id, now() FROM generate_series(1, 5) g, (SELECT organization_id FROM users LIMIT 1) o`,
      );
      assert.deepEqual(await s.total(user, emptyQuery(), { estimateFrom: 10 }), { total: real, estimated: true });
      assert.equal(await s.count(user, emptyQuery()), real + 5);
      await db.query(`DELETE FROM users WHERE email LIKE 'extra%'`);
    } finally {
      await db.end();
    }
  });

  it('filters a Json column by path (PostgreSQL takes the path as a key array)', async () => {
    const s = session!;
    const users = await s.page(user, emptyQuery(), 10, 3);
    const docs = [
      '{"theme":"dark","limits":[5,20],"bio":"Rust and Go"}',
      '{"theme":"light","limits":[50],"bio":"Go only"}',
      '{"other":true}',
    ];
    assert.ok(
      (
        await s.save(profile, {
          updates: [],
          inserts: users.map((u, i) => ({ userId: u.id, preferences: docs[i] })),
          deletes: [],
        })
      ).ok,
    );
    const ids = async (f: Omit<Filter, 'column'>) =>
      (
        await s.page(
          profile,
          { ...emptyQuery(), filters: [{ column: 'preferences', ...f }], sort: [{ column: 'userId', dir: 'asc' }] },
          0,
          10,
        )
      ).map((r) => r.userId);
    assert.deepEqual(await ids({ op: 'equals', path: ['theme'], value: '"dark"' }), [users[0].id]);
    assert.deepEqual(await ids({ op: 'gt', path: ['limits', '0'], value: '10' }), [users[1].id]);
    assert.deepEqual(await ids({ op: 'contains', path: ['bio'], value: 'Go' }), [users[0].id, users[1].id]);
    assert.deepEqual(await ids({ op: 'startsWith', path: ['bio'], value: 'Go' }), [users[1].id]);
  });

  it('an import or a grid insert with explicit ids moves the id sequence past them (never back): the next new row does not collide', async () => {
    const s = session!;
    const orgId = (await s.page(org, emptyQuery(), 0, 1))[0].id;
    const imported = await s.insertAll(
      user,
      [1000, 1001].map((id) => ({ id, email: `imp${id}@x.test`, name: 'Imported', organizationId: orgId })),
    );
    assert.ok(imported.ok, JSON.stringify(imported));
    const added = await s.save(user, {
      updates: [],
      inserts: [{ email: 'after-import@x.test', name: 'After', organizationId: orgId, mentorId: null }],
      deletes: [],
    });
    assert.ok(added.ok, JSON.stringify(added));
    const idOf = async (email: string) =>
      (await s.page(user, { ...emptyQuery(), filters: [{ column: 'email', op: 'equals', value: email }] }, 0, 1))[0]
        ?.id;
    assert.equal(await idOf('after-import@x.test'), 1002);
    assert.ok(
      (await s.insertAll(user, [{ id: 500, email: 'imp500@x.test', name: 'Imported', organizationId: orgId }])).ok,
    );
    assert.ok(
      (
        await s.save(user, {
          updates: [],
          inserts: [{ email: 'after-low@x.test', name: 'After', organizationId: orgId, mentorId: null }],
          deletes: [],
        })
      ).ok,
    );
    assert.equal(await idOf('after-low@x.test'), 1003, 'a lower imported id leaves the sequence where it was');
    // a row added in the grid with an id typed in, then one without
    assert.ok(
      (
        await s.save(user, {
          updates: [],
          inserts: [
            { id: 2000, email: 'typed@x.test', name: 'Typed', organizationId: orgId, mentorId: null },
            { email: 'next@x.test', name: 'Next', organizationId: orgId, mentorId: null },
          ],
          deletes: [],
        })
      ).ok,
    );
    assert.ok(
      (
        await s.save(user, {
          updates: [],
          inserts: [{ email: 'after-typed@x.test', name: 'After', organizationId: orgId, mentorId: null }],
          deletes: [],
        })
      ).ok,
    );
    assert.equal(await idOf('after-typed@x.test'), 2001);
  });

  it('a failed import names the rows of the file the database refused (unique, foreign key)', async () => {
    const s = session!;
    const orgId = (await s.page(org, emptyQuery(), 0, 1))[0].id;
    const dup = await s.insertAll(user, [
      { email: 'fresh1@x.test', name: 'F', organizationId: orgId },
      { email: 'U3@x.test', name: 'F', organizationId: orgId },
    ]);
    assert.ok(!dup.ok && dup.code === 'P2002', JSON.stringify(dup));
    assert.deepEqual(!dup.ok && [dup.column, dup.rows], ['email', [2]]);
    const fk = await s.insertAll(user, [
      { email: 'fresh2@x.test', name: 'F', organizationId: typeof orgId === 'number' ? 987654 : 'nowhere' },
      { email: 'fresh3@x.test', name: 'F', organizationId: orgId },
    ]);
    assert.ok(!fk.ok && fk.code === 'P2003', JSON.stringify(fk));
    assert.deepEqual(!fk.ok && fk.rows, [1]);
    assert.match(!fk.ok ? fk.message : '', /No Organization record matches the organizationId of row 1 of the file\.$/);
  });

  it('refuses a stale save (conflict) and names the unique violation', async () => {
    const s = session!;
    const [a, b] = await s.page(user, emptyQuery(), 0, 2);
    assert.ok(
      (
        await s.save(user, {
          updates: [{ key: { id: a.id }, original: a, changes: { name: 'elsewhere' } }],
          inserts: [],
          deletes: [],
        })
      ).ok,
    );
    const stale = await s.save(user, {
      updates: [{ key: { id: a.id }, original: a, changes: { name: 'mine' } }],
      inserts: [],
      deletes: [],
    });
    assert.ok(!stale.ok && stale.conflicts.length === 1);
    const dup = await s.save(user, {
      updates: [{ key: { id: b.id }, original: b, changes: { email: 'U3@x.test' } }],
      inserts: [],
      deletes: [],
    });
    assert.ok(!dup.ok && dup.errors[0].code === 'P2002' && dup.errors[0].column === 'email', JSON.stringify(dup));
  });
});
