// The editor and the CLI give the same findings: over every lint fixture (the migration chains the engine
// generated for SQLite and PostgreSQL, the MySQL chain in Prisma's style, the sample projects), the findings
// of the editor's lint path (MigrationLinter.lintSchema -> lintSchemaMigrations with the dialect dialectOf
// reads) and of the bundled CLI's json output are compared rule, severity, message and range.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { discoverOnDisk } from '../../../src/core/discovery';
import {
  lintSchemaMigrations,
  loadLintConfig,
  mergeSeverities,
  migrationsDialect,
} from '../../../src/core/migrationLint';
import { MYSQL_MIGRATIONS } from '../migrationLint/mysqlPrismaStyle';
import { VERSIONS, postgresGenerated, sqliteGenerated } from '../migrationLint/prismaGenerated';
import { runLintCli, tempProject } from './lintCliHarness';

const repo = path.resolve(__dirname, '../../..');

type Shown = Record<string, string[]>;

/** file (relative to cwd) -> `rule severity start-end message` of each finding. */
async function editorFindings(cwd: string, migrationsDir: string, provider?: string): Promise<Shown> {
  const dialect = migrationsDialect(migrationsDir, () => provider);
  assert.ok(dialect, `no dialect for ${migrationsDir}`);
  // as MigrationLinter.lintSchema: the project's prisma-workbench-lint.json over the (here empty) settings
  const config = loadLintConfig(migrationsDir);
  const { lints } = await lintSchemaMigrations(migrationsDir, dialect, {
    severities: mergeSeverities(config, {}),
    filledTableRows: config.filledTableRows,
  });
  const out: Shown = {};
  for (const l of lints)
    out[path.relative(cwd, l.file)] = l.findings.map((f) => `${f.rule} ${f.severity} ${f.start}-${f.end} ${f.message}`);
  return out;
}

async function cliFindings(cwd: string, args: string[] = []): Promise<Shown> {
  const r = await runLintCli([...args, '--format', 'json'], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as {
    migrations: { file: string }[];
    findings: { file: string; rule: string; severity: string; start: number; end: number; message: string }[];
  };
  const out: Shown = {};
  for (const m of json.migrations) out[m.file] = [];
  for (const f of json.findings) out[f.file]!.push(`${f.rule} ${f.severity} ${f.start}-${f.end} ${f.message}`);
  return out;
}

/** A project of one chain: prisma/schema.prisma naming the provider, the lock file, one folder per step. */
function chainProject(provider: string, steps: ReadonlyMap<string, string>): string {
  const files: Record<string, string> = {
    'prisma/schema.prisma': `datasource db {\n  provider = "${provider}"\n}\n`,
    'prisma/migrations/migration_lock.toml': `provider = "${provider}"\n`,
  };
  const order = VERSIONS.map((v) => v.step).filter((s) => steps.has(s));
  order.forEach((step, i) => {
    files[`prisma/migrations/2024010100${String(i).padStart(4, '0')}_${step}/migration.sql`] = steps.get(step)!;
  });
  return tempProject(files);
}

async function assertSame(cwd: string, migrationsDir: string, provider?: string, args: string[] = []) {
  const editor = await editorFindings(cwd, migrationsDir, provider);
  const cli = await cliFindings(cwd, args);
  assert.ok(Object.keys(editor).length > 0, 'the fixture has migrations');
  assert.ok(
    Object.values(editor).some((f) => f.length > 0),
    'the fixture has findings to compare',
  );
  assert.deepEqual(cli, editor);
}

describe('migration lint: the editor and the CLI give identical findings on every fixture', function () {
  this.timeout(180_000);

  it('the SQLite chain the engine generated', async () => {
    const { set } = await sqliteGenerated();
    const dir = chainProject('sqlite', new Map([...set].map(([k, v]) => [k, v.sql])));
    await assertSame(dir, path.join(dir, 'prisma', 'migrations'), 'sqlite');
  });

  it('the PostgreSQL chain the engine generated', async function () {
    const pg = await postgresGenerated();
    if ('skip' in pg) {
      console.log(`    (skipped: ${pg.skip})`);
      return this.skip();
    }
    const dir = chainProject('postgresql', new Map([...pg.set].map(([k, v]) => [k, v.sql])));
    await assertSame(dir, path.join(dir, 'prisma', 'migrations'), 'postgresql');
  });

  it('the MySQL chain in Prisma style', async () => {
    const dir = chainProject('mysql', MYSQL_MIGRATIONS);
    await assertSame(dir, path.join(dir, 'prisma', 'migrations'), 'mysql');
  });

  // what Prisma never writes but the rules of issue #19 flag: renames, UNIQUE constraints, per-row defaults
  const handEdits: Record<string, readonly string[]> = {
    postgresql: [
      'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, "name" VARCHAR(80), CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\nCREATE TABLE "Post" ("id" SERIAL NOT NULL, "userId" INTEGER, CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id"));\n',
      'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";\nALTER TABLE "Post" RENAME TO "Article";\n',
      'ALTER TABLE "User" ADD CONSTRAINT "User_email_key" UNIQUE ("email");\nALTER TABLE "User" ADD COLUMN "token" UUID NOT NULL DEFAULT gen_random_uuid();\n',
      'ALTER TABLE "Article" DROP CONSTRAINT "Post_userId_fkey";\nALTER TABLE "User" ALTER COLUMN "fullName" SET DATA TYPE VARCHAR(20);\n',
    ],
    mysql: [
      "CREATE TABLE `User` (`id` INTEGER NOT NULL AUTO_INCREMENT, `name` VARCHAR(80) NULL, `role` ENUM('A', 'B') NOT NULL, PRIMARY KEY (`id`));\n",
      'ALTER TABLE `User` CHANGE `name` `fullName` VARCHAR(80) NULL;\nRENAME TABLE `User` TO `Person`;\n',
      "ALTER TABLE `Person` MODIFY `role` ENUM('A', 'C', 'B') NOT NULL;\n",
    ],
  };
  for (const [provider, migrations] of Object.entries(handEdits)) {
    it(`hand-edited ${provider} migrations (renames, constraints, per-row defaults, enum copies)`, async () => {
      const files: Record<string, string> = {
        'prisma/schema.prisma': `datasource db {\n  provider = "${provider}"\n}\n`,
        'prisma/migrations/migration_lock.toml': `provider = "${provider}"\n`,
      };
      migrations.forEach((sql, i) => (files[`prisma/migrations/2024020100000${i}_m${i}/migration.sql`] = sql));
      const dir = tempProject(files);
      await assertSame(dir, path.join(dir, 'prisma', 'migrations'), provider);
      const rules = Object.values(await cliFindings(dir))
        .flat()
        .map((f) => f.split(' ')[0]);
      for (const rule of provider === 'postgresql'
        ? [
            'rename-column-or-table',
            'add-constraint-without-index',
            'table-rewrite',
            'drop-foreign-key',
            'type-narrowing',
          ]
        : ['rename-column-or-table', 'table-rewrite'])
        assert.ok(rules.includes(rule), `${rule} in ${rules.join(', ')}`);
    });
  }

  it('the MySQL chain with a prisma-workbench-lint.json (severities and off rules)', async () => {
    const dir = chainProject('mysql', MYSQL_MIGRATIONS);
    writeFileSync(
      path.join(dir, 'prisma', 'prisma-workbench-lint.json'),
      JSON.stringify({ rules: { 'table-rewrite': 'error', 'drop-table': 'off', 'drop-foreign-key': 'information' } }),
    );
    await assertSame(dir, path.join(dir, 'prisma', 'migrations'), 'mysql');
    const rules = Object.values(await cliFindings(dir)).flat();
    assert.ok(rules.some((f) => f.startsWith('table-rewrite error')));
    assert.ok(rules.some((f) => f.startsWith('drop-foreign-key information')));
    assert.ok(!rules.some((f) => f.startsWith('drop-table')));
  });

  const projects = [
    'prisma',
    ...readdirSync(path.join(repo, 'test/fixtures/projects')).map((p) => `test/fixtures/projects/${p}`),
  ].filter(
    (p) =>
      existsSync(path.join(repo, p)) && discoverOnDisk(path.join(repo, p)).some((r) => existsSync(r.migrationsDir)),
  );

  it('finds the sample projects with migrations', () => {
    assert.ok(projects.length >= 3, projects.join(', '));
  });

  for (const project of projects) {
    it(`the project ${project}, found as the extension finds it`, async () => {
      const cwd = path.join(repo, project);
      for (const root of discoverOnDisk(cwd).filter((r) => existsSync(r.migrationsDir))) {
        const editor = await editorFindings(cwd, root.migrationsDir, undefined);
        const cli = await cliFindings(cwd, ['--migrations', path.relative(cwd, root.migrationsDir)]);
        assert.deepEqual(cli, editor);
      }
      // and with no option: every schema's migrations
      const all = await cliFindings(cwd);
      const expected: Shown = {};
      for (const root of discoverOnDisk(cwd).filter((r) => existsSync(r.migrationsDir)))
        Object.assign(expected, await editorFindings(cwd, root.migrationsDir));
      assert.deepEqual(all, expected);
    });
  }
});
