// prisma-workbench-lint --since on a real temporary git repository with two branches: main and a feature
// branch each add migrations, the feature branch merges main (what a pull request's CI checks out), and
// the CLI reports the branch conflicts a reviewer must fix before merging.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { migrationChecksum } from '../../../src/core/migrationLint';
import { runLintCli, tempProject, writeFiles } from './lintCliHarness';

const init =
  '-- CreateTable\nCREATE TABLE "User" (\n    "id" SERIAL NOT NULL,\n    "email" TEXT NOT NULL,\n\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n';
const timeout = "SET lock_timeout = '5s';\n";
const emailType = (n: number) =>
  `${timeout}-- AlterTable\nALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(${n});\n`;
const addPhone = `${timeout}-- AlterTable\nALTER TABLE "User" ADD COLUMN     "phone" TEXT;\n`;
const migration = (name: string) => `prisma/migrations/${name}/migration.sql`;

interface Finding {
  migration: string;
  file: string;
  rule: string;
  line: number;
  message: string;
}

/** A repository on main with the first migration; returns its folder and a git runner. */
function repository(): { dir: string; git: (...args: string[]) => string } {
  const dir = tempProject({
    'prisma/schema.prisma':
      'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String\n}\n',
    'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
    [migration('20240101000000_init')]: init,
  });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
      cwd: dir,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  return { dir, git };
}

function commit(git: (...a: string[]) => string, dir: string, files: Record<string, string>, message: string) {
  writeFiles(dir, files);
  git('add', '.');
  git('commit', '-q', '-m', message);
}

async function lint(dir: string, args: string[]): Promise<{ code: number; findings: Finding[] }> {
  const r = await runLintCli([...args, '--format', 'json'], dir);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { code: r.code, findings: JSON.parse(r.stdout).findings as Finding[] };
}

const history = (findings: Finding[]) =>
  findings
    .filter((f) => ['migration-order', 'conflicting-migrations', 'lock-provider-changed'].includes(f.rule))
    .map((f) => `${f.file}:${f.line} ${f.rule}`);

describe('prisma-workbench-lint --since: branch conflicts in a real two-branch repository', function () {
  this.timeout(120_000);

  it("a feature branch that merged main: older than main's migration, and changing what main changed", async () => {
    const { dir, git } = repository();
    git('checkout', '-q', '-b', 'feature');
    commit(
      git,
      dir,
      {
        [migration('20240102000000_feature_email')]: emailType(100),
        [migration('20240103000000_feature_phone')]: addPhone,
      },
      'feature: email length, phone',
    );
    git('checkout', '-q', 'main');
    commit(
      git,
      dir,
      {
        [migration('20240104000000_main_contact')]: `${emailType(50)}ALTER TABLE "User" ADD COLUMN     "phone" TEXT;\n`,
      },
      'main: email length, phone',
    );
    git('checkout', '-q', 'feature');
    git('merge', '-q', '--no-edit', 'main');

    const r = await lint(dir, ['--since', 'main']);
    assert.equal(r.code, 1);
    assert.deepEqual(history(r.findings), [
      'prisma/migrations/20240102000000_feature_email/migration.sql:1 migration-order',
      'prisma/migrations/20240102000000_feature_email/migration.sql:3 conflicting-migrations',
      'prisma/migrations/20240103000000_feature_phone/migration.sql:1 migration-order',
      'prisma/migrations/20240103000000_feature_phone/migration.sql:3 conflicting-migrations',
    ]);
    const messages = r.findings.filter((f) => f.rule === 'conflicting-migrations').map((f) => f.message);
    assert.match(
      messages[0]!,
      /^Conflicts with "20240104000000_main_contact", written on another branch: both change column "email" of "User"/,
    );
    assert.match(
      messages[1]!,
      /^Conflicts with "20240104000000_main_contact": both add column "phone" to "User"\. Applied in order, "20240104000000_main_contact" fails after this one/,
    );
    assert.match(
      r.findings.find((f) => f.rule === 'migration-order')!.message,
      /sorts before "20240104000000_main_contact", which main already has.*"20240104000001_feature_email"/,
    );
    // main's own migration is not the branch's: nothing reported on it
    assert.ok(!r.findings.some((f) => f.migration === '20240104000000_main_contact'));
  });

  it("a migration committed after merging main knew main's: no conflict, and a later one no order finding", async () => {
    const { dir, git } = repository();
    git('checkout', '-q', '-b', 'feature');
    git('checkout', '-q', 'main');
    commit(git, dir, { [migration('20240104000000_main_email')]: emailType(50) }, 'main: email');
    git('checkout', '-q', 'feature');
    git('merge', '-q', '--no-edit', 'main');
    commit(git, dir, { [migration('20240105000000_feature_email')]: emailType(100) }, 'feature: email again');
    const r = await lint(dir, ['--since', 'main']);
    assert.deepEqual(history(r.findings), []);
    assert.equal(r.code, 0, JSON.stringify(r.findings));
  });

  it("a branch that changes migration_lock.toml's provider", async () => {
    const { dir, git } = repository();
    git('checkout', '-q', '-b', 'feature');
    commit(git, dir, { 'prisma/migrations/migration_lock.toml': 'provider = "mysql"\n' }, 'feature: mysql');
    const r = await lint(dir, ['--since', 'main']);
    assert.equal(r.code, 1);
    // the base branch said postgresql; the schema still says postgresql too
    assert.deepEqual(history(r.findings), [
      'prisma/migrations/migration_lock.toml:1 lock-provider-changed',
      'prisma/migrations/migration_lock.toml:1 lock-provider-changed',
    ]);
    assert.match(r.findings[0]!.message, /changed from "postgresql" on main to "mysql"/);
    assert.match(r.findings[1]!.message, /says "mysql" but the schema's datasource says "postgresql"/);
  });

  it('--database-url: a lock file naming another provider than the database the history was applied to', async () => {
    const create = 'CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY);\n';
    const dir = tempProject({
      'prisma/schema.prisma': 'datasource db {\n  provider = "sqlite"\n}\n',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      [migration('20240101000000_init')]: create,
    });
    const file = path.join(dir, 'prisma', 'dev.db');
    const db = createClient({ url: `file:${file}` });
    await db.execute(
      'CREATE TABLE _prisma_migrations (id TEXT, checksum TEXT, finished_at TEXT, migration_name TEXT, logs TEXT, rolled_back_at TEXT, started_at TEXT, applied_steps_count INTEGER)',
    );
    await db.execute({
      sql: "INSERT INTO _prisma_migrations VALUES ('1', ?, '2024-01-01', '20240101000000_init', NULL, NULL, '2024-01-01', 1)",
      args: [migrationChecksum(create)],
    });
    db.close();
    // the database is read as what it is (SQLite), not as the lock file says
    const r = await lint(dir, ['--database-url', `file:${file}`]);
    assert.equal(r.code, 1);
    const lock = r.findings.filter((f) => f.rule === 'lock-provider-changed').map((f) => f.message);
    assert.equal(lock.length, 2, JSON.stringify(r.findings));
    assert.match(lock[0]!, /says "postgresql" but the schema's datasource says "sqlite"/);
    assert.match(lock[1]!, /the 1 applied migration was applied to a sqlite database/);
  });
});
