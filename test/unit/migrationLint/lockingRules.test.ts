// PostgreSQL locking rules (issue #19): SET NOT NULL on an existing column, DROP INDEX without CONCURRENTLY,
// CONCURRENTLY in a migration with other statements, and no lock_timeout before a locking statement. The SQL is Prisma's PostgreSQL output for the
// change (what `migrate dev` writes for `bio String?` -> `bio String`, for removing an @@index), and the
// hand edits the docs recommend.
import assert from 'node:assert/strict';
import { lintMigration, lintMigrationWithState, loadParsers } from '../../../src/core/migrationLint';
import type { SchemaState } from '../../../src/core/migrationLint';

const init = `-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "bio" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");
`;

describe('migration lint: PostgreSQL locking rules', () => {
  let state: SchemaState;
  before(async () => {
    await loadParsers('postgresql');
    state = lintMigrationWithState(init, 'postgresql').after;
  });
  // missing-lock-timeout is off except in its own tests: it joins every migration that locks a table
  const lint = (sql: string) =>
    lintMigration(sql, 'postgresql', { before: state, severities: { 'missing-lock-timeout': 'off' } });
  const shown = (sql: string) => lint(sql).map((f) => `${f.rule} ${f.severity}: ${sql.slice(f.start, f.end)}`);

  it('set-not-null on an existing nullable column, on its clause, with the safe way', () => {
    const sql = '-- AlterTable\nALTER TABLE "User" ALTER COLUMN "bio" SET NOT NULL;\n';
    assert.deepEqual(shown(sql), ['set-not-null warning: ALTER COLUMN "bio" SET NOT NULL']);
    assert.match(lint(sql)[0]!.message, /reads every row .*CHECK \("bio" IS NOT NULL\) NOT VALID/);
  });

  it('set-not-null says the row count when the database is connected', () => {
    const sql = 'ALTER TABLE "User" ALTER COLUMN "bio" SET NOT NULL;\n';
    const f = lintMigration(sql, 'postgresql', { before: state, facts: { rows: new Map([['User', 1200]]) } });
    assert.deepEqual(
      f.map((x) => x.rule),
      ['missing-lock-timeout', 'set-not-null'],
    );
    assert.match(f[1]!.message, /every row \(1,200 rows\)/);
  });

  it('no set-not-null on a table created in the same migration, or a column already required', () => {
    assert.deepEqual(
      lintMigration(`${init}\nALTER TABLE "User" ALTER COLUMN "bio" SET NOT NULL;\n`, 'postgresql').map((f) => f.rule),
      [],
    );
    assert.deepEqual(shown('ALTER TABLE "User" ALTER COLUMN "email" SET NOT NULL;\n'), []);
  });

  it('index-without-concurrently on DROP INDEX of an existing table, not on DROP INDEX CONCURRENTLY alone', () => {
    const sql = '-- DropIndex\nDROP INDEX "User_email_idx";\n';
    assert.deepEqual(shown(sql), ['index-without-concurrently warning: DROP INDEX "User_email_idx"']);
    assert.match(lint(sql)[0]!.message, /Drops index "User_email_idx" of "User" without CONCURRENTLY/);
    assert.deepEqual(shown('DROP INDEX CONCURRENTLY "User_email_idx";\n'), []);
  });

  it('concurrently-in-transaction when CONCURRENTLY shares its migration with other statements', () => {
    const mixed =
      '-- AlterTable\nALTER TABLE "User" ADD COLUMN "name" TEXT;\n\n-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_name_idx" ON "User"("name");\n';
    assert.deepEqual(shown(mixed), [
      'concurrently-in-transaction error: CREATE INDEX CONCURRENTLY "User_name_idx" ON "User"("name")',
    ]);
    const drop = 'DROP INDEX CONCURRENTLY "User_email_idx";\nALTER TABLE "User" ADD COLUMN "name" TEXT;\n';
    assert.deepEqual(
      lint(drop).map((f) => f.rule),
      ['concurrently-in-transaction'],
    );
    assert.deepEqual(shown('CREATE INDEX CONCURRENTLY "User_name_idx" ON "User"("email");\n'), []);
  });

  it('the rules stay off the other dialects', async () => {
    await loadParsers('mysql');
    const mysqlBefore = lintMigrationWithState(
      'CREATE TABLE `User` (\n    `id` INTEGER NOT NULL,\n    `email` VARCHAR(191) NOT NULL,\n    INDEX `User_email_idx`(`email`),\n    PRIMARY KEY (`id`)\n);\n',
      'mysql',
    ).after;
    assert.deepEqual(
      lintMigration('DROP INDEX `User_email_idx` ON `User`;\n', 'mysql', { before: mysqlBefore }).map((f) => f.rule),
      [],
    );
  });

  describe('missing-lock-timeout', () => {
    const rules = (sql: string) =>
      lintMigration(sql, 'postgresql', { before: state }).map((f) => `${f.rule}: ${sql.slice(f.start, f.end)}`);

    it('once, on the first statement that locks an existing table', () => {
      const sql =
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN "name" TEXT;\n\n-- CreateIndex\nCREATE INDEX "User_name_idx" ON "User"("name");\n';
      assert.deepEqual(
        rules(sql).filter((r) => r.startsWith('missing-lock-timeout')),
        ['missing-lock-timeout: ALTER TABLE "User" ADD COLUMN "name" TEXT'],
      );
      assert.match(
        lintMigration(sql, 'postgresql', { before: state })[0]!.message,
        /no lock_timeout set.*SET lock_timeout = '5s'/,
      );
    });

    it('not after SET lock_timeout, SET LOCAL statement_timeout or set_config', () => {
      for (const set of [
        "SET lock_timeout = '5s';",
        "SET LOCAL statement_timeout TO '30s';",
        "SELECT set_config('lock_timeout', '5s', false);",
      ])
        assert.deepEqual(
          rules(`${set}\nALTER TABLE "User" ADD COLUMN "name" TEXT;\n`).filter((r) => r.startsWith('missing')),
          [],
          set,
        );
    });

    it('not on new tables, CREATE INDEX CONCURRENTLY, nor when the timeout comes after the lock', () => {
      assert.deepEqual(
        rules('CREATE TABLE "Note" ("id" SERIAL NOT NULL);\nALTER TABLE "Note" ADD COLUMN "x" TEXT;\n'),
        [],
      );
      assert.deepEqual(rules('CREATE INDEX CONCURRENTLY "User_bio_idx" ON "User"("bio");\n'), []);
      assert.deepEqual(
        rules('ALTER TABLE "User" ADD COLUMN "name" TEXT;\nSET lock_timeout = \'5s\';\n').map((r) => r.split(':')[0]),
        ['missing-lock-timeout'],
      );
    });
  });
});
