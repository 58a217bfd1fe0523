// What the Migrations tree and a production deploy confirmation list: only the pending migrations' errors
// and warnings (information findings do not hold a deploy up), in order, with counts.
import assert from 'node:assert/strict';
import {
  deployFindingsText,
  deployFindingsTitle,
  lintMigrationTexts,
  loadParsers,
  pendingFindings,
} from '../../../src/core/migrationLint';

// missing-lock-timeout (one per PostgreSQL migration that locks an existing table) is tested in lockingRules.test.ts
const noLockTimeout = { 'missing-lock-timeout': 'off' } as const;

describe('migration lint: pending findings for the tree and the deploy confirmation', () => {
  before(() => loadParsers('postgresql'));

  it('lists the errors and warnings of pending migrations only, each with its rule and message', () => {
    const lints = lintMigrationTexts(
      [
        {
          name: '01_init',
          file: 'a',
          sql: 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "bio" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));',
        },
        { name: '02_drop_bio', file: 'b', sql: 'ALTER TABLE "User" DROP COLUMN "bio";' },
        {
          name: '03_required',
          file: 'c',
          sql: 'ALTER TABLE "User" ADD COLUMN "country" TEXT NOT NULL;\nCREATE INDEX "User_country_idx" ON "User"("country");',
        },
        {
          name: '04_table',
          file: 'd',
          sql: 'CREATE TABLE "Note" ("id" SERIAL NOT NULL, CONSTRAINT "Note_pkey" PRIMARY KEY ("id"));',
        },
      ],
      'postgresql',
      { severities: noLockTimeout },
    );
    // 02 is applied already; 04 has no finding
    const pending = pendingFindings(lints, ['03_required', '04_table']);
    assert.deepEqual(
      pending.map((p) => [p.name, p.findings.map((f) => `${f.severity} ${f.rule}`)]),
      [['03_required', ['error required-column-without-default', 'warning index-without-concurrently']]],
    );
    assert.equal(
      deployFindingsTitle(pending),
      '1 pending migration carries migration lint findings (1 error, 1 warning)',
    );
    const text = deployFindingsText(pending);
    assert.match(
      text,
      /^03_required \(1 error, 1 warning\):\n {2}• error required-column-without-default: Adds required column "User"\."country" without a default/,
    );
    assert.match(
      text,
      /\n {2}• warning index-without-concurrently: Builds index "User_country_idx" on "User" without CONCURRENTLY/,
    );
  });

  it('cuts a long list per migration and says how many more', () => {
    const sql = Array.from({ length: 7 }, (_, i) => `DROP TABLE "T${i}";`).join('\n');
    const create = Array.from({ length: 7 }, (_, i) => `CREATE TABLE "T${i}" ("id" INTEGER);`).join('\n');
    const lints = lintMigrationTexts(
      [
        { name: '01', file: 'a', sql: create },
        { name: '02', file: 'b', sql },
      ],
      'postgresql',
      { severities: noLockTimeout },
    );
    const text = deployFindingsText(pendingFindings(lints, ['02']), 5);
    assert.equal(text.split('\n').filter((l) => l.startsWith('  •')).length, 5);
    assert.match(text, /… and 2 more$/);
    assert.equal(
      deployFindingsTitle(pendingFindings(lints, ['01', '02'])),
      '1 pending migration carries migration lint findings (7 warnings)',
    );
  });
});
