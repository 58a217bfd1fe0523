// The text a user pastes into the grid -> wire values, held to the grid's own codec (core/data/codec.ts):
// every value the paste accepts is one the save decodes, and text the codec takes is not refused.
import * as assert from 'node:assert/strict';
import { decodeValue } from '../../../src/core/data/codec';
import { parseCellText, type CellColumn } from '../../../src/shared/cellText';

const column = (type: CellColumn['type'], extra: Partial<CellColumn> = {}): CellColumn => ({
  name: 'c',
  type,
  list: false,
  optional: false,
  ...extra,
});

const samples: Record<CellColumn['type'], string[]> = {
  String: ['', ' x ', 'NULL', 'a\tb'],
  Int: ['0', '-2147483648', '2147483647', '2147483648', '1.5', ' 7 ', 'x', '+3'],
  BigInt: ['9223372036854775807', '9223372036854775808', '-9223372036854775808', '12.0', '007'],
  Float: ['1', '-1.5e-3', '.5', 'NaN', 'Infinity', '-Infinity', '1,5', 'abc', '1e400'],
  Decimal: ['0.1000000000000000000000001', '-5', '1e3', '1.2.3', ''],
  Boolean: ['true', 'false', 'TRUE', 'False', 'yes', '1'],
  DateTime: [
    '2024-05-01T12:30:00.000Z',
    '2024-05-01 12:30:00.000 UTC',
    '2024-05-01',
    '2024-05-01T12:30',
    '2024-05-01T12:30:00+02:00',
    '2024-13-01',
    'yesterday',
  ],
  Bytes: ['AAEC', '0x0001ff', '0x123', 'not base64!', ''],
  Json: ['{"a":1}', '[1, 2]', 'null', '"s"', '{bad', ''],
  Enum: ['ADMIN', 'admin', 'OTHER'],
};

describe('paste: cell text -> wire value, by the grid codec', () => {
  for (const [type, texts] of Object.entries(samples) as [CellColumn['type'], string[]][]) {
    it(`${type}: what the paste accepts, the codec decodes; what it refuses says why`, () => {
      const c = column(type, type === 'Enum' ? { enumValues: ['ADMIN', 'STUDENT'] } : {});
      for (const text of texts) {
        const parsed = parseCellText(text, c);
        if (parsed.ok) assert.doesNotThrow(() => decodeValue(parsed.value, c), `${type} ${JSON.stringify(text)}`);
        else {
          assert.match(parsed.reason, /is not /, `${type} ${JSON.stringify(text)}`);
          // the codec refuses the same text given as a wire value
          assert.throws(() => decodeValue(text, c), `${type} ${JSON.stringify(text)} is refused by the codec too`);
        }
      }
    });
  }

  it('gives canonical wire values and the values as typed where they are exact text', () => {
    const v = (text: string | null, type: CellColumn['type'], extra: Partial<CellColumn> = {}) => {
      const r = parseCellText(text, column(type, extra));
      return r.ok ? r.value : `refused: ${r.reason}`;
    };
    assert.equal(v('42', 'Int'), 42);
    assert.equal(v('TRUE', 'Boolean'), true);
    assert.equal(v('2024-05-01 12:30:00.000 UTC', 'DateTime'), '2024-05-01T12:30:00.000Z');
    assert.equal(v('2024-05-01T14:30:00+02:00', 'DateTime'), '2024-05-01T12:30:00.000Z');
    assert.equal(v('0x0001ff', 'Bytes'), 'AAH/');
    assert.equal(v('0.1000000000000000000000001', 'Decimal'), '0.1000000000000000000000001');
    assert.equal(v('+9223372036854775807', 'BigInt'), '9223372036854775807');
    assert.equal(v('{"a": 1}', 'Json'), '{"a": 1}', 'Json text kept as given (its spacing too)');
    assert.equal(v(null, 'Int', { optional: true }), null);
    assert.equal(v(null, 'String'), '', 'a required text column takes an empty cell as the empty string');
    assert.equal(v(null, 'Int'), 'refused: is required: an empty cell is NULL');
    assert.equal(v('[1,2]', 'Int', { list: true }), '[1,2]');
    assert.match(
      String(v('[1,"x"]', 'Int', { list: true })),
      /^refused: has an item "x" that "x" is not a 32-bit integer/,
    );
    assert.match(String(v('1,2', 'Int', { list: true })), /^refused: is a list/);
  });
});
