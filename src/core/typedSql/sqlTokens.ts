// A SQL tokenizer just good enough to find placeholders, identifiers and clause keywords without being fooled
// by strings, comments and quoted names, per database: PostgreSQL (`$1`, `::`, dollar quoting), MySQL /
// MariaDB (`?`, backticks, `#` comments, backslash escapes) and SQLite (`?`, `?NNN`, `:name`, `@name`,
// `$name`, `[name]`). Offsets are into the text given.
import type { SqlProvider } from '../notebook/runSupport';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'op';

export interface SqlToken {
  kind: TokenKind;
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  /** `word`: the name; `quoted`: the name without its quotes; `param`: the placeholder (`$1`, `?`, `:id`). */
  value: string;
}

const WORD = /[\p{L}_][\p{L}\p{N}_$]*/uy;
const NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** The end of a quoted run starting at `at` (the opening quote), with the quote doubled as its escape. */
function quotedEnd(text: string, at: number, close: string, backslash: boolean): number {
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (backslash && c === '\\') i += 2;
    else if (c === close) {
      if (text[i + 1] === close && close !== ']') i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

export function tokenize(sql: string, provider: SqlProvider): SqlToken[] {
  const out: SqlToken[] = [];
  const push = (kind: TokenKind, start: number, end: number, value = sql.slice(start, end)) =>
    out.push({ kind, text: sql.slice(start, end), start, end, value });
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if ((c === '-' && next === '-') || (c === '#' && provider === 'mysql')) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === "'") {
      const end = quotedEnd(sql, i, "'", provider === 'mysql');
      push('string', i, end);
      i = end;
    } else if (c === '"' && provider !== 'mysql') {
      const end = quotedEnd(sql, i, '"', false);
      push('quoted', i, end, sql.slice(i + 1, end - 1).replace(/""/g, '"'));
      i = end;
    } else if (c === '"') {
      const end = quotedEnd(sql, i, '"', true);
      push('string', i, end);
      i = end;
    } else if (c === '`' && provider !== 'postgresql') {
      const end = quotedEnd(sql, i, '`', false);
      push('quoted', i, end, sql.slice(i + 1, end - 1).replace(/``/g, '`'));
      i = end;
    } else if (c === '[' && provider === 'sqlite') {
      const end = quotedEnd(sql, i, ']', false);
      push('quoted', i, end, sql.slice(i + 1, end - 1));
      i = end;
    } else if (c === '$' && provider === 'postgresql' && /\d/.test(next ?? '')) {
      const digits = match(/\$\d+/y, sql, i)!;
      push('param', i, i + digits.length);
      i += digits.length;
    } else if (c === '$' && provider === 'postgresql') {
      // dollar quoting: $$...$$ or $tag$...$tag$
      const tag = match(/\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy, sql, i);
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        const end = close === -1 ? sql.length : close + tag.length;
        push('string', i, end);
        i = end;
      } else {
        push('op', i, i + 1);
        i++;
      }
    } else if (c === '?' && provider !== 'postgresql') {
      const num = provider === 'sqlite' ? (match(/\?\d+/y, sql, i) ?? '?') : '?';
      push('param', i, i + num.length);
      i += num.length;
    } else if (provider === 'sqlite' && (c === ':' || c === '@' || c === '$') && match(WORD, sql, i + 1)) {
      const name = match(WORD, sql, i + 1)!;
      push('param', i, i + 1 + name.length);
      i += 1 + name.length;
    } else if (provider === 'sqlite' && c === '$' && /\d/.test(next ?? '')) {
      const digits = match(/\$\d+/y, sql, i)!;
      push('param', i, i + digits.length);
      i += digits.length;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(next ?? '') && out.at(-1)?.kind !== 'word')) {
      const n = match(NUMBER, sql, i)!;
      push('number', i, i + n.length);
      i += n.length;
    } else if (match(WORD, sql, i)) {
      const w = match(WORD, sql, i)!;
      push('word', i, i + w.length);
      i += w.length;
    } else if ('(),;.'.includes(c)) {
      push('punct', i, i + 1);
      i++;
    } else if (c === ':' && next === ':') {
      push('op', i, i + 2);
      i += 2;
    } else {
      push('op', i, i + 1);
      i++;
    }
  }
  return out;
}

/** The statements of a script: token runs between `;`. */
export function statements(tokens: SqlToken[]): SqlToken[][] {
  const out: SqlToken[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') out.push([]);
    else out.at(-1)!.push(t);
  }
  return out.filter((s) => s.length > 0);
}

export const isWord = (t: SqlToken | undefined, ...words: string[]): boolean =>
  t?.kind === 'word' && words.includes(t.value.toUpperCase());

export const isPunct = (t: SqlToken | undefined, p: string): boolean => t?.kind === 'punct' && t.text === p;

/** The index of the `)` that closes the `(` at `open` (or the last index). */
export function closingParen(tokens: SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length - 1;
}
