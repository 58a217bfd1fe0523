// The recursive reader for one `.prisma` file. Tolerant by design: whatever it cannot read becomes a
// ParseDiagnostic at that spot and reading resumes at the next line, block or closing brace; a block
// left open ends where the next block starts or at the end of the file. Never throws.
//
// Tokens are numbers (indices into the lexer's TokenList), not objects: a 1,000-model schema has
// ~150k tokens, and the reader allocates only what ends up in the SchemaDocument.

import * as attributeArgs from './attributeArgs';
import { lex, TOKEN, type TokenList } from './lexer';
import type {
  Attribute,
  Block,
  BlockKind,
  EnumValue,
  Field,
  ParseDiagnostic,
  Property,
  Range,
  SchemaFile,
} from './model';
import { NameIndex, type NameEntry } from './relations';
import * as strings from './strings';

// Module-local copies of what the hot paths use: an imported binding compiles to a getter call in
// CommonJS output (tsx, mocha), a local constant does not.
const {
  AT,
  BANG,
  BLOCK_COMMENT,
  COMMENT,
  DOC_COMMENT,
  DOT,
  EOF,
  EQUALS,
  IDENT,
  LBRACE,
  LBRACKET,
  LPAREN,
  NEWLINE,
  PUNCT_MIN,
  QUESTION,
  RBRACE,
  RBRACKET,
  RPAREN,
} = TOKEN;
const { internScalar, sliceName, trimmedSlice } = strings;
const { argValue, attributeString, fieldList, splitArgs } = attributeArgs;

/** A token: its index in the file's TokenList. */
type Tok = number;

/** The closing character code for an opening one, 0 for anything else. */
function closerOf(kind: number): number {
  return kind === LPAREN ? RPAREN : kind === LBRACKET ? RBRACKET : kind === LBRACE ? RBRACE : 0;
}

/** The block keyword spelled by `text[start, end)`, if any. */
function blockKeyword(text: string, start: number, end: number): BlockKind | undefined {
  switch (end - start) {
    case 4:
      if (text.startsWith('type', start)) return 'type';
      if (text.startsWith('view', start)) return 'view';
      if (text.startsWith('enum', start)) return 'enum';
      return undefined;
    case 5:
      return text.startsWith('model', start) ? 'model' : undefined;
    case 9:
      return text.startsWith('generator', start) ? 'generator' : undefined;
    case 10:
      return text.startsWith('datasource', start) ? 'datasource' : undefined;
    default:
      return undefined;
  }
}

export class FileParser {
  private readonly text: string;
  private readonly toks: TokenList;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly lines: Int32Array;
  private readonly chars: Int32Array;
  private readonly eof: Tok;
  /** Whether the text has a `\r` anywhere: without one, line ends are found with `indexOf`. */
  private readonly hasCarriageReturn: boolean;
  /** The current token (not consumed yet). Tokens before it are consumed; `eof` is never consumed. */
  private pos: Tok = 0;
  /** Highest token index looked at so far: unterminated strings are reported when first seen. */
  private seen = -1;
  private nextUnterminated = 0;
  /** Last token consumed that is not a newline or comment: where an unclosed construct ends. */
  private lastSolid: Tok;
  /** `///` lines and block comments waiting for the next block, field or enum value. */
  private readonly docs: string[] = [];
  /** Inside a block, a blank line ends the group of comments in `docs`: the next comment starts a new one. */
  private docsEnded = false;
  /** Whether the reader is inside a block's braces (a blank line there does not drop `docs`). */
  private inBlock = false;
  /** Whether the last `skipGroup` found its closing bracket. */
  private groupClosed = false;
  private readonly closers: number[] = [];
  private readonly attributeScratch: Attribute[] = [];
  /** Fields of the current block whose type may name a block, and their type entries (see NameIndex). */
  private readonly typedFields: Field[] = [];
  private readonly typedEntries: NameEntry[] = [];

  constructor(
    private readonly file: SchemaFile,
    private readonly blocks: Block[],
    private readonly diagnostics: ParseDiagnostic[],
    /** Collects names and the fields whose type may name a block, for `resolveRelations`. */
    private readonly index: NameIndex = new NameIndex(),
  ) {
    this.text = file.content;
    const toks = lex(file.content);
    this.toks = toks;
    this.kinds = toks.kinds;
    this.starts = toks.starts;
    this.ends = toks.ends;
    this.lines = toks.lines;
    this.chars = toks.chars;
    this.eof = toks.count - 1;
    this.hasCarriageReturn = file.content.includes('\r');
    this.lastSolid = this.peek();
  }

  parse(): void {
    // After one report of stray text between blocks, the rest of that run is skipped quietly.
    let reportedGarbage = false;
    while (this.kinds[this.peek()] !== EOF) {
      const t = this.peek();
      if (this.skipTrivia()) continue;
      const kind = this.kinds[t] === IDENT ? blockKeyword(this.text, this.starts[t], this.ends[t]) : undefined;
      if (kind !== undefined) {
        this.parseBlock(kind);
        reportedGarbage = false;
        continue;
      }
      if (!reportedGarbage) {
        this.report(
          t,
          this.lastOnLine(),
          `Unexpected ${this.describe(t)}: expected a block (model, view, enum, type, datasource or generator).`,
        );
        reportedGarbage = true;
      }
      this.docs.length = 0;
      this.skipLine();
    }
  }

  // --- blocks -----------------------------------------------------------------------------------

  private parseBlock(kind: BlockKind): void {
    const keyword = this.next();
    const documentation = this.takeDocs();
    let nameTok = -1;
    if (this.kinds[this.peek()] === IDENT) {
      nameTok = this.next();
    } else {
      this.report(keyword, keyword, `A ${kind} needs a name: \`${kind} Name {\`.`);
    }
    if (this.kinds[this.peek()] === LBRACE) {
      this.next();
      // Comments after the brace on the header line document nothing (Prisma skips the rest of that line).
      while (isComment(this.kinds[this.peek()])) this.next();
    } else {
      const at = nameTok >= 0 ? nameTok : keyword;
      this.report(at, at, `Expected "{" after ${kind}${nameTok >= 0 ? ` ${this.textOf(nameTok)}` : ''}.`);
      const k = this.kinds[this.peek()];
      if (k !== NEWLINE && k !== EOF) this.skipLine();
    }
    const header = nameTok >= 0 ? nameTok : keyword;
    let nameEntry: NameEntry | undefined;
    if (nameTok >= 0) {
      const start = this.starts[nameTok];
      const end = this.ends[nameTok];
      nameEntry = this.index.entry(this.text.slice(start, end));
      if (internScalar(this.text, start, end) !== undefined) this.index.scalarNamedBlock = true;
    }
    const block: Block = {
      kind,
      name: nameEntry?.name ?? '',
      location: {
        file: this.file.path,
        range: this.rangeOf(keyword, header),
        nameRange: this.rangeOf(header, header),
      },
      fields: [],
      values: [],
      properties: [],
      attributes: [],
    };
    if (documentation !== undefined) block.documentation = documentation;
    const end = this.parseBody(block, header);
    block.location.range = this.rangeOf(keyword, end);
    let mapAttribute: Attribute | undefined;
    let schemaAttribute: Attribute | undefined;
    let keys = false;
    for (const a of block.attributes) {
      if (a.name === 'map') mapAttribute ??= a;
      else if (a.name === 'schema') schemaAttribute ??= a;
      else if (a.name === 'id' || a.name === 'unique') keys = true;
    }
    const mapName = attributeString(mapAttribute, 'name');
    const schemaName = attributeString(schemaAttribute, 'name');
    if (mapName !== undefined) block.mapName = mapName;
    if (schemaName !== undefined) block.schemaName = schemaName;
    if (keys) markSingleFieldKeys(block);
    if (nameEntry !== undefined) {
      this.blocks.push(block);
      nameEntry.block ??= block;
      const index = this.index;
      for (let f = 0; f < this.typedFields.length; f++) {
        index.fields.push(this.typedFields[f]);
        index.blocks.push(block);
        index.types.push(this.typedEntries[f]);
        index.owners.push(nameEntry);
      }
    }
    this.typedFields.length = 0;
    this.typedEntries.length = 0;
  }

  /** Reads up to and including the closing brace; returns the last token of the block. */
  private parseBody(block: Block, header: Tok): Tok {
    this.docs.length = 0;
    this.inBlock = true;
    const kinds = this.kinds;
    for (;;) {
      const t = this.peek();
      const kind = kinds[t];
      if (kind === EOF || this.isBlockHeader(0)) {
        this.report(header, header, `Missing "}" to close ${block.kind} ${block.name || ''}`.trimEnd() + '.');
        this.inBlock = false;
        return this.lastSolid;
      }
      if (this.skipTrivia()) continue;
      if (kind === RBRACE) {
        this.docs.length = 0;
        this.inBlock = false;
        return this.next();
      }
      if (kind === AT && this.isAdjacentPunct(1, AT)) {
        this.docs.length = 0;
        const attribute = this.parseAttribute(true);
        if (block.kind === 'datasource' || block.kind === 'generator') {
          this.report(t, this.lastSolid, `Block attributes are not allowed in a ${block.kind}.`);
        }
        block.attributes.push(attribute);
        this.expectLineEnd();
        continue;
      }
      if (kind !== IDENT) {
        this.report(t, this.lastOnLine(), `Unexpected ${this.describe(t)} in ${block.kind} ${block.name}.`);
        this.docs.length = 0;
        this.skipLine();
        continue;
      }
      switch (block.kind) {
        case 'model':
        case 'view':
        case 'type':
          block.fields.push(this.parseField(block));
          break;
        case 'enum':
          block.values.push(this.parseEnumValue());
          break;
        default:
          block.properties.push(this.parseProperty());
      }
    }
  }

  // --- members ----------------------------------------------------------------------------------

  private parseField(block: Block): Field {
    const kinds = this.kinds;
    const nameTok = this.next();
    const documentation = this.takeDocs();
    let type = '';
    let optional = false;
    let list = false;
    /** Set when `type` may be the name of a block (neither a built-in scalar nor `Unsupported(...)`). */
    let typeEntry: NameEntry | undefined;
    const typeTok = this.peek();
    if (kinds[typeTok] === IDENT) {
      this.next();
      if (kinds[this.peek()] === LPAREN) {
        // Unsupported("circle"): keep the whole call as the type name, as written.
        type = this.text.slice(this.starts[typeTok], this.ends[this.skipGroup()]);
      } else {
        const scalar = internScalar(this.text, this.starts[typeTok], this.ends[typeTok]);
        if (scalar !== undefined) type = scalar;
        else {
          typeEntry = this.index.entry(this.textOf(typeTok));
          type = typeEntry.name;
        }
      }
      for (;;) {
        const m = kinds[this.peek()];
        if (m === QUESTION) {
          this.next();
          optional = true;
        } else if (m === LBRACKET && this.isAdjacentPunct(1, RBRACKET)) {
          this.next();
          this.next();
          list = true;
        } else if (m === BANG) {
          this.next(); // Prisma 1 `Type!`: ignored.
        } else break;
      }
      if (optional && list) {
        this.report(
          typeTok,
          this.lastSolid,
          `Optional lists are not supported: write ${type}[] without "?".`,
          'warning',
        );
      }
    } else {
      this.report(nameTok, nameTok, `Field "${this.textOf(nameTok)}" in ${block.kind} ${block.name} has no type.`);
    }
    const attributes = this.parseFieldAttributes();
    const last = this.lastSolid;
    const trailingDoc = this.expectLineEnd();
    const field: Field = {
      name: sliceName(this.text, this.starts[nameTok], this.ends[nameTok]),
      type,
      optional,
      list,
      isRelation: false,
      isEnum: false,
      isComposite: false,
      attributes,
      sourceLine: this.lineText(nameTok),
      location: { file: this.file.path, range: this.rangeOf(nameTok, last), nameRange: this.rangeOf(nameTok, nameTok) },
      isId: false,
      isUnique: false,
      isUpdatedAt: false,
    };
    const doc = joinDocs(documentation, trailingDoc);
    if (doc !== undefined) field.documentation = doc;
    if (typeEntry !== undefined) {
      this.typedFields.push(field);
      this.typedEntries.push(typeEntry);
    }
    for (const a of attributes) {
      const name = a.name;
      if (name === 'id') field.isId = true;
      else if (name === 'unique') field.isUnique = true;
      else if (name === 'updatedAt') field.isUpdatedAt = true;
      else if (name === 'default' && a.args !== undefined) field.defaultValue = a.args;
      else if (name === 'map') {
        const mapName = attributeString(a, 'name');
        if (mapName !== undefined) field.mapName = mapName;
      } else if (name.startsWith('db.')) {
        field.nativeType = name.slice(3) + (a.args !== undefined ? `(${a.args})` : '');
      }
    }
    return field;
  }

  private parseEnumValue(): EnumValue {
    const nameTok = this.next();
    const documentation = this.takeDocs();
    const attributes = this.parseFieldAttributes();
    const last = this.lastSolid;
    const trailingDoc = this.expectLineEnd();
    const value: EnumValue = {
      name: this.textOf(nameTok),
      attributes,
      sourceLine: this.lineText(nameTok),
      location: { file: this.file.path, range: this.rangeOf(nameTok, last), nameRange: this.rangeOf(nameTok, nameTok) },
    };
    const doc = joinDocs(documentation, trailingDoc);
    if (doc !== undefined) value.documentation = doc;
    let mapAttribute: Attribute | undefined;
    for (const a of attributes) {
      if (a.name === 'map') {
        mapAttribute = a;
        break;
      }
    }
    const mapName = attributeString(mapAttribute, 'name');
    if (mapName !== undefined) value.mapName = mapName;
    return value;
  }

  private parseProperty(): Property {
    const keyTok = this.next();
    this.docs.length = 0;
    let value = '';
    if (this.kinds[this.peek()] === EQUALS) {
      this.next();
      const first = this.peek();
      const k = this.kinds[first];
      if (k === NEWLINE || k === EOF || isComment(k)) {
        this.report(keyTok, this.lastSolid, `Property "${this.textOf(keyTok)}" has no value.`);
      } else {
        const last = this.skipValue();
        value = this.text.slice(this.starts[first], this.ends[last]);
      }
    } else {
      this.report(keyTok, keyTok, `Expected "=" after "${this.textOf(keyTok)}".`);
    }
    const last = this.lastSolid;
    this.expectLineEnd();
    return {
      key: this.textOf(keyTok),
      value,
      location: { file: this.file.path, range: this.rangeOf(keyTok, last), nameRange: this.rangeOf(keyTok, keyTok) },
    };
  }

  private parseFieldAttributes(): Attribute[] {
    // Collected in a reused array, returned as an exact-size copy: the document keeps no spare capacity.
    const attributes = this.attributeScratch;
    while (this.kinds[this.peek()] === AT) {
      if (this.isAdjacentPunct(1, AT)) {
        const t = this.peek();
        this.report(t, t, 'Block attributes (@@) go on their own line.');
      }
      attributes.push(this.parseAttribute(this.isAdjacentPunct(1, AT)));
    }
    const result = attributes.slice();
    attributes.length = 0;
    return result;
  }

  /** `@name`, `@@name`, `@db.Type`, each with an optional `( ... )` argument list. */
  private parseAttribute(isBlock: boolean): Attribute {
    const kinds = this.kinds;
    const at = this.next();
    if (isBlock) this.next();
    let name = '';
    const nameStart = this.peek();
    if (kinds[nameStart] === IDENT && this.starts[nameStart] === this.ends[this.lastSolid]) {
      this.next();
      let nameEnd = this.ends[nameStart];
      /** The name so far once a space was written after a dot (`@db. Text`); until then it is one slice. */
      let spaced: string | undefined;
      // `db.VarChar`: a dot written right after the name, then a name.
      for (;;) {
        const dot = this.peek();
        if (kinds[dot] !== DOT || this.starts[dot] !== this.ends[this.lastSolid] || kinds[this.peekAt(1)] !== IDENT)
          break;
        this.next();
        const part = this.next();
        if (spaced === undefined && this.starts[part] === this.ends[dot]) nameEnd = this.ends[part];
        else spaced = `${spaced ?? this.text.slice(this.starts[nameStart], nameEnd)}.${this.textOf(part)}`;
      }
      name = spaced ?? sliceName(this.text, this.starts[nameStart], nameEnd);
    } else {
      this.report(at, this.lastSolid, 'Expected an attribute name after "@".');
    }
    if (name && this.kinds[this.peek()] === LPAREN) {
      const from = this.ends[this.peek()];
      const last = this.skipGroup();
      const args = trimmedSlice(
        this.text,
        from,
        this.groupClosed ? this.starts[last] : Math.max(from, this.ends[last]),
      );
      return { name, range: this.rangeOf(at, last), args };
    }
    const attribute: Attribute = { name, range: this.rangeOf(at, this.lastSolid) };
    return attribute;
  }

  // --- token helpers ----------------------------------------------------------------------------

  private peek(): Tok {
    const t = this.pos;
    if (t > this.seen) this.see(t);
    return t;
  }

  private peekAt(offset: number): Tok {
    let t = this.pos + offset;
    if (t > this.eof) t = this.eof;
    if (t > this.seen) this.see(t);
    return t;
  }

  /** First look at tokens up to `t`: report the unterminated strings among them. */
  private see(t: Tok): void {
    const unterminated = this.toks.unterminated;
    while (this.nextUnterminated < unterminated.length && unterminated[this.nextUnterminated] <= t) {
      const s = unterminated[this.nextUnterminated++];
      if (this.kinds[s] === BLOCK_COMMENT) this.report(s, s, 'Unterminated comment: add the closing */.');
      else this.report(s, s, 'Unterminated string: add the closing quote (").');
    }
    this.seen = t;
  }

  private next(): Tok {
    const t = this.peek();
    const kind = this.kinds[t];
    if (kind !== EOF) this.pos = t + 1;
    if (kind !== NEWLINE && kind !== EOF && !isComment(kind)) this.lastSolid = t;
    return t;
  }

  /** The token `offset` ahead is `kind` and directly touches the one before it (`@@`, `[]`). */
  private isAdjacentPunct(offset: number, kind: number): boolean {
    const t = this.peekAt(offset);
    return this.kinds[t] === kind && this.starts[t] === this.ends[this.peekAt(offset - 1)];
  }

  private textOf(t: Tok): string {
    return this.text.slice(this.starts[t], this.ends[t]);
  }

  private describe(t: Tok): string {
    const kind = this.kinds[t];
    if (kind === EOF) return 'end of file';
    if (kind === NEWLINE) return 'end of line';
    return `"${this.textOf(t)}"`;
  }

  private rangeOf(from: Tok, to: Tok): Range {
    return {
      start: { line: this.lines[from], character: this.chars[from] },
      end: { line: this.lines[to], character: this.chars[to] + (this.ends[to] - this.starts[to]) },
    };
  }

  /**
   * Newlines and comments between members: collects `///` and `/* *\/` text as documentation, as Prisma
   * does. A blank line between blocks drops it; inside a block it ends the group, and the next comment
   * (of any kind) starts a new one.
   */
  private skipTrivia(): boolean {
    const t = this.peek();
    const kind = this.kinds[t];
    if (kind === NEWLINE) {
      // The token before: a newline, or none at the start of the file, means a blank line.
      if (t === 0 || this.kinds[t - 1] === NEWLINE) {
        if (this.inBlock) this.docsEnded = true;
        else this.docs.length = 0;
      }
      this.next();
      return true;
    }
    if (!isComment(kind)) return false;
    if (this.docsEnded) {
      this.docs.length = 0;
      this.docsEnded = false;
    }
    const doc = this.docText(t);
    if (doc !== undefined) this.docs.push(doc);
    this.next();
    return true;
  }

  /** The documentation a comment token carries: `///` text, or a closed `/* *\/`'s content; else none. */
  private docText(t: Tok): string | undefined {
    const kind = this.kinds[t];
    if (kind === DOC_COMMENT) return trimmedSlice(this.text, this.starts[t] + 3, this.ends[t]);
    if (kind === BLOCK_COMMENT && this.text.startsWith('*/', this.ends[t] - 2) && this.ends[t] - this.starts[t] >= 4) {
      return trimmedSlice(this.text, this.starts[t] + 2, this.ends[t] - 2);
    }
    return undefined;
  }

  private takeDocs(): string | undefined {
    const docs = this.docs;
    this.docsEnded = false;
    if (docs.length === 0) return undefined;
    const text = docs.length === 1 ? docs[0] : docs.join('\n');
    docs.length = 0;
    return text;
  }

  /** At `model X {` (keyword, name, brace on one line): a new block starts, so an open one ends. */
  private isBlockHeader(at: number): boolean {
    const t = this.peekAt(at);
    if (this.kinds[t] !== IDENT || blockKeyword(this.text, this.starts[t], this.ends[t]) === undefined) return false;
    // The token before: consumed ones are all still in the list.
    const prev = at === 0 ? this.pos - 1 : this.peekAt(at - 1);
    if (prev >= 0 && this.kinds[prev] !== NEWLINE) return false;
    return this.kinds[this.peekAt(at + 1)] === IDENT && this.kinds[this.peekAt(at + 2)] === LBRACE;
  }

  /**
   * Consumes a bracketed group starting at the current opener and returns its closing token. Newlines
   * are allowed inside `[...]` and `{...}` (multi-line lists), not directly inside `(...)`, so a
   * half-typed `@default(` does not swallow the rest of the file. Unclosed: reports, sets
   * `groupClosed` to false, and returns the last token read.
   */
  private skipGroup(): Tok {
    const kinds = this.kinds;
    const open = this.next();
    const stack = this.closers;
    const base = stack.length;
    stack.push(closerOf(kinds[open]));
    for (;;) {
      const t = this.peek();
      const kind = kinds[t];
      const expected = stack[stack.length - 1];
      if (
        kind === EOF ||
        (kind === NEWLINE && (expected === RPAREN || this.isBlockHeader(1))) ||
        (kind === RBRACE && expected !== RBRACE)
      ) {
        this.report(
          open,
          this.lastSolid,
          `Missing "${String.fromCharCode(expected)}" to close "${this.textOf(open)}".`,
        );
        stack.length = base;
        this.groupClosed = false;
        return this.lastSolid;
      }
      this.next();
      if (kind >= PUNCT_MIN) {
        const closer = closerOf(kind);
        if (closer !== 0) stack.push(closer);
        else if (kind === expected) {
          stack.pop();
          if (stack.length === base) {
            this.groupClosed = true;
            return t;
          }
        }
      }
    }
  }

  /** A property value: up to the end of the line, with brackets allowed to span lines. */
  private skipValue(): Tok {
    let last = this.peek();
    for (;;) {
      const t = this.peek();
      const kind = this.kinds[t];
      if (kind === EOF || kind === NEWLINE || kind === RBRACE || isComment(kind)) return last;
      last = closerOf(kind) !== 0 ? this.skipGroup() : this.next();
    }
  }

  /** After a member: allows comments; anything else up to the end of the line is reported. Returns a trailing `///` or `/* *\/` text. */
  private expectLineEnd(): string | undefined {
    let trailingDoc: string | undefined;
    for (;;) {
      const t = this.peek();
      const kind = this.kinds[t];
      if (kind === NEWLINE || kind === EOF || kind === RBRACE) return trailingDoc;
      if (isComment(kind)) {
        trailingDoc = this.docText(t) ?? trailingDoc;
        this.next();
        continue;
      }
      this.report(t, this.lastOnLine(), `Unexpected ${this.describe(t)}.`);
      this.skipLine();
      return trailingDoc;
    }
  }

  /** The last token of the current line that is not a comment (for diagnostic ranges). */
  private lastOnLine(): Tok {
    let last = this.peek();
    for (let i = 0; ; i++) {
      const t = this.peekAt(i);
      const kind = this.kinds[t];
      if (kind === NEWLINE || kind === EOF || isComment(kind)) break;
      last = t;
    }
    return last;
  }

  /** The whole source line of a token, trimmed. */
  private lineText(t: Tok): string {
    const content = this.text;
    let end: number;
    if (this.hasCarriageReturn) {
      end = this.ends[t];
      while (end < content.length) {
        const c = content.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
    } else {
      end = content.indexOf('\n', this.ends[t]);
      if (end < 0) end = content.length;
    }
    return trimmedSlice(content, this.starts[t] - this.chars[t], end);
  }

  private skipLine(): void {
    for (;;) {
      const kind = this.kinds[this.peek()];
      if (kind === NEWLINE || kind === EOF) return;
      this.next();
    }
  }

  private report(from: Tok, to: Tok, message: string, severity: 'error' | 'warning' = 'error'): void {
    const end = this.starts[to] >= this.starts[from] ? to : from;
    this.diagnostics.push({
      file: this.file.path,
      range: this.rangeOf(from, end),
      message,
      severity,
      source: 'parser',
    });
  }
}

function isComment(kind: number): boolean {
  return kind === COMMENT || kind === DOC_COMMENT || kind === BLOCK_COMMENT;
}

/** `@@id([a])` / `@@unique([a])` make `a` the id / unique just like `@id` / `@unique` (as in Prisma's DMMF). */
function markSingleFieldKeys(block: Block): void {
  for (const attribute of block.attributes) {
    if (attribute.name !== 'id' && attribute.name !== 'unique') continue;
    const fields = fieldList(argValue(splitArgs(attribute.args), 'fields', true)) ?? [];
    if (fields.length !== 1) continue;
    const field = block.fields.find((f) => f.name === fields[0]);
    if (field && attribute.name === 'id') field.isId = true;
    if (field && attribute.name === 'unique') field.isUnique = true;
  }
}

function joinDocs(above: string | undefined, trailing: string | undefined): string | undefined {
  if (above === undefined) return trailing;
  return trailing === undefined ? above : `${above}\n${trailing}`;
}
