import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildArgv, commandLabel, isDestructive, PRISMA_COMMAND_KINDS } from '../../../src/core/cli/prismaCommands';
import { chooseEngine, findPrismaCli, hasNativeSchemaEngine } from '../../../src/core/cli/resolveCli';

const withConfig = { schemaPath: '/p/prisma/schema.prisma', configFile: '/p/prisma.config.ts' };
const schemaOnly = { schemaPath: '/p/prisma/schema.prisma' };

describe('cli: argv for every Prisma command', () => {
  it('every command, with --config when there is a config and --schema otherwise', () => {
    const expected: Record<string, string[]> = {
      migrateDev: ['migrate', 'dev'],
      migrateDeploy: ['migrate', 'deploy'],
      migrateReset: ['migrate', 'reset'],
      migrateStatus: ['migrate', 'status'],
      generate: ['generate'],
      dbPull: ['db', 'pull'],
      dbPush: ['db', 'push'],
      dbSeed: ['db', 'seed'],
      format: ['format'],
      validate: ['validate'],
    };
    for (const kind of PRISMA_COMMAND_KINDS.filter((k) => k !== 'migrateResolve')) {
      assert.deepEqual(buildArgv(kind, withConfig), [...expected[kind], '--config', '/p/prisma.config.ts'], kind);
      assert.deepEqual(buildArgv(kind, schemaOnly), [...expected[kind], '--schema', '/p/prisma/schema.prisma'], kind);
    }
  });

  it('migrate dev --name (trimmed, one argument even with spaces) and --create-only', () => {
    assert.deepEqual(buildArgv('migrateDev', schemaOnly, { name: ' add body; rm -rf / ', createOnly: true }), [
      'migrate',
      'dev',
      '--name',
      'add body; rm -rf /',
      '--create-only',
      '--schema',
      '/p/prisma/schema.prisma',
    ]);
    assert.deepEqual(buildArgv('migrateDev', schemaOnly, { name: '  ' }), [
      'migrate',
      'dev',
      '--schema',
      '/p/prisma/schema.prisma',
    ]);
  });

  it('migrate resolve --applied / --rolled-back, and refuses without a migration', () => {
    assert.deepEqual(
      buildArgv('migrateResolve', withConfig, { migration: '20240101_init', resolveAs: 'applied' }).slice(0, 4),
      ['migrate', 'resolve', '--applied', '20240101_init'],
    );
    assert.deepEqual(
      buildArgv('migrateResolve', withConfig, { migration: '20240101_init', resolveAs: 'rolledBack' }).slice(0, 4),
      ['migrate', 'resolve', '--rolled-back', '20240101_init'],
    );
    assert.throws(() => buildArgv('migrateResolve', withConfig, {}), /needs the name/);
  });

  it('reset --skip-seed, push --accept-data-loss, pull --force; which are destructive', () => {
    assert.ok(buildArgv('migrateReset', schemaOnly, { skipSeed: true }).includes('--skip-seed'));
    assert.ok(buildArgv('dbPush', schemaOnly, { acceptDataLoss: true }).includes('--accept-data-loss'));
    assert.ok(buildArgv('dbPull', schemaOnly, { force: true }).includes('--force'));
    assert.equal(isDestructive('migrateReset'), true);
    assert.equal(isDestructive('migrateResolve'), true);
    assert.equal(isDestructive('dbPush'), false);
    assert.equal(isDestructive('dbPush', { acceptDataLoss: true }), true);
    assert.equal(isDestructive('migrateDeploy'), false);
  });

  it('labels leave paths out', () => {
    assert.equal(commandLabel('migrateDev', { name: 'add_x' }), 'prisma migrate dev --name add_x');
    assert.equal(commandLabel('migrateReset'), 'prisma migrate reset');
  });

  it("migrate reset gets --force only after the extension's own confirmation", () => {
    assert.ok(!buildArgv('migrateReset', schemaOnly).includes('--force'));
    assert.ok(!buildArgv('migrateReset', schemaOnly, { skipSeed: true }, {}).includes('--force'));
    assert.deepEqual(buildArgv('migrateReset', schemaOnly, {}, { confirmed: true }), [
      'migrate',
      'reset',
      '--force',
      '--schema',
      '/p/prisma/schema.prisma',
    ]);
  });
});

describe('cli: which Prisma CLI and engine run a task', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pw-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const fakeCli = (at: string, version: string) => {
    mkdirSync(path.join(at, 'node_modules/prisma/build'), { recursive: true });
    writeFileSync(path.join(at, 'node_modules/prisma/build/index.js'), '');
    writeFileSync(path.join(at, 'node_modules/prisma/package.json'), JSON.stringify({ version }));
  };

  it("the schema package's own CLI, else one up the tree (monorepo root), else the bundled one", () => {
    const pkg = path.join(dir, 'packages/api');
    mkdirSync(pkg, { recursive: true });
    assert.equal(findPrismaCli(pkg, dir), undefined);
    fakeCli(dir, '6.19.0');
    const root = findPrismaCli(pkg, dir);
    assert.equal(root?.version, '6.19.0');
    assert.equal(root?.major, 6);
    fakeCli(pkg, '7.10.1');
    assert.equal(findPrismaCli(pkg, dir)?.entry, path.join(pkg, 'node_modules/prisma/build/index.js'));
    const bundled = path.join(dir, 'ext/node_modules/prisma');
    fakeCli(path.join(dir, 'ext'), '7.10.1');
    assert.equal(findPrismaCli(path.join(dir, 'elsewhere'), path.join(dir, 'elsewhere'), bundled)?.source, 'bundled');
  });

  it('the native engine: PRISMA_SCHEMA_ENGINE_BINARY or a schema-engine-* file in @prisma/engines', () => {
    fakeCli(dir, '7.10.1');
    const cli = findPrismaCli(dir)!;
    assert.equal(hasNativeSchemaEngine(cli, {}), false);
    assert.equal(hasNativeSchemaEngine(cli, { PRISMA_SCHEMA_ENGINE_BINARY: path.join(dir, 'nope') }), false);
    writeFileSync(path.join(dir, 'engine'), '');
    assert.equal(hasNativeSchemaEngine(cli, { PRISMA_SCHEMA_ENGINE_BINARY: path.join(dir, 'engine') }), true);
    mkdirSync(path.join(dir, 'node_modules/@prisma/engines'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/@prisma/engines/schema-engine-debian-openssl-3.0.x'), '');
    assert.equal(hasNativeSchemaEngine(cli, {}), true);
  });

  it('auto picks embedded only when the native engine is missing and the database is SQLite/PostgreSQL', () => {
    const cli = { entry: '', version: '7.10.1', major: 7, source: 'workspace' as const, packageDir: '' };
    assert.equal(chooseEngine('auto', cli, true, true), 'cli');
    assert.equal(chooseEngine('auto', cli, false, true), 'embedded');
    assert.equal(chooseEngine('auto', cli, false, false), 'cli');
    assert.equal(chooseEngine('auto', undefined, false, true), 'embedded');
    assert.equal(chooseEngine('cli', cli, false, true), 'cli');
    assert.equal(chooseEngine('embedded', cli, true, true), 'embedded');
  });

  it("auto does not run a project's workflows on the CLI we ship (a trimmed build that cannot read prisma.config.ts)", () => {
    const bundled = { entry: '', version: '7.10.1', major: 7, source: 'bundled' as const, packageDir: '' };
    assert.equal(chooseEngine('auto', bundled, true, true), 'embedded');
    assert.equal(chooseEngine('auto', bundled, true, false), 'cli');
    assert.equal(chooseEngine('cli', bundled, true, true), 'cli');
  });
});
