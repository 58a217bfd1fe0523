// Row counts and duplicate counts from the schema's database, for the findings' subjects: SQLite via
// libsql, PostgreSQL via pg (both already shipped). Every failure (no database, no table, no driver)
// is simply a missing fact: the lint then says what it says without a database.
import { factKey } from './types';
import type { DatabaseFacts, Dialect, LintFinding } from './types';

export interface FactsTarget {
  readonly dialect: Dialect;
  /** Absolute `file:` URL for SQLite, connection string for PostgreSQL. */
  readonly url: string;
  /** Shown in messages, e.g. `SQLite file dev.db`. */
  readonly label: string;
}

type Query = (sql: string) => Promise<number | undefined>;

export async function collectFacts(target: FactsTarget, findings: readonly LintFinding[], timeoutMs = 5000): Promise<DatabaseFacts> {
  const tables = new Set<string>();
  const uniques = new Map<string, { table: string; columns: readonly string[] }>();
  for (const f of findings) {
    if (!f.subject) continue;
    tables.add(f.subject.table);
    if (f.rule === 'unique-index-on-existing-data' && f.subject.columns) uniques.set(factKey(f.subject.table, f.subject.columns), { table: f.subject.table, columns: f.subject.columns });
  }
  const rows = new Map<string, number>();
  const duplicates = new Map<string, number>();
  if (tables.size === 0) return { rows, duplicates, source: target.label };
  const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
  const session = await open(target, timeoutMs);
  if (!session) return { rows, duplicates, source: target.label };
  try {
    for (const t of tables) {
      const n = await session.query(`SELECT COUNT(*) AS n FROM ${q(t)}`);
      if (n !== undefined) rows.set(t, n);
    }
    for (const [key, u] of uniques) {
      const cols = u.columns.map(q).join(', ');
      const n = await session.query(`SELECT COUNT(*) AS n FROM (SELECT ${cols} FROM ${q(u.table)} WHERE ${u.columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols} HAVING COUNT(*) > 1) d`);
      if (n !== undefined) duplicates.set(key, n);
    }
  } finally {
    await session.close();
  }
  return { rows, duplicates, source: target.label };
}

async function open(target: FactsTarget, timeoutMs: number): Promise<{ query: Query; close: () => Promise<void> } | undefined> {
  try {
    if (target.dialect === 'sqlite') {
      const { createClient } = await import('@libsql/client');
      const file = target.url.replace(/^file:/, '').replace(/\?.*$/, '');
      const { existsSync } = await import('node:fs');
      if (!existsSync(file)) return undefined; // never create the database by looking at it
      const db = createClient({ url: target.url });
      return {
        query: async (sql) => {
          try {
            return Number((await db.execute(sql)).rows[0]?.[0] ?? NaN);
          } catch {
            return undefined;
          }
        },
        close: async () => db.close(),
      };
    }
    if (target.dialect === 'postgresql') {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs });
      await client.connect();
      return {
        query: async (sql) => {
          try {
            const r = await client.query<{ n: string }>(sql);
            return Number(r.rows[0]?.n ?? NaN);
          } catch {
            return undefined;
          }
        },
        close: () => client.end(),
      };
    }
    return undefined;
  } catch {
    return undefined;
  }
}
