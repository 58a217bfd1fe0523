// "Compare with previous schema": the schema the migrations up to N-1 produce vs up to N, as SQL.
import assert from 'node:assert/strict';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedSchemaEngine, createAdapterFactory } from '../../../src/core/engine';
import { compareWithPrevious } from '../../../src/core/migrations/compareMigration';
import { SAMPLE_MIGRATIONS, tempDir } from '../engine/engineTestKit';

describe('migrations: compare a migration with the previous schema (SQLite)', function () {
  this.timeout(30_000);
  it('the first migration compares with an empty database; a later one adds exactly its tables', async () => {
    const { dir, cleanup } = tempDir('pw-compare-');
    try {
      const migrationsDir = path.join(dir, 'migrations');
      cpSync(SAMPLE_MIGRATIONS, migrationsDir, { recursive: true });
      const names = readdirSync(migrationsDir)
        .filter((d) => /^\d{14}_/.test(d))
        .sort();
      const engine = await EmbeddedSchemaEngine.open({
        adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: 'file:./scratch.db', configDir: dir }),
      });
      try {
        const first = await compareWithPrevious(engine, migrationsDir, names[0]);
        assert.equal(first.previous, undefined);
        assert.equal(first.before, '');
        assert.match(first.after, /CREATE TABLE "users"/);
        const last = await compareWithPrevious(engine, migrationsDir, names.at(-1)!);
        assert.equal(last.previous, names.at(-2));
        assert.doesNotMatch(last.before, /CREATE TABLE "reviews"/);
        assert.match(last.after, /CREATE TABLE "reviews"/);
        assert.ok(last.before.split('\n').length < last.after.split('\n').length);
        await assert.rejects(compareWithPrevious(engine, migrationsDir, '20000101000000_nope'), /not in/);
      } finally {
        await engine.dispose();
      }
    } finally {
      cleanup();
    }
  });
});
