// CRLF files, as Windows editors and git's autocrlf write them. The schema reader's ranges on CRLF files
// are covered in schema/parse.test.ts; here: migration checksums as Prisma compares them, the lint on a
// CRLF migration.sql, and the auto-pull writing into a CRLF schema.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changedLines, mergeDatabaseColumns } from '../../../src/core/drift/autoPull';
import { lintMigration, loadParsers, lintMigrationWithState } from '../../../src/core/migrationLint';
import type { SchemaState } from '../../../src/core/migrationLint';
import { acceptedChecksums, sha256Hex } from '../../../src/core/migrations/checksum';
import { readLocalMigrations } from '../../../src/core/migrations/localMigrations';
import { computeStates, type HistoryRow } from '../../../src/core/migrations/migrationStates';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const lfScript = '-- AlterTable\nALTER TABLE "User" DROP COLUMN "bio";\n\n-- DropTable\nDROP TABLE "Post";\n';

const applied = (name: string, checksum: string): HistoryRow => ({
  id: '1',
  migrationName: name,
  checksum,
  startedAt: '2024-01-01T00:00:00.000Z',
  finishedAt: '2024-01-01T00:00:01.000Z',
  rolledBackAt: null,
  logs: null,
  appliedStepsCount: 1,
});

describe('platform: CRLF schema and migration files', () => {
  describe('migration checksums: Prisma accepts the script as written, CRLF as LF, LF as CRLF', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'pw-crlf-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const stateOf = (written: string, appliedFrom: string) => {
      mkdirSync(path.join(dir, '20240101000000_init'));
      writeFileSync(path.join(dir, '20240101000000_init', 'migration.sql'), written);
      const local = readLocalMigrations(dir).migrations;
      return computeStates(local, [applied('20240101000000_init', sha256Hex(appliedFrom))])[0].state;
    };

    it('applied on Linux (LF), checked out on Windows (CRLF): applied, not edited', () => {
      assert.equal(stateOf(crlf(lfScript), lfScript), 'applied');
    });

    it('applied on Windows (CRLF), checked out on Linux or macOS (LF): applied, not edited', () => {
      assert.equal(stateOf(lfScript, crlf(lfScript)), 'applied');
    });

    it('a real edit is still an edit, whatever the line endings', () => {
      assert.equal(stateOf(crlf(lfScript).replace('"bio"', '"about"'), lfScript), 'edited');
    });

    it('the accepted checksums are the three Prisma computes', () => {
      assert.deepEqual(acceptedChecksums('a\r\nb\n'), [
        sha256Hex('a\r\nb\n'),
        sha256Hex('a\nb\n'),
        sha256Hex('a\r\r\nb\r\n'),
      ]);
      assert.deepEqual(acceptedChecksums('no newline'), [sha256Hex('no newline')]);
    });
  });

  describe('the migration lint on a CRLF migration.sql', () => {
    let userTables: SchemaState;
    const tables =
      'CREATE TABLE "User" ("id" SERIAL NOT NULL, "bio" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\nCREATE TABLE "Post" ("id" SERIAL NOT NULL);';
    const lint = (sql: string, appliedChecksum?: string) =>
      lintMigration(sql, 'postgresql', {
        before: userTables,
        // missing-lock-timeout fires on any ALTER of an existing table; these tests are about CRLF, not it
        severities: { 'missing-lock-timeout': 'off' },
        ...(appliedChecksum ? { appliedChecksum } : {}),
      });
    const spans = (sql: string) => lint(sql).map((f) => [f.rule, sql.slice(f.start, f.end)]);

    before(async () => {
      await loadParsers('postgresql');
      userTables = lintMigrationWithState(tables, 'postgresql').after;
    });

    it('finds the same things on the same statements as in the LF file, ranges ending before the \\r', () => {
      assert.deepEqual(spans(crlf(lfScript)), spans(lfScript));
      assert.deepEqual(
        spans(crlf(lfScript)).map(([rule]) => rule),
        ['drop-column', 'drop-table'],
      );
    });

    it('a silencing comment on a CRLF line silences its statement', () => {
      const sql = crlf(
        '-- prisma-workbench-ignore drop-column: moved to profiles\nALTER TABLE "User" DROP COLUMN "bio";\n',
      );
      assert.deepEqual(lint(sql), []);
    });

    it('edited-after-apply: not for a CRLF copy of the LF script that was applied; the finding stops before \\r', () => {
      const script = crlf(lfScript);
      assert.equal(lint(script, sha256Hex(lfScript)).filter((f) => f.rule === 'edited-after-apply').length, 0);
      const edited = lint(script, sha256Hex(lfScript.replace('"Post"', '"Posts"'))).find(
        (f) => f.rule === 'edited-after-apply',
      );
      assert.ok(edited, 'a real edit is reported');
      assert.equal(script.slice(edited.start, edited.end), '-- AlterTable');
    });
  });

  describe('auto-pull into a CRLF schema', () => {
    const mine = crlf(
      'datasource db {\n  provider = "sqlite"\n}\n\n// people\nmodel notes {\n  id    Int    @id\n  title String // the heading\n}\n',
    );
    const pulled =
      'datasource db {\n  provider = "sqlite"\n}\n\nmodel notes {\n  id    Int     @id\n  title String\n  motto String?\n}\n';

    it('the inserted field lines end in CRLF like the rest of the file', () => {
      const merged = mergeDatabaseColumns(
        [{ path: 'C:\\p\\schema.prisma', content: mine }],
        [{ path: 'C:\\p\\schema.prisma', content: pulled }],
      );
      assert.ok(merged, 'merged field by field');
      assert.equal(
        merged[0].content,
        mine.replace('  title String // the heading\r\n', '  title String // the heading\r\n  motto String?\r\n'),
      );
      assert.doesNotMatch(merged[0].content, /[^\r]\n/, 'no bare LF');
    });

    it('the notification counts the changed lines, not every CRLF line', () => {
      assert.equal(changedLines(mine, mine.replace(/\r\n/g, '\n')), 0);
    });
  });
});
