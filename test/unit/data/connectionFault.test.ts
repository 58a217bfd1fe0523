// A database that drops or hangs, between the grid's data session and the real PostgreSQL: a TCP proxy
// on 127.0.0.1 that the test cuts (connections black-holed: the server hangs; or closed at once: the
// server stopped) and restores. The grid's reads fail with words within the query timeout instead of
// waiting forever, the grid's paging does not storm the database with retries, and once the proxy is
// back a retry reads the rows and the pending edit made before the cut is saved.
import * as assert from 'node:assert/strict';
import pg from 'pg';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import { PendingChanges } from '../../../webview/grid/pending';
import { PAGE_SIZE, RowCache } from '../../../webview/grid/rowCache';
import { CuttableProxy } from '../tcpProxy';
import { orSkip, throwawayPostgres, type Throwaway } from '../testServers';
import { cleanupStore, repoClientStore } from './sqliteFixture';

const schema = `datasource db {
  provider = "postgresql"
}

model Item {
  id   Int    @id
  name String
  @@map("items")
}
`;

describe('The grid when PostgreSQL drops or hangs (a TCP proxy cut between them)', function () {
  this.timeout(60_000);
  let server: Throwaway | undefined;
  let proxy: CuttableProxy | undefined;
  let session: DataSession | undefined;
  const files = [{ path: '/virtual/schema.prisma', content: schema }];
  const doc = parseSchema(files);
  const item = modelMeta(doc, 'Item');
  const TIMEOUT_MS = 1500;

  before(async function () {
    server = orSkip(this, await throwawayPostgres('pw_fault'));
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    await db.query('CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)');
    await db.query(`INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 500) g`);
    await db.end();
    const target = new URL(server.url);
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    const via = new URL(server.url);
    via.hostname = '127.0.0.1';
    via.port = String(await proxy.listen());
    const store = repoClientStore();
    session = await DataSession.open(
      store.load(await store.ensure(normalizeSchema(files, doc, 'unit-test-fault'))),
      'postgresql',
      await createClientAdapter('postgresql', via.toString(), { timeoutMs: TIMEOUT_MS }),
    );
  });

  after(async () => {
    proxy?.restore();
    await session?.dispose().catch(() => undefined);
    await proxy?.close();
    cleanupStore();
    await server?.drop();
  });

  for (const mode of ['hang', 'close'] as const) {
    it(`${mode === 'hang' ? 'hangs' : 'drops'}: the read fails in words, is not re-requested every frame, and a retry after the proxy is back reads the rows and saves the pending edit`, async () => {
      const s = session!;
      const q = emptyQuery();
      const cache = new RowCache();
      const first = await s.page(item, q, 0, PAGE_SIZE);
      cache.received(0, first, 0);
      const pending = new PendingChanges(item);
      pending.edit(first[0], 'name', `edited before the ${mode}`);

      proxy!.cut(mode);
      const errors: unknown[] = [];
      let sent = 0;
      /** One animation frame of the grid: ask for every missing page of the window (rows 100-129). */
      const frame = () => {
        for (const page of cache.missing(PAGE_SIZE, 30, undefined)) {
          cache.requested(page);
          sent++;
          s.page(item, q, page * PAGE_SIZE, PAGE_SIZE).then(
            (rows) => cache.received(page * PAGE_SIZE, rows, page),
            (e: unknown) => {
              errors.push(e);
              cache.failed(page * PAGE_SIZE, performance.now());
            },
          );
        }
      };
      const tick = () => new Promise((resolve) => setImmediate(resolve));
      while (errors.length === 0) {
        frame();
        await tick();
      }
      for (let i = 0; i < 300; i++) {
        frame();
        await tick();
      }
      assert.equal(sent, 1, 'one request, not one per frame');
      const message = errors[0] instanceof Error ? errors[0].message : String(errors[0]);
      assert.match(message, /timeout|terminated|closed|connect|ECONN/i, `in words: ${message}`);
      assert.equal(pending.count, 1, 'the pending edit is kept');

      proxy!.restore();
      assert.equal(cache.retry(performance.now(), true), true, 'Retry');
      let rowsBack = false;
      for (const page of cache.missing(PAGE_SIZE, 30, undefined)) {
        cache.requested(page);
        cache.received(page * PAGE_SIZE, await s.page(item, q, page * PAGE_SIZE, PAGE_SIZE), page);
        rowsBack = true;
      }
      assert.ok(rowsBack && cache.row(PAGE_SIZE)?.id === PAGE_SIZE + 1, 'the rows after the cut are read');
      const saved = await s.save(item, pending.toRequest());
      assert.ok(saved.ok, JSON.stringify(saved));
      assert.equal((await s.page(item, q, 0, 1))[0].name, `edited before the ${mode}`);
    });
  }
});
