import assert from 'node:assert/strict';
import path from 'node:path';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { hasMultipleStatements, withMultiStatementFallback } from '../../../src/core/engine';
import { tempDir } from './engineTestKit';

const TWO_TABLES = 'CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);';
const raw = (sql: string) => ({ sql, args: [], argTypes: [] });

describe('engine: multi-statement scripts', () => {
  it('tells one statement from several, ignoring comments, literals and a trailing semicolon', () => {
    assert.equal(hasMultipleStatements('SELECT 1;'), false);
    assert.equal(hasMultipleStatements('SELECT 1;  \n -- done; really\n'), false);
    assert.equal(hasMultipleStatements("INSERT INTO t VALUES ('a;b')"), false);
    assert.equal(hasMultipleStatements('SELECT 1 AS "x;y" /* ; */'), false);
    assert.equal(hasMultipleStatements(TWO_TABLES), true);
    assert.equal(hasMultipleStatements('PRAGMA foreign_keys=OFF; DROP TABLE x'), true);
  });

  describe('against libsql', () => {
    let dir: string;
    let cleanup: () => void;
    beforeEach(() => ({ dir, cleanup } = tempDir()));
    afterEach(() => cleanup());

    const tables = async (adapter: Awaited<ReturnType<PrismaLibSql['connect']>>) =>
      (await adapter.queryRaw(raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))).rows.map(
        (r) => r[0],
      );

    it('shows the trap: executeRaw silently runs only the first statement', async () => {
      const adapter = await new PrismaLibSql({ url: `file:${path.join(dir, 'trap.db')}` }).connect();
      try {
        await adapter.executeRaw(raw(TWO_TABLES));
        assert.deepEqual(await tables(adapter), ['a']);
      } finally {
        await adapter.dispose();
      }
    });

    it('runs every statement once the fallback is installed', async () => {
      const adapter = withMultiStatementFallback(
        await new PrismaLibSql({ url: `file:${path.join(dir, 'fixed.db')}` }).connect(),
      );
      try {
        await adapter.executeRaw(raw(TWO_TABLES));
        assert.deepEqual(await tables(adapter), ['a', 'b']);
        // statements with arguments still go through executeRaw
        assert.equal(
          await adapter.executeRaw({
            sql: 'INSERT INTO a (id) VALUES (?)',
            args: [1],
            argTypes: [{ scalarType: 'int', arity: 'scalar' }],
          }),
          1,
        );
      } finally {
        await adapter.dispose();
      }
    });
  });
});
