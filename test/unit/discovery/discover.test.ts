import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { discoverSchemas, type DiscoveryInput } from '../../../src/core/discovery';

const ds = 'datasource db {\n  provider = "postgresql"\n}\n';
const model = 'model A {\n  id Int @id\n}\n';

function discover(files: Record<string, string>) {
  const abs = (p: string) => path.join('/ws', p);
  const all = Object.keys(files).map(abs);
  const input: DiscoveryInput = {
    prismaFiles: all.filter((f) => f.endsWith('.prisma')),
    configFiles: all.filter((f) => /prisma\.config\.[cm]?[jt]s$/.test(f)),
    packageJsons: all.filter((f) => f.endsWith('package.json')),
  };
  const rel = (p: string) => path.relative('/ws', p) || '.';
  return discoverSchemas(input, (f) => files[path.relative('/ws', f)]).map((r) => ({
    schema: rel(r.schemaPath),
    files: r.schemaFiles.map(rel),
    migrations: rel(r.migrationsDir),
    project: rel(r.projectDir),
    source: r.source,
    config: r.configFile && rel(r.configFile),
  }));
}

describe('discoverSchemas', () => {
  it('finds the default prisma/schema.prisma with its migrations folder', () => {
    assert.deepEqual(discover({ 'prisma/schema.prisma': ds + model, 'package.json': '{"name":"x"}' }), [
      {
        schema: 'prisma/schema.prisma',
        files: ['prisma/schema.prisma'],
        migrations: 'prisma/migrations',
        project: '.',
        source: 'default',
        config: undefined,
      },
    ]);
  });

  it('follows prisma.config.ts to a multi-file schema folder and its migrations path', () => {
    const r = discover({
      'prisma.config.ts': 'export default defineConfig({ schema: "db/schema", migrations: { path: "db/migrations" } })',
      'db/schema/main.prisma': ds,
      'db/schema/models/user.prisma': model,
      'db/schema/models/post.prisma': 'model P {\n id Int @id\n}\n',
    });
    assert.equal(r.length, 1);
    assert.deepEqual(r[0], {
      schema: 'db/schema',
      files: ['db/schema/main.prisma', 'db/schema/models/post.prisma', 'db/schema/models/user.prisma'],
      migrations: 'db/migrations',
      project: '.',
      source: 'prisma.config',
      config: 'prisma.config.ts',
    });
  });

  it("uses Prisma's default schema location when the config names none", () => {
    const r = discover({ 'prisma.config.ts': 'export default defineConfig({})', 'prisma/schema.prisma': ds });
    assert.deepEqual(
      r.map((x) => [x.schema, x.source]),
      [['prisma/schema.prisma', 'prisma.config']],
    );
  });

  it('reads package.json#prisma.schema', () => {
    const r = discover({ 'package.json': '{"prisma":{"schema":"db/custom.prisma"}}', 'db/custom.prisma': ds + model });
    assert.deepEqual(
      r.map((x) => [x.schema, x.source, x.migrations]),
      [['db/custom.prisma', 'package.json', 'db/migrations']],
    );
  });

  it('finds one schema per package in a monorepo', () => {
    const r = discover({
      'package.json': '{"workspaces":["packages/*"]}',
      'packages/api/package.json': '{"name":"api"}',
      'packages/api/prisma/schema.prisma': ds + model,
      'packages/billing/prisma/schema.prisma': ds + model,
    });
    assert.deepEqual(
      r.map((x) => [x.schema, x.project]),
      [
        ['packages/api/prisma/schema.prisma', 'packages/api'],
        ['packages/billing/prisma/schema.prisma', 'packages/billing'],
      ],
    );
  });

  it('groups a multi-file schema without config by the folder of its datasource', () => {
    const r = discover({
      'prisma/schema/schema.prisma': ds,
      'prisma/schema/user.prisma': model,
      'prisma/schema/sub/post.prisma': model,
    });
    assert.deepEqual(
      r.map((x) => [x.schema, x.files.length, x.migrations, x.project]),
      [['prisma/schema', 3, 'prisma/schema/migrations', '.']],
    );
  });

  it("keeps a nested project's schema apart from the root one", () => {
    const r = discover({ 'schema.prisma': ds, 'apps/web/prisma/schema.prisma': ds });
    assert.deepEqual(
      r.map((x) => x.schema),
      ['apps/web/prisma/schema.prisma', 'schema.prisma'],
    );
  });

  it('shows a half-written schema without a datasource as its own root', () => {
    const r = discover({ 'prisma/schema.prisma': 'model A {\n  id Int @' });
    assert.deepEqual(
      r.map((x) => x.schema),
      ['prisma/schema.prisma'],
    );
  });

  it('reports a configured schema that does not exist with no files (the view says so)', () => {
    const r = discover({ 'prisma.config.ts': 'export default defineConfig({ schema: "missing.prisma" })' });
    assert.deepEqual(
      r.map((x) => [x.schema, x.files]),
      [['missing.prisma', []]],
    );
  });

  it('ignores invalid package.json files', () => {
    assert.deepEqual(
      discover({ 'package.json': '{ not json', 'schema.prisma': ds }).map((x) => x.schema),
      ['schema.prisma'],
    );
  });

  it('finds nothing in an empty workspace', () => {
    assert.deepEqual(discover({ 'package.json': '{}' }), []);
  });
});
