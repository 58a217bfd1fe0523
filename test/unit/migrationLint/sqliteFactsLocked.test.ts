// The lint's facts from a SQLite file that another program holds locked for a moment (a write in progress):
// the count waits for the lock, up to the limit, instead of giving up at once and leaving the fact out.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { collectFacts, type LintFinding } from '../../../src/core/migrationLint';

const finding: LintFinding = {
  rule: 'unique-index-on-existing-data',
  severity: 'warning',
  message: 'unique index on existing data',
  start: 0,
  end: 0,
  subject: { table: 'User', columns: ['email'] },
};

describe('migration lint facts: a SQLite file locked by another program for a moment', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-lint-locked-'));
    file = path.join(dir, 'dev.db');
    const db = createClient({ url: `file:${file}` });
    await db.executeMultiple(
      `CREATE TABLE "User" (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO "User" (email) VALUES ('a'), ('b'), ('b');`,
    );
    db.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('waits for the lock and counts the rows and duplicates', async () => {
    // another process takes the write lock, says so, holds it 700 ms, then commits
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { createClient } = require(${JSON.stringify(require.resolve('@libsql/client'))});
         const db = createClient({ url: ${JSON.stringify(`file:${file}`)} });
         (async () => {
           await db.execute('BEGIN EXCLUSIVE');
           await db.execute("INSERT INTO \\"User\\" (email) VALUES ('c')");
           process.stdout.write('locked\\n');
           setTimeout(async () => { await db.execute('COMMIT'); db.close(); }, 700);
         })();`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d) => String(d).includes('locked') && resolve());
      holder.on('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
    });
    const facts = await collectFacts({ dialect: 'sqlite', url: `file:${file}`, label: 'dev.db' }, [finding], 5000);
    if (holder.exitCode === null) await new Promise((r) => holder.once('exit', r));
    assert.equal(facts.rows?.get('User'), 4, 'the row count was given up behind the lock');
    assert.equal([...(facts.duplicates?.values() ?? [])][0], 1);
  });
});
