// Which SQL a read-only Prisma Client cell refuses: anything but a read, found past strings, comments,
// quoted names, CTEs and EXPLAIN.
import * as assert from 'node:assert/strict';
import { writingStatement } from '../../../src/core/notebook/sqlWrites';
import type { SqlProvider } from '../../../src/core/notebook/runSupport';

const PROVIDERS: SqlProvider[] = ['sqlite', 'postgresql', 'mysql'];

describe('writingStatement (what a read-only Prisma Client cell refuses)', () => {
  it('lets reads through on every database', () => {
    const reads = [
      'SELECT 1',
      '  -- a comment\n  select * from users where id = 1',
      '(SELECT 1) UNION (SELECT 2)',
      'SELECT "update", \'DELETE FROM x\' FROM "delete" /* INSERT */',
      "SELECT replace(name, 'a', 'b') FROM users",
      'SELECT * FROM users FOR UPDATE',
      'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10) SELECT COUNT(*) FROM c',
      'WITH a AS (SELECT 1), b AS MATERIALIZED (SELECT 2) SELECT * FROM a, b',
      'VALUES (1), (2)',
      'EXPLAIN SELECT * FROM users',
      'EXPLAIN DELETE FROM users',
      'SHOW TABLES',
      'SELECT 1;',
      '',
    ];
    for (const provider of PROVIDERS)
      for (const sql of reads) assert.equal(writingStatement(sql, provider), undefined, `${provider}: ${sql}`);
  });

  it('names the write on every database', () => {
    const writes: [string, string][] = [
      ['DELETE FROM users WHERE id = 1 RETURNING id', 'DELETE'],
      ['insert into users (email) values (?)', 'INSERT'],
      ['  /* why */ UPDATE users SET name = 1', 'UPDATE'],
      ['REPLACE INTO users VALUES (1)', 'REPLACE'],
      ['CREATE TABLE t (id INT)', 'CREATE'],
      ['DROP TABLE users', 'DROP'],
      ['ALTER TABLE users ADD COLUMN x INT', 'ALTER'],
      ['COMMIT', 'COMMIT'],
      ['SET search_path TO other', 'SET'],
      ['SELECT 1; DELETE FROM users', 'DELETE'],
      ['WITH gone AS (DELETE FROM users RETURNING id) SELECT COUNT(*) FROM gone', 'DELETE'],
      ['WITH ids AS (SELECT id FROM users) UPDATE users SET name = 1 WHERE id IN (SELECT id FROM ids)', 'UPDATE'],
      ['SELECT * INTO copy FROM users', 'SELECT … INTO'],
      ['EXPLAIN ANALYZE DELETE FROM users', 'EXPLAIN DELETE'],
      ['EXPLAIN (ANALYZE, FORMAT JSON) UPDATE users SET name = 1', 'EXPLAIN UPDATE'],
      ['ANALYZE users', 'ANALYZE'],
    ];
    for (const provider of PROVIDERS)
      for (const [sql, verb] of writes) assert.equal(writingStatement(sql, provider), verb, `${provider}: ${sql}`);
  });

  it('tells reading PRAGMAs from setting ones (SQLite)', () => {
    for (const sql of ['PRAGMA table_info(users)', 'PRAGMA main.index_list("users")', 'PRAGMA user_version'])
      assert.equal(writingStatement(sql, 'sqlite'), undefined, sql);
    assert.equal(writingStatement('PRAGMA user_version = 3', 'sqlite'), 'PRAGMA user_version');
    assert.equal(writingStatement('pragma main.query_only = ON', 'sqlite'), 'PRAGMA query_only');
    assert.equal(writingStatement('PRAGMA cache_size(100)', 'sqlite'), 'PRAGMA cache_size');
    assert.equal(writingStatement('PRAGMA optimize', 'sqlite'), 'PRAGMA optimize');
  });

  it('reads each database’s quoting: a write inside a string or a dollar quote is no write', () => {
    assert.equal(writingStatement('SELECT $$DELETE FROM x$$', 'postgresql'), undefined);
    assert.equal(writingStatement("SELECT 'it\\'s; DELETE FROM x'", 'mysql'), undefined);
    assert.equal(writingStatement('SELECT `delete` FROM t # DELETE FROM x', 'mysql'), undefined);
    assert.equal(writingStatement('SELECT [delete] FROM t', 'sqlite'), undefined);
  });
});
