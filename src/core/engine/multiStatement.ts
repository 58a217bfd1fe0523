// The engine sends whole scripts (shadow-database replays, dbExecute) through adapter.executeRaw().
// libsql SILENTLY runs only the first statement of such a script (wrong shadow schema, wrong diffs,
// wrong generated migrations); pg and better-sqlite3 throw. Scripts without arguments that hold
// more than one statement are routed to executeScript() instead.
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';

/** True when `sql` holds more than one statement (comments ignored, a trailing `;` allowed). */
export function hasMultipleStatements(sql: string): boolean {
  const body = stripLiteralsAndComments(sql)
    .trim()
    .replace(/;[\s;]*$/, '');
  return body.includes(';');
}

/** Patches `adapter` in place so multi-statement raw executes run every statement. */
export function withMultiStatementFallback<A extends SqlDriverAdapter>(adapter: A): A {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery): Promise<number> => {
    if (query.args.length === 0 && hasMultipleStatements(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

// Semicolons inside strings, quoted identifiers or comments do not end a statement.
function stripLiteralsAndComments(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""');
}
