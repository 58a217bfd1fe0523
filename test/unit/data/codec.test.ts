import * as assert from 'node:assert/strict';
import { CodecError, decodeValue, encodeValue, sameValue } from '../../../src/core/data/codec';
import type { ColumnMeta, ScalarType } from '../../../src/shared/protocol/model';

const col = (type: ScalarType, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({
  name: 'c',
  type,
  optional: true,
  list: false,
  isId: false,
  isUnique: false,
  isUpdatedAt: false,
  sortable: true,
  ...extra,
});
const DbNull = { db: true };
const JsonNull = { json: true };
const nulls = { DbNull, JsonNull };

/** The client's decimal.js values only need toFixed() here. */
class FakeDecimal {
  constructor(private readonly s: string) {}
  toFixed(): string {
    return this.s;
  }
}

describe('value codecs', () => {
  it('BigInt beyond 2^53 round-trips exactly', () => {
    const big = 2n ** 63n - 1n;
    const wire = encodeValue(big, col('BigInt'));
    assert.equal(wire, '9223372036854775807');
    assert.equal(decodeValue(wire, col('BigInt')), big);
    assert.throws(() => decodeValue('9223372036854775808', col('BigInt')), CodecError);
  });

  it('Decimal keeps every digit', () => {
    const wire = encodeValue(new FakeDecimal('12345678901234567890.123456789012345'), col('Decimal'));
    assert.equal(wire, '12345678901234567890.123456789012345');
    assert.equal(decodeValue(wire, col('Decimal')), '12345678901234567890.123456789012345');
    assert.throws(() => decodeValue('12,5', col('Decimal')), /not a decimal/);
  });

  it('DateTime to the millisecond, zone explicit, no zone means UTC', () => {
    const d = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 987));
    assert.equal(encodeValue(d, col('DateTime')), '2024-02-29T23:59:59.987Z');
    assert.equal((decodeValue('2024-02-29T23:59:59.987Z', col('DateTime')) as Date).getTime(), d.getTime());
    assert.equal((decodeValue('2024-03-01T01:59:59.987+02:00', col('DateTime')) as Date).getTime(), d.getTime());
    assert.equal((decodeValue('2024-02-29 23:59:59.987', col('DateTime')) as Date).getTime(), d.getTime());
    assert.equal((decodeValue('2024-02-29', col('DateTime')) as Date).toISOString(), '2024-02-29T00:00:00.000Z');
    assert.throws(() => decodeValue('yesterday', col('DateTime')), CodecError);
  });

  it('Json: JSON null is not database NULL, any shape survives', () => {
    assert.equal(encodeValue(null, col('Json')), null);
    assert.equal(decodeValue(null, col('Json'), nulls), DbNull);
    assert.equal(decodeValue('null', col('Json'), nulls), JsonNull);
    const shape = { a: [1, { b: null }], s: 'x"y', n: 1.5 };
    assert.deepEqual(decodeValue(encodeValue(shape, col('Json')), col('Json'), nulls), shape);
    assert.equal(encodeValue('just a string', col('Json')), '"just a string"');
    assert.throws(() => decodeValue('{bad', col('Json'), nulls), /valid JSON/);
  });

  it('Bytes as base64, hex accepted', () => {
    const bytes = Uint8Array.from([0, 1, 254, 255]);
    const wire = encodeValue(bytes, col('Bytes'));
    assert.equal(wire, 'AAH+/w==');
    assert.deepEqual(decodeValue(wire, col('Bytes')), bytes);
    assert.deepEqual(decodeValue('0x0001feff', col('Bytes')), bytes);
    assert.throws(() => decodeValue('not base64!', col('Bytes')), CodecError);
  });

  it('Int, Float, Boolean, enums and strings, NULL vs empty string', () => {
    assert.equal(decodeValue('42', col('Int')), 42);
    assert.throws(() => decodeValue('2147483648', col('Int')), /32-bit/);
    assert.throws(() => decodeValue('1.5', col('Int')), CodecError);
    assert.equal(decodeValue('1e3', col('Float')), 1000);
    assert.ok(Number.isNaN(decodeValue('NaN', col('Float')) as number));
    assert.equal(encodeValue(Infinity, col('Float')), 'Infinity');
    assert.equal(decodeValue('false', col('Boolean')), false);
    assert.equal(decodeValue('TEAM', col('Enum', { enumValues: ['FREE', 'TEAM'] })), 'TEAM');
    assert.throws(() => decodeValue('GOLD', col('Enum', { enumValues: ['FREE', 'TEAM'] })), /one of FREE, TEAM/);
    assert.equal(decodeValue('', col('String')), '');
    assert.equal(decodeValue(null, col('String')), null);
  });

  it('lists travel as JSON arrays of element values', () => {
    const c = col('BigInt', { list: true });
    const wire = encodeValue([1n, 2n ** 60n], c);
    assert.equal(wire, '["1","1152921504606846976"]');
    assert.deepEqual(decodeValue(wire, c), [1n, 2n ** 60n]);
  });

  it('sameValue compares Json by meaning and Decimal by value', () => {
    assert.ok(sameValue('{"a":1,"b":2}', '{"b": 2, "a": 1}', 'Json'));
    assert.ok(!sameValue('{"a":1}', '{"a":2}', 'Json'));
    assert.ok(sameValue('1.50', '1.5', 'Decimal'));
    assert.ok(!sameValue('x', null, 'String'));
  });
});
