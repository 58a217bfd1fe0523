// The rules of issue #19 item 2 that were still missing: renames during a rolling deploy, UNIQUE / PRIMARY KEY
// constraints that build their index under a lock, dropped foreign keys, per-row defaults that rewrite the
// table, MySQL enum changes that copy it, and the "filled table" threshold. On the chains the embedded
// engine GENERATED for SQLite and PostgreSQL (prismaGenerated.ts: steps drop_foreign_key, volatile_default,
// enum_value_inserted, primary_key), on MySQL in Prisma's style (mysqlPrismaStyle.ts: the wasm engine has no
// MySQL connector), and on the hand edits the docs recommend (a rename, USING INDEX) where Prisma writes none.
import assert from 'node:assert/strict';
import {
  lintMigration,
  lintMigrationTexts,
  lintMigrationWithState,
  loadParsers,
} from '../../../src/core/migrationLint';
import type { Dialect, MigrationLint, SchemaState } from '../../../src/core/migrationLint';
import { MYSQL_MIGRATIONS } from './mysqlPrismaStyle';
import { VERSIONS, postgresGenerated, sqliteGenerated } from './prismaGenerated';

const quiet = { 'missing-lock-timeout': 'off' } as const;

function lintChain(
  set: ReadonlyMap<string, string>,
  dialect: Dialect,
  replace: Record<string, string> = {},
): Map<string, MigrationLint> {
  const ordered = VERSIONS.map((v) => v.step)
    .filter((s) => set.has(s))
    .map((step) => ({ name: step, file: `${step}/migration.sql`, sql: replace[step] ?? set.get(step)! }));
  return new Map(lintMigrationTexts(ordered, dialect, { severities: quiet }).map((l) => [l.name, l]));
}

const shown = (l: MigrationLint | undefined) => {
  assert.ok(l, 'migration missing from the chain');
  return l.findings.map((f) => `${f.rule}: ${l.sql.slice(f.start, f.end).split('\n')[0]}`);
};

/** The rename quick fix of the generated rename_column step, applied: what a user has after clicking it. */
function withRenameFix(lints: Map<string, MigrationLint>): string {
  const l = lints.get('rename_column')!;
  const fix = l.findings.find((f) => f.rule === 'rename-as-drop-and-add')?.fix;
  assert.ok(fix, 'the generated rename step offers the rename fix');
  let sql = l.sql;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start))
    sql = sql.slice(0, e.start) + e.newText + sql.slice(e.end);
  return sql;
}

describe('migration lint: deploy rules on PostgreSQL migrations the engine generated', function () {
  this.timeout(120_000);
  let set: Map<string, string>;
  let lints: Map<string, MigrationLint>;
  before(async function () {
    const generated = await postgresGenerated();
    if ('skip' in generated) {
      console.log(`    (skipped: ${generated.skip})`);
      this.skip();
    }
    await loadParsers('postgresql');
    set = new Map([...generated.set].map(([k, v]) => [k, v.sql]));
    lints = lintChain(set, 'postgresql');
  });

  it('drop-foreign-key when a relation goes but its column stays', () => {
    assert.deepEqual(shown(lints.get('drop_foreign_key')), ['drop-foreign-key: DROP CONSTRAINT "Post_editorId_fkey"']);
    assert.match(
      lints.get('drop_foreign_key')!.findings[0]!.message,
      /Drops foreign key "Post_editorId_fkey" of "Post"\("editorId"\) to "User": the database stops checking/,
    );
  });

  it('table-rewrite for DEFAULT gen_random_uuid(), not for DEFAULT CURRENT_TIMESTAMP (stable)', () => {
    assert.deepEqual(shown(lints.get('volatile_default')), [
      'table-rewrite: "token" UUID NOT NULL DEFAULT gen_random_uuid()',
    ]);
    assert.match(
      lints.get('volatile_default')!.findings[0]!.message,
      /with gen_random_uuid\(\): its value is computed for each row, so PostgreSQL rewrites the whole table/,
    );
  });

  it('nothing for ALTER TYPE … ADD VALUE (PostgreSQL adds an enum value in place)', () => {
    assert.deepEqual(shown(lints.get('enum_value_inserted')), []);
  });

  it('add-constraint-without-index on the new primary key, with the USING INDEX way; no duplicates check for a widened key', () => {
    const l = lints.get('primary_key');
    assert.deepEqual(shown(l), [
      'add-constraint-without-index: ADD CONSTRAINT "Post_pkey" PRIMARY KEY ("id", "authorId")',
    ]);
    assert.match(
      l!.findings[0]!.message,
      /CREATE UNIQUE INDEX CONCURRENTLY "Post_id_authorId_pkey" ON "Post"\("id", "authorId"\) .*ADD CONSTRAINT "Post_pkey" PRIMARY KEY USING INDEX "Post_id_authorId_pkey"/,
    );
  });

  it('set-not-null on the SET NOT NULL Prisma writes for an optional column made required', () => {
    assert.deepEqual(shown(lints.get('set_not_null')), ['set-not-null: ALTER COLUMN "editorId" SET NOT NULL']);
    assert.match(lints.get('set_not_null')!.findings[0]!.message, /the migration fails if one is NULL/);
  });

  it('rename-column-or-table once the rename quick fix made the drop + add a RENAME COLUMN', () => {
    const fixed = lintChain(set, 'postgresql', { rename_column: withRenameFix(lints) });
    assert.deepEqual(shown(fixed.get('rename_column')), ['rename-column-or-table: RENAME COLUMN "body" TO "content"']);
    assert.match(fixed.get('rename_column')!.findings[0]!.message, /Expand and contract instead.*@map\("body"\)/);
  });
});

describe('migration lint: deploy rules on SQLite migrations the engine generated', function () {
  this.timeout(60_000);
  let set: Map<string, string>;
  let lints: Map<string, MigrationLint>;
  before(async () => {
    await loadParsers('sqlite');
    set = new Map([...(await sqliteGenerated()).set].map(([k, v]) => [k, v.sql]));
    lints = lintChain(set, 'sqlite');
  });

  it('drop-foreign-key on the rebuild that leaves the key out; not on rebuilds that keep it or drop the column', () => {
    assert.deepEqual(
      shown(lints.get('drop_foreign_key')).map((s) => s.split(':')[0]),
      ['sqlite-table-redefinition', 'drop-foreign-key'],
    );
    assert.match(
      shown(lints.get('drop_foreign_key'))[1]!,
      /^drop-foreign-key: CREATE TABLE "new_Post"/,
      'on the CREATE TABLE of the rebuild',
    );
    for (const [step, l] of lints)
      if (step !== 'drop_foreign_key')
        assert.ok(!l.findings.some((f) => f.rule === 'drop-foreign-key'), `${step}: ${shown(l).join('; ')}`);
  });

  it("the rebuild's RENAME TO is not a rename; a RENAME COLUMN from the quick fix is", () => {
    for (const [step, l] of lints)
      assert.ok(!l.findings.some((f) => f.rule === 'rename-column-or-table'), `${step}: ${shown(l).join('; ')}`);
    const sql = 'ALTER TABLE "Post" RENAME COLUMN "content" TO "text";\n';
    const state = stateAfter(set, 'sqlite');
    assert.deepEqual(
      lintMigration(sql, 'sqlite', { before: state }).map((f) => f.rule),
      ['rename-column-or-table'],
    );
  });
});

describe('migration lint: deploy rules on MySQL migrations (Prisma style)', () => {
  let lints: Map<string, MigrationLint>;
  let state: SchemaState;
  before(async () => {
    await loadParsers('mysql');
    lints = lintChain(MYSQL_MIGRATIONS, 'mysql');
    state = stateAfter(MYSQL_MIGRATIONS, 'mysql');
  });

  it('drop-foreign-key on DROP FOREIGN KEY', () => {
    assert.deepEqual(shown(lints.get('drop_foreign_key')), ['drop-foreign-key: DROP FOREIGN KEY `Post_editorId_fkey`']);
  });

  it('table-rewrite when an enum value is inserted before the end; nothing when appended', () => {
    assert.deepEqual(shown(lints.get('enum_value_inserted')), [
      "table-rewrite: MODIFY `status` ENUM('ACTIVE', 'PAUSED', 'ARCHIVED') NOT NULL DEFAULT 'ACTIVE'",
    ]);
    assert.match(lints.get('enum_value_inserted')!.findings[0]!.message, /adds values before the end of the list/);
    const appended = "ALTER TABLE `User` MODIFY `status` ENUM('ACTIVE', 'PAUSED', 'ARCHIVED', 'DONE') NOT NULL;\n";
    assert.deepEqual(lintMigration(appended, 'mysql', { before: state }), []);
    const reordered = "ALTER TABLE `User` MODIFY `status` ENUM('PAUSED', 'ACTIVE', 'ARCHIVED') NOT NULL;\n";
    assert.match(lintMigration(reordered, 'mysql', { before: state })[0]!.message, /reorders its values/);
  });

  it('a new primary key copies the table (InnoDB stores rows in key order)', () => {
    assert.deepEqual(shown(lints.get('primary_key')), ['table-rewrite: ADD PRIMARY KEY (`id`, `authorId`)']);
  });

  it('rename-column-or-table on RENAME COLUMN, CHANGE old new, ALTER TABLE … RENAME TO and RENAME TABLE', () => {
    const fixed = lintChain(MYSQL_MIGRATIONS, 'mysql', { rename_column: withRenameFix(lints) });
    assert.deepEqual(shown(fixed.get('rename_column')), ['rename-column-or-table: RENAME COLUMN `body` TO `content`']);
    const rules = (sql: string) => lintMigration(sql, 'mysql', { before: state }).map((f) => f.rule);
    assert.deepEqual(rules('ALTER TABLE `Post` CHANGE `title` `heading` VARCHAR(191) NOT NULL;\n'), [
      'rename-column-or-table',
    ]);
    // CHANGE to the same name is a MODIFY: the type change is still seen
    assert.deepEqual(rules('ALTER TABLE `Post` CHANGE `title` `title` VARCHAR(50) NOT NULL;\n'), ['type-narrowing']);
    assert.deepEqual(rules('ALTER TABLE `Post` RENAME TO `Article`;\n'), ['rename-column-or-table']);
    assert.deepEqual(rules('RENAME TABLE `Post` TO `Article`;\n'), ['rename-column-or-table']);
    assert.deepEqual(rules('CREATE TABLE `T` (`id` INTEGER NOT NULL);\nRENAME TABLE `T` TO `U`;\n'), []);
  });
});

describe('migration lint: deploy rules on PostgreSQL hand edits', () => {
  let state: SchemaState;
  before(async () => {
    await loadParsers('postgresql');
    state = lintMigrationWithState(
      'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, "n" INTEGER, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
      'postgresql',
    ).after;
  });
  const lint = (sql: string, rows?: number, filledTableRows?: number) =>
    lintMigration(sql, 'postgresql', {
      before: state,
      severities: quiet,
      ...(rows === undefined ? {} : { facts: { rows: new Map([['User', rows]]) } }),
      filledTableRows,
    });
  const rules = (sql: string) => lint(sql).map((f) => f.rule);

  it('ADD CONSTRAINT … UNIQUE: duplicates and the index built under a lock; USING INDEX is the safe way', () => {
    assert.deepEqual(rules('ALTER TABLE "User" ADD CONSTRAINT "User_email_key" UNIQUE ("email");'), [
      'unique-index-on-existing-data',
      'add-constraint-without-index',
    ]);
    assert.deepEqual(
      rules('ALTER TABLE "User" ADD CONSTRAINT "User_email_key" UNIQUE USING INDEX "User_email_key";'),
      [],
    );
  });

  it('table-rewrite for serial, identity and random() defaults added to an existing table', () => {
    assert.deepEqual(rules('ALTER TABLE "User" ADD COLUMN "seq" SERIAL NOT NULL;'), ['table-rewrite']);
    assert.deepEqual(rules('ALTER TABLE "User" ADD COLUMN "k" INTEGER GENERATED ALWAYS AS IDENTITY;'), [
      'table-rewrite',
    ]);
    assert.deepEqual(rules('ALTER TABLE "User" ADD COLUMN "r" DOUBLE PRECISION DEFAULT (random() * 10);'), [
      'table-rewrite',
    ]);
    assert.deepEqual(rules('ALTER TABLE "User" ADD COLUMN "at" TIMESTAMP(3) DEFAULT now();'), []);
    assert.deepEqual(rules('ALTER TABLE "User" ADD COLUMN "c" TEXT DEFAULT \'x\';'), []);
  });

  it('rename-column-or-table on RENAME COLUMN and RENAME TO of an existing table, not of a new one', () => {
    assert.deepEqual(rules('ALTER TABLE "User" RENAME COLUMN "email" TO "mail";'), ['rename-column-or-table']);
    assert.deepEqual(rules('ALTER TABLE "User" RENAME TO "Person";'), ['rename-column-or-table']);
    assert.deepEqual(rules('CREATE TABLE "T" ("id" INTEGER);\nALTER TABLE "T" RENAME TO "U";'), []);
  });

  it('drop-foreign-key not when the key is added back on the same columns (an ON DELETE change)', () => {
    const withFk = lintMigrationWithState(
      'CREATE TABLE "Post" ("id" INTEGER NOT NULL, "userId" INTEGER);\nALTER TABLE "Post" ADD CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id");\n',
      'postgresql',
      { before: state },
    ).after;
    const onDelete =
      'ALTER TABLE "Post" DROP CONSTRAINT "Post_userId_fkey";\nALTER TABLE "Post" ADD CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE;';
    const found = lintMigration(onDelete, 'postgresql', { before: withFk, severities: quiet }).map((f) => f.rule);
    assert.ok(!found.includes('drop-foreign-key'), found.join());
    const dropped = 'ALTER TABLE "Post" DROP CONSTRAINT "Post_userId_fkey";';
    assert.deepEqual(
      lintMigration(dropped, 'postgresql', { before: withFk, severities: quiet }).map((f) => f.rule),
      ['drop-foreign-key'],
    );
    // the relation and its column go together: the drop-column finding says it
    const both = 'ALTER TABLE "Post" DROP CONSTRAINT "Post_userId_fkey";\nALTER TABLE "Post" DROP COLUMN "userId";';
    assert.deepEqual(
      lintMigration(both, 'postgresql', { before: withFk, severities: quiet }).map((f) => f.rule),
      ['drop-column'],
    );
  });

  it('the filled-table threshold: lock and rewrite rules skip a table the database says is small', () => {
    const sql = 'ALTER TABLE "User" ADD COLUMN "seq" SERIAL NOT NULL;\nCREATE INDEX "User_n_idx" ON "User"("n");';
    assert.deepEqual(
      lint(sql, 50, 1000).map((f) => f.rule),
      [],
    );
    assert.deepEqual(
      lint(sql, 5000, 1000).map((f) => f.rule),
      ['table-rewrite', 'index-without-concurrently'],
    );
    assert.deepEqual(
      lint(sql, undefined, 1000).map((f) => f.rule),
      ['table-rewrite', 'index-without-concurrently'],
      'without a database every table counts as filled',
    );
    // data rules do not depend on the size: a required column fails on one row
    assert.deepEqual(
      lint('ALTER TABLE "User" ADD COLUMN "x" TEXT NOT NULL;', 50, 1000).map((f) => f.rule),
      ['required-column-without-default'],
    );
  });
});

/** The schema after the whole chain. */
function stateAfter(set: ReadonlyMap<string, string>, dialect: Dialect): SchemaState {
  let state: SchemaState | undefined;
  for (const step of VERSIONS.map((v) => v.step).filter((s) => set.has(s)))
    state = lintMigrationWithState(set.get(step)!, dialect, { before: state }).after;
  return state!;
}
