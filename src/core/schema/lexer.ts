// Splits one `.prisma` file into tokens with 0-based line/character positions. Never throws: any
// character it does not know becomes an `unknown` token for the parser to report.
// Characters are JavaScript string indices, i.e. UTF-16 code units, as VS Code counts them.
//
// Speed: the reader lexes a whole file into a `TokenList`, flat typed arrays indexed by token number,
// so no object or substring is made per token; the parser slices the text only for what it keeps
// (names, types, argument text). The arrays are reused from one file to the next.
//
// `/* ... */` is one `blockComment` token, newlines inside it included (Prisma 6+ reads it as a doc
// comment, like `///`). An unclosed `/*` ends at the end of its line and is marked unterminated.

export type TokenKind =
  'ident' | 'string' | 'number' | 'punct' | 'newline' | 'docComment' | 'comment' | 'blockComment' | 'unknown' | 'eof';

/** One token as an object: what `tokenize` returns (tests, tools). The reader itself uses `TokenList`. */
export interface Token {
  kind: TokenKind;
  /** Source text; for strings including the quotes, for comments including the slashes. */
  text: string;
  /** Offset in the file text. */
  start: number;
  end: number;
  line: number;
  character: number;
  /** Set on strings that reach the end of the line without a closing quote, and on a block comment without its end. */
  unterminated?: boolean;
}

// Token kinds in `TokenList.kinds`. A punctuation token's kind is its character code (all >= 33),
// so `kinds[t] === TOKEN.LBRACE` is the whole test for `{`.
export const TOKEN = {
  IDENT: 1,
  STRING: 2,
  NUMBER: 3,
  NEWLINE: 4,
  DOC_COMMENT: 5,
  COMMENT: 6,
  UNKNOWN: 7,
  EOF: 8,
  /** `/* ... *\/`, possibly over several lines. */
  BLOCK_COMMENT: 9,
  /** Kinds at or above this are punctuation (the kind is the character code). */
  PUNCT_MIN: 33,
  BANG: 33, // !
  LPAREN: 40, // (
  RPAREN: 41, // )
  COMMA: 44, // ,
  DOT: 46, // .
  COLON: 58, // :
  EQUALS: 61, // =
  QUESTION: 63, // ?
  AT: 64, // @
  LBRACKET: 91, // [
  RBRACKET: 93, // ]
  LBRACE: 123, // {
  RBRACE: 125, // }
} as const;

const { IDENT, STRING, NUMBER, NEWLINE, DOC_COMMENT, COMMENT, BLOCK_COMMENT, UNKNOWN, EOF, PUNCT_MIN } = TOKEN;

const KIND_NAMES: readonly TokenKind[] = [
  'unknown',
  'ident',
  'string',
  'number',
  'newline',
  'docComment',
  'comment',
  'unknown',
  'eof',
  'blockComment',
];

/** `{ ( [ ] ) } , : = ? @ . !` -> true, by character code. */
const IS_PUNCT = new Uint8Array(128);
for (const c of '{}()[],:=?@.!') IS_PUNCT[c.charCodeAt(0)] = 1;

/** ASCII letters, `_` -> 1; digits and `-` -> 2 (ident part only). */
const ASCII_IDENT = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_IDENT[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_IDENT[c] = 1;
ASCII_IDENT[95] = 1;
for (let c = 48; c <= 57; c++) ASCII_IDENT[c] = 2;
ASCII_IDENT[45] = 2;

// Prisma accepts Unicode letters in names (`model Café`), so anything beyond ASCII is looked up.
const UNICODE_IDENT = /[\p{L}\p{M}\p{N}]/u;

function isUnicodeIdent(text: string, i: number): boolean {
  return UNICODE_IDENT.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
}

/** UTF-16 length of the code point at `i` (2 for a surrogate pair). */
function charSize(c: number, text: string, i: number): number {
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The tokens of one file as parallel arrays; token `count - 1` is always `EOF`. */
export interface TokenList {
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  lines: Int32Array;
  /** Column of the token start (UTF-16 code units from the start of its line). */
  chars: Int32Array;
  /** Indices of strings that reach the end of the line without a closing quote, and of unclosed block comments, ascending. */
  unterminated: number[];
}

let scratch: TokenList | undefined;

function allocate(capacity: number): TokenList {
  return {
    count: 0,
    kinds: new Uint8Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    lines: new Int32Array(capacity),
    chars: new Int32Array(capacity),
    unterminated: [],
  };
}

function grow(list: TokenList): TokenList {
  const bigger = allocate(list.kinds.length * 2);
  bigger.kinds.set(list.kinds);
  bigger.starts.set(list.starts);
  bigger.ends.set(list.ends);
  bigger.lines.set(list.lines);
  bigger.chars.set(list.chars);
  bigger.unterminated = list.unterminated;
  bigger.count = list.count;
  return bigger;
}

/**
 * Lexes a whole text. The returned list is shared scratch space: valid until the next call (the
 * reader is synchronous and finishes one file before lexing the next); pass `fresh` to keep it.
 */
export function lex(text: string, fresh = false): TokenList {
  let list = fresh || !scratch ? allocate(Math.max(64, text.length >> 2)) : scratch;
  list.count = 0;
  list.unterminated = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  let lineStart = 0;
  let k = 0;
  // Where the next comment end starts: -2 not searched yet, -1 none left in the text.
  let nextClose = -2;
  for (;;) {
    if (k === list.kinds.length) list = grow(list);
    // Spaces, tabs and a byte-order mark separate tokens; each is still one code unit of the column.
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9 || c === 0xfeff || c === 0x0b || c === 0x0c) c = text.charCodeAt(++i);
    const start = i;
    let kind: number;
    if (i >= n) {
      list.kinds[k] = EOF;
      list.starts[k] = n;
      list.ends[k] = n;
      list.lines[k] = line;
      list.chars[k] = n - lineStart;
      list.count = k + 1;
      if (!fresh) scratch = list;
      return list;
    }
    if (c === 10 || c === 13) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      list.kinds[k] = NEWLINE;
      list.starts[k] = start;
      list.ends[k] = i;
      list.lines[k] = line;
      list.chars[k] = start - lineStart;
      k++;
      line++;
      lineStart = i;
      continue;
    }
    if (c < 128 && ASCII_IDENT[c] === 1) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (d < 128) {
          if (ASCII_IDENT[d] === 0) break;
          i++;
        } else if (d >= 128 && isUnicodeIdent(text, i)) i += charSize(d, text, i);
        else break; // also the end of the text (NaN)
      }
      kind = IDENT;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) break;
        i++;
      }
      kind = text.charCodeAt(start + 2) === 47 ? DOC_COMMENT : COMMENT;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      // The next `*/` is searched once per comment, and never again once there is none (no quadratic
      // rescans when many lines open a comment and none closes).
      if (nextClose !== -1 && nextClose < i + 2) nextClose = text.indexOf('*/', i + 2);
      const close = nextClose;
      if (close >= 0) {
        i = close + 2;
        list.kinds[k] = BLOCK_COMMENT;
        list.starts[k] = start;
        list.ends[k] = i;
        list.lines[k] = line;
        list.chars[k] = start - lineStart;
        k++;
        // The lines inside the comment still count: the next token's line and column follow them.
        for (let j = start + 2; j < close; j++) {
          const d = text.charCodeAt(j);
          if (d === 10 || (d === 13 && text.charCodeAt(j + 1) !== 10)) {
            line++;
            lineStart = j + 1;
          }
        }
        continue;
      } else {
        // Unclosed: it ends with its line, and reading goes on at the next one (as Prisma does).
        i += 2;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 10 || d === 13) break;
          i++;
        }
        list.unterminated.push(k);
      }
      kind = BLOCK_COMMENT;
    } else if (c === 34) {
      i++;
      let unterminated = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          i += 2;
          continue;
        }
        if (d === 10 || d === 13) break;
        i++;
        if (d === 34) {
          unterminated = false;
          break;
        }
      }
      if (i > n) i = n;
      if (unterminated) list.unterminated.push(k);
      kind = STRING;
    } else if (c >= 128 && isUnicodeIdent(text, i)) {
      i += charSize(c, text, i);
      for (;;) {
        const d = text.charCodeAt(i);
        if (d < 128) {
          if (ASCII_IDENT[d] === 0) break;
          i++;
        } else if (d >= 128 && isUnicodeIdent(text, i)) i += charSize(d, text, i);
        else break;
      }
      kind = IDENT;
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (isDigit(d) || d === 46) i++;
        else break;
      }
      kind = NUMBER;
    } else if (c < 128 && IS_PUNCT[c] === 1) {
      i++;
      kind = c;
    } else {
      // Keep surrogate pairs together so a stray emoji is one token.
      i += charSize(c, text, i);
      kind = UNKNOWN;
    }
    list.kinds[k] = kind;
    list.starts[k] = start;
    list.ends[k] = i;
    list.lines[k] = line;
    list.chars[k] = start - lineStart;
    k++;
  }
}

/** All tokens of a text as objects, ending with `eof`. */
export function tokenize(text: string): Token[] {
  const list = lex(text, true);
  const tokens: Token[] = [];
  let u = 0;
  for (let t = 0; t < list.count; t++) {
    const kind = list.kinds[t];
    const token: Token = {
      kind: kind >= PUNCT_MIN ? 'punct' : KIND_NAMES[kind],
      text: text.slice(list.starts[t], list.ends[t]),
      start: list.starts[t],
      end: list.ends[t],
      line: list.lines[t],
      character: list.chars[t],
    };
    if (list.unterminated[u] === t) {
      token.unterminated = true;
      u++;
    }
    tokens.push(token);
  }
  return tokens;
}
