// prisma-workbench-lint run as a process from its bundle: what CI and a pre-commit hook see (exit codes,
// the four formats, the ignore comment, discovery through prisma.config.ts, --since and --database-url).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { migrationChecksum } from '../../../src/core/migrationLint';
import { unpackedPackage } from '../npmPackage';
import { lintCliBundle, runLintCli, tempProject, writeFiles } from './lintCliHarness';

const pgSchema = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id Int @id\n}\n';
const lock = (provider: string) => `provider = "${provider}"\n`;
const init =
  '-- CreateTable\nCREATE TABLE "User" (\n    "id" INTEGER NOT NULL,\n    "email" TEXT NOT NULL,\n\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n';
// careful migrations set a lock timeout first (else missing-lock-timeout joins every finding below)
const timeout = "SET lock_timeout = '5s';\n";
const requiredColumn = timeout + '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "name" TEXT NOT NULL;\n';
const dropColumn = timeout + '-- AlterTable\nALTER TABLE "User" DROP COLUMN "email";\n';

/** A PostgreSQL project: prisma/schema.prisma and its migrations (name -> SQL). */
function pgProject(migrations: Record<string, string>): string {
  const files: Record<string, string> = {
    'prisma/schema.prisma': pgSchema,
    'prisma/migrations/migration_lock.toml': lock('postgresql'),
  };
  for (const [name, sql] of Object.entries(migrations)) files[`prisma/migrations/${name}/migration.sql`] = sql;
  return tempProject(files);
}

/** The SARIF 2.1.0 JSON schema (draft-04) as ajv validates with it, fetched from the npm registry once. */
async function sarifValidator(): Promise<import('ajv').ValidateFunction> {
  const dir = unpackedPackage(
    '@microsoft/jest-sarif',
    '1.0.0-beta.0',
    'sha512-A1fOhPd6Ic5iDk4F9YPw1qNB4XF+7+IviR7xl8r2F6QzQkx5cpY9LsGk2rExiFIEcBbjpVnSmwWGBukASkiQ9A==',
  );
  const schema = JSON.parse(
    readFileSync(path.join(dir, 'package', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as object;
  const Ajv = (await import('ajv-draft-04')).default;
  // unicodeRegExp off: one of its patterns (language) is not valid with the `u` flag; formats (uri, date-time)
  // are not checked
  return new Ajv({
    strict: false,
    allErrors: true,
    unicodeRegExp: false,
    validateFormats: false,
    logger: false,
  }).compile(schema);
}

describe('prisma-workbench-lint (the bundled CLI as a process)', function () {
  this.timeout(120_000);
  before(() => lintCliBundle());

  it('bundles into one file that requires no vscode', async () => {
    const text = readFileSync(await lintCliBundle(), 'utf8');
    assert.ok(text.startsWith('#!/usr/bin/env node\n'), 'a bin needs its shebang');
    assert.doesNotMatch(text, /require\(["']vscode["']\)/);
    assert.doesNotMatch(text, /from ["']vscode["']/);
  });

  it('exits 1 on an error and names the file, line, rule and message', async () => {
    const dir = pgProject({ '20240101000000_init': init, '20240102000000_name': requiredColumn });
    const r = await runLintCli([], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stdout,
      /^prisma\/migrations\/20240102000000_name\/migration\.sql:3:\d+ +error +Adds required column "User"\."name" without a default.*\[required-column-without-default\]$/m,
    );
    assert.match(r.stdout, /1 error, 0 warnings, 0 information in 2 migrations/);
  });

  it('exits 0 on warnings, 1 with --strict', async () => {
    const dir = pgProject({ '20240101000000_init': init, '20240102000000_drop': dropColumn });
    const plain = await runLintCli([], dir);
    assert.equal(plain.code, 0, plain.stdout + plain.stderr);
    assert.match(plain.stdout, /warning +Drops column "User"\."email".*\[drop-column\]/);
    assert.equal((await runLintCli(['--strict'], dir)).code, 1);
  });

  it('honours a -- prisma-workbench-ignore comment above the statement', async () => {
    // no lock timeout here: both rules of the statement are silenced by one comment
    const ignored =
      '-- prisma-workbench-ignore required-column-without-default, missing-lock-timeout: the table is empty everywhere\n' +
      'ALTER TABLE "User" ADD COLUMN     "name" TEXT NOT NULL;\n';
    const dir = pgProject({ '20240101000000_init': init, '20240102000000_name': ignored });
    const r = await runLintCli(['--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout).findings, []);
  });

  it('json: the findings with file, migration, rule, severity and 1-based positions', async () => {
    const dir = pgProject({ '20240101000000_init': init, '20240102000000_name': requiredColumn });
    const r = await runLintCli(['--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    assert.equal(out.migrations.length, 2);
    assert.equal(out.findings.length, 1);
    const f = out.findings[0];
    assert.equal(f.file, 'prisma/migrations/20240102000000_name/migration.sql');
    assert.equal(f.migration, '20240102000000_name');
    assert.equal(f.rule, 'required-column-without-default');
    assert.equal(f.severity, 'error');
    assert.equal(f.line, 3);
    assert.equal(requiredColumn.slice(f.start, f.end).startsWith('"name" TEXT NOT NULL'), true);
    assert.equal(f.column, requiredColumn.split('\n')[2]!.indexOf('"name"') + 1);
  });

  it('sarif: a SARIF 2.1.0 log with the rules and one result per finding', async () => {
    const dir = pgProject({
      '20240101000000_init': init,
      '20240102000000_name': requiredColumn,
      '20240103000000_drop': dropColumn,
    });
    const r = await runLintCli(['--format', 'sarif'], dir);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    // against the published SARIF 2.1.0 schema (OASIS, RTM.5; shipped in Microsoft's @microsoft/jest-sarif)
    const validate = await sarifValidator();
    assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3)));
    const forged = JSON.parse(r.stdout) as { runs: { results: { level: string }[] }[] };
    forged.runs[0].results[0].level = 'fatal';
    assert.ok(!validate(forged), 'the schema check refuses a level SARIF does not have');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'prisma-workbench-lint');
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ruleIds.includes('drop-column') && ruleIds.includes('required-column-without-default'));
    for (const rule of run.tool.driver.rules) {
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.deepEqual(
      run.results.map((x: { ruleId: string; level: string }) => `${x.ruleId}:${x.level}`),
      ['required-column-without-default:error', 'drop-column:warning'],
    );
    for (const res of run.results) {
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at its rule');
      assert.equal(typeof res.message.text, 'string');
      const loc = res.locations[0].physicalLocation;
      assert.match(loc.artifactLocation.uri, /^prisma\/migrations\/\d+_\w+\/migration\.sql$/);
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(run.originalUriBaseIds[loc.artifactLocation.uriBaseId], 'the base id is declared');
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'])
        assert.ok(Number.isInteger(loc.region[k]) && loc.region[k] >= 1, `${k} is a positive integer`);
    }
  });

  it('github: one workflow annotation per finding, on its file and line', async () => {
    const dir = pgProject({
      '20240101000000_init': init,
      '20240102000000_name': requiredColumn,
      '20240103000000_drop': dropColumn,
    });
    const r = await runLintCli(['--format', 'github'], dir);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(
      lines[0]!,
      /^::error file=prisma\/migrations\/20240102000000_name\/migration\.sql,line=3,endLine=3,col=\d+,endColumn=\d+,title=Migration lint%3A required-column-without-default::Adds required column/,
    );
    assert.match(
      lines[1]!,
      /^::warning file=prisma\/migrations\/20240103000000_drop\/migration\.sql,line=3,.*::Drops column/,
    );
  });

  it('exits 2 with the usage on a bad option, and with a reason when there is nothing to lint', async () => {
    const dir = pgProject({ '20240101000000_init': init });
    const bad = await runLintCli(['--format', 'xml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of text, json, sarif, github/);
    const empty = tempProject({ 'README.md': 'no prisma here\n' });
    const none = await runLintCli([], empty);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no Prisma schema found/);
  });

  it('finds schema and migrations through prisma.config.ts, reading it without running it', async () => {
    const dir = tempProject({
      'prisma.config.ts': `throw new Error('executed');\nexport default defineConfig({\n  schema: 'db/main.prisma',\n  migrations: { path: 'db/history' },\n});\n`,
      'db/main.prisma': pgSchema,
      'db/history/migration_lock.toml': lock('postgresql'),
      'db/history/20240101000000_init/migration.sql': init,
      'db/history/20240102000000_drop/migration.sql': dropColumn,
    });
    const r = await runLintCli(['--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { file: string; rule: string }) => `${f.file} ${f.rule}`),
      ['db/history/20240102000000_drop/migration.sql drop-column'],
    );
  });

  it('--migrations names the folder; the dialect comes from its migration_lock.toml', async () => {
    const dir = tempProject({
      'sql/migration_lock.toml': lock('mysql'),
      'sql/20240101000000_init/migration.sql':
        'CREATE TABLE `User` (\n    `id` INTEGER NOT NULL,\n    `email` VARCHAR(191) NOT NULL,\n    PRIMARY KEY (`id`)\n);\n',
      'sql/20240102000000_drop/migration.sql': 'ALTER TABLE `User` DROP COLUMN `email`;\n',
    });
    const r = await runLintCli(['--migrations', 'sql', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule),
      ['drop-column'],
    );
  });

  it('--since <ref>: only the migrations the branch added or changed (committed or not)', async () => {
    const dir = pgProject({ '20240101000000_init': init, '20240102000000_drop': dropColumn });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    writeFiles(dir, { 'prisma/migrations/20240103000000_name/migration.sql': requiredColumn });
    git('add', '.');
    git('commit', '-q', '-m', 'feature migration');
    writeFiles(dir, { 'prisma/migrations/20240104000000_untracked/migration.sql': `${timeout}DROP TABLE "User";\n` });
    // main moves on after the branch left it: its new migration is not the branch's
    git('checkout', '-q', 'main');
    writeFiles(dir, { 'prisma/migrations/20240102500000_main/migration.sql': 'CREATE INDEX "a" ON "User"("id");\n' });
    git('add', 'prisma/migrations/20240102500000_main');
    git('commit', '-q', '-m', 'main moves');
    git('checkout', '-q', 'feature');
    const r = await runLintCli(['--since', 'main', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.migrations.map((m: { name: string }) => m.name),
      ['20240103000000_name', '20240104000000_untracked'],
    );
    assert.deepEqual(
      out.findings.map((f: { rule: string }) => f.rule),
      ['required-column-without-default', 'drop-table'],
    );
    assert.equal(r.code, 1);
    const unknown = await runLintCli(['--since', 'no-such-branch'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--since no-such-branch: git does not know this ref/);
  });

  it('--database-url: the pending migrations with row counts, and an applied one edited since', async () => {
    const init3 = 'CREATE TABLE "User" (\n    "id" INTEGER NOT NULL PRIMARY KEY,\n    "email" TEXT NOT NULL\n);\n';
    const add = 'ALTER TABLE "User" ADD COLUMN "name" TEXT NOT NULL;\n';
    const dir = tempProject({
      'prisma/schema.prisma': 'datasource db {\n  provider = "sqlite"\n}\n',
      'prisma/migrations/migration_lock.toml': lock('sqlite'),
      'prisma/migrations/20240101000000_init/migration.sql': init3,
      'prisma/migrations/20240102000000_name/migration.sql': add,
    });
    const file = path.join(dir, 'prisma', 'dev.db');
    const db = createClient({ url: `file:${file}` });
    await db.executeMultiple(
      `CREATE TABLE _prisma_migrations (id TEXT, checksum TEXT, finished_at TEXT, migration_name TEXT, logs TEXT, rolled_back_at TEXT, started_at TEXT, applied_steps_count INTEGER);
       ${init3}
       INSERT INTO "User" VALUES (1, 'a@example.com'), (2, 'b@example.com');`,
    );
    await db.execute({
      sql: "INSERT INTO _prisma_migrations VALUES ('1', ?, '2024-01-01', '20240101000000_init', NULL, NULL, '2024-01-01', 1)",
      args: [migrationChecksum(init3)],
    });
    db.close();
    const r = await runLintCli(['--database-url', `file:${file}`, '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.migrations.map((m: { name: string }) => m.name),
      ['20240102000000_name'],
    );
    assert.match(out.findings[0].message, /"User" has 2 rows in the connected database/);
    // the applied migration edited afterwards is reported although it is not pending
    writeFiles(dir, { 'prisma/migrations/20240101000000_init/migration.sql': `${init3}-- edited\n` });
    const edited = JSON.parse((await runLintCli(['--database-url', `file:${file}`, '--format', 'json'], dir)).stdout);
    assert.deepEqual(
      edited.findings.map((f: { migration: string; rule: string }) => `${f.migration} ${f.rule}`),
      ['20240101000000_init edited-after-apply', '20240102000000_name required-column-without-default'],
    );
  });

  it('migration-order: a branch migration older than the newest one on the base branch', async () => {
    const dir = pgProject({ '20240101000000_init': init });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    writeFiles(dir, {
      'prisma/migrations/20240103000000_feature/migration.sql': 'CREATE TABLE "Note" ("id" INTEGER);\n',
    });
    git('add', '.');
    git('commit', '-q', '-m', 'feature');
    const clean = JSON.parse((await runLintCli(['--since', 'main', '--format', 'json'], dir)).stdout);
    assert.deepEqual(clean.findings, []);
    // main merges a newer migration meanwhile
    git('checkout', '-q', 'main');
    writeFiles(dir, { 'prisma/migrations/20240105000000_main/migration.sql': 'CREATE TABLE "Tag" ("id" INTEGER);\n' });
    git('add', '.');
    git('commit', '-q', '-m', 'main');
    git('checkout', '-q', 'feature');
    const r = await runLintCli(['--since', 'main', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const f = JSON.parse(r.stdout).findings;
    assert.deepEqual(
      f.map((x: { migration: string; rule: string }) => `${x.migration} ${x.rule}`),
      ['20240103000000_feature migration-order'],
    );
    assert.match(f[0].message, /sorts before "20240105000000_main", which main already has/);
  });

  it('migration-order: a pending migration older than the newest one the database applied', async () => {
    const create = (t: string) => `CREATE TABLE "${t}" ("id" INTEGER NOT NULL PRIMARY KEY);\n`;
    const dir = tempProject({
      'prisma/schema.prisma': 'datasource db {\n  provider = "sqlite"\n}\n',
      'prisma/migrations/migration_lock.toml': lock('sqlite'),
      'prisma/migrations/20240101000000_init/migration.sql': create('A'),
      'prisma/migrations/20240102000000_other_branch/migration.sql': create('B'),
      'prisma/migrations/20240103000000_main/migration.sql': create('C'),
    });
    const file = path.join(dir, 'prisma', 'dev.db');
    const db = createClient({ url: `file:${file}` });
    await db.execute(
      'CREATE TABLE _prisma_migrations (id TEXT, checksum TEXT, finished_at TEXT, migration_name TEXT, logs TEXT, rolled_back_at TEXT, started_at TEXT, applied_steps_count INTEGER)',
    );
    for (const [name, t] of [
      ['20240101000000_init', 'A'],
      ['20240103000000_main', 'C'],
    ])
      await db.execute({
        sql: "INSERT INTO _prisma_migrations VALUES (?, ?, '2024-01-01', ?, NULL, NULL, '2024-01-01', 1)",
        args: [name, migrationChecksum(create(t)), name],
      });
    db.close();
    const r = await runLintCli(['--database-url', `file:${file}`, '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const f = JSON.parse(r.stdout).findings;
    assert.deepEqual(
      f.map((x: { migration: string; rule: string }) => `${x.migration} ${x.rule}`),
      ['20240102000000_other_branch migration-order'],
    );
    assert.match(f[0].message, /^Pending, but older than the newest applied migration "20240103000000_main"/);
    assert.match(f[0].message, /prisma migrate resolve --applied 20240102000000_other_branch/);
  });
});
