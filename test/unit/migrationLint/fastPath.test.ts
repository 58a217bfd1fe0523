// The template fast path (src/core/migrationLint/parse/fastPath.ts) against the real parsers: on every
// statement of the engine-generated chains, the sample project's and the Postgres fixture's migrations and
// a list of every shape and type it maps, it gives exactly the parser's model; on broken variants of
// those statements it never accepts what the parser rejects.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadParsers } from '../../../src/core/migrationLint';
import { parseStatement } from '../../../src/core/migrationLint/parse';
import { fastParse } from '../../../src/core/migrationLint/parse/fastPath';
import { splitStatements } from '../../../src/core/migrationLint/splitStatements';
import { MYSQL_MIGRATIONS } from './mysqlPrismaStyle';
import { postgresGenerated, sqliteGenerated } from './prismaGenerated';

type FastDialect = 'sqlite' | 'postgresql' | 'mysql';
const root = path.resolve(__dirname, '..', '..', '..');

function folderStatements(dir: string, dialect: FastDialect): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      splitStatements(readFileSync(path.join(dir, d.name, 'migration.sql'), 'utf8'), dialect).map((s) => s.text),
    );
}

const SHAPES: Record<FastDialect, string[]> = {
  sqlite: [
    'PRAGMA foreign_keys=OFF',
    'PRAGMA defer_foreign_keys = ON',
    'CREATE TABLE "t" (\n    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    "a" TEXT NOT NULL DEFAULT \'x, (y)\',\n    "b" REAL DEFAULT -1.5,\n    "c" BOOLEAN NOT NULL DEFAULT false,\n    "d" DATETIME DEFAULT CURRENT_TIMESTAMP,\n    "e" BIGINT, "f" DECIMAL, "g" BLOB, "h" JSONB, "i" NUMERIC DEFAULT NULL,\n    CONSTRAINT "t_a_fkey" FOREIGN KEY ("a", "b") REFERENCES "u" ("x", "y") ON DELETE SET NULL ON UPDATE CASCADE,\n    FOREIGN KEY ("c") REFERENCES "v" ("id")\n)',
    'CREATE TABLE "j" (\n    "a" INTEGER NOT NULL,\n    "b" TEXT NOT NULL,\n\n    PRIMARY KEY ("a", "b")\n)',
    'CREATE TABLE "k" ("id" TEXT NOT NULL PRIMARY KEY, CONSTRAINT "k_pkey" PRIMARY KEY ("id"))',
    'CREATE UNIQUE INDEX "t_a_key" ON "t"("a")',
    'CREATE INDEX "t_a_b_idx" ON "t"("a", "b")',
    'DROP INDEX "t_a_key"',
    'DROP TABLE "t"',
    'ALTER TABLE "new_t" RENAME TO "t"',
    'ALTER TABLE "t" ADD COLUMN "z" TEXT NOT NULL DEFAULT \'\'',
    'ALTER TABLE "t" DROP COLUMN "z"',
    'INSERT INTO "new_t" ("a", "b") SELECT "a", "b" FROM "t"',
  ],
  postgresql: [
    "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'a, b')",
    'CREATE TABLE "t" (\n    "id" SERIAL NOT NULL,\n    "b" BIGSERIAL NOT NULL,\n    "s" SMALLSERIAL NOT NULL,\n    "i" INTEGER,\n    "bi" BIGINT NOT NULL DEFAULT 0,\n    "si" SMALLINT DEFAULT -1,\n    "tx" TEXT NOT NULL DEFAULT \'x\',\n    "bo" BOOLEAN NOT NULL DEFAULT false,\n    "dp" DOUBLE PRECISION,\n    "re" REAL,\n    "jb" JSONB,\n    "js" JSON,\n    "u" UUID,\n    "by" BYTEA,\n    "da" DATE,\n    "de" DECIMAL(65,30),\n    "ts" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n    "tz" TIMESTAMPTZ(3),\n    "vc" VARCHAR(120) NOT NULL,\n    "ti" TIME(6),\n    "ar" TEXT[],\n    "ro" "Role" NOT NULL DEFAULT \'USER\',\n    "ra" "Role"[],\n\n    CONSTRAINT "t_pkey" PRIMARY KEY ("id", "b")\n)',
    'CREATE TABLE "l" (\n    "a" TEXT[] DEFAULT ARRAY[\'en\']::TEXT[],\n    "b" TEXT[] DEFAULT ARRAY[\'x, y\', \'z\']::TEXT[],\n    "c" INTEGER[] DEFAULT ARRAY[]::INTEGER[],\n    "d" DOUBLE PRECISION[] NOT NULL DEFAULT ARRAY[1.5, -2]::DOUBLE PRECISION[],\n    "e" BOOLEAN[] DEFAULT ARRAY[true]::BOOLEAN[]\n)',
    'ALTER TABLE "t" ADD COLUMN     "x" TIMESTAMP(3),\nADD COLUMN     "y" INTEGER NOT NULL DEFAULT 0,\nDROP COLUMN "z"',
    'ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE',
    'ALTER TABLE "a" ADD CONSTRAINT "a_fkey" FOREIGN KEY ("x", "y") REFERENCES "b"("x", "y") ON DELETE SET NULL',
    'CREATE UNIQUE INDEX "t_a_key" ON "t"("a")',
    'CREATE INDEX "t_a_b_idx" ON "t"("a", "b")',
    'DROP INDEX "t_a_key"',
    'DROP TABLE "t"',
    'ALTER TABLE "new_t" RENAME TO "t"',
  ],
  mysql: [
    "CREATE TABLE `t` (\n    `id` INTEGER NOT NULL AUTO_INCREMENT,\n    `a` VARCHAR(191) NOT NULL DEFAULT 'x, (y)',\n    `b` DOUBLE NULL DEFAULT -1.5,\n    `c` BOOLEAN NOT NULL DEFAULT false,\n    `d` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),\n    `e` BIGINT NULL, `f` DECIMAL(65, 30) NOT NULL, `g` JSON NULL, `h` TEXT NOT NULL, `i` LONGTEXT NULL, `j` MEDIUMTEXT NULL,\n    `k` CHAR(36) NOT NULL, `l` TINYINT NOT NULL DEFAULT 0, `m` SMALLINT NULL, `n` DATE NULL, `o` TIME(3) NULL, `p` FLOAT NULL,\n    `q` LONGBLOB NULL, `r` VARBINARY(16) NULL, `s` TIMESTAMP(6) NULL, `u` ENUM('A', 'B, C') NOT NULL DEFAULT 'A', `v` INTEGER NULL DEFAULT NULL,\n\n    UNIQUE INDEX `t_a_key`(`a`),\n    INDEX `t_b_c_idx`(`b`, `c`),\n    PRIMARY KEY (`id`)\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
    'CREATE TABLE `j` (\n    `a` INTEGER NOT NULL,\n    `b` VARCHAR(191) NOT NULL,\n\n    PRIMARY KEY (`a`, `b`)\n)',
    'ALTER TABLE `t` DROP COLUMN `body`,\n    ADD COLUMN `content` VARCHAR(191) NOT NULL,\n    MODIFY `age` BIGINT NOT NULL',
    "ALTER TABLE `t` MODIFY `s` ENUM('ACTIVE', 'ARCHIVED') NOT NULL DEFAULT 'ACTIVE'",
    'ALTER TABLE `t` RENAME COLUMN `a` TO `b`',
    'ALTER TABLE `Post` ADD CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE',
    'ALTER TABLE `a` ADD CONSTRAINT `a_fkey` FOREIGN KEY (`x`, `y`) REFERENCES `b`(`x`, `y`) ON DELETE SET NULL',
    'CREATE UNIQUE INDEX `t_a_key` ON `t`(`a`)',
    'CREATE INDEX `t_a_b_idx` ON `t`(`a`, `b`)',
    'DROP INDEX `t_a_key` ON `t`',
    'DROP TABLE `t`',
  ],
};

/** Broken variants: cut short, a stray comma or keyword, a parenthesis lost. */
function mutations(text: string): string[] {
  const out = [
    text.slice(0, -1),
    text.replace('(', '(,'),
    text.replace(/\)$/, ''),
    text.replace(' NULL', ''),
    text.replace('"', ''),
    `${text} "x"`,
    text.replace(/ /, '  , '),
  ];
  for (const f of [0.3, 0.6, 0.9]) out.push(text.slice(0, Math.floor(text.length * f)));
  return out.filter((m) => m !== text && m.trim());
}

function parserResult(dialect: FastDialect, text: string): unknown {
  try {
    return parseStatement(dialect, text, false, false);
  } catch {
    return 'rejected';
  }
}

function check(dialect: FastDialect, statements: readonly string[]): { fast: number; total: number; parsed: string[] } {
  let fast = 0;
  const parsed: string[] = [];
  for (const text of statements) {
    const quick = fastParse(dialect, text);
    if (!quick) parsed.push(text);
    if (quick) {
      fast++;
      assert.deepEqual(quick, parserResult(dialect, text), `fast path differs from the ${dialect} parser on:\n${text}`);
    }
    for (const broken of mutations(text)) {
      const q = fastParse(dialect, broken);
      if (q)
        assert.deepEqual(
          q,
          parserResult(dialect, broken),
          `fast path accepted what the ${dialect} parser reads otherwise:\n${broken}`,
        );
    }
  }
  return { fast, total: statements.length, parsed };
}

/** The PostgreSQL statement templates the fast path reads (enum, table, index, drop, add/drop column, foreign key). */
const PG_TEMPLATES =
  /^(CREATE\s+TYPE\s+"[^"]+"\s+AS\s+ENUM|CREATE\s+TABLE|CREATE\s+(UNIQUE\s+)?INDEX|DROP\s+(TABLE|INDEX)\s|ALTER\s+TABLE\s+"[^"]+"\s+((ADD|DROP)\s+COLUMN|ADD\s+CONSTRAINT\s+"[^"]+"\s+FOREIGN\s+KEY))/;

describe('migration lint: the template fast path equals the real parsers', function () {
  this.timeout(60_000);
  before(async () => {
    await loadParsers('sqlite');
    await loadParsers('postgresql');
    await loadParsers('mysql');
  });

  it('SQLite: every shape, the sample migrations and the engine-generated chain', async () => {
    const generated = [...(await sqliteGenerated()).set.values()].flatMap((m) =>
      splitStatements(m.sql, 'sqlite').map((s) => s.text),
    );
    const r = check('sqlite', [
      ...SHAPES.sqlite,
      ...folderStatements(path.join(root, 'prisma', 'migrations'), 'sqlite'),
      ...generated,
    ]);
    assert.ok(r.fast >= r.total * 0.9, `only ${r.fast} of ${r.total} SQLite statements took the fast path`);
  });

  it('PostgreSQL: every shape and the sample-postgres fixture migrations', () => {
    const r = check('postgresql', [
      ...SHAPES.postgresql,
      ...folderStatements(
        path.join(root, 'test', 'fixtures', 'projects', 'sample-postgres', 'prisma', 'migrations'),
        'postgresql',
      ),
    ]);
    assert.ok(r.fast >= r.total * 0.8, `only ${r.fast} of ${r.total} PostgreSQL statements took the fast path`);
    for (const s of SHAPES.postgresql) assert.ok(fastParse('postgresql', s), `shape not taken: ${s}`);
  });

  it('PostgreSQL: the engine-generated chain', async function () {
    const generated = await postgresGenerated();
    if ('skip' in generated) {
      console.log(`    (skipped: ${generated.skip})`);
      this.skip();
    }
    const statements = [...generated.set.values()].flatMap((m) =>
      splitStatements(m.sql, 'postgresql').map((s) => s.text),
    );
    const r = check('postgresql', statements);
    // what Prisma wrote from a template the fast path reads (src/core/migrationLint/parse/fastPath.ts) must take
    // it; the rest (ALTER COLUMN, ALTER / DROP TYPE, BEGIN, COMMIT) goes to the parser
    // a default that calls a function (dbgenerated gen_random_uuid()) needs the parser: it may be per-row
    const claimed = statements.filter((t) => PG_TEMPLATES.test(t) && !/DEFAULT\s+\w+\(/.test(t));
    assert.ok(claimed.length >= 12, `only ${claimed.length} template statements in the generated chain`);
    assert.deepEqual(
      r.parsed.filter((t) => claimed.includes(t)),
      [],
      'statements Prisma writes from a fast-path template went to the parser',
    );
    assert.ok(r.fast >= claimed.length, `${r.fast} fast of ${claimed.length} template statements`);
  });

  it('MySQL: every shape and the Prisma-style MySQL chain', () => {
    const chain = [...MYSQL_MIGRATIONS.values()].flatMap((sql) => splitStatements(sql, 'mysql').map((s) => s.text));
    const r = check('mysql', [...SHAPES.mysql, ...chain]);
    // no template for these: Prisma writes them rarely (a dropped relation, a changed primary key)
    const rare = chain.filter((t) => /DROP FOREIGN KEY|ADD PRIMARY KEY/.test(t));
    assert.equal(rare.length, 2);
    assert.deepEqual(r.parsed, rare);
    assert.equal(r.fast, r.total - rare.length, `only ${r.fast} of ${r.total} MySQL statements took the fast path`);
    for (const s of [
      'ALTER TABLE `t` ADD COLUMN `a` INTEGER UNSIGNED NOT NULL',
      'ALTER TABLE `t` MODIFY `a` DATETIME(3) NOT NULL ON UPDATE CURRENT_TIMESTAMP(3)',
      'CREATE TABLE `t` (`a` TEXT NULL) ENGINE=InnoDB',
      'ALTER TABLE `t` ADD PRIMARY KEY (`id`)',
      'ALTER TABLE `t` DROP FOREIGN KEY `f`',
      'ALTER TABLE `t` RENAME INDEX `a` TO `b`',
      "CREATE TABLE `t` (`a` VARCHAR(10) NULL DEFAULT 'it\\'s')",
      'DROP TABLE "t"',
      'CREATE TABLE `t` (`a` GEOMETRY NULL)',
    ]) {
      assert.equal(fastParse('mysql', s), undefined, s);
    }
  });

  it('anything else goes to the parser: hand edits, expressions, unknown types', () => {
    for (const s of [
      'CREATE TABLE "t" ("a" TEXT DEFAULT (lower(\'X\')))',
      'CREATE TABLE "t" ("a" TEXT -- note\n)',
      'DROP TABLE "t" CASCADE',
      'CREATE INDEX CONCURRENTLY "i" ON "t"("a")',
      'CREATE TABLE "t" ("a" MONEY)',
      'create index "i" on "t"("a")',
    ]) {
      assert.equal(fastParse('postgresql', s), undefined, s);
      assert.equal(fastParse('sqlite', s), undefined, s);
    }
    for (const s of SHAPES.sqlite) assert.ok(fastParse('sqlite', s), `shape not taken: ${s}`);
  });
});
