// The lint's facts from a big SQLite file (a new unique index: how many values are duplicated, a GROUP BY
// over every row): counted on a worker thread, so the extension host keeps answering, and given up past
// the limit (the fact is then missing, as for a server that does not answer).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { collectFacts, factKey } from '../../../src/core/migrationLint';
import type { LintFinding } from '../../../src/core/migrationLint';

const ROWS = 1_000_000;
const finding: LintFinding = {
  rule: 'unique-index-on-existing-data',
  severity: 'warning',
  message: 'unique index on existing data',
  start: 0,
  end: 0,
  subject: { table: 'User', columns: ['email'] },
};
const DUPLICATES_SQL =
  'SELECT COUNT(*) AS n FROM (SELECT "email" FROM "User" WHERE "email" IS NOT NULL GROUP BY "email" HAVING COUNT(*) > 1) d';

/** The longest gap between ticks of a 5 ms timer on this thread while `work` runs, and how long it took. */
async function longestGap<T>(work: () => Promise<T>): Promise<{ gapMs: number; tookMs: number; value: T }> {
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  let value: T;
  try {
    value = await work();
  } finally {
    clearInterval(timer);
  }
  const end = performance.now();
  return { gapMs: Math.max(gap, end - last), tookMs: end - t0, value };
}

describe('migration lint facts: a big SQLite file', function () {
  this.timeout(120_000);
  let dir: string;
  let url: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-lint-facts-'));
    url = `file:${path.join(dir, 'dev.db')}`;
    const db = createClient({ url });
    await db.execute('CREATE TABLE "User" (id INTEGER PRIMARY KEY, email TEXT)');
    // every 1000th email appears twice: ROWS / 1000 duplicated values
    await db.execute(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
       INSERT INTO "User" (id, email) SELECT i, CASE WHEN i % 1000 = 0 THEN 'dup' || (i - 1) ELSE 'dup' || i END || '-' || hex(randomblob(12)) FROM n`,
    );
    await db.execute(
      `UPDATE "User" SET email = (SELECT u.email FROM "User" u WHERE u.id = "User".id - 1) WHERE id % 1000 = 0`,
    );
    db.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts duplicates off the host thread (libsql on this thread blocks it for the whole scan)', async () => {
    const own = createClient({ url });
    const blocked = await longestGap(() => own.execute(DUPLICATES_SQL)).finally(() => own.close());
    assert.ok(blocked.tookMs > 150, `the scan must take long enough to matter (took ${Math.round(blocked.tookMs)} ms)`);
    assert.ok(blocked.gapMs > 150, `libsql on this thread blocks it (longest gap ${Math.round(blocked.gapMs)} ms)`);

    const target = { dialect: 'sqlite' as const, url, label: 'SQLite file dev.db' };
    const r = await longestGap(() => collectFacts(target, [finding], 60_000));
    assert.equal(r.value.rows?.get('User'), ROWS);
    assert.equal(r.value.duplicates?.get(factKey('User', ['email'])), ROWS / 1000);
    // under 100 ms, or under half the in-process stall on a machine so busy that the scheduler alone takes that
    const limit = Math.max(100, blocked.gapMs / 2);
    assert.ok(
      r.gapMs < limit,
      `the host stalled ${Math.round(r.gapMs)} ms while the lint counted (limit ${Math.round(limit)} ms)`,
    );
  });

  it('gives up past the limit: the fact is missing, the lint is not held up by the scan', async () => {
    const target = { dialect: 'sqlite' as const, url, label: 'SQLite file dev.db' };
    const own = createClient({ url });
    const t0 = performance.now();
    await own.execute(DUPLICATES_SQL);
    const scanMs = performance.now() - t0;
    own.close();
    const r = await longestGap(() => collectFacts(target, [finding], 20));
    assert.equal(r.value.duplicates?.get(factKey('User', ['email'])), undefined);
    assert.ok(r.tookMs < scanMs, `waited ${Math.round(r.tookMs)} ms, the scan takes ${Math.round(scanMs)} ms`);
  });
});
