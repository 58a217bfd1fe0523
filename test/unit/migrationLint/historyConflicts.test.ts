// Branch conflicts in a migration history (issue #19 item 3), on the SQL Prisma writes: what the Problems
// panel, the Migrations view and the CLI show for each case, from the one core function they share.
import assert from 'node:assert/strict';
import { loadParsers } from '../../../src/core/migrationLint';
import { historyConflicts, laterName } from '../../../src/core/migrationLint/history/historyConflicts';
import type { HistoryInput } from '../../../src/core/migrationLint/history/historyConflicts';
import { MYSQL_MIGRATIONS } from './mysqlPrismaStyle';
import { VERSIONS, postgresGenerated, sqliteGenerated } from './prismaGenerated';

const init =
  '-- CreateTable\nCREATE TABLE "User" (\n    "id" SERIAL NOT NULL,\n    "email" TEXT NOT NULL,\n\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n';
const addColumn = (c: string, type = 'TEXT') => `-- AlterTable\nALTER TABLE "User" ADD COLUMN     "${c}" ${type};\n`;
const alterType = (c: string, type: string) =>
  `-- AlterTable\nALTER TABLE "User" ALTER COLUMN "${c}" SET DATA TYPE ${type};\n`;
const dropColumn = (c: string) => `-- AlterTable\nALTER TABLE "User" DROP COLUMN "${c}";\n`;
const dropTable = '-- DropTable\nDROP TABLE "User";\n';

type Input = Omit<HistoryInput, 'dialect' | 'migrations'> & { dialect?: HistoryInput['dialect'] };

/** `migration rule: covered text` for every finding, in folder order. */
function conflicts(migrations: Record<string, string>, input: Input = {}): string[] {
  const list = Object.entries(migrations).map(([name, sql]) => ({ name, sql }));
  const r = historyConflicts({ ...input, dialect: input.dialect ?? 'postgresql', migrations: list });
  const out: string[] = [];
  for (const m of list)
    for (const f of r.byMigration.get(m.name) ?? [])
      out.push(`${m.name} ${f.rule}: ${m.sql.slice(f.start, f.end).split('\n')[0]}`);
  for (const f of r.lock) out.push(`migration_lock.toml ${f.rule}: ${f.message}`);
  return out;
}

function messages(migrations: Record<string, string>, input: Input = {}): string[] {
  const list = Object.entries(migrations).map(([name, sql]) => ({ name, sql }));
  const r = historyConflicts({ dialect: 'postgresql', migrations: list, ...input });
  return [...r.byMigration.values()].flat().map((f) => f.message);
}

const applied = (...names: string[]) => new Map(names.map((n) => [n, 'checksum']));

describe('migration history: branch conflicts', () => {
  before(async () => {
    await loadParsers('postgresql');
    await loadParsers('sqlite');
  });

  describe('a pending migration older than the newest applied one', () => {
    const folder = {
      '20260101000000_init': init,
      '20260102000000_phone': addColumn('phone'),
      '20260103000000_age': addColumn('age', 'INTEGER'),
    };

    it('is flagged, naming the applied migration, a later folder name and migrate resolve', () => {
      const input = { applied: applied('20260101000000_init', '20260103000000_age') };
      assert.deepEqual(conflicts(folder, input), ['20260102000000_phone migration-order: -- AlterTable']);
      const [m] = messages(folder, input);
      assert.match(m!, /^Pending, but older than the newest applied migration "20260103000000_age"/);
      assert.match(m!, /"20260103000001_phone"/);
      assert.match(m!, /prisma migrate resolve --applied 20260102000000_phone/);
    });

    it('is not flagged when the pending ones are all newer', () => {
      assert.deepEqual(conflicts(folder, { applied: applied('20260101000000_init') }), []);
    });
  });

  describe('a branch migration older than the newest one on the base branch (--since)', () => {
    it('is flagged; a base migration and a newer branch one are not', () => {
      const folder = {
        '20260101000000_init': init,
        '20260102000000_phone': addColumn('phone'),
        '20260103000000_age': addColumn('age', 'INTEGER'),
        '20260104000000_nick': addColumn('nick'),
      };
      const base = {
        ref: 'main',
        names: ['20260101000000_init', '20260103000000_age'],
        changed: new Set(['20260102000000_phone', '20260104000000_nick']),
      };
      assert.deepEqual(conflicts(folder, { base }), ['20260102000000_phone migration-order: -- AlterTable']);
      assert.match(messages(folder, { base })[0]!, /sorts before "20260103000000_age", which main already has/);
    });
  });

  describe('two migrations that cannot both apply in order', () => {
    it('both add a column of the same name: the second fails', () => {
      const folder = {
        '20260101000000_init': init,
        '20260102000000_a': addColumn('phone'),
        '20260103000000_b': addColumn('phone'),
      };
      assert.deepEqual(conflicts(folder), [
        '20260103000000_b conflicting-migrations: ALTER TABLE "User" ADD COLUMN     "phone" TEXT',
      ]);
      assert.match(
        messages(folder)[0]!,
        /Conflicts with "20260102000000_a": both add column "phone" to "User"\. Applied in order, this migration fails/,
      );
    });

    it('one drops a table the other alters', () => {
      const folder = {
        '20260101000000_init': init,
        '20260102000000_drop': dropTable,
        '20260103000000_alter': addColumn('phone'),
      };
      assert.deepEqual(conflicts(folder), [
        '20260103000000_alter conflicting-migrations: ALTER TABLE "User" ADD COLUMN     "phone" TEXT',
      ]);
      assert.match(
        messages(folder)[0]!,
        /"20260102000000_drop" drops table "User", which this migration still changes/,
      );
    });

    it('one drops a column the other alters', () => {
      const folder = {
        '20260101000000_init': init,
        '20260102000000_drop': dropColumn('email'),
        '20260103000000_alter': alterType('email', 'VARCHAR(50)'),
      };
      assert.deepEqual(conflicts(folder), [
        '20260103000000_alter conflicting-migrations: ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(50)',
      ]);
    });

    it("MySQL in Prisma's style: both add a column, and a MODIFY of a dropped column", async () => {
      await loadParsers('mysql');
      const my = {
        '20260101000000_init':
          'CREATE TABLE `User` (\n    `id` INTEGER NOT NULL AUTO_INCREMENT,\n    `email` VARCHAR(191) NOT NULL,\n\n    PRIMARY KEY (`id`)\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n',
        '20260102000000_a': '-- AlterTable\nALTER TABLE `User` ADD COLUMN `phone` VARCHAR(191) NULL;\n',
        '20260103000000_b': '-- AlterTable\nALTER TABLE `User` ADD COLUMN `phone` VARCHAR(191) NULL;\n',
        '20260104000000_c': '-- AlterTable\nALTER TABLE `User` DROP COLUMN `email`;\n',
        '20260105000000_d': '-- AlterTable\nALTER TABLE `User` MODIFY `email` VARCHAR(50) NOT NULL;\n',
      };
      assert.deepEqual(conflicts(my, { dialect: 'mysql' }), [
        '20260103000000_b conflicting-migrations: ALTER TABLE `User` ADD COLUMN `phone` VARCHAR(191) NULL',
        '20260105000000_d conflicting-migrations: ALTER TABLE `User` MODIFY `email` VARCHAR(50) NOT NULL',
      ]);
    });

    it('says nothing of one developer adding, changing, dropping and adding again a column', () => {
      const folder = {
        '20260101000000_init': init,
        '20260102000000_add': addColumn('phone'),
        '20260103000000_type': alterType('phone', 'VARCHAR(20)'),
        '20260104000000_drop': dropColumn('phone'),
        '20260105000000_again': addColumn('phone'),
        '20260106000000_table': dropTable,
        '20260107000000_recreate': init,
        '20260108000000_more': addColumn('phone'),
      };
      assert.deepEqual(conflicts(folder), []);
    });

    it('only between new migrations when the applied ones are known', () => {
      const folder = {
        '20260101000000_init': init,
        '20260102000000_a': addColumn('phone'),
        '20260103000000_b': addColumn('phone'),
      };
      // both applied: not the branch's to fix (the database took both)
      assert.deepEqual(conflicts(folder, { applied: applied(...Object.keys(folder)) }), []);
      assert.equal(conflicts(folder, { applied: applied('20260101000000_init', '20260102000000_a') }).length, 1);
    });
  });

  it('an in-order clash whose later migration is applied is shown on the pending earlier one', () => {
    const folder = {
      '20260101000000_init': init,
      '20260102000000_mine': addColumn('phone'),
      '20260103000000_theirs': addColumn('phone'),
    };
    const input = { applied: applied('20260101000000_init', '20260103000000_theirs') };
    assert.deepEqual(conflicts(folder, input), [
      '20260102000000_mine migration-order: -- AlterTable',
      '20260102000000_mine conflicting-migrations: ALTER TABLE "User" ADD COLUMN     "phone" TEXT',
    ]);
    assert.match(
      messages(folder, input)[1]!,
      /Conflicts with "20260103000000_theirs": both add column "phone" to "User"\. Applied in order, "20260103000000_theirs" fails after this one/,
    );
  });

  it('the wording from the earlier side: this migration drops what the applied later one still changes', () => {
    const folder = {
      '20260101000000_init': init,
      '20260102000000_mine': dropTable,
      '20260103000000_theirs': addColumn('phone'),
    };
    const input = { applied: applied('20260101000000_init', '20260103000000_theirs') };
    assert.match(
      messages(folder, input)[1]!,
      /^Conflicts with "20260103000000_theirs": this migration drops table "User", which "20260103000000_theirs" still changes\. Applied in order, "20260103000000_theirs" fails after this one/,
    );
  });

  describe('two migrations written apart that change the same column', () => {
    const folder = {
      '20260101000000_init': init,
      '20260102000000_mine': alterType('email', 'VARCHAR(100)'),
      '20260103000000_theirs': alterType('email', 'VARCHAR(50)'),
    };

    it('pending beside a newer applied one: flagged on the pending one', () => {
      const out = conflicts(folder, { applied: applied('20260101000000_init', '20260103000000_theirs') });
      assert.deepEqual(out, [
        '20260102000000_mine migration-order: -- AlterTable',
        '20260102000000_mine conflicting-migrations: ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(100)',
      ]);
      const m = messages(folder, { applied: applied('20260101000000_init', '20260103000000_theirs') })[1]!;
      assert.match(
        m,
        /Conflicts with "20260103000000_theirs", written on another branch: both change column "email" of "User"/,
      );
    });

    it('with no way to tell they were written apart (one developer, two steps): not flagged', () => {
      assert.deepEqual(conflicts(folder), []);
      assert.deepEqual(conflicts(folder, { applied: applied('20260101000000_init') }), []);
    });

    it("--since: the branch committed its migration without the base branch's one", () => {
      const base = {
        ref: 'main',
        names: ['20260101000000_init', '20260103000000_theirs'],
        changed: new Set(['20260102000000_mine']),
        knew: new Map([['20260102000000_mine', new Set(['20260101000000_init', '20260102000000_mine'])]]),
      };
      assert.deepEqual(conflicts(folder, { base }), [
        '20260102000000_mine migration-order: -- AlterTable',
        '20260102000000_mine conflicting-migrations: ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(100)',
      ]);
      // committed after merging main (it knew "theirs"): one history, no conflict (the order finding stays)
      const merged = { ...base, knew: new Map([['20260102000000_mine', new Set(Object.keys(folder))]]) };
      assert.deepEqual(conflicts(folder, { base: merged }), ['20260102000000_mine migration-order: -- AlterTable']);
    });

    it('SQLite: a rebuild of a table the other branch added a column to', () => {
      const sqliteInit = 'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);\n';
      const rebuild =
        '-- RedefineTables\nPRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY, "email" TEXT);\nINSERT INTO "new_User" ("email", "id") SELECT "email", "id" FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";\nPRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n';
      const sqliteFolder = {
        '20260101000000_init': sqliteInit,
        '20260102000000_theirs': 'ALTER TABLE "User" ADD COLUMN "phone" TEXT;\n',
        '20260103000000_mine': rebuild,
      };
      const input = { dialect: 'sqlite' as const, applied: applied('20260101000000_init', '20260102000000_theirs') };
      // in order, and the rebuild is newer: only "written apart" can tell (the base branch says so)
      assert.deepEqual(conflicts(sqliteFolder, input), []);
      const base = {
        ref: 'main',
        names: ['20260101000000_init', '20260102000000_theirs'],
        changed: new Set(['20260103000000_mine']),
        knew: new Map([['20260103000000_mine', new Set(['20260101000000_init', '20260103000000_mine'])]]),
      };
      const out = conflicts(sqliteFolder, { dialect: 'sqlite', base });
      assert.deepEqual(out, ['20260103000000_mine conflicting-migrations: DROP TABLE "User"']);
    });
  });

  describe("migration_lock.toml's provider", () => {
    const lockText = '# Please do not edit this file manually\nprovider = "mysql"\n';

    it('changed since the base branch', () => {
      const base = { ref: 'main', names: [], changed: new Set<string>(), lockProvider: 'postgresql' };
      assert.deepEqual(conflicts({}, { base, lockText }), [
        'migration_lock.toml lock-provider-changed: migration_lock.toml\'s provider changed from "postgresql" on main to "mysql": the migrations in this folder were written for postgresql, and Prisma Migrate refuses a history whose lock names another provider (P3019). Revert the change; to switch databases, start a new history (move the folder away and create a baseline migration with Migrate Dev).',
      ]);
      const r = historyConflicts({ dialect: 'mysql', migrations: [], base, lockText });
      assert.equal(lockText.slice(r.lock[0]!.start, r.lock[0]!.end), 'provider = "mysql"');
    });

    it('differs from the schema, and from the database the history was applied to', () => {
      const out = conflicts(
        { '20260101000000_init': init },
        {
          lockText,
          schemaProvider: 'postgresql',
          applied: applied('20260101000000_init'),
          database: { provider: 'postgresql', label: 'PostgreSQL app on localhost' },
        },
      );
      assert.equal(out.length, 2);
      assert.match(out[0]!, /says "mysql" but the schema's datasource says "postgresql"/);
      assert.match(
        out[1]!,
        /the 1 applied migration was applied to a postgresql database \(PostgreSQL app on localhost\)/,
      );
    });

    it('postgres and postgresql are the same provider; no lock file, nothing to say', () => {
      assert.deepEqual(conflicts({}, { lockText: 'provider = "postgres"\n', schemaProvider: 'postgresql' }), []);
      assert.deepEqual(conflicts({}, { schemaProvider: 'postgresql' }), []);
    });
  });

  it('a severity of off silences a rule', () => {
    const folder = {
      '20260101000000_init': init,
      '20260102000000_a': addColumn('phone'),
      '20260103000000_b': addColumn('phone'),
    };
    assert.deepEqual(conflicts(folder, { severities: { 'conflicting-migrations': 'off' } }), []);
  });

  it('laterName: one second after, across a day', () => {
    assert.equal(laterName('20261231235959_x', '20260101000000_add_phone'), '20270101000000_add_phone');
  });

  describe('one history, one developer: the chains the engine generated have no branch conflict', function () {
    this.timeout(120_000);
    const chain = (steps: ReadonlyMap<string, string>) =>
      VERSIONS.map((v) => v.step)
        .filter((s) => steps.has(s))
        .map((step, i) => ({ name: `2024010100${String(i).padStart(4, '0')}_${step}`, sql: steps.get(step)! }));
    const findings = (dialect: HistoryInput['dialect'], steps: ReadonlyMap<string, string>) => {
      const migrations = chain(steps);
      assert.ok(migrations.length > 5, 'a chain to check');
      return [...historyConflicts({ dialect, migrations }).byMigration.entries()];
    };

    it('SQLite', async () => {
      const { set } = await sqliteGenerated();
      assert.deepEqual(findings('sqlite', new Map([...set].map(([k, v]) => [k, v.sql]))), []);
    });

    it('PostgreSQL', async function () {
      const pg = await postgresGenerated();
      if ('skip' in pg) {
        console.log(`    (skipped: ${pg.skip})`);
        return this.skip();
      }
      assert.deepEqual(findings('postgresql', new Map([...pg.set].map(([k, v]) => [k, v.sql]))), []);
    });

    it("MySQL (in Prisma's style: the engine has no MySQL connector)", async () => {
      await loadParsers('mysql');
      assert.deepEqual(findings('mysql', MYSQL_MIGRATIONS), []);
    });
  });
});
