// Copy and paste in the grid against real databases (SQLite, PostgreSQL, MariaDB): rows read by the grid's
// data session, copied as TSV and pasted back onto themselves, change nothing (every value exact: BigInt,
// Decimal, DateTime ms, Json null vs NULL, Bytes, enums, "" vs NULL, tabs and line breaks); a row's values
// pasted onto another row, staged and saved, read back equal. PostgreSQL and MariaDB skip, saying so,
// when their server is not reachable.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import type { ModelMeta, WireRow } from '../../../src/shared/protocol/model';
import { decodeTsv, encodeTsv } from '../../../webview/grid/clipboardText';
import { planPaste, type PasteTarget } from '../../../webview/grid/pastePlan';
import { PendingChanges } from '../../../webview/grid/pending';
import { rangeOf } from '../../../webview/grid/selection';
import { sampleSchema } from './helpers';
import { cleanupStore, repoClientStore, sampleSqlite } from './sqliteFixture';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../testServers';

/** Columns of a compound unique (`@@unique`), which a copied row cannot take without a violation. */
const skips: Record<string, string[]> = { Lesson: ['position'], Course: ['slug'] };

const target = (model: ModelMeta, rows: WireRow[]): PasteTarget => ({
  columns: model.columns,
  rowAt: (i) => rows[i],
  total: rows.length,
  cellValue: (row, column) => row[column] ?? null,
});

/** Every row of the model copied as TSV and pasted back at the top left: nothing changes, nothing refused. */
async function pastedOntoItself(session: DataSession, model: ModelMeta): Promise<WireRow[]> {
  const rows = await session.page(model, emptyQuery(), 0, 100);
  assert.ok(rows.length >= 2, `${model.name} has rows to copy`);
  const tsv = encodeTsv(rows.map((r) => model.columns.map((c) => r[c.name] ?? null)));
  const plan = planPaste(decodeTsv(tsv), rangeOf({ row: 0, col: 0 }), target(model, rows));
  assert.deepEqual(plan.refused, [], `${model.name}: refused ${JSON.stringify(plan.refused)}`);
  assert.deepEqual(plan.cells, [], `${model.name}: pasting the copy back changes nothing`);
  assert.equal(plan.unchanged, rows.length * model.columns.length);
  return rows;
}

/** Row 0's plain values (not keys, unique or foreign keys, nor `skip`: a compound unique) copied onto row 1,
 * saved, and read back equal. */
async function copiedToAnotherRow(session: DataSession, model: ModelMeta, skip: string[] = []): Promise<void> {
  const rows = await session.page(model, emptyQuery(), 0, 2);
  const cols = model.columns
    .map((c, i) => ({ c, i }))
    .filter(
      ({ c }) =>
        !c.isId &&
        !c.isUnique &&
        !c.references &&
        !c.isUpdatedAt &&
        !model.primaryKey.includes(c.name) &&
        !skip.includes(c.name),
    );
  assert.ok(cols.length > 0);
  const pending = new PendingChanges(model);
  for (const { c, i } of cols) {
    const block = decodeTsv(encodeTsv([[rows[0][c.name] ?? null]]));
    const plan = planPaste(block, rangeOf({ row: 1, col: i }), target(model, rows));
    assert.deepEqual(plan.refused, [], `${model.name}.${c.name}`);
    pending.editMany(plan.cells.map((p) => ({ row: rows[p.row], column: p.column, value: p.value })));
  }
  const saved = await session.save(model, pending.toRequest());
  assert.ok(saved.ok, JSON.stringify(saved));
  const [first, second] = await session.page(model, emptyQuery(), 0, 2);
  for (const { c } of cols) assert.deepEqual(second[c.name], first[c.name], `${model.name}.${c.name} read back`);
}

describe('copy and paste round trip on SQLite', function () {
  this.timeout(120_000);
  let db: Awaited<ReturnType<typeof sampleSqlite>>;
  const { doc } = sampleSchema();
  const meta = (m: string) => modelMeta(doc, m);

  before(async () => {
    db = await sampleSqlite();
    const ok = async (model: string, inserts: WireRow[]) => {
      const r = await db.session.save(meta(model), { updates: [], inserts, deletes: [] });
      assert.ok(r.ok, JSON.stringify(r));
    };
    await ok('Organization', [
      { id: 'o1', slug: 'one', name: 'One, "quoted"\tand\nmultiline', settings: '{"theme":{"colors":["#fff",null]}}' },
      { id: 'o2', slug: 'two', name: '', settings: 'null' },
      { id: 'o3', slug: 'three', name: '"leading quote', settings: null },
    ]);
    await ok('User', [
      { id: 1, email: 'a@x', name: 'A', organizationId: 'o1', lastLoginAt: '2024-02-29T23:59:59.987Z' },
      { id: 2, email: 'b@x', name: 'B', organizationId: 'o2', lastLoginAt: null },
    ]);
    await ok('Profile', [
      { userId: 1, bio: '', website: null, avatar: 'AAH+/w==', preferences: '{"a":[1,{"b":null}]}' },
      { userId: 2, bio: null, website: 'https://x', avatar: null, preferences: 'null' },
    ]);
    await ok('Course', [
      { id: 1, organizationId: 'o1', slug: 'c', title: 'C', price: '12345678.90', level: 'ADVANCED', published: true },
      { id: 2, organizationId: 'o1', slug: 'd', title: 'D', price: null, publishedAt: '1999-12-31T23:59:59.999Z' },
    ]);
    await ok('Lesson', [
      { courseId: 1, position: 1, title: 'Big', videoSizeBytes: (2n ** 63n - 1n).toString() },
      { courseId: 1, position: 2, title: 'Neg', videoSizeBytes: (-(2n ** 63n)).toString() },
    ]);
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  for (const name of ['Organization', 'User', 'Profile', 'Course', 'Lesson']) {
    it(`${name}: copied as TSV and pasted back, every value is exact; a row pasted onto another saves equal`, async () => {
      await pastedOntoItself(db.session, meta(name));
      await copiedToAnotherRow(db.session, meta(name), skips[name] ?? []);
    });
  }
});

describe('copy and paste round trip on PostgreSQL', function () {
  this.timeout(120_000);
  let pgdb: Throwaway | undefined;
  let session: DataSession | undefined;
  const project = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'sample-postgres', 'prisma');
  const schemaFile = path.join(project, 'schema.prisma');
  const files = [{ path: schemaFile, content: fs.readFileSync(schemaFile, 'utf8') }];
  const doc = parseSchema(files);
  const meta = (m: string) => modelMeta(doc, m);

  before(async function () {
    pgdb = orSkip(this, await throwawayPostgres('pw_paste'));
    const db = new Client({ connectionString: pgdb.url });
    await db.connect();
    const migrations = path.join(project, 'migrations');
    for (const m of fs
      .readdirSync(migrations)
      .filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql')))
      .sort())
      await db.query(fs.readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
    await db.end();
    const store = repoClientStore();
    session = await DataSession.open(
      store.load(await store.ensure(normalizeSchema(files, doc, 'unit-test-pg-paste'))),
      'postgresql',
      await createClientAdapter('postgresql', pgdb.url),
    );
    const ok = async (model: string, inserts: WireRow[]) => {
      const r = await session!.save(meta(model), { updates: [], inserts, deletes: [] });
      assert.ok(r.ok, JSON.stringify(r));
    };
    await ok('Organization', [
      { slug: 'acme', name: 'Acme\tTabs\nand lines' },
      { slug: 'beta', name: '' },
    ]);
    const orgId = (await session.page(meta('Organization'), emptyQuery(), 0, 1))[0].id;
    await ok('User', [
      { email: 'a@x.test', name: 'A', organizationId: orgId },
      { email: 'b@x.test', name: '"B"', organizationId: orgId },
    ]);
    const [u1, u2] = await session.page(meta('User'), emptyQuery(), 0, 2);
    await ok('Profile', [
      { userId: u1.id, preferences: '{"a": [1, {"b": null}]}' },
      { userId: u2.id, preferences: 'null' },
    ]);
    await ok('Course', [
      { organizationId: orgId, slug: 'p', title: 'P', price: '87654321.99', publishedAt: '2024-02-29T23:59:59.987Z' },
      { organizationId: orgId, slug: 'q', title: 'Q', price: null },
    ]);
    const courseId = (await session.page(meta('Course'), emptyQuery(), 0, 1))[0].id;
    await ok('Lesson', [
      { courseId, position: 1, title: 'L1', videoSizeBytes: (2n ** 63n - 1n).toString() },
      { courseId, position: 2, title: 'L2', videoSizeBytes: null },
    ]);
  });
  after(async () => {
    await session?.dispose();
    cleanupStore();
    await pgdb?.drop();
  });

  it('saves an edit of a row whose String[] was never set (a NULL array, which Prisma reads as [])', async () => {
    const course = meta('Course');
    const [, q] = await session!.page(course, emptyQuery(), 0, 2);
    assert.equal(q.keywords, '[]');
    const r = await session!.save(course, {
      updates: [{ key: { id: q.id }, original: q, changes: { summary: 'edited' } }],
      inserts: [],
      deletes: [],
    });
    assert.ok(r.ok, `refused as changed in the database: ${JSON.stringify(r)}`);
    assert.equal((await session!.page(course, emptyQuery(), 0, 2))[1].summary, 'edited');
  });

  for (const name of ['Organization', 'User', 'Profile', 'Course', 'Lesson']) {
    it(`${name}: copied as TSV and pasted back, every value is exact; a row pasted onto another saves equal`, async () => {
      await pastedOntoItself(session!, meta(name));
      await copiedToAnotherRow(session!, meta(name), skips[name] ?? []);
    });
  }
});

describe('copy and paste round trip on MariaDB / MySQL', function () {
  this.timeout(120_000);
  let db: Throwaway | undefined;
  let session: DataSession | undefined;
  const schema = `datasource db {
  provider = "mysql"
}
generator client {
  provider = "prisma-client-js"
}
enum Kind {
  A
  B
}
model Thing {
  id    Int       @id @default(autoincrement())
  name  String    @unique @db.VarChar(100)
  kind  Kind      @default(A)
  size  BigInt?
  price Decimal?  @db.Decimal(30, 10)
  at    DateTime? @db.DateTime(3)
  data  Json?
  note  String?   @db.Text
  @@map("things")
}
`;
  const files = [{ path: '/virtual/schema.prisma', content: schema }];
  const doc = parseSchema(files);
  const thing = modelMeta(doc, 'Thing');

  before(async function () {
    db = orSkip(this, await throwawayMysql('pw_paste'));
    const conn = await mysqlConnection(db.name);
    await conn.query(
      `CREATE TABLE things (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE, kind ENUM('A','B') NOT NULL DEFAULT 'A', size BIGINT NULL, price DECIMAL(30,10) NULL, at DATETIME(3) NULL, data JSON NULL, note TEXT NULL)`,
    );
    await conn.end();
    const store = repoClientStore();
    session = await DataSession.open(
      store.load(await store.ensure(normalizeSchema(files, doc, 'unit-test-mysql-paste'))),
      'mysql',
      await createClientAdapter('mysql', db.url),
    );
    const r = await session.save(thing, {
      updates: [],
      inserts: [
        {
          name: 'one',
          kind: 'B',
          size: (2n ** 63n - 1n).toString(),
          price: '12345678901234567890.0123456789',
          at: '2024-02-29T23:59:59.987Z',
          data: '{"a":[1,{"b":null}]}',
          note: 'tab\tand\r\nCRLF "quoted"',
        },
        { name: 'two', kind: 'A', size: null, price: null, at: null, data: 'null', note: '' },
      ],
      deletes: [],
    });
    assert.ok(r.ok, JSON.stringify(r));
  });
  after(async () => {
    await session?.dispose();
    cleanupStore();
    await db?.drop();
  });

  it('Thing: copied as TSV and pasted back, every value is exact; a row pasted onto another saves equal', async () => {
    await pastedOntoItself(session!, thing);
    await copiedToAnotherRow(session!, thing);
  });
});
