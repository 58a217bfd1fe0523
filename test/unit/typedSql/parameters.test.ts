// TypedSQL parameters as Prisma reads them: the `-- @param` annotations (its own error words), each
// database's placeholders and numbering, typed values checked before a run, and binding that changes only
// placeholders.
import { strict as assert } from 'node:assert';
import { parseSqlDoc } from '../../../src/core/typedSql/sqlDoc';
import {
  bindParameters,
  parameterValue,
  placeholders,
  typedSqlParameters,
  type TypedSqlParameter,
} from '../../../src/core/typedSql/parameters';

describe('TypedSQL annotations', () => {
  it('reads type, position, alias, nullable and description as Prisma does', () => {
    const doc = parseSqlDoc(
      [
        '-- @description Users older than a given age',
        '-- @param {Int} $1:minAge the youngest age kept',
        '--@param {String} $2:name?',
        '-- @param $3:plain',
        '-- @param {Role} :role',
        'SELECT 1',
      ].join('\n'),
      ['Role'],
    );
    assert.equal(doc.description, 'Users older than a given age');
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(
      doc.params.map((p) => [p.type, p.position, p.alias, p.nullable, p.documentation, p.line]),
      [
        ['Int', 1, 'minAge', false, 'the youngest age kept', 1],
        ['String', 2, 'name', true, undefined, 2],
        [undefined, 3, 'plain', false, undefined, 3],
        ['Role', undefined, 'role', false, undefined, 4],
      ],
    );
  });

  it('says what is wrong, on its line', () => {
    const doc = parseSqlDoc(
      [
        'SELECT 1',
        '-- @param {Integer} $1:a',
        '-- @param {Int} $1f:b',
        '-- @param {Int} just words',
        '-- @param {Int} $2:c',
        '-- @param {Int} $2:d',
        '-- @param {Int $3:e',
      ].join('\n'),
    );
    assert.deepEqual(
      doc.problems.map((p) => [p.line, p.message]),
      [
        [
          1,
          "@param: invalid type: 'Integer' (accepted types are: 'Int', 'BigInt', 'Float', 'Boolean', 'String', 'DateTime', 'Json', 'Bytes', 'Decimal')",
        ],
        [2, '@param: invalid position. Expected a number found: 1f'],
        [3, '@param: missing position or alias (eg: $1:alias)'],
        [5, '@param: duplicate parameter (position or alias is already used)'],
        [6, '@param: missing closing bracket'],
      ],
    );
    assert.equal(doc.problems[0].start, '-- '.length);
    assert.equal(doc.problems[0].end, '-- @param {Integer} $1:a'.length);
  });
});

describe('TypedSQL placeholders', () => {
  it('PostgreSQL: $N, not inside strings, comments, dollar quotes or quoted names; :: is a cast', () => {
    const sql = `SELECT '$9', "$8", $$ $7 $$, $1::int -- $6\n, /* $5 */ $2, $1`;
    assert.deepEqual(
      placeholders(sql, 'postgresql').map((p) => p.position),
      [1, 2, 1],
    );
    assert.deepEqual(
      typedSqlParameters(sql, 'postgresql').map((p) => p.label),
      ['$1', '$2'],
    );
  });

  it('MySQL: each ? in order, not in strings, backticks or # comments', () => {
    const sql = 'SELECT \'?\', `a?`, ? # ?\n, "?", ?';
    assert.deepEqual(
      placeholders(sql, 'mysql').map((p) => p.position),
      [1, 2],
    );
  });

  it('SQLite: ?, ?NNN, :name, @name, $name numbered as SQLite numbers them', () => {
    const sql = 'SELECT ?, :a, ?5, ?, :a, @b, $c, [x?]';
    assert.deepEqual(
      placeholders(sql, 'sqlite').map((p) => [p.position, p.name]),
      [
        [1, undefined],
        [2, 'a'],
        [5, undefined],
        [6, undefined],
        [2, 'a'],
        [7, 'b'],
        [8, 'c'],
      ],
    );
    const params = typedSqlParameters('-- @param {Int} :a?\n-- @param {String} $1:first\n' + sql, 'sqlite');
    assert.deepEqual(
      params.slice(0, 2).map((p) => [p.position, p.label, p.type, p.nullable]),
      [
        [1, 'first', 'String', false],
        [2, 'a', 'Int', true],
      ],
    );
  });

  it('binding changes only the placeholders: SQLite gets one ? per use, PostgreSQL values by position', () => {
    const sql = "SELECT * FROM t WHERE a = :a AND b = ':a' AND c = :a AND d = ?";
    const params = typedSqlParameters(sql, 'sqlite');
    const bound = bindParameters(sql, 'sqlite', params, ['A', 'D']);
    assert.equal(bound.sql, "SELECT * FROM t WHERE a = ? AND b = ':a' AND c = ? AND d = ?");
    assert.deepEqual(bound.params, ['A', 'A', 'D']);
    const pgSql = 'SELECT $2, $1, $2';
    const pgBound = bindParameters(pgSql, 'postgresql', typedSqlParameters(pgSql, 'postgresql'), ['one', 'two']);
    assert.equal(pgBound.sql, pgSql);
    assert.deepEqual(pgBound.params, ['one', 'two']);
  });
});

describe('TypedSQL values', () => {
  const p = (type: string | undefined, nullable = false): TypedSqlParameter => ({
    position: 1,
    label: 'x',
    ...(type ? { type } : {}),
    nullable,
  });
  const value = (param: TypedSqlParameter, text: string, provider: 'sqlite' | 'postgresql' | 'mysql' = 'postgresql') =>
    parameterValue(param, text, provider, { Role: ['STUDENT', 'ADMIN'] });

  it('checks each type and gives what the driver binds', () => {
    assert.deepEqual(value(p('Int'), '42'), { value: 42 });
    assert.match((value(p('Int'), '4.2') as { error: string }).error, /whole number/);
    assert.match((value(p('Int'), '3000000000') as { error: string }).error, /BigInt/);
    assert.deepEqual(value(p('BigInt'), '9007199254740993', 'mysql'), { value: 9007199254740993n });
    assert.deepEqual(value(p('Float'), '1.5'), { value: 1.5 });
    assert.deepEqual(value(p('Decimal'), '19.99'), { value: '19.99' });
    assert.deepEqual(value(p('Boolean'), 'true', 'sqlite'), { value: 1 });
    assert.deepEqual(value(p('Boolean'), 'FALSE'), { value: false });
    assert.match((value(p('Boolean'), 'yes') as { error: string }).error, /true or false/);
    assert.deepEqual(value(p('DateTime'), '2024-01-31T12:00:00Z', 'mysql'), { value: '2024-01-31 12:00:00.000' });
    assert.match((value(p('DateTime'), 'soon') as { error: string }).error, /date and time/);
    assert.match((value(p('Json'), '{a:1}') as { error: string }).error, /not JSON/);
    assert.deepEqual(value(p('Bytes'), '0x01ff'), { value: Uint8Array.from([1, 255]) });
    assert.deepEqual(value(p('Role'), 'ADMIN'), { value: 'ADMIN' });
    assert.match((value(p('Role'), 'KING') as { error: string }).error, /STUDENT, ADMIN/);
    assert.deepEqual(value(p('String'), "it's"), { value: "it's" });
  });

  it('null is the null of a nullable parameter only (a String keeps the word)', () => {
    assert.deepEqual(value(p('Int', true), 'null'), { value: null });
    assert.match((value(p('Int'), 'null') as { error: string }).error, /not nullable/);
    assert.deepEqual(value(p('String'), 'null'), { value: 'null' });
    assert.deepEqual(value(p('String', true), 'null'), { value: null });
    assert.deepEqual(value(p(undefined), 'null'), { value: null });
    assert.deepEqual(value(p(undefined), '7', 'sqlite'), { value: 7 });
    assert.deepEqual(value(p(undefined), '7'), { value: '7' });
  });
});
