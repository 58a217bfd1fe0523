// Reads `_prisma_migrations` through a Prisma driver adapter (the same in-process drivers the embedded
// engine and the grid use: libsql for SQLite, pg for PostgreSQL, mariadb for MySQL). No CLI, no engine
// process.
import type { SqlQueryable } from '@prisma/driver-adapter-utils';
import { quoteIdent } from '../connections/postgresSchema';
import type { HistoryRow } from './migrationStates';

const COLUMNS = [
  'id',
  'checksum',
  'finished_at',
  'migration_name',
  'logs',
  'rolled_back_at',
  'started_at',
  'applied_steps_count',
];

export type HistoryProvider = 'sqlite' | 'postgresql' | 'mysql';

/** How each dialect names the table and asks whether it exists (MySQL: in the URL's database). */
export function historyDialect(options: { provider: HistoryProvider; schema?: string }): {
  table: string;
  exists: string;
  args: string[];
} {
  switch (options.provider) {
    case 'postgresql': {
      const schema = options.schema ?? 'public';
      return {
        table: `${quoteIdent(schema)}."_prisma_migrations"`,
        exists: `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = '_prisma_migrations'`,
        args: [schema],
      };
    }
    case 'mysql':
      return {
        table: '`_prisma_migrations`',
        exists: `SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '_prisma_migrations'`,
        args: [],
      };
    case 'sqlite':
      return {
        table: '"_prisma_migrations"',
        exists: `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
        args: [],
      };
  }
}

/** `null` when the table does not exist (nothing was ever applied). `schema`: PostgreSQL's `?schema=`. */
export async function readHistory(
  db: SqlQueryable,
  options: { provider: HistoryProvider; schema?: string },
): Promise<HistoryRow[] | null> {
  const { table, exists, args } = historyDialect(options);
  const found = await db.queryRaw({
    sql: exists,
    args,
    argTypes: args.map(() => ({ scalarType: 'string', arity: 'scalar' }) as const),
  });
  if (found.rows.length === 0) return null;
  const result = await db.queryRaw({
    sql: `SELECT ${COLUMNS.join(', ')} FROM ${table} ORDER BY started_at`,
    args: [],
    argTypes: [],
  });
  const at = (name: string) => result.columnNames.indexOf(name);
  return result.rows.map((r): HistoryRow => ({
    id: String(r[at('id')]),
    migrationName: String(r[at('migration_name')]),
    checksum: String(r[at('checksum')]),
    startedAt: timestamp(r[at('started_at')]) ?? '',
    finishedAt: timestamp(r[at('finished_at')]),
    rolledBackAt: timestamp(r[at('rolled_back_at')]),
    logs: r[at('logs')] === null || r[at('logs')] === undefined ? null : String(r[at('logs')]),
    appliedStepsCount: Number(r[at('applied_steps_count')] ?? 0),
  }));
}

/** Drivers give timestamps as ISO strings, `YYYY-MM-DD HH:MM:SS` strings or numbers: always ISO out. */
export function timestamp(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return new Date(value).toISOString();
  const text = String(value);
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}
