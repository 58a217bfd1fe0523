import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NO_FILTER, applyMigrations, readMigrationsList } from '../../../src/core/engine';
import { SAMPLE_MIGRATIONS, openSqliteEngine, sampleSchema, tempDir } from './engineTestKit';

describe('engine: the sample project migrations', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const folders = () =>
    readdirSync(SAMPLE_MIGRATIONS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();

  it('apply to a fresh SQLite file, then have nothing left to apply', async () => {
    const engine = await openSqliteEngine(path.join(dir, 'dev.db'), [sampleSchema()]);
    try {
      assert.deepEqual(await applyMigrations(engine, { migrationsDir: SAMPLE_MIGRATIONS }), folders());
      assert.deepEqual(await applyMigrations(engine, { migrationsDir: SAMPLE_MIGRATIONS }), []);
      const live = await engine.introspect({
        schema: { files: [sampleSchema()] },
        baseDirectoryPath: dir,
        force: false,
        compositeTypeDepth: -1,
        namespaces: null,
      });
      for (const model of [
        'organizations',
        'users',
        'profiles',
        'courses',
        'lessons',
        'enrollments',
        'tags',
        'reviews',
      ]) {
        assert.match(live.schema.files.map((f) => f.content).join('\n'), new RegExp(`@@map\\("${model}"\\)`), model);
      }
    } finally {
      await engine.dispose();
    }
  });

  it('produce exactly the schema (no drift between migrations and schema.prisma)', async () => {
    const engine = await openSqliteEngine(path.join(dir, 'shadow-host.db'));
    try {
      const result = await engine.diff({
        from: { tag: 'migrations', ...readMigrationsList(SAMPLE_MIGRATIONS) },
        to: { tag: 'schemaDatamodel', files: [sampleSchema()] },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      });
      assert.equal(result.exitCode, 0, `unexpected difference:\n${result.stdout}`);
    } finally {
      await engine.dispose();
    }
  });

  it('are at least two, each with migration.sql, plus a lock file for sqlite', () => {
    const list = readMigrationsList(SAMPLE_MIGRATIONS);
    assert.ok(list.migrationDirectories.length >= 2);
    for (const m of list.migrationDirectories) assert.equal(m.migrationFile.content.tag, 'ok', m.path);
    assert.match(String(list.lockfile.content), /provider = "sqlite"/);
  });
});
