import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSchema } from '../../../src/core/schema/parse';
import { datasource, enums, findBlock, models, types, views } from '../../../src/core/schema/query';
import { CORPUS_DIR, readSchemaFile } from './corpus';

const read = (name: string) => parseSchema([readSchemaFile(path.join(CORPUS_DIR, name))]);

describe('schema queries', () => {
  it('reads the datasource of a Prisma 6 schema: provider and url env variable', () => {
    const ds = datasource(read('prisma6-postgres-url.prisma'));
    assert.equal(ds?.provider, 'postgresql');
    assert.equal(ds?.url, 'env("DATABASE_URL")');
    assert.equal(ds?.urlEnv, 'DATABASE_URL');
  });

  it('reads relationMode and multi-schema lists; Prisma 7 datasources have no url', () => {
    assert.equal(datasource(read('prisma5-mysql-relationmode.prisma'))?.relationMode, 'prisma');
    const ds = datasource(read('multi-schema-postgres.prisma'));
    assert.deepEqual(ds?.schemas, ['auth', 'billing', 'public']);
    assert.equal(ds?.url, undefined);
  });

  it('lists blocks by kind and finds them by name', () => {
    const doc = read('views.prisma');
    assert.deepEqual(
      models(doc).map((b) => b.name),
      ['User', 'Profile'],
    );
    assert.deepEqual(
      views(doc).map((b) => b.name),
      ['UserInfo', 'ActiveEmails', 'Stats'],
    );
    assert.equal(findBlock(doc, 'Stats')?.mapName, 'user_stats');
    assert.equal(findBlock(doc, 'Stats', 'model'), undefined);
    const mongo = read('mongodb-composite-types.prisma');
    assert.deepEqual(
      types(mongo).map((b) => b.name),
      ['Address', 'GeoPoint', 'Contact', 'Phone', 'OrderItem'],
    );
    assert.deepEqual(
      enums(mongo).map((b) => b.name),
      ['PhoneKind'],
    );
    assert.equal(datasource(parseSchema([])), undefined);
  });
});
