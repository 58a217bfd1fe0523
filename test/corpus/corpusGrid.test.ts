// The data grid on every schema of the corpus (test/fixtures/schemas and the public schemas of real projects,
// test/fixtures/public-schemas.json): its private client is generated from the schema copy, a real database
// of the schema's provider is given the schema's tables, and every model and view is read through the grid's
// data session (first page and total). SQLite and PostgreSQL get their tables from the embedded schema engine
// (a push of the copy); MariaDB from mysqlTables.ts, since the engine has no MySQL connector. Providers the
// grid does not open (MongoDB, SQL Server, CockroachDB) are listed and left out.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClientAdapter } from '../../src/core/data/adapters';
import { DataSession } from '../../src/core/data/dataSession';
import { modelMeta } from '../../src/core/data/modelMeta';
import { normalizeSchema, UnsupportedProviderError, type SchemaCopy } from '../../src/core/data/schemaCopy';
import { EmbeddedSchemaEngine, NO_FILTER, type DatabaseTarget } from '../../src/core/engine';
import { adapterFactoryFor } from '../../src/core/migrations/adapterFactory';
import type { SchemaDocument } from '../../src/core/schema/model';
import { parseSchema } from '../../src/core/schema/parse';
import { emptyQuery } from '../../src/shared/protocol/messages';
import { fullCorpus } from '../unit/schema/corpus';
import { cleanupStore, repoClientStore } from '../unit/data/sqliteFixture';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../unit/testServers';
import { mysqlTables } from './mysqlTables';

/**
 * What is pushed to make the tables: the copy with views as models (a push creates tables for models only, and
 * the grid reads a view like a table; `@@ignore`: a view may have no unique key, which a model needs), and
 * without PostgreSQL extensions and their types (`Unsupported(...)` columns: the grid's client leaves them
 * out, and this server has no PostGIS; so no GiST index either).
 */
function pushText(copy: SchemaCopy): string {
  return copy.text
    .replace(/^(\s*)view(\s+\w+\s*\{)([^}]*)\}/gm, '$1model$2$3  @@ignore\n}')
    .replace(/^\s*extensions\s*=\s*\[[^\]]*\]\s*$/gm, '')
    .replace(/Unsupported\("[^"]*"\)/g, 'String')
    .replace(/,\s*type:\s*Gist\b/g, '');
}

async function push(copy: SchemaCopy, target: DatabaseTarget): Promise<void> {
  const engine = await EmbeddedSchemaEngine.open({ adapterFactory: await adapterFactoryFor(target) });
  try {
    const out = await engine.schemaPush({
      schema: { files: [{ path: 'schema.prisma', content: pushText(copy) }] },
      force: true,
      filters: NO_FILTER,
    });
    assert.deepEqual(out.unexecutable, [], 'the push could not run');
  } finally {
    await engine.dispose();
  }
}

const readable = (doc: SchemaDocument) =>
  doc.blocks.filter((b) => (b.kind === 'model' || b.kind === 'view') && !b.attributes.some((a) => a.name === 'ignore'));

describe('the data grid on every corpus schema, on a real database', function () {
  this.timeout(300_000);
  const store = repoClientStore();
  const corpus = fullCorpus().map((s) => {
    const doc = parseSchema(s.files);
    try {
      return { ...s, doc, copy: normalizeSchema(s.files, doc, 'corpus') };
    } catch (e) {
      if (e instanceof UnsupportedProviderError) return { ...s, doc, notOpened: e.message };
      throw e;
    }
  });
  const left = corpus.filter((s) => 'notOpened' in s);
  after(() => cleanupStore());

  it(`leaves out only the providers the grid does not open (${left.map((s) => s.name).join(', ')})`, () => {
    for (const s of left) assert.match(s.notOpened ?? '', /provider is (mongodb|sqlserver|cockroachdb)/, s.name);
  });

  for (const schema of corpus) {
    const { copy } = schema as { copy?: SchemaCopy };
    if (!copy) continue;
    it(`${schema.name} (${copy.provider}): the client generates and every model and view reads`, async function () {
      let server: Throwaway | undefined;
      let url: string;
      let dir: string | undefined;
      if (copy.provider === 'sqlite') {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-corpus-'));
        url = `file:${path.join(dir, 'corpus.db')}`;
        await push(copy, { provider: 'sqlite', url, configDir: dir });
      } else if (copy.provider === 'postgresql') {
        server = orSkip(this, await throwawayPostgres('pw_corpus'));
        url = server.url;
        await push(copy, { provider: 'postgresql', url });
      } else {
        server = orSkip(this, await throwawayMysql('pw_corpus'));
        url = server.url;
        const c = await mysqlConnection(server.name);
        try {
          for (const sql of mysqlTables(schema.doc)) await c.query(sql);
        } finally {
          await c.end();
        }
      }
      const session = await DataSession.open(
        store.load(await store.ensure(copy)),
        copy.provider,
        await createClientAdapter(copy.provider, url),
      );
      try {
        const blocks = readable(schema.doc);
        assert.ok(blocks.length > 0, 'no model to read');
        for (const b of blocks) {
          const meta = modelMeta(schema.doc, b.name);
          if (meta.primaryKey.length === 0 && !meta.columns.some((c) => c.isUnique && !c.optional)) {
            // a view without a unique key: the grid pages by key, so it says it cannot, in words
            await assert.rejects(
              session.page(meta, emptyQuery(), 0, 50),
              /has no primary key or unique column to page by/,
            );
            continue;
          }
          try {
            assert.deepEqual(await session.page(meta, emptyQuery(), 0, 50), []);
            assert.equal((await session.total(meta, emptyQuery(), { exact: true })).total, 0);
          } catch (e) {
            throw new Error(`${b.kind} ${b.name}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      } finally {
        await session.dispose();
        await server?.drop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
