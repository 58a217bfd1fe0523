// The project's prisma-workbench-lint.json (issue #19 item 4): where it is found, what it may hold, the
// problems it reports in words, how it combines with the user's settings (the file wins for the rules it
// names), that the lint honours it, and that the JSON schema VS Code completes it with matches the rules.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { minimatch } from 'minimatch';
import {
  LINT_CONFIG_FILE,
  RULES,
  RULE_IDS,
  describeProblems,
  findLintConfig,
  lintSchemaMigrations,
  loadLintConfig,
  mergeSeverities,
  parseLintConfig,
} from '../../../src/core/migrationLint';

const root = path.resolve(__dirname, '../../..');
const schemaFile = path.join(root, 'schemas', 'migration-lint.schema.json');

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'pw-lint-config-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const messages = (text: string) => parseLintConfig(text).problems.map((p) => p.message);

describe('migration lint configuration: reading prisma-workbench-lint.json', () => {
  it('reads severities, off rules and the filled-table threshold', () => {
    const c = parseLintConfig(
      JSON.stringify({
        $schema: './node_modules/prisma-workbench/schemas/migration-lint.schema.json',
        rules: { 'drop-column': 'error', 'missing-lock-timeout': 'off' },
        filledTableRows: 1000,
      }),
    );
    assert.deepEqual(c.problems, []);
    assert.deepEqual(c.severities, { 'drop-column': 'error', 'missing-lock-timeout': 'off' });
    assert.equal(c.filledTableRows, 1000);
  });

  it('says what is wrong, where, and keeps the valid entries', () => {
    const text = `{
  "rules": { "drop-colum": "error", "drop-table": "warn", "set-not-null": "information" },
  "filledTableRows": -3,
  "threshold": 5
}`;
    const c = parseLintConfig(text);
    assert.deepEqual(
      c.problems.map((p) => p.message),
      [
        '"threshold" is not a setting (settings: rules, filledTableRows)',
        'rules: "drop-colum" is not a rule (did you mean "drop-column"?)',
        'rules.drop-table: "warn" is not a severity (use error, warning, information, off)',
        'filledTableRows: -3 is not a whole number of rows (0 or more)',
      ],
    );
    assert.deepEqual(
      c.problems.map((p) => text.slice(p.offset).split(':')[0]),
      ['"threshold"', '"drop-colum"', '"drop-table"', '"filledTableRows"'],
      'each problem points at its key',
    );
    assert.deepEqual(c.severities, { 'set-not-null': 'information' });
    assert.equal(c.filledTableRows, undefined);
  });

  it('a file that is not JSON, or not an object, is one problem, not a crash', () => {
    assert.match(messages('{ "rules": { "drop-table": "off", } }')[0]!, /^not valid JSON \(.+\)$/);
    assert.deepEqual(messages('[]'), ['not a JSON object: write { "rules": { "rule-id": "warning" } }']);
    assert.deepEqual(messages('{ "rules": [] }'), ['rules must be an object: { "rule-id": "warning" }']);
    assert.deepEqual(messages('\uFEFF{ "filledTableRows": 0 }'), [], 'a byte order mark is fine');
    assert.deepEqual(messages('{ "filledTableRows": 1.5 }'), [
      'filledTableRows: 1.5 is not a whole number of rows (0 or more)',
    ]);
  });

  it('problems are shown with the file, relative to where the CLI runs', () => {
    const dir = project('described', {
      'prisma-workbench-lint.json': '{ "rules": { "x": "off" } }',
      'package.json': '{}',
    });
    const c = loadLintConfig(path.join(dir, 'prisma', 'migrations'));
    assert.deepEqual(describeProblems(c, dir), ['prisma-workbench-lint.json: rules: "x" is not a rule']);
  });

  it('is found beside the schema folder or in the project folder, never above the project', () => {
    const beside = project('beside', {
      'package.json': '{}',
      [`prisma/${LINT_CONFIG_FILE}`]: '{}',
      [LINT_CONFIG_FILE]: '{}',
    });
    assert.equal(
      findLintConfig(path.join(beside, 'prisma', 'migrations')),
      path.join(beside, 'prisma', LINT_CONFIG_FILE),
    );
    const atRoot = project('root', { 'package.json': '{}', [LINT_CONFIG_FILE]: '{}', 'db/schema.prisma': '' });
    assert.equal(findLintConfig(path.join(atRoot, 'db', 'migrations')), path.join(atRoot, LINT_CONFIG_FILE));
    // a nested package (monorepo): its own package.json stops the search before the repository's file
    const mono = project('mono', {
      [LINT_CONFIG_FILE]: '{}',
      '.git/HEAD': '',
      'packages/api/package.json': '{}',
      'packages/api/prisma/schema.prisma': '',
    });
    assert.equal(findLintConfig(path.join(mono, 'packages', 'api', 'prisma', 'migrations')), undefined);
    assert.deepEqual(loadLintConfig(path.join(mono, 'packages', 'api', 'prisma', 'migrations')), {
      severities: {},
      problems: [],
    });
  });

  it("the file wins over the user's settings for the rules it names; settings apply to the others", () => {
    const c = parseLintConfig('{ "rules": { "drop-column": "error" } }');
    assert.deepEqual(mergeSeverities(c, { 'drop-column': 'off', 'drop-table': 'information' }), {
      'drop-column': 'error',
      'drop-table': 'information',
    });
  });

  it('the lint honours it: a severity, an off rule, and the threshold with a connected SQLite database', async () => {
    const dir = project('honoured', {
      'package.json': '{}',
      'prisma/migrations/migration_lock.toml': 'provider = "sqlite"\n',
      'prisma/migrations/20240101000000_init/migration.sql': `${init}\n`,
      'prisma/migrations/20240102000000_rebuild/migration.sql': rebuild,
      'prisma/migrations/20240103000000_drop/migration.sql':
        'ALTER TABLE "User" DROP COLUMN "bio";\nDROP TABLE "Old";\n',
    });
    // the database: the first migration applied, 2 users
    const dbFile = path.join(dir, 'prisma', 'dev.db');
    const db = createClient({ url: `file:${dbFile}` });
    try {
      await db.executeMultiple(`${init}\nINSERT INTO "User" ("id", "bio") VALUES (1, 'a'), (2, 'b');`);
    } finally {
      db.close();
    }
    const migrations = path.join(dir, 'prisma', 'migrations');
    const database = {
      target: { dialect: 'sqlite' as const, url: `file:${dbFile}`, label: 'dev.db' },
      queryFacts: true,
    };
    const rulesOf = async (withDatabase: boolean) => {
      const c = loadLintConfig(migrations);
      const { lints } = await lintSchemaMigrations(
        migrations,
        'sqlite',
        { severities: c.severities, filledTableRows: c.filledTableRows },
        withDatabase ? database : undefined,
      );
      return lints.flatMap((l) => l.findings.map((f) => `${f.rule} ${f.severity}`));
    };
    const all = ['sqlite-table-redefinition information', 'drop-column warning', 'drop-table warning'];
    assert.deepEqual(await rulesOf(false), all);
    assert.deepEqual(await rulesOf(true), all, 'no threshold: every table counts as filled');
    writeFileSync(
      path.join(dir, LINT_CONFIG_FILE),
      JSON.stringify({ rules: { 'drop-column': 'error', 'drop-table': 'off' }, filledTableRows: 100 }),
    );
    assert.deepEqual(
      await rulesOf(false),
      ['sqlite-table-redefinition information', 'drop-column error'],
      'without a database the size is unknown: the rebuild is still reported',
    );
    assert.deepEqual(await rulesOf(true), ['drop-column error'], 'a 2-row table is not filled at 100 rows');
  });
});

const init =
  'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY, "bio" TEXT);\nCREATE TABLE "Old" ("id" INTEGER NOT NULL PRIMARY KEY);';
// Prisma's RedefineTables shape for a changed column
const rebuild = `PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY, "bio" TEXT DEFAULT '');
INSERT INTO "new_User" ("bio", "id") SELECT "bio", "id" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
PRAGMA foreign_keys=ON;
`;

describe('migration lint configuration: the JSON schema VS Code completes it with', () => {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
    properties: { rules: { properties: Record<string, { enum: string[]; description: string }> } };
  };

  it('names every rule, with its title and default, and only the four severities', () => {
    assert.deepEqual(Object.keys(schema.properties.rules.properties), [...RULE_IDS]);
    for (const r of RULES) {
      const p = schema.properties.rules.properties[r.id]!;
      assert.deepEqual(p.enum, ['error', 'warning', 'information', 'off']);
      assert.ok(p.description.startsWith(r.title), `${r.id}: ${p.description}`);
      assert.match(p.description, new RegExp(`default: ${r.defaultSeverity}`));
    }
  });

  it('is a valid JSON schema (ajv) that accepts what the loader accepts and rejects what it reports', async function () {
    let Ajv: typeof import('ajv').default;
    try {
      Ajv = (await import('ajv')).default;
    } catch (e) {
      console.log(`      (skipped: ajv is not in node_modules: ${String(e).split('\n')[0]})`);
      return this.skip();
    }
    const ajv = new Ajv({ strict: true, allErrors: true });
    const validate = ajv.compile(schema);
    const good = {
      $schema: 'x',
      rules: { 'drop-column': 'error', 'missing-lock-timeout': 'off' },
      filledTableRows: 10,
    };
    assert.ok(validate(good), ajv.errorsText(validate.errors));
    assert.deepEqual(parseLintConfig(JSON.stringify(good)).problems, []);
    for (const bad of [
      { rules: { 'drop-colum': 'error' } },
      { rules: { 'drop-table': 'warn' } },
      { filledTableRows: -1 },
      { filledTableRows: 1.5 },
      { threshold: 3 },
      [],
    ]) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
      assert.equal(parseLintConfig(JSON.stringify(bad)).problems.length, 1, JSON.stringify(bad));
    }
  });

  it('is contributed for prisma-workbench-lint.json and shipped in the .vsix', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: {
        jsonValidation: { fileMatch: string; url: string }[];
        configuration:
          | { properties: Record<string, { properties?: Record<string, unknown> }> }
          | { properties: Record<string, { properties?: Record<string, unknown> }> }[];
      };
    };
    const entry = pkg.contributes.jsonValidation.find((j) => j.fileMatch === LINT_CONFIG_FILE);
    assert.equal(entry?.url, './schemas/migration-lint.schema.json');
    assert.equal(path.resolve(root, entry.url), schemaFile);
    const allowed = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).trim());
    assert.ok(
      allowed.some((p) => minimatch('schemas/migration-lint.schema.json', p)),
      '.vscodeignore lets it in',
    );
    // the user setting lists the same rules
    const setting = [pkg.contributes.configuration]
      .flat()
      .map((c) => c.properties['prismaWorkbench.migrationLint.severity'])
      .find((p) => p !== undefined);
    assert.deepEqual(Object.keys(setting?.properties ?? {}).sort(), [...RULE_IDS].sort());
  });

  it('docs/migration-lint.md has a section per rule and one on the configuration file', () => {
    const docs = readFileSync(path.join(root, 'docs', 'migration-lint.md'), 'utf8');
    for (const id of RULE_IDS) assert.match(docs, new RegExp(`^## ${id}$`, 'm'), id);
    assert.match(docs, /^## Project configuration$/m);
  });
});
