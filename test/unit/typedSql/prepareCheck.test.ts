// The database's own check of a TypedSQL query (prepared, never run) on SQLite, PostgreSQL and MariaDB: a
// correct query with placeholders passes; an unknown column and an unknown table come back with the
// database's words and the name's place in the query; nothing is written.
import { strict as assert } from 'node:assert';
import type { SqlProvider } from '../../../src/core/notebook/runSupport';
import { prepareCheck } from '../../../src/core/typedSql/prepareCheck';
import { throwawayDatabase } from '../testServers';

const setup = 'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(50))';
const good: Record<SqlProvider, string> = {
  postgresql: '-- @param {Int} $1:minId\nSELECT u.id FROM users u WHERE u.id >= $1;\n',
  mysql: '-- @param {Int} $1:minId\nSELECT u.id FROM users u WHERE u.id >= ?;\n',
  sqlite: '-- @param {Int} :minId\nSELECT u.id FROM users u WHERE u.id >= :minId;\n',
};
const param: Record<SqlProvider, string> = { postgresql: '$1', mysql: '?', sqlite: ':minId' };

for (const provider of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`TypedSQL prepared check on ${provider}`, function () {
    this.timeout(30_000);
    let url: string;
    let db: { url: string; drop(): Promise<void> } | undefined;

    before(async function () {
      db = await throwawayDatabase(this, provider, 'typedsqlprep', [setup]);
      url = db.url;
    });
    after(async () => db?.drop());

    it('passes a correct query with placeholders', async () => {
      assert.equal(await prepareCheck(provider, url, good[provider], 10_000), undefined);
    });

    it('finds an unknown column and an unknown table, with their place in the query', async () => {
      const sql = `SELECT u.id,\n  u.nope FROM users u WHERE u.id = ${param[provider]}`;
      const column = await prepareCheck(provider, url, sql, 10_000);
      assert.ok(column);
      assert.match(column.message, /nope/);
      // PostgreSQL points at the whole name, the others at the column
      assert.equal(sql.slice(column.start, column.end), provider === 'postgresql' ? 'u.nope' : 'nope');
      const tableSql = `SELECT 1 FROM accounts WHERE id = ${param[provider]}`;
      const table = await prepareCheck(provider, url, tableSql, 10_000);
      assert.ok(table);
      assert.match(table.message, /accounts/);
      assert.equal(tableSql.slice(table.start, table.end), 'accounts');
    });
  });
}
