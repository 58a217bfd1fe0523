// `/* ... */` block comments, as Prisma 6.x and 7.x read them: anywhere a `//` comment may stand, on one
// line or over several, never an error; like `///` they document the block, field or enum value they
// precede or trail (Prisma's DMMF carries their text as `documentation`; the agreement test checks
// that against get_dmmf on test/fixtures/schemas/block-comments.prisma).

import * as assert from 'node:assert/strict';
import { tokenize } from '../../../src/core/schema/lexer';
import { parseSchema } from '../../../src/core/schema/parse';
import { block, field, positionOf } from './helpers';

const parse = (content: string) => parseSchema([{ path: '/s.prisma', content }]);

const SCHEMA = [
  '/* A file header',
  '   spanning lines */',
  'datasource db {',
  '  provider = "postgresql" /* after a property */',
  '  /* inside a datasource */',
  '}',
  '',
  '/* between blocks */',
  'model User {',
  '  /* inside a model */',
  '  id    Int    @id @default(autoincrement()) /* after a field */',
  '  /* before a field */ email String @unique',
  '  /*',
  '   * over three lines',
  '   */',
  '  name  String? @db.VarChar(80)',
  '  posts Post[] // a line comment after /* a block comment',
  '  @@map("users") /* after a block attribute */',
  '}',
  '',
  'model Post {',
  '  id       Int  @id',
  '  authorId Int',
  '  author   User @relation(fields: [authorId], references: [id]) /* two',
  '    lines */',
  '  @@index([authorId])',
  '}',
  '',
  'enum Role { /* after the brace */',
  '  /* before a value */',
  '  ADMIN /* after a value */',
  '  USER',
  '}',
  '',
].join('\n');

describe('block comments /* */', () => {
  const doc = parse(SCHEMA);

  it('read without a diagnostic wherever Prisma accepts them', () => {
    assert.deepEqual(doc.diagnostics, []);
  });

  it('lose no block, field, property or attribute', () => {
    assert.deepEqual(
      doc.blocks.map((b) => `${b.kind} ${b.name}`),
      ['datasource db', 'model User', 'model Post', 'enum Role'],
    );
    assert.deepEqual(
      block(doc, 'db').properties.map((p) => [p.key, p.value]),
      [['provider', '"postgresql"']],
    );
    assert.deepEqual(
      block(doc, 'User').fields.map((f) => `${f.name}: ${f.type}${f.optional ? '?' : ''}${f.list ? '[]' : ''}`),
      ['id: Int', 'email: String', 'name: String?', 'posts: Post[]'],
    );
    const id = field(doc, 'User', 'id');
    assert.equal(id.isId, true);
    assert.equal(id.defaultValue, 'autoincrement()');
    assert.equal(field(doc, 'User', 'email').isUnique, true);
    assert.equal(field(doc, 'User', 'name').nativeType, 'VarChar(80)');
    assert.equal(block(doc, 'User').mapName, 'users');
    assert.deepEqual(
      block(doc, 'Post').attributes.map((a) => `@@${a.name}(${a.args ?? ''})`),
      ['@@index([authorId])'],
    );
    const author = field(doc, 'Post', 'author');
    assert.deepEqual(author.relation && [author.relation.relatedModel, author.relation.fields], ['User', ['authorId']]);
    assert.deepEqual(
      block(doc, 'Role').values.map((v) => v.name),
      ['ADMIN', 'USER'],
    );
  });

  it('document what they precede or trail, as Prisma does, and never swallow a // comment', () => {
    assert.equal(block(doc, 'User').documentation, 'between blocks');
    assert.equal(field(doc, 'User', 'id').documentation, 'inside a model\nafter a field');
    assert.equal(field(doc, 'User', 'email').documentation, 'before a field');
    assert.equal(field(doc, 'User', 'name').documentation, '* over three lines');
    assert.equal(field(doc, 'User', 'posts').documentation, undefined);
    assert.equal(field(doc, 'Post', 'author').documentation, 'two\n    lines');
    assert.equal(field(doc, 'Post', 'id').documentation, undefined, 'a comment after `{` documents nothing');
    const [admin, user] = block(doc, 'Role').values;
    assert.equal(admin.documentation, 'before a value\nafter a value');
    assert.equal(user.documentation, undefined);
  });

  it('keep every range after them right: fields, attributes, block ends', () => {
    const email = field(doc, 'User', 'email');
    assert.deepEqual(email.location.nameRange.start, positionOf(SCHEMA, 'email String', 'email'));
    const name = field(doc, 'User', 'name');
    assert.deepEqual(name.location.range, {
      start: positionOf(SCHEMA, 'name  String?', 'name'),
      end: { line: positionOf(SCHEMA, '@db.VarChar(80)').line, character: SCHEMA.split('\n')[15].length },
    });
    const index = block(doc, 'Post').attributes[0];
    assert.deepEqual(index.range.start, positionOf(SCHEMA, '@@index', '@@index'));
    assert.deepEqual(block(doc, 'Post').location.range.end, {
      line: positionOf(SCHEMA, '@@index').line + 1,
      character: 1,
    });
  });

  it('a multi-line comment is one token; the tokens after it keep their line and column', () => {
    const tokens = tokenize('/* a\r\n b */ model\n/**/x');
    assert.deepEqual(
      tokens.map((t) => `${t.kind}@${t.line}:${t.character}`),
      ['blockComment@0:0', 'ident@1:6', 'newline@1:11', 'blockComment@2:0', 'ident@2:4', 'eof@2:5'],
    );
  });

  it('an unclosed /* is one error on its line, and reading goes on at the next line', () => {
    const content = 'model A {\n  /* never closed\n  id Int @id\n}\n';
    const broken = parse(content);
    assert.deepEqual(
      broken.diagnostics.map((d) => [d.message, d.range.start]),
      [['Unterminated comment: add the closing */.', positionOf(content, '/* never', '/*')]],
    );
    assert.deepEqual(
      block(broken, 'A').fields.map((f) => f.name),
      ['id'],
    );
  });

  it('where Prisma rejects one (between attributes), the line is still reported', () => {
    const broken = parse('model A {\n  id Int @id /* c */ @default(1)\n}\n');
    assert.equal(broken.diagnostics.length, 1);
    assert.match(broken.diagnostics[0].message, /Unexpected "@"/);
  });

  it('inside a block a blank line does not drop a doc comment, a new comment group replaces it', () => {
    const blank = parse('model A {\n  /// kept\n\n  id Int @id\n  /// dropped\n\n  // new group\n  x Int\n}\n');
    assert.equal(field(blank, 'A', 'id').documentation, 'kept');
    assert.equal(field(blank, 'A', 'x').documentation, undefined);
    const top = parse('/* dropped by the blank line */\n\nmodel A {\n  id Int @id\n}\n');
    assert.equal(block(top, 'A').documentation, undefined);
  });
});
