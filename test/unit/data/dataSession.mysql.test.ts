// The data layer on MySQL / MariaDB (see testServers.ts; CI has MariaDB at 127.0.0.1:3306): a throwaway
// database with one table, the private client generated for a mysql schema, adapter-mariadb. Skips, saying
// so, without a server.
import * as assert from 'node:assert/strict';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import { emptyQuery, type Filter, type ViewQuery } from '../../../src/shared/protocol/messages';
import type { WireRow, WireValue } from '../../../src/shared/protocol/model';
import { mysqlConnection, orSkip, throwawayMysql, type Throwaway } from '../testServers';
import { cleanupStore, repoClientStore } from './sqliteFixture';

const schema = `datasource db {
  provider = "mysql"
  url      = env("DATABASE_URL")
}

enum Kind {
  A
  B
}

model Thing {
  id      Int      @id @default(autoincrement())
  name    String   @unique @db.VarChar(100)
  kind    Kind     @default(A)
  size    BigInt?
  price   Decimal? @db.Decimal(30, 10)
  at      DateTime? @db.DateTime(3)
  data    Json?
  @@map("things")
}
`;

describe('DataSession on MySQL / MariaDB', function () {
  this.timeout(120_000);
  let db: Throwaway | undefined;
  let session: DataSession | undefined;
  const files = [{ path: '/virtual/schema.prisma', content: schema }];
  const doc = parseSchema(files);
  const thing = modelMeta(doc, 'Thing');

  before(async function () {
    db = orSkip(this, await throwawayMysql('pw_grid'));
    const conn = await mysqlConnection(db.name);
    await conn.query(
      `CREATE TABLE things (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE, kind ENUM('A','B') NOT NULL DEFAULT 'A', size BIGINT NULL, price DECIMAL(30,10) NULL, at DATETIME(3) NULL, data JSON NULL)`,
    );
    await conn.end();
    const store = repoClientStore();
    session = await DataSession.open(
      store.load(await store.ensure(normalizeSchema(files, doc, 'unit-test-mysql'))),
      'mysql',
      await createClientAdapter('mysql', db.url),
    );
    const rows: WireRow[] = [];
    for (let i = 1; i <= 30; i++)
      rows.push({
        name: `thing ${String(i).padStart(2, '0')}`,
        kind: i % 2 ? 'A' : 'B',
        size: i % 4 ? String(2n ** 60n + BigInt(i)) : null,
      });
    const r = await session.save(thing, { updates: [], inserts: rows, deletes: [] });
    assert.ok(r.ok, JSON.stringify(r));
  });

  after(async () => {
    await session?.dispose();
    cleanupStore();
    await db?.drop();
  });

  it('keyset pages equal one read, sorted by a nullable BigInt', async () => {
    const q: ViewQuery = { ...emptyQuery(), sort: [{ column: 'size', dir: 'asc' }] };
    const once = await session!.page(thing, q, 0, 100);
    const paged: WireRow[] = [];
    for (let start = 0; start < 30; start += 7) paged.push(...(await session!.page(thing, q, start, 7)));
    assert.deepEqual(
      paged.map((r) => r.id),
      once.map((r) => r.id),
    );
    assert.equal(once.at(-1)?.size, null);
    assert.equal(
      await session!.count(thing, { ...emptyQuery(), filters: [{ column: 'kind', op: 'equals', value: 'B' }] }),
      15,
    );
  });

  it('estimates an unfiltered table from information_schema (≈), counts exactly when filtered or asked', async () => {
    const conn = await mysqlConnection(db!.name);
    try {
      await conn.query('ANALYZE TABLE things');
      const stats = await conn.query<{ n: number | bigint | string }[]>(
        'SELECT TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        ['things'],
      );
      const estimate = Number(stats[0].n);
      assert.deepEqual(await session!.total(thing, emptyQuery(), { estimateFrom: 1 }), {
        total: estimate,
        estimated: true,
      });
      assert.deepEqual(await session!.total(thing, emptyQuery(), { estimateFrom: 1, exact: true }), {
        total: 30,
        estimated: false,
      });
      assert.deepEqual(
        await session!.total(
          thing,
          { ...emptyQuery(), filters: [{ column: 'kind', op: 'equals', value: 'B' }] },
          { estimateFrom: 1 },
        ),
        { total: 15, estimated: false },
      );
    } finally {
      await conn.end();
    }
  });

  it('filters a Json column by path (MySQL takes it as $.a.b)', async () => {
    const rows = await session!.page(thing, emptyQuery(), 5, 2);
    const r = await session!.save(thing, {
      updates: rows.map((row, i) => ({
        key: { id: row.id },
        original: row,
        changes: { data: i ? '{"tags":["x"],"n":{"deep":7}}' : '{"tags":["y"],"n":{"deep":2},"s":"hello world"}' },
      })),
      inserts: [],
      deletes: [],
    });
    assert.ok(r.ok, JSON.stringify(r));
    const ids = async (op: Filter['op'], path: string[], value: WireValue) =>
      (await session!.page(thing, { ...emptyQuery(), filters: [{ column: 'data', op, path, value }] }, 0, 50)).map(
        (x) => x.id,
      );
    assert.deepEqual(await ids('equals', ['n', 'deep'], '7'), [rows[1].id]);
    assert.deepEqual(await ids('lt', ['n', 'deep'], '5'), [rows[0].id]);
    assert.deepEqual(await ids('equals', ['tags', '0'], '"y"'), [rows[0].id]);
    assert.deepEqual(await ids('contains', ['s'], 'world'), [rows[0].id]);
  });

  it('round-trips BigInt, Decimal(30,10), DateTime ms, Json; refuses a stale save', async () => {
    const [a] = await session!.page(thing, emptyQuery(), 0, 1);
    const changes = {
      size: '9223372036854775807',
      price: '12345678901234567890.0123456789',
      at: '2024-02-29T23:59:59.987Z',
      data: '{"a":[1,"x",null]}',
    };
    const r = await session!.save(thing, {
      updates: [{ key: { id: a.id }, original: a, changes }],
      inserts: [],
      deletes: [],
    });
    assert.ok(r.ok, JSON.stringify(r));
    const [b] = await session!.page(thing, emptyQuery(), 0, 1);
    assert.deepEqual(
      [b.size, b.price, b.at, JSON.parse(String(b.data))],
      [changes.size, changes.price, changes.at, { a: [1, 'x', null] }],
    );
    const stale = await session!.save(thing, {
      updates: [{ key: { id: a.id }, original: a, changes: { name: 'stale' } }],
      inserts: [],
      deletes: [],
    });
    assert.ok(!stale.ok && stale.conflicts.length === 1);
  });
});
