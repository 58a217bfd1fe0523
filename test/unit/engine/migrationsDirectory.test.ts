import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATION_LOCK_FILE, migrationSlug, readMigrationsList, writeMigration } from '../../../src/core/engine';
import { tempDir } from './engineTestKit';

describe('engine: reading the migrations folder', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('treats a missing folder as an empty history without a lock file', () => {
    const list = readMigrationsList(path.join(dir, 'nope'), 'CREATE SCHEMA x;');
    assert.equal(list.baseDir, path.join(dir, 'nope'));
    assert.deepEqual(list.migrationDirectories, []);
    assert.deepEqual(list.lockfile, { path: MIGRATION_LOCK_FILE, content: null });
    assert.equal(list.shadowDbInitScript, 'CREATE SCHEMA x;');
  });

  it('reads the lock file, every sub-folder in CLI order, and ignores loose files', () => {
    writeFileSync(path.join(dir, MIGRATION_LOCK_FILE), 'provider = "sqlite"\n');
    writeFileSync(path.join(dir, 'README.md'), 'not a migration');
    for (const name of ['20240102000000_b', '20240101000000_a', 'hand made', '20240101000000_A']) {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, 'migration.sql'), `-- ${name}\n`);
    }
    const list = readMigrationsList(dir);
    assert.equal(list.lockfile.content, 'provider = "sqlite"\n');
    const names = list.migrationDirectories.map((m) => m.path);
    assert.deepEqual(names, ['20240101000000_a', '20240101000000_A', '20240102000000_b', 'hand made']);
    assert.deepEqual(list.migrationDirectories[3]?.migrationFile, {
      path: 'migration.sql',
      content: { tag: 'ok', value: '-- hand made\n' },
    });
  });

  it('reports a folder without migration.sql as an error entry instead of throwing', () => {
    mkdirSync(path.join(dir, '20240101000000_empty'));
    const [entry] = readMigrationsList(dir).migrationDirectories;
    assert.equal(entry?.migrationFile.content.tag, 'error');
    assert.match(String(entry?.migrationFile.content.value), /ENOENT/);
  });

  it('writes a generated migration and the lock file, and never overwrites one', () => {
    const output = {
      connectorType: 'sqlite',
      generatedMigrationName: '20240101000000_init',
      migrationScript: 'CREATE TABLE a (id INTEGER);\n',
      extension: 'sql',
    } as const;
    const folder = writeMigration(dir, output);
    assert.equal(readFileSync(path.join(folder, 'migration.sql'), 'utf8'), output.migrationScript);
    assert.match(readFileSync(path.join(dir, MIGRATION_LOCK_FILE), 'utf8'), /provider = "sqlite"/);
    assert.throws(() => writeMigration(dir, output), /already exists/);
    assert.throws(
      () => writeMigration(dir, { ...output, generatedMigrationName: 'x', migrationScript: null }),
      /no migration script/,
    );
    assert.equal(existsSync(path.join(dir, 'x')), false);
  });

  it('turns a --name into the folder suffix the CLI would write', () => {
    assert.equal(migrationSlug('add body'), 'add_body');
    assert.equal(migrationSlug('  Ajouter la durée!  '), 'ajouter_la_duree');
  });
});
