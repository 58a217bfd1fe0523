// Prisma Next contracts are recognised (first line, file name, the project's dependencies), kept out of
// Prisma ORM's schemas, read tolerantly for the Models view with every position kept, and shown there as
// contracts: no problems, no Open Data / Import / diagram on their blocks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverSchemas, findContracts } from '../../../src/core/discovery';
import { contractAsSchemaText, readContract } from '../../../src/core/schema/contract';
import { parseSchema } from '../../../src/core/schema/parse';
import { buildModelsTree } from '../../../src/core/tree/modelsTree';

const demo = fs.readFileSync(path.join(__dirname, '../fixtures/prismaNext/demo.contract.prisma'), 'utf8');
const ds = 'datasource db {\n  provider = "postgresql"\n}\n';
const plainContract = 'model Product {\n  id ObjectId @id @map("_id")\n  name String\n  @@map("products")\n}\n';
const nextPkg = JSON.stringify({ dependencies: { '@prisma-next/postgres': '0.0.1' } });

function workspace(files: Record<string, string>) {
  const all = Object.keys(files).map((p) => path.join('/ws', p));
  const read = (f: string) => files[path.relative('/ws', f)] ?? '';
  const input = {
    prismaFiles: all.filter((f) => f.endsWith('.prisma')),
    configFiles: [],
    packageJsons: all.filter((f) => f.endsWith('package.json')),
  };
  const rel = (f: string) => path.relative('/ws', f);
  return {
    contracts: findContracts(input.prismaFiles, input.packageJsons, read).contracts.map(
      (c) => `${rel(c.file)} (${c.signal})`,
    ),
    schemas: discoverSchemas(input, read).map((r) => rel(r.schemaPath)),
  };
}

describe('Prisma Next contracts', () => {
  it('are recognised by their first line, their file name, or the project depending on Prisma Next', () => {
    assert.deepEqual(
      workspace({
        'a/schema.prisma': demo,
        'b/prisma/contract.prisma': plainContract,
        'c/package.json': nextPkg,
        'c/src/data.prisma': plainContract,
        'd/prisma/schema.prisma': ds + plainContract,
      }),
      {
        contracts: [
          'a/schema.prisma (header)',
          'b/prisma/contract.prisma (file name)',
          'c/src/data.prisma (dependencies)',
        ],
        schemas: ['d/prisma/schema.prisma'],
      },
    );
  });

  it('are not Prisma ORM schemas: discovery no longer makes them schemas of their own (it did)', () => {
    const { schemas } = workspace({ 'prisma/contract.prisma': demo, 'package.json': nextPkg });
    assert.deepEqual(schemas, []);
  });

  it("leave a Prisma ORM multi-file schema's own contract.prisma (a model Contract) to that schema", () => {
    assert.deepEqual(
      workspace({
        'prisma/schema/schema.prisma': ds,
        'prisma/schema/models/contract.prisma': 'model Contract {\n  id Int @id\n}\n',
        'package.json': '{"name":"legal"}',
      }),
      { contracts: [], schemas: ['prisma/schema'] },
    );
  });

  it('leave out the snapshots Prisma Next keeps beside its migrations, from contracts and schemas alike', () => {
    assert.deepEqual(
      workspace({
        'package.json': nextPkg,
        'src/prisma/contract.prisma': demo,
        'migrations/app/20260422T0720_initial/contract.prisma': plainContract,
      }),
      { contracts: ['src/prisma/contract.prisma (header)'], schemas: [] },
    );
  });

  it('read tolerantly: namespaces unwrapped, type aliases dropped, qualified types resolved, no false errors', () => {
    assert.ok(parseSchema([{ path: '/c.prisma', content: demo }]).diagnostics.length > 0, 'the fixture reads clean');
    const doc = readContract([{ path: '/c.prisma', content: demo }]);
    assert.deepEqual(doc.diagnostics, []);
    const blocks = doc.blocks.map((b) => `${b.kind} ${b.name}`);
    assert.deepEqual(blocks, ['type Address', 'enum user_type', 'model User', 'model Post', 'model Task', 'model Bug']);
    const post = doc.blocks.find((b) => b.name === 'Post');
    assert.ok(post && post.kind === 'model');
    assert.deepEqual(
      post.fields.map((f) => `${f.name}: ${f.type}`),
      ['id: String', 'title: String', 'userId: String', 'embedding: Embedding1536', 'user: User'],
    );
  });

  it('keep every line where it is in the file, so the tree opens the right line', () => {
    const text = contractAsSchemaText(demo);
    assert.equal(text.split('\n').length, demo.split('\n').length);
    const doc = readContract([{ path: '/c.prisma', content: demo }]);
    const lines = demo.split('\n');
    for (const b of doc.blocks) assert.match(lines[b.location.range.start.line], new RegExp(`\\b${b.name}\\b`));
  });

  it('show in the Models view as contracts, with no problems and no ORM actions on their blocks', () => {
    const doc = readContract([{ path: '/c.prisma', content: demo }]);
    const root = buildModelsTree({ id: '/c.prisma', label: 'c.prisma', doc, problems: [], contract: 'its first line' });
    assert.match(root.description ?? '', /^Prisma Next contract · 4 models · 1 enum · 1 type$/);
    assert.equal(root.contextValue, 'contract');
    const children = root.children();
    assert.deepEqual(
      children.map((c) => c.contextValue),
      ['model.contract', 'model.contract', 'model.contract', 'model.contract', 'type.contract', 'enum.contract'],
    );
    const tooltip = typeof root.tooltip === 'function' ? root.tooltip() : String(root.tooltip);
    assert.match(tooltip, /Prisma Next contract \(its first line\)/);
    assert.match(tooltip, /Migrations, drift checks, the data grid and the language server/);
  });
});
