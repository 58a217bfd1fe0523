// Migration lint of 200 migrations per dialect, cold (first call: parser module + wasm loaded) and warm
// (parsers loaded, parse cache emptied: every statement parsed and checked again) and re-lint (what the
// editor does after one file changed: unchanged statements come from the parse cache).
// Corpus: the sample project's real SQLite migrations, the sample-postgres fixture's real PostgreSQL
// migrations and the MySQL chain of the unit tests, repeated with renamed tables until 200 migrations.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { clearParseCache, lintMigrationTexts, loadParsers } from '../src/core/migrationLint';
import type { Dialect } from '../src/core/migrationLint';
import { MYSQL_MIGRATIONS } from '../test/unit/migrationLint/mysqlPrismaStyle';

const BUDGET_WARM_MS = 200;
const COUNT = 200;
const root = path.resolve(__dirname, '..');

function folderMigrations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((n) => readFileSync(path.join(dir, n, 'migration.sql'), 'utf8'));
}

/** Repeats the chain with each copy's identifiers suffixed, so every copy builds its own tables. */
function corpus(base: string[]): { name: string; file: string; sql: string }[] {
  const out: { name: string; file: string; sql: string }[] = [];
  for (let copy = 0; out.length < COUNT; copy++) {
    for (const sql of base) {
      if (out.length >= COUNT) break;
      const renamed = sql.replace(/(["`])([A-Za-z_][\w]*)\1/g, (_m, q: string, id: string) => `${q}${id}_${copy}${q}`);
      out.push({
        name: `${String(out.length).padStart(4, '0')}_m`,
        file: `m${out.length}/migration.sql`,
        sql: renamed,
      });
    }
  }
  return out;
}

export async function run(): Promise<void> {
  const sets: [Dialect, string[]][] = [
    ['sqlite', folderMigrations(path.join(root, 'prisma', 'migrations'))],
    [
      'postgresql',
      folderMigrations(path.join(root, 'test', 'fixtures', 'projects', 'sample-postgres', 'prisma', 'migrations')),
    ],
    ['mysql', [...MYSQL_MIGRATIONS.values()]],
  ];
  console.log(`  lint of ${COUNT} migrations (budget warm <= ${BUDGET_WARM_MS} ms)`);
  console.log(
    '  dialect      KB   statements   cold ms   warm ms (median of 5)   re-lint ms   findings   warm/budget   re-lint/budget',
  );
  for (const [dialect, base] of sets) {
    const migrations = corpus(base);
    const kb = migrations.reduce((n, m) => n + m.sql.length, 0) / 1024;
    const t0 = performance.now();
    await loadParsers(dialect);
    const first = lintMigrationTexts(migrations, dialect);
    const cold = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      clearParseCache();
      const t = performance.now();
      lintMigrationTexts(migrations, dialect);
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    lintMigrationTexts(migrations, dialect);
    const relints: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      lintMigrationTexts(migrations, dialect);
      relints.push(performance.now() - t);
    }
    relints.sort((a, b) => a - b);
    const relint = relints[2]!;
    const median = warm[2]!;
    const findings = first.reduce((n, l) => n + l.findings.length, 0);
    const statements = migrations.reduce((n, m) => n + (m.sql.match(/;/g)?.length ?? 0), 0);
    console.log(
      `  ${dialect.padEnd(10)} ${kb.toFixed(0).padStart(5)} ${String(statements).padStart(12)} ${cold.toFixed(0).padStart(9)} ${median.toFixed(0).padStart(9)}${' '.repeat(15)} ${relint.toFixed(0).padStart(10)} ${String(findings).padStart(10)}   ${(median / BUDGET_WARM_MS).toFixed(2)}x ${median <= BUDGET_WARM_MS ? 'ok' : 'OVER'}   ${(relint / BUDGET_WARM_MS).toFixed(2)}x ${relint <= BUDGET_WARM_MS ? 'ok' : 'OVER'}`,
    );
  }
}

if (require.main === module) void run();
