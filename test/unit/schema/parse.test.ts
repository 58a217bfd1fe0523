import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSchema } from '../../../src/core/schema/parse';
import { CORPUS_DIR, corpusSchemas, readSchemaFile } from './corpus';
import { block, field, lineOf, positionOf } from './helpers';

const fixture = (name: string) => readSchemaFile(path.join(CORPUS_DIR, name));

describe('parseSchema', () => {
  describe('a plain Prisma 7 schema (basic-postgres)', () => {
    const file = fixture('basic-postgres.prisma');
    const doc = parseSchema([file]);

    it('lists every block in source order with its kind', () => {
      assert.deepEqual(
        doc.blocks.map((b) => `${b.kind} ${b.name}`),
        ['generator client', 'datasource db', 'model User', 'model Profile', 'model Post', 'enum Role'],
      );
      assert.deepEqual(doc.diagnostics, []);
      assert.deepEqual(doc.files, [file.path]);
    });

    it('gives each block its file, whole range and name range', () => {
      const user = block(doc, 'User');
      const start = lineOf(file.content, 'model User {');
      assert.equal(user.location.file, file.path);
      assert.deepEqual(user.location.range.start, { line: start, character: 0 });
      assert.deepEqual(user.location.range.end, { line: lineOf(file.content, 'model Profile {') - 2, character: 1 });
      assert.deepEqual(user.location.nameRange, {
        start: { line: start, character: 6 },
        end: { line: start, character: 10 },
      });
      assert.equal(user.documentation, 'A person who writes posts.');
    });

    it('reads fields: type, modifiers, attributes and their ranges', () => {
      const id = field(doc, 'User', 'id');
      const at = positionOf(file.content, 'id        Int      @id', 'id');
      assert.deepEqual(id.location.nameRange, { start: at, end: { line: at.line, character: at.character + 2 } });
      assert.equal(id.location.range.end.character, file.content.split('\n')[at.line].trimEnd().length);
      assert.deepEqual(
        id.attributes.map((a) => [a.name, a.args]),
        [
          ['id', undefined],
          ['default', 'autoincrement()'],
        ],
      );
      const dflt = id.attributes[1];
      assert.deepEqual(dflt.range.start, positionOf(file.content, 'id        Int      @id', '@default'));
      assert.equal(id.isId, true);
      assert.equal(id.defaultValue, 'autoincrement()');
      assert.equal(id.sourceLine, 'id        Int      @id @default(autoincrement())');

      const name = field(doc, 'User', 'name');
      assert.equal(name.type, 'String');
      assert.equal(name.optional, true);
      assert.equal(name.list, false);

      const posts = field(doc, 'User', 'posts');
      assert.equal(posts.list, true);
      assert.equal(posts.isRelation, true);
      assert.equal(field(doc, 'User', 'role').isEnum, true);
      assert.equal(field(doc, 'User', 'updatedAt').isUpdatedAt, true);
      assert.equal(field(doc, 'User', 'email').isUnique, true);
    });

    it('reads datasource and generator properties as raw text', () => {
      assert.deepEqual(
        block(doc, 'client').properties.map((p) => [p.key, p.value]),
        [
          ['provider', '"prisma-client"'],
          ['output', '"../generated/prisma"'],
        ],
      );
      const provider = block(doc, 'db').properties[0];
      assert.deepEqual(
        provider.location.nameRange.start,
        positionOf(file.content, 'provider = "postgresql"', 'provider'),
      );
    });

    it('reads enum values', () => {
      assert.deepEqual(
        block(doc, 'Role').values.map((v) => v.name),
        ['USER', 'ADMIN'],
      );
    });
  });

  describe('attributes', () => {
    it('keeps nested arguments of block attributes as written', () => {
      const doc = parseSchema([fixture('composite-keys-indexes.prisma')]);
      const args = block(doc, 'TenantUser').attributes.map((a) => `@@${a.name}(${a.args})`);
      assert.deepEqual(args, [
        '@@id([tenantId, userId], name: "tenantUserKey")',
        '@@unique([tenantId, email], map: "tenant_email_key")',
        '@@unique(fields: [firstName, lastName], name: "fullName")',
        '@@index([lastName(sort: Desc), firstName(ops: raw("text_pattern_ops"))])',
        '@@index([bio], type: Hash)',
      ]);
    });

    it('reads strings with escapes, negative numbers, lists and functions in @default', () => {
      const doc = parseSchema([fixture('scalar-types.prisma'), fixture('defaults-functions.prisma')]);
      assert.equal(field(doc, 'Everything', 'text').defaultValue, '"hello \\"quoted\\" world"');
      assert.equal(field(doc, 'Everything', 'count').defaultValue, '-1');
      assert.equal(field(doc, 'Everything', 'tags').defaultValue, '["a", "b"]');
      assert.equal(field(doc, 'Defaults', 'generated').defaultValue, 'dbgenerated("md5(random()::text)")');
      assert.equal(
        field(doc, 'Defaults', 'escaped').defaultValue,
        '"back\\\\slash and \\"quote\\" and (paren) and @at"',
      );
      assert.equal(
        field(doc, 'Defaults', 'escaped').attributes.length,
        1,
        'the @ inside the string is not an attribute',
      );
    });

    it('fills @map, @@map, @@schema and native types', () => {
      const doc = parseSchema([
        fixture('map-names.prisma'),
        fixture('multi-schema-postgres.prisma'),
        fixture('native-types-postgres.prisma'),
      ]);
      assert.equal(field(doc, 'BlogPost', 'id').mapName, 'post_id');
      assert.equal(field(doc, 'BlogPost', 'status').mapName, 'post_status', '@map(name: "...")');
      assert.equal(block(doc, 'BlogPost').mapName, 'blog_posts');
      assert.deepEqual(
        block(doc, 'PostStatus').values.map((v) => v.mapName),
        ['draft', 'published', undefined],
      );
      assert.equal(block(doc, 'PostStatus').mapName, 'post_status');
      assert.equal(block(doc, 'Invoice').schemaName, 'billing');
      assert.equal(block(doc, 'InvoiceStatus').schemaName, 'billing');
      assert.equal(field(doc, 'Measurement', 'label').nativeType, 'VarChar(200)');
      assert.equal(field(doc, 'Measurement', 'reading').nativeType, 'Decimal(12, 4)');
      assert.equal(field(doc, 'Measurement', 'payload').nativeType, 'JsonB');
    });

    it('keeps Unsupported("...") as the type', () => {
      const doc = parseSchema([fixture('unsupported-and-ignore.prisma')]);
      const location = field(doc, 'Place', 'location');
      assert.equal(location.type, 'Unsupported("geography(Point,4326)")');
      assert.equal(location.optional, true);
      assert.deepEqual(
        block(doc, 'LegacyLog').attributes.map((a) => a.name),
        ['ignore'],
      );
    });
  });

  describe('comments and documentation', () => {
    const doc = parseSchema([fixture('comments-everywhere.prisma')]);

    it('reads every block and member despite comments in every position', () => {
      assert.deepEqual(doc.diagnostics, []);
      assert.deepEqual(
        doc.blocks.map((b) => b.name),
        ['client', 'db', 'Note', 'Kind'],
      );
      assert.deepEqual(
        block(doc, 'Note').fields.map((f) => f.name),
        ['id', 'title', 'body', 'kind'],
      );
      assert.deepEqual(
        block(doc, 'Kind').values.map((v) => v.name),
        ['A', 'B'],
      );
      assert.deepEqual(
        block(doc, 'client').properties.map((p) => p.value),
        ['"prisma-client-js"'],
      );
    });

    it('attaches /// lines above (and a trailing ///) as documentation, not // comments', () => {
      assert.equal(block(doc, 'Note').documentation, 'Model doc, line one.\nModel doc, line two.');
      assert.equal(field(doc, 'Note', 'id').documentation, 'Field doc.');
      assert.equal(field(doc, 'Note', 'title').documentation, 'trailing doc comment');
      assert.equal(
        field(doc, 'Note', 'body').documentation,
        '...separated by a blank line from this one: only this line documents body.',
      );
      // `////four slashes` is a doc comment to Prisma too (DMMF says "/four slashes"; see agreement.test.ts).
      assert.equal(field(doc, 'Note', 'kind').documentation, '/four slashes');
      assert.equal(block(doc, 'Kind').values[0].documentation, 'Value doc.');
    });
  });

  describe('line endings and columns', () => {
    it('reads CRLF files with tabs; ranges stop before the \\r', () => {
      const file = fixture('crlf-whitespace.prisma');
      assert.ok(file.content.includes('\r\n'), 'the fixture really has CRLF line endings');
      const doc = parseSchema([file]);
      assert.deepEqual(doc.diagnostics, []);
      const name = field(doc, 'Crlf', 'name');
      const line = lineOf(file.content, 'name   String');
      assert.deepEqual(name.location.range, {
        start: { line, character: 2 },
        end: { line, character: '  name   String  @default("a, b")'.length },
      });
      assert.equal(name.defaultValue, '"a, b"');
      assert.equal(name.sourceLine, 'name   String  @default("a, b")');
      assert.equal(field(doc, 'Crlf', 'id').location.nameRange.start.character, 1, 'a tab is one character');
      assert.equal(field(doc, 'Crlf', 'other').relation?.backField, 'crlf');
    });

    it('reads old Mac CR-only line endings', () => {
      const doc = parseSchema([{ path: '/cr.prisma', content: 'model A {\r  id Int @id\r}\r' }]);
      assert.deepEqual(doc.diagnostics, []);
      assert.equal(field(doc, 'A', 'id').location.range.start.line, 1);
    });

    it('counts columns in UTF-16 code units, as VS Code does', () => {
      const content = 'model M {\n  a String @default("😀é") @map("x")\n}\n';
      const doc = parseSchema([{ path: '/u.prisma', content }]);
      const map = field(doc, 'M', 'a').attributes[1];
      assert.equal(map.range.start.character, content.split('\n')[1].indexOf('@map'));
      assert.equal(map.range.start.character, 27, 'the emoji counts as two (26 code points)');
    });

    it('reads Unicode names, strings and comments', () => {
      const file = fixture('unicode.prisma');
      const doc = parseSchema([file]);
      assert.deepEqual(doc.diagnostics, []);
      assert.equal(block(doc, 'Café').mapName, 'cafés');
      assert.equal(field(doc, 'Café', 'greeting').mapName, 'grüße');
      assert.equal(field(doc, 'Café', 'naïve').type, 'Boolean');
      assert.deepEqual(field(doc, 'Café', 'emoji').location.range.end, {
        line: lineOf(file.content, 'emoji    String'),
        character: '  emoji    String @default("🎉🎉")'.length,
      });
    });
  });

  describe('datasource and generator values', () => {
    it('reads function calls, nested lists and multi-line lists', () => {
      const content = [
        'datasource db {',
        '  provider   = "postgresql"',
        '  url        = env("DATABASE_URL")',
        '  extensions = [pgcrypto, postgis(version: "3.3")]',
        '}',
        'generator g {',
        '  previewFeatures = [',
        '    "views",',
        '    "metrics"',
        '  ]',
        '  output = "x" // comment',
        '}',
      ].join('\n');
      const doc = parseSchema([{ path: '/d.prisma', content }]);
      assert.deepEqual(doc.diagnostics, []);
      assert.deepEqual(
        block(doc, 'db').properties.map((p) => p.value),
        ['"postgresql"', 'env("DATABASE_URL")', '[pgcrypto, postgis(version: "3.3")]'],
      );
      const preview = block(doc, 'g').properties[0];
      assert.equal(preview.value, '[\n    "views",\n    "metrics"\n  ]');
      assert.deepEqual(preview.location.range, { start: { line: 6, character: 2 }, end: { line: 9, character: 3 } });
      assert.equal(block(doc, 'g').properties[1].value, '"x"');
    });
  });

  describe('multi-file schemas', () => {
    const schema = corpusSchemas().find((s) => s.name === 'multi-file');
    assert.ok(schema);
    const doc = parseSchema(schema.files);

    it('keeps file order and gives every block its own file', () => {
      assert.deepEqual(
        doc.files,
        schema.files.map((f) => f.path),
      );
      const user = block(doc, 'User');
      assert.ok(user.location.file.endsWith(path.join('models', 'user.prisma')));
      assert.equal(user.location.range.start.line, 1, 'line within its own file');
      assert.ok(block(doc, 'Plan').location.file.endsWith('enums.prisma'));
    });

    it('resolves relations and enums across files', () => {
      assert.equal(field(doc, 'User', 'plan').isEnum, true);
      assert.deepEqual(field(doc, 'Post', 'author').relation, {
        relatedModel: 'User',
        backField: 'posts',
        cardinality: 'many-to-one',
        self: false,
        fields: ['authorId'],
        references: ['id'],
      });
      assert.equal(field(doc, 'Organisation', 'members').relation?.backField, 'org');
    });

    it('reads a 40-file schema with a relation chain through every file', () => {
      const big = corpusSchemas().find((s) => s.name === 'multi-file-40');
      assert.ok(big);
      assert.equal(big.files.length, 40);
      const bigDoc = parseSchema(big.files);
      assert.deepEqual(bigDoc.diagnostics, []);
      const models = bigDoc.blocks.filter((b) => b.kind === 'model');
      assert.equal(models.length, 39);
      assert.equal(new Set(models.map((m) => m.location.file)).size, 39, 'one model per file');
      const relations = models.flatMap((m) => m.fields.filter((f) => f.isRelation));
      assert.equal(relations.length, 2 * 38);
      assert.ok(relations.every((f) => f.relation?.backField !== undefined));
    });
  });

  describe('tolerance', () => {
    it('never throws and keeps every range inside the file, whatever prefix of a schema it gets', () => {
      for (const schema of corpusSchemas().slice(0, 12)) {
        const content = schema.files[0].content;
        for (let cut = 0; cut <= content.length; cut += 7) {
          const text = content.slice(0, cut);
          const lines = text.split(/\r\n|\r|\n/);
          const doc = parseSchema([{ path: '/cut.prisma', content: text }]);
          for (const d of doc.diagnostics) {
            assert.ok(
              d.range.start.line < lines.length && d.range.end.line < lines.length,
              `${schema.name} cut at ${cut}: ${d.message}`,
            );
            assert.ok(
              d.range.end.character <= lines[d.range.end.line].length,
              `${schema.name} cut at ${cut}: ${d.message}`,
            );
          }
        }
      }
    });

    it('reads an empty file and a file of only comments', () => {
      assert.deepEqual(parseSchema([{ path: '/e.prisma', content: '' }]).blocks, []);
      assert.deepEqual(parseSchema([{ path: '/c.prisma', content: '// only\n/// comments\n' }]).diagnostics, []);
    });
  });
});
