import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { SchemaFile } from '../../../src/core/schema/model';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { knownPreviewFeatures } from '../../../src/core/schema/prismaWasm';
import { validateSchema } from '../../../src/core/schema/validate';
import { BROKEN_DIR, CORPUS_DIR, readSchemaFile } from './corpus';
import { positionOf } from './helpers';

const fixture = (name: string) => readSchemaFile(path.join(CORPUS_DIR, name));

describe("validateSchema (Prisma's own validation)", function () {
  this.timeout(20_000);

  it('finds nothing wrong in a valid schema', () => {
    assert.deepEqual(validateSchema([fixture('basic-postgres.prisma')]), []);
  });

  it("reports Prisma's errors at the right file, line and column", () => {
    const file = readSchemaFile(path.join(BROKEN_DIR, 'unknown-type.prisma'));
    const diagnostics = validateSchema([file]);
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.source, d.file, d.range.start, d.message.slice(0, 12)]),
      [
        ['error', 'prisma', file.path, positionOf(file.content, 'amount Money', 'Money'), 'Type "Money"'],
        ['error', 'prisma', file.path, positionOf(file.content, 'client Client?', 'Client'), 'Type "Client'],
      ],
    );
    assert.equal(diagnostics[0].range.end.character - diagnostics[0].range.start.character, 'Money'.length);
  });

  it('maps errors of a multi-file schema to the file they are in', () => {
    const files: SchemaFile[] = [
      { path: '/p/schema.prisma', content: 'datasource db {\n  provider = "postgresql"\n}\n' },
      { path: '/p/user.prisma', content: 'model User {\n  id    Int @id\n  posts Post[]\n}\n' },
      {
        path: '/p/post.prisma',
        content:
          '// 😀 ünïcode first\nmodel Post {\n  id Int @id\n  author User @relation(fields: [authorId], references: [id])\n  authorId Int\n  oops Nope\n}\n',
      },
    ];
    const diagnostics = validateSchema(files);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].file, '/p/post.prisma');
    assert.deepEqual(
      diagnostics[0].range,
      { start: { line: 5, character: 7 }, end: { line: 5, character: 11 } },
      'offsets are UTF-16, after an emoji',
    );
    assert.deepEqual(
      validateSchema(files.slice(0, 2).concat({ ...files[2], content: files[2].content.replace('  oops Nope\n', '') })),
      [],
    );
  });

  it('accepts a Prisma 6 schema as valid for its version (url, directUrl, old preview features)', () => {
    const file = fixture('prisma6-postgres-url.prisma');
    assert.deepEqual(validateSchema([file]), []);
    const strict = validateSchema([file], { normalize: false });
    const urlLine = positionOf(file.content, 'url               = env("DATABASE_URL")', 'url').line;
    assert.ok(
      strict.some((d) => d.range.start.line === urlLine && /`url` is no longer supported/.test(d.message)),
      'without normalising, Prisma 7 rejects url',
    );
  });

  it('normalising keeps every line and column of what stays', () => {
    const file = fixture('prisma6-postgres-url.prisma');
    const [normalized] = normalizeForPrisma7([file], knownPreviewFeatures());
    const before = file.content.split('\n');
    const after = normalized.content.split('\n');
    assert.equal(after.length, before.length);
    assert.ok(
      after.every((line) => line.trim().startsWith('//') || !/url|Url/.test(line)),
      'no url property left',
    );
    assert.match(normalized.content, /previewFeatures = \["views"\]/);
    before.forEach((line, i) => {
      if (!/url|Url|previewFeatures/.test(line)) assert.equal(after[i], line);
    });
  });

  it('still runs Prisma 7 validation on what normalising leaves (views with @id)', () => {
    const diagnostics = validateSchema([fixture('views-with-id.prisma')]);
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      ['Error validating: Views cannot have primary keys.'],
    );
  });

  it('turns an engine failure into one diagnostic instead of throwing', () => {
    const file = fixture('basic-postgres.prisma');
    const diagnostics = validateSchema([file], {
      engine: {
        knownPreviewFeatures: () => [],
        lint: () => {
          throw new Error('wasm exploded');
        },
      },
    });
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /could not run: wasm exploded/);
    assert.equal(diagnostics[0].file, file.path);
  });

  it('returns nothing for no files', () => {
    assert.deepEqual(validateSchema([]), []);
  });
});
