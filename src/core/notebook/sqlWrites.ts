// Whether SQL a read-only Prisma Client cell sends (or saw sent) may change anything: data, the schema, the
// connection's session (SET, PRAGMA x = …) or its transaction (COMMIT…). Reads are recognised and anything
// else counts as writing, so an unknown statement is refused rather than let through: SELECT (without INTO),
// VALUES, TABLE, SHOW, DESCRIBE, EXPLAIN (without ANALYZE, or of a read), WITH whose every part reads, and
// the PRAGMAs that only read. On core/typedSql's tokens: strings, comments and quoted names never fool it.
import { closingParen, isPunct, isWord, statements, tokenize, type SqlToken } from '../typedSql/sqlTokens';
import type { SqlProvider } from './runSupport';

/** PRAGMAs that read even with an argument (`PRAGMA table_info(users)`); the rest set what they name. */
const READING_PRAGMAS = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_info',
  'index_xinfo',
  'index_list',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
]);
/** PRAGMAs that change the database file though they take no argument. */
const WRITING_PRAGMAS = new Set(['optimize', 'wal_checkpoint', 'incremental_vacuum']);
/** The words a statement an EXPLAIN / ANALYZE runs starts with. */
const STATEMENT_VERBS = ['SELECT', 'WITH', 'VALUES', 'TABLE', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE'];

/** What the first statement of `sql` that writes starts with (`DELETE`, `PRAGMA user_version`), if one does. */
export function writingStatement(sql: string, provider: SqlProvider): string | undefined {
  for (const s of statements(tokenize(sql, provider))) {
    const verb = writes(s, 0, s.length);
    if (verb) return verb;
  }
  return undefined;
}

/** The verb of the statement in tokens [from, to) if it writes. */
function writes(t: SqlToken[], from: number, to: number): string | undefined {
  let i = from;
  while (i < to && isPunct(t[i], '(')) i++;
  const first = t[i];
  if (i >= to || !first) return undefined;
  const verb = first.kind === 'word' ? first.value.toUpperCase() : first.text;
  switch (verb) {
    case 'SELECT':
    case 'VALUES':
    case 'TABLE':
      return selectInto(t, i, to) ? 'SELECT … INTO' : undefined;
    case 'SHOW':
    case 'DESCRIBE':
    case 'DESC':
      return undefined;
    case 'WITH':
      return withWrites(t, i + 1, to);
    case 'EXPLAIN':
    case 'ANALYZE':
    case 'ANALYSE':
      return explainWrites(t, i, to, verb);
    case 'PRAGMA':
      return pragmaWrites(t, i + 1, to);
    default:
      return verb;
  }
}

/** `SELECT … INTO` outside parentheses: a new table (PostgreSQL) or a file (MySQL). */
function selectInto(t: SqlToken[], from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (isPunct(t[i], '(')) depth++;
    else if (isPunct(t[i], ')')) depth--;
    else if (depth === 0 && isWord(t[i], 'INTO')) return true;
  }
  return false;
}

/** `WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (body), … main`: any body or the main statement. */
function withWrites(t: SqlToken[], from: number, to: number): string | undefined {
  let i = isWord(t[from], 'RECURSIVE') ? from + 1 : from;
  for (;;) {
    i++; // the name
    if (isPunct(t[i], '(')) i = closingParen(t, i) + 1;
    if (!isWord(t[i], 'AS')) return 'WITH';
    i++;
    while (isWord(t[i], 'NOT', 'MATERIALIZED')) i++;
    if (!isPunct(t[i], '(')) return 'WITH';
    const close = closingParen(t, i);
    const inner = writes(t, i + 1, close);
    if (inner) return inner;
    i = close + 1;
    if (!isPunct(t[i], ',')) break;
    i++;
  }
  return i < to ? writes(t, i, to) : undefined;
}

/**
 * EXPLAIN runs its statement only with ANALYZE (PostgreSQL, MySQL); MariaDB's `ANALYZE stmt` runs it, and
 * `ANALYZE table` (no statement follows) updates the statistics.
 */
function explainWrites(t: SqlToken[], at: number, to: number, verb: string): string | undefined {
  let i = at + 1;
  let analyze = verb !== 'EXPLAIN';
  if (verb === 'EXPLAIN' && isPunct(t[i], '(')) {
    const close = closingParen(t, i);
    for (let j = i; j < close; j++) if (isWord(t[j], 'ANALYZE', 'ANALYSE')) analyze = true;
    i = close + 1;
  }
  for (; i < to && !isWord(t[i], ...STATEMENT_VERBS) && !isPunct(t[i], '('); i++)
    if (isWord(t[i], 'ANALYZE', 'ANALYSE')) analyze = true;
  if (i >= to) return verb === 'EXPLAIN' ? undefined : verb; // EXPLAIN table (its columns) / ANALYZE table
  const inner = writes(t, i, to);
  return analyze && inner ? `${verb} ${inner}` : undefined;
}

/** `PRAGMA [schema.]name` reads (but a few); `= value` sets; `(arg)` sets unless the PRAGMA only reads. */
function pragmaWrites(t: SqlToken[], from: number, to: number): string | undefined {
  const i = isPunct(t[from + 1], '.') ? from + 2 : from;
  const name = t[i]?.value.toLowerCase() ?? '';
  if (i + 1 >= to) return WRITING_PRAGMAS.has(name) ? `PRAGMA ${name}` : undefined;
  if (isPunct(t[i + 1], '(') && READING_PRAGMAS.has(name) && closingParen(t, i + 1) === to - 1) return undefined;
  return `PRAGMA ${name}`;
}
