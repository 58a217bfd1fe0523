// Silencing comments, unparseable statements, severities, database facts, edited-after-apply, and the
// rename quick fix applied for real: the fixed migration runs on a SQLite database and keeps the data.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../../../src/core/engine';
import {
  factKey,
  lintMigration,
  lintMigrationTexts,
  lintMigrationWithState,
  lintMigrationsDir,
  loadParsers,
  migrationChecksum,
} from '../../../src/core/migrationLint';
import type { LintFinding, SchemaState, TextEdit } from '../../../src/core/migrationLint';
import { sqliteGenerated } from './prismaGenerated';

// missing-lock-timeout (one per PostgreSQL migration that locks an existing table) is tested in lockingRules.test.ts
const noLockTimeout = { 'missing-lock-timeout': 'off' } as const;

const applyEdits = (text: string, edits: readonly TextEdit[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);

describe('migration lint: silencing, unparseable SQL, settings, facts', () => {
  let userTable: SchemaState;
  before(async () => {
    await loadParsers('postgresql');
    userTable = lintMigrationWithState(
      'CREATE TABLE "User" ("id" SERIAL NOT NULL, "bio" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));',
      'postgresql',
    ).after;
  });

  it('a `-- prisma-workbench-ignore rule: reason` comment silences that rule on the next statement only', () => {
    const sql = [
      '-- AlterTable',
      '-- prisma-workbench-ignore drop-column: bio moved to profiles in 2024',
      'ALTER TABLE "User" DROP COLUMN "bio";',
      '-- prisma-workbench-ignore drop-table: wrong rule, still reported',
      'DROP TABLE "User";',
    ].join('\n');
    const rules = lintMigration(sql, 'postgresql', { before: userTable, severities: noLockTimeout }).map((f) => f.rule);
    assert.deepEqual(rules, []);
    const unsilenced = lintMigration(sql.replace('ignore drop-column', 'ignore type-narrowing'), 'postgresql', {
      before: userTable,
      severities: noLockTimeout,
    }).map((f) => f.rule);
    assert.deepEqual(unsilenced, ['drop-column']);
  });

  it('a statement the parser cannot read: one information diagnostic on it, the others still checked', () => {
    const sql = 'ALTER TABLE "User" DROP COLUMN "bio";\nALTER TABLE "User" FROBNICATE "x";\nDROP TABLE "User";\n';
    const findings = lintMigration(sql, 'postgresql', { before: userTable, severities: noLockTimeout });
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [
        ['drop-column', 'warning'],
        ['unparseable-statement', 'information'],
        ['drop-table', 'warning'],
      ],
    );
    assert.equal(sql.slice(findings[1]!.start, findings[1]!.end), 'ALTER TABLE "User" FROBNICATE "x"');
    assert.match(findings[1]!.message, /cannot read this statement/);
  });

  it('garbage and unterminated quotes never throw', async () => {
    for (const d of ['postgresql', 'mysql', 'sqlite'] as const) {
      await loadParsers(d);
      const f = lintMigration("CREATE TABLE ( 'unterminated;\n$$ ` /* ", d);
      assert.ok(
        f.every((x) => x.rule === 'unparseable-statement'),
        d,
      );
    }
  });

  it('severity per rule from settings, and `off`', () => {
    const sql = 'ALTER TABLE "User" DROP COLUMN "bio";';
    assert.equal(
      lintMigration(sql, 'postgresql', {
        before: userTable,
        severities: { ...noLockTimeout, 'drop-column': 'error' },
      })[0]?.severity,
      'error',
    );
    assert.deepEqual(
      lintMigration(sql, 'postgresql', { before: userTable, severities: { ...noLockTimeout, 'drop-column': 'off' } }),
      [],
    );
  });

  it('database facts make the messages concrete: rows dropped, rows that make a required column fail, duplicates', () => {
    const facts = {
      rows: new Map([['User', 12408]]),
      duplicates: new Map([[factKey('User', ['bio']), 3]]),
      source: 'test db',
    };
    const sql =
      'ALTER TABLE "User" ADD COLUMN "country" TEXT NOT NULL;\nCREATE UNIQUE INDEX "User_bio_key" ON "User"("bio");\nDROP TABLE "User";';
    const messages = lintMigration(sql, 'postgresql', { before: userTable, facts, severities: noLockTimeout }).map(
      (f) => f.message,
    );
    assert.ok(
      messages.some((m) => /has 12,408 rows in the connected database, so the migration will fail/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /3 values are duplicated/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /Drops table "User" and its 12,408 rows of data/.test(m)),
      messages.join('\n'),
    );
  });

  it('DROP INDEX forgets the index, in whichever table of the history has it', () => {
    const init =
      'CREATE TABLE "A" ("id" SERIAL NOT NULL, "b" INTEGER NOT NULL, CONSTRAINT "A_pkey" PRIMARY KEY ("id"));\nCREATE INDEX "A_b_idx" ON "A"("b");\nCREATE TABLE "B" ("id" SERIAL NOT NULL, CONSTRAINT "B_pkey" PRIMARY KEY ("id"));';
    const fk =
      'ALTER TABLE "A" ADD CONSTRAINT "A_b_fkey" FOREIGN KEY ("b") REFERENCES "B"("id") ON DELETE RESTRICT ON UPDATE CASCADE;';
    const rules = (...sqls: string[]) =>
      lintMigrationTexts(
        sqls.map((sql, i) => ({ name: String(i), file: String(i), sql })),
        'postgresql',
        { severities: noLockTimeout },
      )
        .at(-1)!
        .findings.map((f) => f.rule);
    assert.ok(!rules(init, fk).includes('foreign-key-without-index'), 'indexed column reported');
    assert.ok(rules(init, `DROP INDEX "A_b_idx";\n${fk}`).includes('foreign-key-without-index'));
    assert.ok(
      rules(init, 'DROP INDEX "A_b_idx";', 'CREATE INDEX "A_b_idx" ON "A"("b");', fk).every(
        (r) => r !== 'foreign-key-without-index',
      ),
      'a re-created index was forgotten',
    );
  });

  it('edited-after-apply when the applied checksum differs, nothing when it matches', () => {
    const sql = '-- CreateTable\nCREATE TABLE "A" ("id" INTEGER);\n';
    assert.deepEqual(lintMigration(sql, 'postgresql', { appliedChecksum: migrationChecksum(sql) }), []);
    const edited = lintMigration(sql, 'postgresql', { appliedChecksum: migrationChecksum(`${sql}-- x\n`) });
    assert.deepEqual(
      edited.map((f: LintFinding) => [f.rule, f.start]),
      [['edited-after-apply', 0]],
    );
  });
});

describe('migration lint: the rename quick fix on a generated SQLite migration keeps the data', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'pw-lint-fix-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies with applyMigrations, and the old column values are in the new column', async () => {
    const { set } = await sqliteGenerated();
    const steps = ['init', 'drop_table', 'drop_column', 'rename_column'];
    const migrationsDir = path.join(dir, 'migrations');
    for (const step of steps) {
      const m = set.get(step)!;
      mkdirSync(path.join(migrationsDir, path.basename(m.folder)), { recursive: true });
      writeFileSync(path.join(migrationsDir, path.basename(m.folder), 'migration.sql'), m.sql);
    }
    writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "sqlite"\n');
    const renameFile = path.join(migrationsDir, path.basename(set.get('rename_column')!.folder), 'migration.sql');
    const lints = await lintMigrationsDir(migrationsDir, 'sqlite');
    const finding = lints.at(-1)!.findings.find((f) => f.rule === 'rename-as-drop-and-add');
    assert.ok(finding?.fix);
    writeFileSync(renameFile, applyEdits(readFileSync(renameFile, 'utf8'), finding.fix.edits));
    assert.deepEqual(
      (await lintMigrationsDir(migrationsDir, 'sqlite')).at(-1)!.findings.map((f) => f.rule),
      ['sqlite-table-redefinition'],
      'the fixed migration has no data-loss finding left',
    );

    // the database holds rows before the rename migration runs
    const dbFile = path.join(dir, 'dev.db');
    const pendingRename = path.join(dir, 'later');
    mkdirSync(pendingRename);
    const renameFolder = path.dirname(renameFile);
    const parked = path.join(pendingRename, path.basename(renameFolder));
    renameSync(renameFolder, parked);
    const engine = await EmbeddedSchemaEngine.open({
      adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: `file:${dbFile}`, configDir: dir }),
    });
    try {
      await applyMigrations(engine, { migrationsDir });
      const db = createClient({ url: `file:${dbFile}` });
      await db.executeMultiple(
        `INSERT INTO "User" ("email","name","age") VALUES ('a@x','A',1); INSERT INTO "Post" ("title","body","authorId") VALUES ('t1','kept body',1);`,
      );
      db.close();
      renameSync(parked, renameFolder);
      assert.deepEqual(await applyMigrations(engine, { migrationsDir }), [path.basename(renameFolder)]);
    } finally {
      await engine.dispose();
    }
    const db = createClient({ url: `file:${dbFile}` });
    const rows = await db.execute('SELECT "title", "content" FROM "Post"');
    db.close();
    assert.deepEqual(
      rows.rows.map((r) => [r.title, r.content]),
      [['t1', 'kept body']],
    );
  });
});
