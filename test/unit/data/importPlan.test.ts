// Import: parse CSV / JSON, map columns to fields, type-check every value with the grid's codecs, and give
// back exactly what the export wrote, for every type.
import * as assert from 'node:assert/strict';
import { encodeValue, sameValue } from '../../../src/core/data/codec';
import { csvLines } from '../../../src/core/data/exportFormat';
import {
  describeIssue,
  importFormatOf,
  ImportChecker,
  importPreviewText,
  ImportParseError,
  planImport,
} from '../../../src/core/data/importPlan';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { parseSchema } from '../../../src/core/schema/parse';
import type { ModelMeta, WireRow } from '../../../src/shared/protocol/model';

const DbNull = { db: true };
const JsonNull = { json: true };
const nulls = { DbNull, JsonNull };

const schema = `datasource db {
  provider = "postgresql"
}
enum Level {
  LOW
  HIGH
}
model Thing {
  id       BigInt    @id
  name     String    @unique
  note     String?
  count    Int       @default(0)
  ratio    Float?
  flag     Boolean?
  price    Decimal?
  at       DateTime? @map("at_time")
  data     Json?
  blob     Bytes?
  level    Level     @default(LOW)
  tags     String[]
  stamps   DateTime[]
  updated  DateTime  @updatedAt
}
`;
const thing: ModelMeta = modelMeta(parseSchema([{ path: '/v/schema.prisma', content: schema }]), 'Thing');
const columns = thing.columns.map((c) => c.name);

const rows: WireRow[] = [
  {
    id: '9223372036854775807',
    name: 'max',
    note: '',
    count: 2147483647,
    ratio: 0.1,
    flag: true,
    price: '12345678901234567890.123456789012345678',
    at: '2024-02-29T23:59:59.987Z',
    data: '{"nested":{"list":[1,2.5,"x",null,true]},"quote":"a \\"b\\", c\\nd"}',
    blob: 'AAH+/w==',
    level: 'HIGH',
    tags: '["a","b, c","\\"q\\""]',
    stamps: '["2024-01-01T00:00:00.001Z"]',
    updated: '2025-01-01T00:00:00.000Z',
  },
  {
    id: '-9223372036854775808',
    name: 'nulls',
    note: null,
    count: -5,
    ratio: null,
    flag: null,
    price: null,
    at: null,
    data: 'null',
    blob: null,
    level: 'LOW',
    tags: '[]',
    stamps: '[]',
    updated: '2025-01-01T00:00:00.000Z',
  },
  {
    id: '3',
    name: 'db null json',
    note: 'multi\nline',
    count: 0,
    ratio: -1.5e-7,
    flag: false,
    price: '-0.000000001',
    at: '1970-01-01T00:00:00.000Z',
    data: null,
    blob: '',
    level: 'LOW',
    tags: '[""]',
    stamps: '[]',
    updated: '2025-01-01T00:00:00.000Z',
  },
];

/** The decoded client value back to the wire, as the grid would read it from the database. */
function reencode(value: unknown, name: string): WireRow[string] {
  const column = thing.columns.find((c) => c.name === name)!;
  if (value === JsonNull) return 'null';
  if (value === DbNull) return null;
  return encodeValue(value, column);
}

function assertSameRows(data: Record<string, unknown>[], expected: WireRow[]): void {
  assert.equal(data.length, expected.length);
  data.forEach((d, i) => {
    for (const c of thing.columns) {
      const want = expected[i][c.name];
      const got = reencode(d[c.name], c.name);
      assert.ok(
        sameValue(got, want, c.type),
        `row ${i + 1} ${c.name}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`,
      );
      if (c.type !== 'Json') assert.deepEqual(got, want, `row ${i + 1} ${c.name} exactly`);
    }
  });
}

describe('import: plan (parse, map, type-check)', () => {
  it('knows the format by extension', () => {
    assert.equal(importFormatOf('/a/users.CSV'), 'csv');
    assert.equal(importFormatOf('users.json'), 'json');
    assert.equal(importFormatOf('users.txt'), undefined);
  });

  it('CSV as the export writes it gives back every value exactly (BigInt, Decimal, DateTime ms, Json, Bytes, enums, lists, NULL vs "")', () => {
    const text = csvLines(columns, rows, true);
    const plan = planImport(thing, text, 'csv', nulls);
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(plan.ignored, []);
    assert.equal(plan.rows.length, 3);
    assertSameRows(plan.data, rows);
    assert.equal(plan.data[0].note, '', 'a quoted empty field is the empty string');
    assert.equal(plan.data[1].note, null, 'an empty unquoted field is NULL');
    assert.equal(plan.data[1].data, JsonNull, 'JSON null stays apart from a database NULL');
    assert.equal(plan.data[2].data, DbNull);
    assert.equal(plan.data[0].id, 2n ** 63n - 1n);
  });

  it('JSON as the export writes it gives back every value exactly', () => {
    const text = `[${rows.map((r) => `\n  ${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c]])))}`).join(',')}\n]\n`;
    const plan = planImport(thing, text, 'json', nulls);
    assert.deepEqual(plan.errors, []);
    assertSameRows(plan.data, rows);
  });

  it('JSON written by hand: Json and lists as values, numbers for numbers, missing keys take the default', () => {
    const text = JSON.stringify([
      { id: 7, name: 'hand', data: { a: [1, { b: null }] }, tags: ['x', 'y'], price: 1.25, flag: true },
    ]);
    const plan = planImport(thing, text, 'json', nulls);
    assert.deepEqual(plan.errors, []);
    const [d] = plan.data;
    assert.equal(d.id, 7n);
    assert.deepEqual(d.data, { a: [1, { b: null }] });
    assert.deepEqual(d.tags, ['x', 'y']);
    assert.equal(d.price, '1.25');
    assert.ok(
      !('count' in d) && !('level' in d) && !('updated' in d),
      'fields the row leaves out are not sent: defaults apply',
    );
  });

  it('a BigInt beyond 2^53 written as a JSON number is refused (its digits are lost), not rounded', () => {
    const plan = planImport(thing, '[{"id": 9223372036854775807, "name": "x"}]', 'json', nulls);
    assert.equal(plan.data.length, 0);
    assert.match(describeIssue(plan.errors[0]), /^Row 1, id: .*beyond 2\^53.*write it as a string/);
  });

  it('maps columns by field name, database name (@map) or case, and says which it leaves out', () => {
    const plan = planImport(thing, 'ID,Name,at_time,extra\r\n1,a,2024-01-01T00:00:00.000Z,zzz\r\n', 'csv', nulls);
    assert.deepEqual(plan.mapping, [
      { source: 'ID', field: 'id' },
      { source: 'Name', field: 'name' },
      { source: 'at_time', field: 'at' },
    ]);
    assert.deepEqual(plan.ignored, ['extra']);
    assert.deepEqual(plan.errors, []);
    assert.equal((plan.data[0].at as Date).toISOString(), '2024-01-01T00:00:00.000Z');
  });

  it('lists every type error with its row, line and column in words, and writes nothing', () => {
    const text = [
      'id,name,count,flag,price,at,data,blob,level,tags',
      '1,ok,1,true,1.5,2024-01-01T00:00:00Z,{},AA==,LOW,[]',
      '2,bad,1.5,maybe,abc,yesterday,{oops,!!,MEDIUM,notalist',
      '3,,99999999999,1,1,2024-01-01,1,AA==,HIGH,"[""a""]"',
      '4,,1,0,1,2024-01-01,1,AA==,HIGH,[]',
    ].join('\n');
    const plan = planImport(thing, text, 'csv', nulls);
    assert.equal(plan.data.length, 0, 'nothing to write while there are errors');
    assert.equal(plan.rows.length, 4);
    const said = plan.errors.map(describeIssue);
    assert.deepEqual(said.slice(0, 8), [
      'Row 2 (line 3), count: "1.5" is not a 32-bit integer',
      'Row 2 (line 3), flag: "maybe" is not true or false',
      'Row 2 (line 3), price: "abc" is not a decimal number',
      'Row 2 (line 3), at: "yesterday" is not a date-time (ISO 8601, e.g. 2024-05-01T12:30:00.000Z)',
      said[4],
      'Row 2 (line 3), blob: "!!" is not base64 (or 0x-prefixed hex)',
      'Row 2 (line 3), level: "MEDIUM" is not one of LOW, HIGH',
      'Row 2 (line 3), tags: not a JSON array',
    ]);
    assert.match(said[4], /^Row 2 \(line 3\), data: "\{oops" is not valid JSON \(.+\)$/);
    assert.ok(
      said.includes('Row 3 (line 4), name is required but the row has NULL (write "" in the CSV for an empty text).'),
      said.join('\n'),
    );
    assert.ok(said.includes('Row 3 (line 4), count: "99999999999" is not a 32-bit integer'), said.join('\n'));
    const preview = importPreviewText(plan, 'things.csv');
    assert.match(preview, /4 rows/);
    assert.match(preview, /problems: nothing can be imported/);
    assert.match(preview, /Row 2 \(line 3\), flag: "maybe" is not true or false/);
  });

  it('on a huge file, looks for duplicates of a unique field among the first values only, and says so in the preview', () => {
    // the limit is 200,000 values per field (memory stays bounded); 2 here
    const checker = new ImportChecker(thing, ['id', 'name'], 'csv', nulls, 10, 2);
    for (const [line, [id, name]] of [
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
      ['4', 'a'],
      ['5', 'c'],
    ].entries())
      checker.row({ line: line + 2, values: { id, name } });
    const summary = checker.summary();
    // "a" was among the first two names: its duplicate is named; "c" came after: the database refuses it
    assert.deepEqual(summary.errors.map(describeIssue), ['Row 4 (line 5), name "a" is also in row 1; name is unique.']);
    assert.equal(summary.uniquesCheckedUpTo, 2);
    assert.match(
      importPreviewText(summary, 'big.csv'),
      /inside the file were looked for among its first 2 values; the database refuses a later one/,
    );
  });

  it('names duplicates of a unique field inside the file, and required fields the file lacks', () => {
    const dup = planImport(thing, 'id,name\n1,a\n2,a\n', 'csv', nulls);
    assert.deepEqual(dup.errors.map(describeIssue), ['Row 2 (line 3), name "a" is also in row 1; name is unique.']);
    const missing = planImport(thing, 'note\nx\n', 'csv', nulls);
    assert.deepEqual(missing.errors.map(describeIssue), [
      'id: The file has no id column, and Thing requires it (no default).',
      'name: The file has no name column, and Thing requires it (no default).',
    ]);
    const jsonMissing = planImport(thing, '[{"id": "1", "name": "a"}, {"id": "2"}]', 'json', nulls);
    assert.deepEqual(jsonMissing.errors.map(describeIssue), [
      'Row 2, name is missing from this row, and Thing requires it (no default).',
    ]);
  });

  it('refuses files it cannot read, saying why', () => {
    assert.throws(
      () => planImport(thing, '{"id": 1}', 'json'),
      (e: Error) => e instanceof ImportParseError && /array of objects/.test(e.message),
    );
    assert.throws(() => planImport(thing, '[1, 2]', 'json'), /item 1 is 1/);
    assert.throws(() => planImport(thing, '', 'csv'), /empty/);
    assert.throws(
      () => planImport(thing, 'id,name\n1,"unclosed\n', 'csv'),
      (e: Error) => e instanceof ImportParseError && /CSV file cannot be read/.test(e.message),
    );
    assert.throws(() => planImport(thing, 'id,name\n1,a,extra\n', 'csv'), /CSV file cannot be read/);
    assert.deepEqual(
      planImport(thing, 'id,name\n', 'csv').errors.map((e) => e.message),
      ['The file has no rows to import.'],
    );
  });

  it('previews the row count, the mapping and the first rows', () => {
    const plan = planImport(thing, csvLines(columns, rows, true), 'csv', nulls);
    const text = importPreviewText(plan, 'things.csv', 2);
    assert.match(text, /# Import into Thing/);
    assert.match(text, /\*\*3 rows\*\*/);
    assert.match(text, /Every value fits its field/);
    assert.match(text, /## First 2 rows/);
    assert.match(text, /\| 1 \| 9223372036854775807 \| max \| "" \|/);
    assert.match(text, /\| 2 \| -9223372036854775808 \| nulls \| NULL \|/);
  });
});
