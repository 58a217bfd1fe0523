// Which .sql files are TypedSQL queries: Prisma's folder rules (beside the schema file, inside a schema
// folder, prisma.config.ts's typedSql.path) and the preview feature that turns TypedSQL on.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { parseSchema } from '../../../src/core/schema/parse';
import { readPrismaConfig } from '../../../src/core/discovery/configReader';
import { isTypedSqlFile, typedSqlDirs, typedSqlEnabled } from '../../../src/core/typedSql/typedSqlFiles';

const p = (...parts: string[]) => path.resolve('/w', ...parts);

describe('TypedSQL files', () => {
  it('is on only with the typedSql preview feature', () => {
    const doc = (features: string) =>
      parseSchema([
        { path: p('schema.prisma'), content: `generator client {\n  provider = "prisma-client"\n${features}}\n` },
      ]);
    assert.equal(typedSqlEnabled(doc('  previewFeatures = ["views", "typedSql"]\n')), true);
    assert.equal(typedSqlEnabled(doc('  previewFeatures = ["views"]\n')), false);
    assert.equal(typedSqlEnabled(doc('')), false);
  });

  it('reads the sql folder beside a schema file, inside a schema folder, or where prisma.config.ts says', () => {
    assert.deepEqual(typedSqlDirs({ schemaPath: p('prisma/schema.prisma') }), [p('prisma/sql')]);
    assert.deepEqual(
      typedSqlDirs({ schemaPath: p('prisma/schema') }, { datasourceFile: p('prisma/schema/main.prisma') }),
      [p('prisma/schema/sql')],
    );
    assert.deepEqual(typedSqlDirs({ schemaPath: p('prisma') }, { datasourceFile: p('prisma/db/main.prisma') }), [
      p('prisma/sql'),
      p('prisma/db/sql'),
    ]);
    const config = readPrismaConfig(
      `export default defineConfig({ schema: 'prisma/schema.prisma', typedSql: { path: path.join('db', 'queries') } })`,
    );
    assert.equal(config.schema, 'prisma/schema.prisma');
    assert.deepEqual(
      typedSqlDirs(
        { schemaPath: p('prisma/schema.prisma'), configFile: p('prisma.config.ts') },
        { configTypedSqlPath: config.typedSqlPath },
      ),
      [p('db/queries')],
    );
  });

  it('takes the folder’s own .sql files, not its subfolders’', () => {
    const dirs = [p('prisma/sql')];
    assert.equal(isTypedSqlFile(p('prisma/sql/getUsers.sql'), dirs), true);
    assert.equal(isTypedSqlFile(p('prisma/sql/old/getUsers.sql'), dirs), false);
    assert.equal(isTypedSqlFile(p('prisma/migrations/1/migration.sql'), dirs), false);
    assert.equal(isTypedSqlFile(p('prisma/sql/notes.md'), dirs), false);
  });
});
