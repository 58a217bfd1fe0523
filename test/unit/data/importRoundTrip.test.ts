// Export -> import round trip on a real SQLite database through the private client: the rows written back
// by an import read exactly as the exported ones, for every type; a failing import writes nothing.
import * as assert from 'node:assert/strict';
import { csvLines } from '../../../src/core/data/exportFormat';
import { planImport, type ImportFormat } from '../../../src/core/data/importPlan';
import { modelMeta } from '../../../src/core/data/modelMeta';
import type { DataSession } from '../../../src/core/data/dataSession';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import type { ModelMeta, WireRow } from '../../../src/shared/protocol/model';
import { sampleSchema } from './helpers';
import { cleanupStore, sampleSqlite } from './sqliteFixture';

async function exported(
  session: DataSession,
  model: ModelMeta,
  format: ImportFormat,
): Promise<{ text: string; rows: WireRow[] }> {
  const columns = model.columns.map((c) => c.name);
  const rows: WireRow[] = [];
  for await (const batch of session.batches(model, emptyQuery(), 2)) rows.push(...batch);
  const text =
    format === 'csv'
      ? csvLines(columns, rows, true)
      : `[${rows.map((r, i) => `${i ? ',' : ''}\n  ${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c]])))}`).join('')}\n]\n`;
  return { text, rows };
}

describe('import round trip on SQLite (export, delete, import, read back)', function () {
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
      {
        id: 'o1',
        slug: 'one',
        name: 'One, "quoted"\nand multiline',
        settings: '{"theme":{"colors":["#fff",null]},"n":1.5}',
      },
      { id: 'o2', slug: 'two', name: '', settings: 'null' },
      { id: 'o3', slug: 'three', name: 'x', settings: null },
    ]);
    await ok('User', [
      { id: 1, email: 'a@x', name: 'A', organizationId: 'o1', lastLoginAt: '2024-02-29T23:59:59.987Z' },
    ]);
    await ok('Profile', [
      { userId: 1, bio: '', website: null, avatar: 'AAH+/w==', preferences: '{"a":[1,{"b":null}]}' },
    ]);
    await ok('Course', [
      {
        id: 1,
        organizationId: 'o1',
        slug: 'c',
        title: 'C',
        summary: '',
        price: '12345678.90',
        level: 'ADVANCED',
        publishedAt: '1999-12-31T23:59:59.999Z',
        published: true,
      },
    ]);
    await ok('Lesson', [
      { courseId: 1, position: 1, title: 'Big', videoSizeBytes: (2n ** 63n - 1n).toString() },
      { courseId: 1, position: 2, title: 'Neg', videoSizeBytes: (-(2n ** 63n)).toString() },
      { courseId: 1, position: 3, title: 'None', videoSizeBytes: null, content: '' },
    ]);
    await ok('Enrollment', [
      { userId: 1, courseId: 1, progress: 0.1 + 0.2, status: 'COMPLETED', completedAt: '2025-06-01T12:00:00.001Z' },
    ]);
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  // leaves first: deleting Course or Organization cascades to the models before them
  for (const name of ['Profile', 'Lesson', 'Enrollment', 'Course', 'Organization']) {
    it(`${name}: rows exported to CSV and to JSON come back identical (BigInt, Decimal, DateTime ms, Json, Bytes, enums, NULL vs "")`, async () => {
      const model = meta(name);
      for (const format of ['csv', 'json'] as const) {
        const { text, rows } = await exported(db.session, model, format);
        assert.ok(rows.length > 0);
        const plan = planImport(model, text, format, db.session.nulls);
        assert.deepEqual(plan.errors, [], `${format}: ${JSON.stringify(plan.errors)}`);
        await db.session.page(model, emptyQuery(), 0, rows.length); // the grid deletes rows it was sent
        const del = await db.session.save(model, {
          updates: [],
          inserts: [],
          deletes: rows.map((r) => ({ key: Object.fromEntries(model.primaryKey.map((k) => [k, r[k]])), original: r })),
        });
        assert.ok(del.ok, JSON.stringify(del));
        assert.equal(await db.session.count(model, emptyQuery()), 0);
        const r = await db.session.insertAll(model, plan.data, { chunk: 2 });
        assert.ok(r.ok && r.inserted === rows.length, JSON.stringify(r));
        assert.deepEqual((await exported(db.session, model, format)).rows, rows, format);
      }
    });
  }

  it('a failing import writes nothing (one transaction) and says why in words', async () => {
    const model = meta('Tag');
    const before = await db.session.count(model, emptyQuery());
    const plan = planImport(model, 'name\nfirst\nsecond\n', 'csv', db.session.nulls);
    assert.ok((await db.session.insertAll(model, plan.data)).ok);
    const again = planImport(model, 'name\nthird\nfirst\n', 'csv', db.session.nulls);
    const r = await db.session.insertAll(model, again.data, { chunk: 1 });
    assert.ok(!r.ok);
    assert.equal(!r.ok && r.code, 'P2002');
    assert.match(!r.ok ? r.message : '', /^Nothing was imported: Another row already has this name/);
    assert.deepEqual(!r.ok && r.rows, [2], 'the second row of the file ("first") is the one the table already holds');
    assert.match(!r.ok ? r.message : '', /The table already holds the name of row 2 of the file\.$/);
    assert.equal(await db.session.count(model, emptyQuery()), before + 2, '"third" was rolled back with the rest');
  });

  it('a row pointing at a record that does not exist: the rows are named after the rollback', async () => {
    const model = meta('User');
    const before = await db.session.count(model, emptyQuery());
    const plan = planImport(
      model,
      'email,name,organizationId\nfk1@x,A,o1\nfk2@x,B,nowhere\nfk3@x,C,o2\nfk4@x,D,gone\n',
      'csv',
      db.session.nulls,
    );
    assert.deepEqual(plan.errors, []);
    const r = await db.session.insertAll(model, plan.data);
    assert.ok(!r.ok, JSON.stringify(r));
    assert.equal(!r.ok && r.code, 'P2003', JSON.stringify(r));
    assert.deepEqual(!r.ok && r.rows, [2, 4], JSON.stringify(r));
    assert.match(
      !r.ok ? r.message : '',
      /No Organization record matches the organizationId of rows 2, 4 of the file\.$/,
    );
    assert.equal(await db.session.count(model, emptyQuery()), before);
  });

  it('stops when cancelled and rolls back what it wrote', async () => {
    const model = meta('Tag');
    const before = await db.session.count(model, emptyQuery());
    const abort = new AbortController();
    const plan = planImport(
      model,
      `name\n${Array.from({ length: 10 }, (_, i) => `cancel${i}`).join('\n')}\n`,
      'csv',
      db.session.nulls,
    );
    const r = await db.session.insertAll(model, plan.data, {
      chunk: 3,
      signal: abort.signal,
      onProgress: (n) => {
        if (n >= 6) abort.abort();
      },
    });
    assert.ok(!r.ok && r.aborted, JSON.stringify(r));
    assert.equal(await db.session.count(model, emptyQuery()), before);
  });
});
