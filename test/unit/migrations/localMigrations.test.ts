import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLocalMigrations, sha256 } from '../../../src/core/migrations/localMigrations';

describe('migrations: reading the migrations folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pw-migr-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const add = (name: string, sql?: string) => {
    mkdirSync(path.join(dir, name), { recursive: true });
    if (sql !== undefined) writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  };

  it('lists every folder sorted by name, with the checksum Prisma stores', () => {
    add('20240102000000_second', 'CREATE TABLE b (id INT);\n');
    add('20240101000000_init', 'CREATE TABLE a (id INT);\n');
    writeFileSync(path.join(dir, 'migration_lock.toml'), '# Please do not edit\nprovider = "postgresql"\n');
    writeFileSync(path.join(dir, 'README.md'), 'not a migration');
    const local = readLocalMigrations(dir);
    assert.equal(local.exists, true);
    assert.equal(local.lockProvider, 'postgresql');
    assert.deepEqual(
      local.migrations.map((m) => m.name),
      ['20240101000000_init', '20240102000000_second'],
    );
    assert.equal(local.migrations[0].checksum, sha256('CREATE TABLE a (id INT);\n'));
    assert.equal(local.migrations[0].problem, undefined);
  });

  it('reports a folder without migration.sql on the entry instead of throwing', () => {
    add('20240101000000_init', 'SELECT 1;');
    add('20240103000000_empty');
    const [, empty] = readLocalMigrations(dir).migrations;
    assert.equal(empty.name, '20240103000000_empty');
    assert.equal(empty.checksum, undefined);
    assert.match(empty.problem ?? '', /no migration\.sql/);
  });

  it('keeps odd folder names, flagged', () => {
    add('my-hand-written', 'SELECT 1;');
    const [m] = readLocalMigrations(dir).migrations;
    assert.equal(m.name, 'my-hand-written');
    assert.match(m.problem ?? '', /timestamp/);
  });

  it('a CRLF script also has its LF checksum (Prisma accepts either)', () => {
    add('20240101000000_init', 'SELECT 1;\r\nSELECT 2;\r\n');
    const [m] = readLocalMigrations(dir).migrations;
    assert.notEqual(m.checksum, m.checksumLf);
    assert.equal(m.checksumLf, sha256('SELECT 1;\nSELECT 2;\n'));
  });

  it('a missing folder is an empty history, without a lock provider', () => {
    const local = readLocalMigrations(path.join(dir, 'nope'));
    assert.equal(local.exists, false);
    assert.deepEqual(local.migrations, []);
    assert.equal(local.lockProvider, undefined);
  });
});
