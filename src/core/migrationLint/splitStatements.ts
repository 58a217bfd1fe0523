// Splits a migration script into statements with their offsets, aware of quotes ('…', "…", `…`),
// comments (-- and /* */) and PostgreSQL dollar quoting ($$…$$, $tag$…$tag$). Each statement keeps the
// comment lines right before it (where `-- prisma-workbench-ignore …` lives).

export interface SplitStatement {
  /** The statement without its trailing `;` and without leading comments/whitespace. */
  readonly text: string;
  /** Offset of the first character of `text`. */
  readonly start: number;
  /** Offset just past the terminating `;` (or the end of the text). */
  readonly end: number;
  /** `--` comment lines between the previous statement and this one, without the `--`. */
  readonly leadingComments: readonly string[];
}

export function splitStatements(sql: string, dialect: 'postgresql' | 'mysql' | 'sqlite'): SplitStatement[] {
  const out: SplitStatement[] = [];
  let i = 0;
  let stmtStart = -1;
  let comments: string[] = [];
  const n = sql.length;
  const flush = (endExclusive: number, endWithTerminator: number) => {
    if (stmtStart >= 0) {
      const text = sql.slice(stmtStart, endExclusive).trimEnd();
      if (text) out.push({ text, start: stmtStart, end: endWithTerminator, leadingComments: comments });
    }
    stmtStart = -1;
    comments = [];
  };
  const mysql = dialect === 'mysql';
  const postgres = dialect === 'postgresql';
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === DASH && sql.charCodeAt(i + 1) === DASH) {
      const eol = sql.indexOf('\n', i);
      const lineEnd = eol < 0 ? n : eol;
      if (stmtStart < 0) comments.push(sql.slice(i + 2, lineEnd).trim());
      i = lineEnd;
      continue;
    }
    if (mysql && c === HASH) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === SLASH && sql.charCodeAt(i + 1) === STAR) {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (stmtStart < 0) stmtStart = i;
    if (c === SEMICOLON) {
      flush(i, i + 1);
      i++;
      continue;
    }
    if (c === QUOTE || c === DOUBLE_QUOTE || c === BACKTICK) {
      i = skipQuoted(sql, i, sql[i]!, mysql);
      continue;
    }
    if (c === DOLLAR && postgres) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        continue;
      }
    }
    i++;
    // the rest of a word: nothing in it can start a comment, a quote or end the statement
    while (i < n && isWordChar(sql.charCodeAt(i))) i++;
  }
  flush(n, n);
  return out;
}

const DASH = 0x2d;
const HASH = 0x23;
const SLASH = 0x2f;
const STAR = 0x2a;
const SEMICOLON = 0x3b;
const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKTICK = 0x60;
const DOLLAR = 0x24;

/** ASCII letters, digits and `_`. */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f
  );
}

/** What `/\s/` matches, without a regex per character (the splitter walks every character). */
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function skipQuoted(sql: string, at: number, quote: string, backslashEscapes = false): number {
  let i = at + 1;
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === '\\' && quote === "'") {
      i += 2;
      continue;
    }
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** Splits a comma-separated list at top level (outside parentheses and quotes); returns offsets. */
export function splitTopLevel(text: string, from = 0): { text: string; start: number; end: number }[] {
  const parts: { text: string; start: number; end: number }[] = [];
  let depth = 0;
  let partStart = from;
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(text, i, c);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push({ text: text.slice(partStart, i), start: partStart, end: i });
      partStart = i + 1;
    }
    i++;
  }
  parts.push({ text: text.slice(partStart), start: partStart, end: text.length });
  return parts;
}
