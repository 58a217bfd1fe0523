// A migration.sql that is not UTF-8 (a Latin-1 seed, say) is refused in words everywhere it is read:
// the embedded engine's migrations list (deploy and the drift replay), the lint, and the Migrations view.
// Before, each decoded it lossily: é became U+FFFD in the SQL that was run, linted and checksummed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  EmbeddedSchemaEngine,
  applyMigrations,
  createAdapterFactory,
  readMigrationsList,
} from '../../../src/core/engine';
import { lintMigrationsDir } from '../../../src/core/migrationLint';
import { readLocalMigrations } from '../../../src/core/migrations/localMigrations';

const latin1 = Buffer.concat([
  Buffer.from("CREATE TABLE cafe (name TEXT);\nINSERT INTO cafe VALUES ('caf"),
  Buffer.from([0xe9]), // é in Latin-1: not valid UTF-8
  Buffer.from("');\n"),
]);

describe('migrations: a migration.sql that is not UTF-8 is refused, not decoded lossily', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pw-notutf8-'));
    mkdirSync(path.join(dir, '20240101000000_ok'));
    writeFileSync(path.join(dir, '20240101000000_ok', 'migration.sql'), 'CREATE TABLE a (id INTEGER);\n');
    mkdirSync(path.join(dir, '20240102000000_latin1'));
    writeFileSync(path.join(dir, '20240102000000_latin1', 'migration.sql'), latin1);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the history the engine replays (deploy, drift, previews) is refused, naming the file and the line', () => {
    assert.throws(
      () => readMigrationsList(dir),
      /20240102000000_latin1\/migration\.sql is not valid UTF-8 \(first bad byte on line 2\)/,
    );
    rmSync(path.join(dir, '20240102000000_latin1'), { recursive: true });
    const ok = readMigrationsList(dir).migrationDirectories;
    assert.deepEqual(ok[0]!.migrationFile.content, { tag: 'ok', value: 'CREATE TABLE a (id INTEGER);\n' });
  });

  it('deploy stops at it with that reason, and nothing of it runs', async () => {
    const db = path.join(dir, 'dev.db');
    const engine = await EmbeddedSchemaEngine.open({
      schemaFiles: [{ path: path.join(dir, 'schema.prisma'), content: 'datasource db {\n  provider = "sqlite"\n}\n' }],
      adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: `file:${db}`, configDir: dir }),
    });
    try {
      await assert.rejects(
        applyMigrations(engine, { migrationsDir: dir }),
        /latin1\/migration\.sql is not valid UTF-8/,
      );
    } finally {
      await engine.dispose();
    }
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url: `file:${db}` });
    const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map(
      (r) => r.name,
    );
    client.close();
    assert.ok(!tables.includes('cafe'), `tables: ${tables.join(', ')}`);
  });

  it('the lint reports it as an error and lints the others', async () => {
    const lints = await lintMigrationsDir(dir, 'sqlite');
    assert.deepEqual(
      lints.map((l) => l.name),
      ['20240101000000_ok', '20240102000000_latin1'],
    );
    const bad = lints[1]!;
    assert.equal(bad.findings.length, 1);
    assert.equal(bad.findings[0]!.severity, 'error');
    assert.match(bad.findings[0]!.message, /migration\.sql is not valid UTF-8.*re-save the file as UTF-8/);
    assert.ok(!bad.sql.includes('\ufffd'));
  });

  it('the Migrations view shows the folder with the problem', () => {
    const local = readLocalMigrations(dir);
    const bad = local.migrations.find((m) => m.name === '20240102000000_latin1')!;
    assert.match(bad.problem ?? '', /not valid UTF-8/);
  });
});
