import * as assert from 'node:assert/strict';
import { readPrismaConfig } from '../../../src/core/discovery';

describe('readPrismaConfig', () => {
  it('reads schema, migrations path, seed and datasource url of a Prisma 7 config', () => {
    const info = readPrismaConfig(`
      import "dotenv/config";
      import { defineConfig, env } from "prisma/config";
      // schema: "not/this.prisma"
      export default defineConfig({
        schema: "prisma/schema.prisma",
        migrations: {
          path: "prisma/migrations",
          seed: "tsx prisma/seed.ts",
        },
        datasource: {
          url: env("DATABASE_URL"),
        },
      });`);
    assert.deepEqual(info, {
      schema: 'prisma/schema.prisma',
      migrationsPath: 'prisma/migrations',
      seed: 'tsx prisma/seed.ts',
      datasourceUrl: 'env("DATABASE_URL")',
    });
  });

  it('reads path.join of literals and single quotes', () => {
    const info = readPrismaConfig(`import path from 'node:path';
      export default { schema: path.join('db', 'schema'), migrations: { path: path.join(__dirname, 'db', 'migrations') } };`);
    assert.equal(info.schema, 'db/schema');
    assert.equal(info.migrationsPath, 'db/migrations');
  });

  it('leaves a computed path undefined rather than guessing', () => {
    const info = readPrismaConfig(
      `const dir = process.env.DIR!; export default defineConfig({ schema: path.join(dir, 'x.prisma') });`,
    );
    assert.equal(info.schema, undefined);
  });

  it('does not take migrations.path for the schema when schema is absent', () => {
    const info = readPrismaConfig(`export default defineConfig({ migrations: { path: "db/migrations" } });`);
    assert.equal(info.schema, undefined);
    assert.equal(info.migrationsPath, 'db/migrations');
  });
});
