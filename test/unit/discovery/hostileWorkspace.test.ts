// A workspace with hostile or huge content keeps discovery, parsing and the Models view working: a binary
// file named `.prisma` beside a schema is skipped (before, it joined the schema as thousands of parse
// errors), a 10,000-model schema parses and builds its tree, and a symlink loop in the migrations folder
// is not followed.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverSchemas } from '../../../src/core/discovery';
import { schemaFileText } from '../../../src/core/discovery/schemaFileText';
import { listMigrationFiles } from '../../../src/core/migrationLint/lintDirectory';
import { readLocalMigrations } from '../../../src/core/migrations/localMigrations';
import { parseSchema } from '../../../src/core/schema/parse';
import { buildModelsTree } from '../../../src/core/tree/modelsTree';

const schema = 'datasource db {\n  provider = "postgresql"\n}\nmodel User {\n  id Int @id\n}\n';

/** What the workspace reader keeps of each found file (host/workspaceSchemas.ts does the same). */
function readable(files: Record<string, Uint8Array>): { texts: Map<string, string>; skipped: string[] } {
  const texts = new Map<string, string>();
  const skipped: string[] = [];
  for (const [file, bytes] of Object.entries(files)) {
    const read = schemaFileText(bytes, file);
    if (read.text !== undefined) texts.set(file, read.text);
    else skipped.push(read.skipped);
  }
  return { texts, skipped };
}

describe('discovery: hostile and huge workspaces', function () {
  this.timeout(60_000);

  it('a binary file named .prisma beside the schema is skipped with a reason; the schema stays clean', () => {
    const binary = Buffer.concat([Buffer.from('model X {'), randomBytes(200_000), Buffer.from([0])]);
    const latin1 = Buffer.from([0x2f, 0x2f, 0x20, 0x63, 0x61, 0x66, 0xe9]); // "// café" in Latin-1
    const { texts, skipped } = readable({
      '/w/prisma/schema.prisma': Buffer.from(schema),
      '/w/prisma/logo.prisma': binary,
      '/w/prisma/notes.prisma': latin1,
    });
    assert.equal(skipped.length, 2);
    assert.match(skipped.join('\n'), /logo\.prisma is a binary file/);
    assert.match(skipped.join('\n'), /notes\.prisma is not valid UTF-8/);
    const roots = discoverSchemas({ prismaFiles: [...texts.keys()], configFiles: [], packageJsons: [] }, (f) =>
      texts.get(f),
    );
    assert.deepEqual(
      roots.map((r) => r.schemaFiles),
      [['/w/prisma/schema.prisma']],
    );
    const doc = parseSchema(roots[0]!.schemaFiles.map((f) => ({ path: f, content: texts.get(f)! })));
    assert.deepEqual(doc.diagnostics, []);
  });

  it('a 10,000-model schema parses and its Models view has every model', () => {
    const n = 10_000;
    const models = Array.from(
      { length: n },
      (_, i) =>
        `model M${i} {\n  id Int @id\n  nextId Int? @unique\n  next M${(i + 1) % n}? @relation("r${i}", fields: [nextId], references: [id])\n  prev M${(i + n - 1) % n}? @relation("r${(i + n - 1) % n}")\n}\n`,
    );
    const doc = parseSchema([{ path: '/w/schema.prisma', content: `${schema.split('model')[0]}${models.join('\n')}` }]);
    assert.equal(doc.blocks.filter((b) => b.kind === 'model').length, n);
    assert.deepEqual(doc.diagnostics, []);
    const root = buildModelsTree({ id: '/w/schema.prisma', label: 'schema.prisma', doc, problems: [] });
    assert.match(root.description ?? '', /10000 models/);
    const shown = root.children().filter((c) => c.kind === 'model');
    assert.equal(shown.length, n);
    assert.deepEqual(
      shown[42]!.children().map((c) => c.label),
      ['id', 'nextId', 'next', 'prev'],
    );
  });

  it('a size limit keeps a huge .prisma file out, from its length alone', () => {
    const huge = new Uint8Array(21 * 1024 * 1024).fill(0x20);
    assert.match(schemaFileText(huge, '/w/dump.prisma').skipped ?? '', /dump\.prisma is 21 MB/);
  });

  it('a symlink loop in the migrations folder is not followed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-loop-'));
    try {
      fs.mkdirSync(path.join(dir, '20240101000000_init'));
      fs.writeFileSync(path.join(dir, '20240101000000_init', 'migration.sql'), 'CREATE TABLE a (id INT);\n');
      fs.symlinkSync(dir, path.join(dir, 'loop'), 'dir');
      fs.symlinkSync(path.join(dir, 'loop'), path.join(dir, '20240101000000_init', 'back'), 'dir');
      const local = readLocalMigrations(dir);
      assert.ok(local.migrations.some((m) => m.name === '20240101000000_init'));
      assert.ok(listMigrationFiles(dir).length >= 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
