// Whether a TypedSQL query still matches the schema, without a database: the tables it names after FROM /
// JOIN / UPDATE / INTO, and the columns it names as `alias.column` or `table.column`, checked against the
// database names of the schema's models and views (`@@map`, `@map`, `@@schema`). Only what is certain is
// flagged: a CTE, a subquery's alias, a table function, a name outside the schema's database schemas
// (`pg_catalog.x`, `information_schema.x`), an alias bound twice, an unqualified column are never flagged.
import type { Block, SchemaDocument } from '../schema/model';
import type { SqlProvider } from '../notebook/runSupport';
import { closingParen, isPunct, isWord, statements, tokenize, type SqlToken } from './sqlTokens';

export interface DbTable {
  name: string;
  schema?: string;
  model: string;
  kind: 'model' | 'view';
  columns: string[];
}

export interface SqlProblem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Every table and column the schema puts in the database (ignored ones too: they exist there). */
export function databaseTables(doc: SchemaDocument): DbTable[] {
  return doc.blocks
    .filter((b): b is Block & { kind: 'model' | 'view' } => b.kind === 'model' || b.kind === 'view')
    .map((b) => ({
      name: b.mapName ?? b.name,
      ...(b.schemaName ? { schema: b.schemaName } : {}),
      model: b.name,
      kind: b.kind,
      columns: b.fields.filter((f) => !f.isRelation && !f.isComposite).map((f) => f.mapName ?? f.name),
    }));
}

/** Names no schema declares that a query may read: the databases' own catalogs and Prisma's table. */
const SYSTEM_TABLE = /^(sqlite_\w+|pg_\w+|_prisma_migrations|dual|information_schema|generate_series)$/i;

const NOT_ALIAS = new Set(
  'WHERE ON JOIN LEFT RIGHT INNER OUTER FULL CROSS NATURAL GROUP ORDER LIMIT OFFSET SET USING VALUES UNION INTERSECT EXCEPT HAVING WINDOW RETURNING FOR FETCH SELECT FROM INTO WITH STRAIGHT_JOIN USE FORCE IGNORE PARTITION TABLESAMPLE LATERAL QUALIFY AND OR NOT AS DEFAULT ONLY LOCK'.split(
    ' ',
  ),
);

const QUERY_START = ['SELECT', 'WITH', 'VALUES', 'TABLE'];

interface Binding {
  table?: DbTable;
  /** Bound more than once to different things: not checked. */
  ambiguous?: boolean;
}

export function checkAgainstSchema(sql: string, provider: SqlProvider, tables: DbTable[]): SqlProblem[] {
  const problems: SqlProblem[] = [];
  for (const stmt of statements(tokenize(sql, provider))) problems.push(...checkStatement(stmt, provider, tables));
  return problems;
}

/** An identifier the way the database compares it: PostgreSQL matches a quoted name exactly. */
function sameName(token: SqlToken, name: string, provider: SqlProvider): boolean {
  if (token.kind === 'quoted' && provider === 'postgresql') return token.value === name;
  return token.value.toLowerCase() === name.toLowerCase();
}

const isIdent = (t: SqlToken | undefined): t is SqlToken => t?.kind === 'word' || t?.kind === 'quoted';

/** The dotted name starting at `i` (`a`, `a.b`, `a.b.c`): its parts and the index after it. */
function chainAt(tokens: SqlToken[], i: number): { parts: SqlToken[]; next: number } {
  const parts = [tokens[i]];
  let j = i + 1;
  while (isPunct(tokens[j], '.') && isIdent(tokens[j + 1])) {
    parts.push(tokens[j + 1]);
    j += 2;
  }
  return { parts, next: j };
}

function checkStatement(tokens: SqlToken[], provider: SqlProvider, tables: DbTable[]): SqlProblem[] {
  const problems: SqlProblem[] = [];
  const schemas = new Set(tables.flatMap((t) => (t.schema ? [t.schema.toLowerCase()] : [])));
  // which parenthesis levels are queries (the statement itself, a subquery), where FROM names tables
  const queryLevel: boolean[] = [];
  const levelOf: number[] = [];
  {
    const stack: number[] = [0];
    queryLevel[0] = true;
    let nextId = 1;
    tokens.forEach((t, i) => {
      if (isPunct(t, '(')) {
        const id = nextId++;
        queryLevel[id] = isWord(tokens[i + 1], ...QUERY_START);
        stack.push(id);
      }
      levelOf[i] = stack.at(-1)!;
      if (isPunct(t, ')') && stack.length > 1) stack.pop();
    });
  }
  // CTE and window names: `name [(columns)] AS [NOT] [MATERIALIZED] (`
  const ctes = new Set<string>();
  tokens.forEach((t, i) => {
    if (!isIdent(t)) return;
    let j = i + 1;
    if (isPunct(tokens[j], '(')) j = closingParen(tokens, j) + 1;
    if (!isWord(tokens[j], 'AS')) return;
    j++;
    if (isWord(tokens[j], 'NOT')) j++;
    if (isWord(tokens[j], 'MATERIALIZED')) j++;
    if (isPunct(tokens[j], '(')) ctes.add(t.value.toLowerCase());
  });

  const bindings = new Map<string, Binding>();
  const bind = (name: string, table: DbTable | undefined) => {
    const key = name.toLowerCase();
    const had = bindings.get(key);
    if (had && had.table !== table) bindings.set(key, { ambiguous: true });
    else bindings.set(key, table ? { table } : {});
  };
  /** Token indices that are table names (not column references). */
  const tableTokens = new Set<number>();

  const findTable = (parts: SqlToken[]): DbTable | 'unknown' | 'outside' => {
    const name = parts.at(-1)!;
    if (parts.length > 2) return 'outside';
    if (parts.length === 1) {
      if (ctes.has(name.value.toLowerCase()) || SYSTEM_TABLE.test(name.value)) return 'outside';
      return tables.find((t) => sameName(name, t.name, provider)) ?? 'unknown';
    }
    const schema = parts[0];
    if (!schemas.has(schema.value.toLowerCase())) return 'outside';
    return (
      tables.find(
        (t) => t.schema !== undefined && sameName(schema, t.schema, provider) && sameName(name, t.name, provider),
      ) ?? 'unknown'
    );
  };

  /** After a table, subquery or function: `[AS] alias [(columns)]`; returns the index after it. */
  const aliasAt = (i: number, target: DbTable | undefined): number => {
    let j = i;
    if (isWord(tokens[j], 'AS')) j++;
    const t = tokens[j];
    if (isIdent(t) && !(t.kind === 'word' && NOT_ALIAS.has(t.value.toUpperCase()))) {
      bind(t.value, target);
      j++;
      if (isPunct(tokens[j], '(')) j = closingParen(tokens, j) + 1;
      return j;
    }
    return i;
  };

  /** The table references after FROM / JOIN / UPDATE / INTO at `i`. */
  const tableList = (i: number, keyword: string): void => {
    let j = i;
    for (;;) {
      while (isWord(tokens[j], 'LATERAL', 'ONLY')) j++;
      const t = tokens[j];
      if (isPunct(t, '(')) {
        j = aliasAt(closingParen(tokens, j) + 1, undefined);
      } else if (isIdent(t) && !(t.kind === 'word' && NOT_ALIAS.has(t.value.toUpperCase()))) {
        const { parts, next } = chainAt(tokens, j);
        if (isPunct(tokens[next], '(') && keyword !== 'INTO') {
          j = aliasAt(closingParen(tokens, next) + 1, undefined); // a table function
        } else {
          for (let k = j; k < next; k++) tableTokens.add(k);
          const found = findTable(parts);
          const name = parts.at(-1)!;
          if (found === 'unknown')
            problems.push({
              start: t.start,
              end: name.end,
              message: `${parts.map((p) => p.value).join('.')} is not a table or view of the schema: no model or view maps to it (@@map).`,
              severity: 'warning',
            });
          const table = typeof found === 'string' ? undefined : found;
          const after = aliasAt(next, table);
          if (after === next) bind(name.value, table);
          j = after;
        }
      } else return;
      if (keyword === 'FROM' && isPunct(tokens[j], ',')) j++;
      else return;
    }
  };

  tokens.forEach((t, i) => {
    if (!isWord(t, 'FROM', 'JOIN', 'UPDATE', 'INTO')) return;
    if (!queryLevel[levelOf[i]] && !isWord(t, 'UPDATE', 'INTO')) return;
    const keyword = t.value.toUpperCase();
    // `IS [NOT] DISTINCT FROM` compares; it names no table
    if (keyword === 'FROM' && isWord(tokens[i - 1], 'DISTINCT') && isWord(tokens[i - 2], 'IS', 'NOT')) return;
    // `FOR UPDATE [OF t]`, MySQL's `ON DUPLICATE KEY UPDATE col = ...`: no table follows
    if (keyword === 'UPDATE' && isWord(tokens[i - 1], 'FOR', 'KEY', 'DO')) return;
    if (keyword === 'INTO' && (isWord(tokens[i + 1], 'OUTFILE', 'DUMPFILE') || !isIdent(tokens[i + 1]))) return;
    tableList(i + 1, keyword);
  });

  // qualified columns: `q.column` where q is bound to one table of the schema
  tokens.forEach((t, i) => {
    if (!isIdent(t) || tableTokens.has(i) || isPunct(tokens[i - 1], '.')) return;
    if (!isPunct(tokens[i + 1], '.') || !isIdent(tokens[i + 2])) return;
    const column = tokens[i + 2];
    if (isPunct(tokens[i + 3], '.') || isPunct(tokens[i + 3], '(')) return;
    const binding = bindings.get(t.value.toLowerCase());
    const table = binding?.table;
    if (!table || binding.ambiguous) return;
    if (table.columns.some((c) => sameName(column, c, provider))) return;
    problems.push({
      start: column.start,
      end: column.end,
      message: `${column.value} is not a column of ${table.name} (${table.kind} ${table.model}): its columns are ${table.columns.join(', ')}.`,
      severity: 'error',
    });
  });
  return problems;
}
