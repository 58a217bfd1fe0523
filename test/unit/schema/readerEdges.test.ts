// Edge cases of the fast reader (token arrays, shared name strings, the look-up-free resolve step):
// the spots where a shortcut could read differently from the plain rules.

import * as assert from 'node:assert/strict';
import { attributeString, fieldList, splitArgs, unquote } from '../../../src/core/schema/attributeArgs';
import { tokenize } from '../../../src/core/schema/lexer';
import type { Attribute } from '../../../src/core/schema/model';
import { parseSchema } from '../../../src/core/schema/parse';
import { field } from './helpers';

const parse = (content: string) => parseSchema([{ path: '/s.prisma', content }]);
const attr = (args?: string): Attribute => ({
  name: 'map',
  args,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
});

describe('schema reader edge cases', () => {
  it('tokenize: kinds, CRLF lines, Unicode names, surrogate pairs and unterminated strings', () => {
    const tokens = tokenize('model Café {\r\n  a "x\n  😀 -1.5 /// d\n}');
    assert.deepEqual(
      tokens.map(
        (t) => `${t.kind}:${t.text.replace(/\r?\n/, '\\n')}@${t.line}:${t.character}${t.unterminated ? '!' : ''}`,
      ),
      [
        'ident:model@0:0',
        'ident:Café@0:6',
        'punct:{@0:11',
        'newline:\\n@0:12',
        'ident:a@1:2',
        'string:"x@1:4!',
        'newline:\\n@1:6',
        'unknown:😀@2:2',
        'number:-1.5@2:5',
        'docComment:/// d@2:10',
        'newline:\\n@2:15',
        'punct:}@3:0',
        'eof:@3:1',
      ],
    );
  });

  it('attribute strings: the plain-string shortcut and escapes read alike', () => {
    assert.equal(attributeString(attr('"users"'), 'name'), 'users');
    assert.equal(attributeString(attr('"a\\"b"'), 'name'), 'a"b');
    assert.equal(attributeString(attr('name: "x", other: "y"'), 'name'), 'x');
    assert.equal(attributeString(attr('"a" "b"'), 'name'), 'a" "b');
    assert.equal(attributeString(attr(undefined), 'name'), undefined);
    assert.equal(unquote('"a\tb"'), 'a\tb');
  });

  it('splitArgs: a name, any whitespace before the colon, never `::`', () => {
    assert.deepEqual(splitArgs('name\u00a0: "x", a::b, -x: 1, [p, q]'), [
      { name: 'name', value: '"x"' },
      { value: 'a::b' },
      { value: '-x: 1' },
      { value: '[p, q]' },
    ]);
    assert.deepEqual(fieldList('[createdAt(sort: Desc), code , (x)]'), ['createdAt', 'code']);
  });

  it('attribute names: `@db. Text` still reads as db.Text; native types keep their arguments', () => {
    const doc = parse('model A {\n  id Int @id\n  a String @db. Text\n  b String @db.VarChar(255)\n}\n');
    assert.deepEqual(
      field(doc, 'A', 'a').attributes.map((a) => a.name),
      ['db.Text'],
    );
    assert.equal(field(doc, 'A', 'b').nativeType, 'VarChar(255)');
  });

  it('a block named like a built-in scalar is still found as a field type', () => {
    const doc = parse(
      'model String {\n  id Int @id\n  owner Owner?\n}\nmodel Owner {\n  id Int @id\n  name String\n}\n',
    );
    const name = field(doc, 'Owner', 'name');
    assert.equal(name.isRelation, true);
    assert.equal(name.relation?.relatedModel, 'String');
    assert.equal(name.relation?.backField, 'owner');
    assert.equal(field(doc, 'String', 'owner').relation?.cardinality, 'one-to-one');
  });

  it('back fields across files and by relation name', () => {
    const doc = parseSchema([
      { path: '/a.prisma', content: 'model A {\n  id Int @id\n  bs B[] @relation("x")\n  b2 B[]\n}\n' },
      {
        path: '/b.prisma',
        content:
          'model B {\n  id Int @id\n  a A @relation("x", fields: [aId], references: [id])\n  aId Int\n  a2 A\n  a3 A\n}\n',
      },
    ]);
    assert.equal(field(doc, 'A', 'bs').relation?.backField, 'a');
    assert.equal(field(doc, 'B', 'a').relation?.cardinality, 'many-to-one');
    assert.deepEqual(field(doc, 'B', 'a').relation?.fields, ['aId']);
    // Two unnamed candidates on B: no single back field.
    assert.equal(field(doc, 'A', 'b2').relation?.backField, undefined);
  });

  it('unterminated strings are reported once each, in order, at the string', () => {
    const doc = parse('model A {\n  id Int @default("x)\n  b String @map("y\n}\n');
    const unterminated = doc.diagnostics.filter((d) => d.message.startsWith('Unterminated string'));
    assert.deepEqual(
      unterminated.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        [1, 18, 21],
        [2, 16, 18],
      ],
    );
  });
});
