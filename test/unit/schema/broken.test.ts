// Half-typed and invalid schemas: what the reader still shows and where it says something is wrong.
// Each file of test/fixtures/schemas/broken has one entry; a file without one fails the suite.

import * as assert from 'node:assert/strict';
import type { SchemaDocument } from '../../../src/core/schema/model';
import { parseSchema } from '../../../src/core/schema/parse';
import { brokenSchema, brokenSchemaNames } from './corpus';

interface Expectation {
  /** `kind name: field field ...` per block read. */
  blocks: string[];
  /** `line: message start` per parser diagnostic, 1-based lines as an editor shows them. */
  diagnostics: string[];
}

const EXPECTED: Readonly<Record<string, Expectation>> = {
  'half-typed-model.prisma': {
    blocks: ['datasource db:', 'model User: id email posts na', 'model Post: id author authorId title'],
    diagnostics: ['9: Field "na" in model User has no type.', '12: Missing "}" to close model Post.'],
  },
  'unclosed-brace.prisma': {
    blocks: ['model Author: id books', 'model Book: id author authorId', 'enum Genre: FICTION POETRY'],
    diagnostics: ['1: Missing "}" to close model Author.', '11: Missing "}" to close enum Genre.'],
  },
  'missing-type.prisma': {
    blocks: ['model Order: id total status note'],
    diagnostics: ['3: Field "total" in model Order has no type.', '4: Field "status" in model Order has no type.'],
  },
  'stray-tokens.prisma': {
    blocks: ['datasource db:', 'model Widget: id name size', 'model Gadget: id'],
    diagnostics: [
      '5: Unexpected "this": expected a block',
      '10: Unexpected ")".',
      '11: Unexpected "=" in model Widget.',
      '15: Unexpected "}": expected a block',
    ],
  },
  // Parseable but invalid for Prisma: the reader has nothing to say, Prisma's validation does (validate.test.ts).
  'unknown-type.prisma': { blocks: ['datasource db:', 'model Invoice: id amount client'], diagnostics: [] },
  'relation-without-back-field.prisma': {
    blocks: ['datasource db:', 'model Author: id', 'model Book: id author authorId editors'],
    diagnostics: [],
  },
  'ambiguous-relation.prisma': {
    blocks: [
      'datasource db:',
      'model Person: id written received',
      'model Letter: id writer writerId receiver receiverId',
    ],
    diagnostics: [],
  },
  'unclosed-paren.prisma': {
    blocks: ['model Event: id at name tags'],
    diagnostics: ['2: Missing ")" to close "(".', '4: Missing ")" to close "(".'],
  },
  'legacy-optional-list.prisma': {
    blocks: ['model Legacy: id tags other'],
    diagnostics: ['3: Optional lists are not supported'],
  },
  'block-missing-name.prisma': {
    blocks: ['model Named: id', 'enum Fine: A'],
    diagnostics: ['1: A model needs a name', '5: Expected "{" after model Named.'],
  },
  'unterminated-string.prisma': {
    blocks: ['model Quote: id text by'],
    diagnostics: ['3: Missing ")" to close "(".', '3: Unterminated string'],
  },
};

function blocksOf(doc: SchemaDocument): string[] {
  return doc.blocks.map((b) => `${b.kind} ${b.name}:${[...b.fields, ...b.values].map((m) => ` ${m.name}`).join('')}`);
}

describe('broken schemas', () => {
  it('every file in broken/ has expectations', () => {
    assert.deepEqual(brokenSchemaNames(), Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: still shows what it can read, and says where it broke`, () => {
      const doc = parseSchema(brokenSchema(name));
      assert.deepEqual(blocksOf(doc), expected.blocks);
      const actual = doc.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`);
      assert.equal(actual.length, expected.diagnostics.length, actual.join('\n'));
      expected.diagnostics.forEach((prefix, i) =>
        assert.ok(actual[i].startsWith(prefix), `${actual[i]} should start with ${prefix}`),
      );
      assert.ok(doc.diagnostics.every((d) => d.source === 'parser'));
    });
  }

  it('a half-typed field keeps its name range so the editor can point at it', () => {
    const doc = parseSchema(brokenSchema('missing-type.prisma'));
    const total = doc.blocks[0].fields[1];
    assert.equal(total.type, '');
    assert.equal(total.defaultValue, '0', 'attributes after a missing type are still read');
    assert.deepEqual(doc.diagnostics[0].range, total.location.nameRange);
  });

  it('a legacy optional list is read as both, with a warning', () => {
    const doc = parseSchema(brokenSchema('legacy-optional-list.prisma'));
    const tags = doc.blocks[0].fields[1];
    assert.deepEqual([tags.type, tags.list, tags.optional], ['String', true, true]);
    assert.equal(doc.diagnostics[0].severity, 'warning');
  });
});
