import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  NO_FILTER,
  createMigration,
  devDiagnostic,
  isMissingMigrationsTable,
  migrationStatus,
  readMigrationsList,
} from '../../../src/core/engine';
import { openSqliteEngine, sqliteSchema, tempDir } from './engineTestKit';
import { untilNewMigrationSecond } from '../migrationSecond';

const V1 = sqliteSchema('model Post {\n  id    Int    @id @default(autoincrement())\n  title String\n}');
const V2 = sqliteSchema(
  'model Post {\n  id    Int     @id @default(autoincrement())\n  title String\n  body  String?\n}',
);

describe('engine: a fresh SQLite database', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('shows the trap: devDiagnostic fails with "no such table" and no P1014 code', async () => {
    const engine = await openSqliteEngine(path.join(dir, 'dev.db'), [V1]);
    try {
      await assert.rejects(
        engine.devDiagnostic({ migrationsList: readMigrationsList(path.join(dir, 'migrations')), filters: NO_FILTER }),
        (error: unknown) => {
          assert.ok(isMissingMigrationsTable(error));
          assert.notEqual((error as { code?: string }).code, 'P1014');
          return true;
        },
      );
    } finally {
      await engine.dispose();
    }
  });

  it('reports "no history table" for status and "create a migration" for dev', async () => {
    const engine = await openSqliteEngine(path.join(dir, 'dev.db'), [V1]);
    try {
      const source = { migrationsDir: path.join(dir, 'migrations') };
      assert.equal((await migrationStatus(engine, source)).hasMigrationsTable, false);
      assert.deepEqual(await devDiagnostic(engine, source), { tag: 'createMigration' });
      assert.equal((await migrationStatus(engine, source)).hasMigrationsTable, true);
    } finally {
      await engine.dispose();
    }
  });

  it('creates and applies two migrations in a row, then reports no change', async () => {
    const migrationsDir = path.join(dir, 'migrations');
    const dbFile = path.join(dir, 'dev.db');
    let engine = await openSqliteEngine(dbFile, [V1]);
    const first = await createMigration(engine, { migrationsDir, schemaFiles: [V1], name: 'init' }).finally(() =>
      engine.dispose(),
    );
    assert.equal(first.kind, 'created');
    await untilNewMigrationSecond([first.kind === 'created' ? first.name : '']); // names have 1-second resolution

    engine = await openSqliteEngine(dbFile, [V2]);
    try {
      const second = await createMigration(engine, { migrationsDir, schemaFiles: [V2], name: 'add body' });
      assert.ok(second.kind === 'created');
      assert.match(second.name, /^\d{14}_add_body$/);
      assert.deepEqual(second.applied, [second.name]);
      assert.match(
        readFileSync(path.join(second.folder, 'migration.sql'), 'utf8'),
        /ALTER TABLE "Post" ADD COLUMN "body" TEXT/,
      );
      assert.deepEqual(await createMigration(engine, { migrationsDir, schemaFiles: [V2], name: 'noop' }), {
        kind: 'unchanged',
        applied: [],
      });
    } finally {
      await engine.dispose();
    }
  });
});
