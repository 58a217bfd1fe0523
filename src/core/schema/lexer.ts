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

/** Produces tokens one at a time, so the reader keeps only a few alive (cheap on the garbage collector). */
export class Lexer {
  private i = 0;
  private line = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  next(): Token {
    const text = this.text;
    const n = text.length;
    let i = this.i;
    // Spaces, tabs and a byte-order mark separate tokens; each is still one code unit of the column.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 0xfeff || c === 0x0b || c === 0x0c) i++;
      else break;
    }
    if (i >= n) {
      this.i = n;
      return this.make('eof', n, n);
    }
    const c = text.charCodeAt(i);
    const start = i;
    let kind: TokenKind;
    let unterminated = false;
    if (c === 10 || c === 13) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      const token = this.make('newline', start, i);
      this.i = i;
      this.line++;
      this.lineStart = i;
      return token;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      kind = text.charCodeAt(start + 2) === 47 ? 'docComment' : 'comment';
    } else if (c === 34) {
      i++;
      unterminated = true;
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
      kind = 'string';
    } else if (isIdentStart(c, text, i)) {
      i += charSize(c, text, i);
      while (i < n && isIdentPart(text.charCodeAt(i), text, i)) i += charSize(text.charCodeAt(i), text, i);
      kind = 'ident';
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      kind = 'number';
    } else if (PUNCT.has(text[i])) {
      i++;
      kind = 'punct';
    } else {
      // Keep surrogate pairs together so a stray emoji is one token.
      i += charSize(c, text, i);
      kind = 'unknown';
    }
    this.i = i;
    const token = this.make(kind, start, i);
    if (unterminated) token.unterminated = true;
    return token;
  }

  private make(kind: TokenKind, start: number, end: number): Token {
    return { kind, text: this.text.slice(start, end), start, end, line: this.line, character: start - this.lineStart };
  }
}

/** All tokens of a text, ending with `eof`. */
export function tokenize(text: string): Token[] {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === 'eof') return tokens;
  }
}
