// The lint's database facts take values written in a migration file (removed enum values, table names) as
// bound parameters, never as SQL text: a value with a quote or a backslash is counted as itself on every
// dialect, also on a PostgreSQL server with standard_conforming_strings off, where a backslash in a '...'
// literal escapes the quote after it (before: the value closed the string, and what followed ran as SQL).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import pg from 'pg';
import { collectFacts, enumUseKey } from '../../../src/core/migrationLint';
import type { LintFinding } from '../../../src/core/migrationLint';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../testServers';

/** Closes the string on a server that reads backslash escapes, then drops a table. */
const HOSTILE = `x\\') ; DROP TABLE victim; --`;
const VALUES = [HOSTILE, `it's`, `back\\slash`];

const finding = (table: string): LintFinding => ({
  rule: 'enum-value-removed',
  severity: 'warning',
  message: '',
  start: 0,
  end: 0,
  subject: { table, removedValues: VALUES, enumColumns: [{ table, column: 'status' }] },
});
const sizeFinding = (table: string): LintFinding => ({
  rule: 'table-rewrite',
  severity: 'warning',
  message: '',
  start: 0,
  end: 0,
  subject: { table },
});

describe('migration lint facts: values from the migration file are parameters', function () {
  this.timeout(60_000);

  describe('PostgreSQL with standard_conforming_strings off', () => {
    let db: Throwaway | undefined;
    const sql = async (text: string, values: unknown[] = []) => {
      const c = new pg.Client({ connectionString: db!.url });
      await c.connect();
      try {
        return (await c.query(text, values)).rows as Record<string, unknown>[];
      } finally {
        await c.end();
      }
    };

    before(async function () {
      db = orSkip(this, await throwawayPostgres('secreview_facts'));
      await sql(`ALTER DATABASE ${db.name} SET standard_conforming_strings = off`);
      await sql(`ALTER DATABASE ${db.name} SET escape_string_warning = off`);
      await sql(`CREATE TABLE victim (id int); CREATE TABLE "it's" (status text)`);
      await sql(`INSERT INTO "it's" (status) VALUES ($1), ($2), ($3), ('kept')`, VALUES);
    });
    after(async () => db?.drop());

    it('counts the rows holding each value and runs nothing the value spells', async () => {
      const table = `it's`;
      const f = finding(table);
      const facts = await collectFacts({ dialect: 'postgresql', url: db!.url, label: 'pg' }, [f, sizeFinding(table)]);
      const left = await sql(`SELECT to_regclass('victim') IS NOT NULL AS there`);
      assert.equal(left[0]?.there, true, 'the table named in the value was dropped');
      assert.equal(facts.enumRows?.get(enumUseKey(f.subject!)), 3);
      assert.ok(
        (facts.sizes?.get(table) ?? 0) > 0,
        `no size for ${table}: ${JSON.stringify([...(facts.sizes ?? [])])}`,
      );
    });
  });

  describe('MariaDB / MySQL', () => {
    let db: Throwaway | undefined;

    before(async function () {
      db = orSkip(this, await throwawayMysql('secreview_facts'));
      const c = await mysqlConnection(db.name);
      try {
        await c.query('CREATE TABLE victim (id int)');
        await c.query("CREATE TABLE `it's` (status varchar(100))");
        await c.query("INSERT INTO `it's` (status) VALUES (?), (?), (?), ('kept')", VALUES);
      } finally {
        await c.end();
      }
    });
    after(async () => db?.drop());

    it('counts the rows holding each value and the size of a table whose name has a quote', async () => {
      const table = `it's`;
      const f = finding(table);
      const facts = await collectFacts({ dialect: 'mysql', url: db!.url, label: 'mysql' }, [f, sizeFinding(table)]);
      assert.equal(facts.enumRows?.get(enumUseKey(f.subject!)), 3);
      assert.ok((facts.sizes?.get(table) ?? 0) > 0, `no size for ${table}`);
    });
  });

  describe('SQLite', () => {
    let dir = '';
    let url = '';
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secreview-facts-'));
      url = pathToFileURL(path.join(dir, 'dev.db')).href;
      const db = createClient({ url });
      await db.execute('CREATE TABLE "it\'s" (status text)');
      for (const v of [...VALUES, 'kept'])
        await db.execute({ sql: 'INSERT INTO "it\'s" (status) VALUES (?)', args: [v] });
      db.close();
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('counts the rows holding each value', async () => {
      const f = finding(`it's`);
      const facts = await collectFacts({ dialect: 'sqlite', url, label: 'SQLite file dev.db' }, [f]);
      assert.equal(facts.enumRows?.get(enumUseKey(f.subject!)), 3);
    });
  });
});
