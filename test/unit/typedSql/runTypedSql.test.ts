// TypedSQL queries run with bound parameters on real databases (SQLite in a temp file, PostgreSQL and MariaDB
// in throwaway databases): each database's placeholders, typed values from the annotations, a value that would
// break out of a string when interpolated staying one value, and null for a nullable parameter.
import { strict as assert } from 'node:assert';
import { runQuery, type SqlProvider } from '../../../src/core/notebook/runQuery';
import {
  bindParameters,
  parameterValue,
  typedSqlParameters,
  type ParameterValue,
} from '../../../src/core/typedSql/parameters';
import { throwawayDatabase } from '../testServers';

const setup = [
  'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(50), age INT, active BOOLEAN)',
  "INSERT INTO users VALUES (1, 'ann@x.io', 31, TRUE), (2, 'bob@x.io', 17, FALSE), (3, 'o''hara@x.io', 45, TRUE), (4, NULL, 50, TRUE)",
];

/** The same query in each database's placeholders. */
const queries: Record<SqlProvider, string> = {
  postgresql: `-- @param {Int} $1:minAge
-- @param {Boolean} $2:active
SELECT id, email FROM users WHERE age >= $1 AND active = $2 ORDER BY id`,
  mysql: `-- @param {Int} $1:minAge
-- @param {Boolean} $2:active
SELECT id, email FROM users WHERE age >= ? AND active = ? ORDER BY id`,
  sqlite: `-- @param {Int} :minAge
-- @param {Boolean} $2:active
SELECT id, email FROM users WHERE age >= :minAge AND active = ?2 AND (age >= :minAge OR id < 0) ORDER BY id`,
};

const byEmail: Record<SqlProvider, string> = {
  postgresql: '-- @param {String} $1:email?\nSELECT id FROM users WHERE email = $1 OR ($1 IS NULL AND email IS NULL)',
  mysql:
    '-- @param {String} $1:email?\n-- @param {String} $2:same?\nSELECT id FROM users WHERE email = ? OR (? IS NULL AND email IS NULL)',
  sqlite: '-- @param {String} :email?\nSELECT id FROM users WHERE email = :email OR (:email IS NULL AND email IS NULL)',
};

for (const provider of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`TypedSQL runs with parameters on ${provider}`, function () {
    this.timeout(30_000);
    let url: string;
    let db: { url: string; drop(): Promise<void> } | undefined;

    before(async function () {
      db = await throwawayDatabase(this, provider, 'typedsql', setup);
      url = db.url;
    });
    after(async () => db?.drop());

    const run = async (sql: string, texts: string[]) => {
      const params = typedSqlParameters(sql, provider);
      assert.equal(params.length, texts.length, `parameters: ${params.map((p) => p.label).join(', ')}`);
      const values = params.map((p, i) => {
        const v = parameterValue(p, texts[i], provider);
        if ('error' in v) throw new Error(v.error);
        return v.value;
      }) as ParameterValue[];
      const bound = bindParameters(sql, provider, params, values);
      return runQuery(provider, url, bound.sql, { writes: false, timeoutMs: 10_000, params: bound.params });
    };

    it('binds typed parameters by position and by name', async () => {
      const params = typedSqlParameters(queries[provider], provider);
      assert.deepEqual(
        params.map((p) => [p.label, p.type]),
        [
          ['minAge', 'Int'],
          ['active', 'Boolean'],
        ],
      );
      const r = await run(queries[provider], ['30', 'true']);
      assert.deepEqual(
        r.rows.map((row) => [Number(row[0]), row[1]]),
        [
          [1, 'ann@x.io'],
          [3, "o'hara@x.io"],
          [4, null],
        ],
      );
      const none = await run(queries[provider], ['30', 'false']);
      assert.equal(none.rowCount, 0);
    });

    it('binds a quote as data, never as SQL, and null for a nullable parameter', async () => {
      const texts = (v: string) => (provider === 'mysql' ? [v, v] : [v]);
      const quote = await run(byEmail[provider], texts("o'hara@x.io"));
      assert.deepEqual(
        quote.rows.map((r) => Number(r[0])),
        [3],
      );
      const injected = await run(byEmail[provider], texts("x' OR '1'='1"));
      assert.equal(injected.rowCount, 0);
      const nulls = await run(byEmail[provider], texts('null'));
      assert.deepEqual(
        nulls.rows.map((r) => Number(r[0])),
        [4],
      );
    });
  });
}
