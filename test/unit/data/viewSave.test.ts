// A `view` shown in the grid is read, never saved to: Prisma Client generates only find*/count for views, so
// the host refuses a save in words before the session is asked (before: the save went on to the client
// and failed inside Prisma, or a hostile webview's save reached the database's updatable view).
import * as assert from 'node:assert/strict';
import type { DataSession } from '../../../src/core/data/dataSession';
import { GridRequests } from '../../../src/core/data/gridRequests';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { RowOriginals } from '../../../src/core/data/rowOriginals';
import { parseSchema } from '../../../src/core/schema/parse';
import type { HostMessage } from '../../../src/shared/protocol/messages';

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Account {
  id   Int    @id
  name String
}

view AccountName {
  id   Int    @id
  name String
}
`;

describe('grid: saving to a view', () => {
  it('is refused in words; the session is never asked to write', async () => {
    const doc = parseSchema([{ path: '/p/schema.prisma', content: SCHEMA }]);
    const view = modelMeta(doc, 'AccountName');
    assert.equal(view.view, true);
    assert.equal(modelMeta(doc, 'Account').view, undefined);
    let writes = 0;
    const session = { save: async () => (writes++, { ok: true, updated: 1, inserted: 0, deleted: 0, ms: 0 }) };
    const posted: HostMessage[] = [];
    const requests = new GridRequests({
      post: (m) => posted.push(m),
      log: { warn: () => {}, error: () => {}, info: () => {} },
      label: () => view.name,
      current: async () => ({ session: session as unknown as DataSession, meta: view }),
      relatedMeta: async () => view,
      originals: new RowOriginals(),
      readOnly: async () => ({ readOnly: false, forced: false }),
      confirmDeletes: async () => undefined,
      panelAction: async () => {},
    });
    await requests.handle({
      type: 'save',
      requestId: 3,
      request: {
        updates: [{ key: { id: 1 }, original: { id: 1, name: 'a' }, changes: { name: 'b' } }],
        inserts: [],
        deletes: [],
      },
    });
    assert.equal(writes, 0);
    const saved = posted.find((m) => m.type === 'saved');
    assert.ok(saved?.type === 'saved' && !saved.result.ok, JSON.stringify(posted));
    assert.match(JSON.stringify(saved.result), /AccountName is a view/);
  });
});
