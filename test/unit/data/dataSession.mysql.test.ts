// The data layer on MySQL / MariaDB (TEST_MYSQL_URL; CI has MariaDB at 127.0.0.1:3306): a throwaway
// database with one table, the private client generated for a mysql schema, adapter-mariadb. Skips, saying
// so, without the URL.
import * as assert from 'node:assert/strict';
import { createConnection } from 'mariadb';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import { emptyQuery, type ViewQuery } from '../../../src/shared/protocol/messages';
import type { WireRow } from '../../../src/shared/protocol/model';
import { cleanupStore, repoClientStore } from './sqliteFixture';

const baseUrl = process.env.TEST_MYSQL_URL;
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

describe('DataSession on MySQL / MariaDB (TEST_MYSQL_URL)', function () {
  this.timeout(120_000);
  const dbName = `pw_grid_${process.pid}_${Date.now()}`;
  let session: DataSession | undefined;
  const files = [{ path: '/virtual/schema.prisma', content: schema }];
  const doc = parseSchema(files);
  const thing = modelMeta(doc, 'Thing');

  before(async function () {
    if (!baseUrl) {
      console.log('      (skipped: TEST_MYSQL_URL is not set)');
      this.skip();
    }
    const url = new URL(baseUrl!);
    const conn = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    await conn.query(`CREATE DATABASE ${dbName}`);
    await conn.query(`CREATE TABLE ${dbName}.things (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE, kind ENUM('A','B') NOT NULL DEFAULT 'A', size BIGINT NULL, price DECIMAL(30,10) NULL, at DATETIME(3) NULL, data JSON NULL)`);
    await conn.end();
    url.pathname = `/${dbName}`;
    const store = repoClientStore();
    session = await DataSession.open(store.load(await store.ensure(normalizeSchema(files, doc, 'unit-test-mysql'))), 'mysql', await createClientAdapter('mysql', url.toString()));
    const rows: WireRow[] = [];
    for (let i = 1; i <= 30; i++) rows.push({ name: `thing ${String(i).padStart(2, '0')}`, kind: i % 2 ? 'A' : 'B', size: i % 4 ? String(2n ** 60n + BigInt(i)) : null });
    const r = await session.save(thing, { updates: [], inserts: rows, deletes: [] });
    assert.ok(r.ok, JSON.stringify(r));
  });

  after(async () => {
    await session?.dispose();
    cleanupStore();
    if (!baseUrl) return;
    const url = new URL(baseUrl);
    const conn = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    await conn.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await conn.end();
  });

  it('keyset pages equal one read, sorted by a nullable BigInt', async () => {
    const q: ViewQuery = { ...emptyQuery(), sort: [{ column: 'size', dir: 'asc' }] };
    const once = await session!.page(thing, q, 0, 100);
    const paged: WireRow[] = [];
    for (let start = 0; start < 30; start += 7) paged.push(...await session!.page(thing, q, start, 7));
    assert.deepEqual(paged.map((r) => r.id), once.map((r) => r.id));
    assert.equal(once.at(-1)?.size, null);
    assert.equal(await session!.count(thing, { ...emptyQuery(), filters: [{ column: 'kind', op: 'equals', value: 'B' }] }), 15);
  });

  it('round-trips BigInt, Decimal(30,10), DateTime ms, Json; refuses a stale save', async () => {
    const [a] = await session!.page(thing, emptyQuery(), 0, 1);
    const changes = { size: '9223372036854775807', price: '12345678901234567890.0123456789', at: '2024-02-29T23:59:59.987Z', data: '{"a":[1,"x",null]}' };
    const r = await session!.save(thing, { updates: [{ key: { id: a.id }, original: a, changes }], inserts: [], deletes: [] });
    assert.ok(r.ok, JSON.stringify(r));
    const [b] = await session!.page(thing, emptyQuery(), 0, 1);
    assert.deepEqual([b.size, b.price, b.at, JSON.parse(String(b.data))], [changes.size, changes.price, changes.at, { a: [1, 'x', null] }]);
    const stale = await session!.save(thing, { updates: [{ key: { id: a.id }, original: a, changes: { name: 'stale' } }], inserts: [], deletes: [] });
    assert.ok(!stale.ok && stale.conflicts.length === 1);
  });
});
