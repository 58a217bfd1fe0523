// prisma-workbench-lint honours the project's prisma-workbench-lint.json (issue #19 item 4), run as a
// process from its bundle: a rule raised to error fails the run, an off rule is gone, and a file with
// mistakes stops the run with exit 2 and says what is wrong in which file.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintCliBundle, runLintCli, tempProject } from './lintCliHarness';

const migrations = {
  'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n',
  'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
  'prisma/migrations/20240101000000_init/migration.sql':
    'CREATE TABLE "User" ("id" INTEGER NOT NULL, "email" TEXT NOT NULL, "bio" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
  'prisma/migrations/20240102000000_drop/migration.sql':
    'ALTER TABLE "User" DROP COLUMN "bio";\nALTER TABLE "User" RENAME COLUMN "email" TO "mail";\n',
};

interface Json {
  findings: { rule: string; severity: string }[];
}
const findings = (stdout: string) => (JSON.parse(stdout) as Json).findings.map((f) => `${f.rule} ${f.severity}`);

describe('prisma-workbench-lint with a prisma-workbench-lint.json', function () {
  this.timeout(120_000);
  before(() => lintCliBundle());

  it('without the file: the default severities (warnings: exit 0)', async () => {
    const dir = tempProject(migrations);
    const r = await runLintCli(['--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout), [
      'missing-lock-timeout information',
      'drop-column warning',
      'rename-column-or-table warning',
    ]);
  });

  it('beside the schema: drop-column as error fails the run, the off rules are gone', async () => {
    const dir = tempProject({
      ...migrations,
      'prisma/prisma-workbench-lint.json': JSON.stringify({
        rules: { 'drop-column': 'error', 'missing-lock-timeout': 'off', 'rename-column-or-table': 'off' },
      }),
    });
    const r = await runLintCli(['--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findings(r.stdout), ['drop-column error']);
    const text = await runLintCli([], dir);
    assert.match(text.stdout, /:1:\d+ {2}error {2}.*Drops column "User"\."bio".*\[drop-column\]/);
  });

  it('in the project folder, found from --migrations too', async () => {
    const dir = tempProject({
      ...migrations,
      'package.json': '{}',
      'prisma-workbench-lint.json': JSON.stringify({ rules: { 'rename-column-or-table': 'error' } }),
    });
    const r = await runLintCli(['--format', 'json', '--migrations', 'prisma/migrations'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(findings(r.stdout).includes('rename-column-or-table error'), r.stdout);
  });

  it('a file with mistakes: exit 2, each mistake with the file, and no lint', async () => {
    const dir = tempProject(migrations);
    writeFileSync(
      path.join(dir, 'prisma', 'prisma-workbench-lint.json'),
      '{ "rules": { "drop-colum": "error", "drop-table": "warn" }, "filledTableRows": "many" }',
    );
    const r = await runLintCli(['--format', 'json'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      [
        'prisma-workbench-lint: prisma/prisma-workbench-lint.json: rules: "drop-colum" is not a rule (did you mean "drop-column"?)',
        'prisma/prisma-workbench-lint.json: rules.drop-table: "warn" is not a severity (use error, warning, information, off)',
        'prisma/prisma-workbench-lint.json: filledTableRows: "many" is not a whole number of rows (0 or more)',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'prisma', 'prisma-workbench-lint.json'), '{ "rules": ');
    const broken = await runLintCli([], dir);
    assert.equal(broken.code, 2);
    assert.match(
      broken.stderr,
      /^prisma-workbench-lint: prisma\/prisma-workbench-lint\.json: not valid JSON \(.+\)\n$/,
    );
  });
});
