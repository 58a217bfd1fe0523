// A model whose fields are named `constructor` and `prototype` (valid Prisma field names) is edited in the grid
// like any other: the save message is accepted and the row is written (before: the message was refused as
// having no column name, so such a model could not be saved at all).
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { GridRequests } from '../../../src/core/data/gridRequests';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { RowOriginals } from '../../../src/core/data/rowOriginals';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import type { HostMessage } from '../../../src/shared/protocol/messages';
import { emptyQuery } from '../../../src/shared/protocol/messages';
import { cleanupStore, repoClientStore } from './sqliteFixture';

const SCHEMA = `datasource db {
  provider = "sqlite"
}

model Thing {
  id          Int    @id
  constructor String
  prototype   String
}
`;

describe('grid: columns named constructor and prototype', function () {
  this.timeout(120_000);
  let dir = '';
  let session: DataSession | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secreview-reserved-'));
    const url = `file:${path.join(dir, 'dev.db')}`;
    const db = createClient({ url });
    await db.execute(
      'CREATE TABLE "Thing" (id INTEGER PRIMARY KEY, "constructor" TEXT NOT NULL, "prototype" TEXT NOT NULL)',
    );
    await db.execute(`INSERT INTO "Thing" VALUES (1, 'a', 'b')`);
    db.close();
    const files = [{ path: path.join(dir, 'schema.prisma'), content: SCHEMA }];
    const store = repoClientStore();
    const clientDir = await store.ensure(normalizeSchema(files, parseSchema(files), 'unit-test'));
    session = await DataSession.open(store.load(clientDir), 'sqlite', await createClientAdapter('sqlite', url));
  });
  after(async () => {
    await session?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    cleanupStore();
  });

  it('saves an edit of both columns and an insert, sent as the webview sends them', async () => {
    const meta = modelMeta(parseSchema([{ path: path.join(dir, 'schema.prisma'), content: SCHEMA }]), 'Thing');
    const posted: HostMessage[] = [];
    const originals = new RowOriginals();
    const requests = new GridRequests({
      post: (m) => posted.push(m),
      log: { warn: () => {}, error: () => {}, info: () => {} },
      label: () => 'Thing',
      current: async () => ({ session: session!, meta }),
      relatedMeta: async () => meta,
      originals,
      readOnly: async () => ({ readOnly: false, forced: false }),
      confirmDeletes: async () => undefined,
      panelAction: async () => {},
    });
    const [row] = await session!.page(meta, emptyQuery(), 0, 10);
    originals.remember(meta, [row!]);
    // as JSON from the webview: plain objects whose own keys are the column names
    await requests.handle(
      JSON.parse(
        JSON.stringify({
          type: 'save',
          requestId: 7,
          request: {
            updates: [{ key: { id: 1 }, original: row, changes: { constructor: 'a2', prototype: 'b2' } }],
            inserts: [{ id: 2, constructor: 'c', prototype: 'd' }],
            deletes: [],
          },
        }),
      ),
    );
    const saved = posted.find((m) => m.type === 'saved');
    assert.ok(saved && saved.type === 'saved' && saved.result.ok, JSON.stringify(posted));
    const rows = await session!.page(meta, { ...emptyQuery(), sort: [{ column: 'id', dir: 'asc' }] }, 0, 10);
    assert.deepEqual(
      rows.map((r) => [r.id, r.constructor, r.prototype]),
      [
        [1, 'a2', 'b2'],
        [2, 'c', 'd'],
      ],
    );
  });
});
