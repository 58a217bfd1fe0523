// Splits one `.prisma` file into tokens with 0-based line/character positions. Never throws: any
// character it does not know becomes an `unknown` token for the parser to report.
// Characters are JavaScript string indices, i.e. UTF-16 code units, as VS Code counts them.

export type TokenKind =
  | 'ident'
  | 'string'
  | 'number'
  | 'punct'
  | 'newline'
  | 'docComment'
  | 'comment'
  | 'unknown'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text; for strings including the quotes, for comments including the slashes. */
  text: string;
  /** Offset in the file text. */
  start: number;
  end: number;
  line: number;
  character: number;
  /** Set on strings that reach the end of the line without a closing quote. */
  unterminated?: boolean;
}

const PUNCT = new Set(['{', '}', '(', ')', '[', ']', ',', ':', '=', '?', '@', '.', '!']);

// Prisma accepts Unicode letters in names (`model Café`), so anything beyond ASCII is looked up.
const UNICODE_IDENT = /[\p{L}\p{M}\p{N}]/u;

function isIdentStart(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return UNICODE_IDENT.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}

function isIdentPart(c: number, text: string, i: number): boolean {
  return isIdentStart(c, text, i) || (c >= 48 && c <= 57) || c === 45;
}

/** UTF-16 length of the code point at `i` (2 for a surrogate pair). */
function charSize(c: number, text: string, i: number): number {
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 0;
  let lineStart = 0;
  const n = text.length;
  const push = (kind: TokenKind, start: number, end: number, unterminated?: boolean): void => {
    const token: Token = { kind, text: text.slice(start, end), start, end, line, character: start - lineStart };
    if (unterminated) token.unterminated = true;
    tokens.push(token);
  };

  // A byte-order mark is not part of the first line's columns VS Code shows, but it is a code unit.
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xfeff || c === 0x0b || c === 0x0c) {
      i++;
    } else if (c === 10 || c === 13) {
      const start = i;
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      push('newline', start, i);
      line++;
      lineStart = i;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const start = i;
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      push(text.charCodeAt(start + 2) === 47 ? 'docComment' : 'comment', start, i);
    } else if (c === 34) {
      const start = i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          i += 2;
          continue;
        }
        if (d === 10 || d === 13) break;
        i++;
        if (d === 34) {
          closed = true;
          break;
        }
      }
      if (i > n) i = n;
      push('string', start, i, !closed);
    } else if (isIdentStart(c, text, i)) {
      const start = i;
      i += charSize(c, text, i);
      while (i < n && isIdentPart(text.charCodeAt(i), text, i)) i += charSize(text.charCodeAt(i), text, i);
      push('ident', start, i);
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      const start = i++;
      while (i < n && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      push('number', start, i);
    } else if (PUNCT.has(text[i])) {
      push('punct', i, i + 1);
      i++;
    } else {
      // Keep surrogate pairs together so a stray emoji is one token.
      const size = charSize(c, text, i);
      push('unknown', i, i + size);
      i += size;
    }
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n, line, character: n - lineStart });
  return tokens;
}
