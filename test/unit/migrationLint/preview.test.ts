// The next migration before it is written (the "Preview Next Migration" document): the engine's SQL for
// the schema change, linted on top of the folder's migrations, and the engine's own data-loss evaluation
// against a SQLite database with rows in it, placed on the statement it names.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { EmbeddedSchemaEngine, createAdapterFactory, createMigration } from '../../../src/core/engine';
import {
  engineFindings,
  lintNextMigration,
  nextMigrationDataLoss,
  nextMigrationScript,
} from '../../../src/core/migrationLint/preview';

const schemaText = (models: string) => `datasource db {\n  provider = "sqlite"\n}\n${models}\n`;
const V1 = schemaText('model User {\n  id    Int    @id @default(autoincrement())\n  email String\n  bio   String?\n}');
const V2 = schemaText('model User {\n  id    Int    @id @default(autoincrement())\n  email String\n}');

describe('migration lint: preview of the next migration (SQLite, embedded engine)', function () {
  this.timeout(60_000);
  let dir: string;
  const migrationsDir = () => path.join(dir, 'migrations');
  const files = (content: string) => [{ path: path.join(dir, 'schema.prisma'), content }];
  const open = async (content: string) =>
    EmbeddedSchemaEngine.open({
      schemaFiles: files(content),
      adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: 'file:./dev.db', configDir: dir }),
    });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pw-lint-preview-'));
    const engine = await open(V1);
    try {
      const created = await createMigration(engine, {
        migrationsDir: migrationsDir(),
        schemaFiles: files(V1),
        name: 'init',
      });
      assert.equal(created.kind, 'created');
    } finally {
      await engine.dispose();
    }
    const db = createClient({ url: `file:${path.join(dir, 'dev.db')}` });
    await db.execute("INSERT INTO \"User\" (email, bio) VALUES ('a', 'x'), ('b', 'y'), ('c', NULL)");
    db.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the SQL of the next migration, linted on top of the existing ones, and the engine's data-loss warning on its statement", async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'pw-lint-preview-scratch-'));
    let sql: string;
    try {
      // the diff replays the migrations in a throwaway database, as the preview command does
      const engine = await EmbeddedSchemaEngine.open({
        adapterFactory: await createAdapterFactory({
          provider: 'sqlite',
          url: 'file:./scratch.db',
          configDir: scratch,
        }),
      });
      try {
        sql = await nextMigrationScript(engine, migrationsDir(), files(V2));
      } finally {
        await engine.dispose();
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    assert.match(sql, /ALTER TABLE "User" DROP COLUMN "bio"|INSERT INTO "new_User"/);
    assert.equal(
      readdirSync(migrationsDir()).filter((f) => !f.endsWith('.toml')).length,
      1,
      'the preview wrote a migration',
    );

    const findings = await lintNextMigration(migrationsDir(), 'sqlite', sql);
    assert.ok(
      findings.some((f) => f.rule === 'drop-column' && /"User"\."bio"/.test(f.message)),
      findings.map((f) => `${f.rule}: ${f.message}`).join('\n'),
    );

    const engine = await open(V2);
    try {
      const loss = await nextMigrationDataLoss(engine, migrationsDir(), files(V2));
      assert.equal(loss.kind, 'evaluated', JSON.stringify(loss));
      if (loss.kind !== 'evaluated') return;
      assert.equal(loss.warnings.length, 1, loss.warnings.join('\n'));
      assert.match(
        loss.warnings[0]!,
        /drop the column `bio` on the `User` table, which still contains 2 non-null values/,
      );
      const [f] = engineFindings(sql, 'sqlite', loss.warnings, 'warning', 'SQLite file dev.db');
      assert.equal(f?.rule, 'engine-data-loss');
      assert.match(
        f!.message,
        /^Prisma's schema engine, checking SQLite file dev\.db: You are about to drop the column `bio`/,
      );
      assert.match(sql.slice(f!.start, f!.end), /"User"/, 'placed on a statement naming the table');
    } finally {
      await engine.dispose();
    }
  });

  it('no data-loss evaluation while the database has pending migrations, and it says why', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'pw-lint-preview-fresh-'));
    try {
      const engine = await EmbeddedSchemaEngine.open({
        schemaFiles: files(V2),
        adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: 'file:./fresh.db', configDir: other }),
      });
      try {
        const loss = await nextMigrationDataLoss(engine, migrationsDir(), files(V2));
        assert.equal(loss.kind, 'skipped');
        assert.match(loss.kind === 'skipped' ? loss.reason : '', /no migration has been applied|pending migration/);
      } finally {
        await engine.dispose();
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
