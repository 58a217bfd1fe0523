// The recursive reader for one `.prisma` file. Tolerant by design: whatever it cannot read becomes a
// ParseDiagnostic at that spot and reading resumes at the next line, block or closing brace; a block
// left open ends where the next block starts or at the end of the file. Never throws.

import { argValue, attributeString, fieldList, splitArgs } from './attributeArgs';
import { Lexer, type Token } from './lexer';
import type {
  Attribute,
  Block,
  BlockKind,
  EnumValue,
  Field,
  ParseDiagnostic,
  Position,
  Property,
  Range,
  SchemaFile,
} from './model';

const BLOCK_KINDS: ReadonlySet<string> = new Set<BlockKind>(['model', 'view', 'enum', 'type', 'datasource', 'generator']);
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

function startOf(t: Token): Position {
  return { line: t.line, character: t.character };
}

function endOf(t: Token): Position {
  return { line: t.line, character: t.character + (t.end - t.start) };
}

function rangeOf(from: Token, to: Token = from): Range {
  return { start: startOf(from), end: endOf(to) };
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'newline') return 'end of line';
  return `"${t.text}"`;
}

export class FileParser {
  private readonly lexer: Lexer;
  /** Tokens read ahead, not consumed yet; `lookahead[0]` is the current one. */
  private lookahead: Token[] = [];
  /** The last token consumed (newlines and comments included). */
  private previous: Token | undefined;
  /** Last token consumed that is not a newline or comment: where an unclosed construct ends. */
  private lastSolid: Token;
  /** `///` lines waiting for the next block, field or enum value. */
  private docs: string[] = [];

  constructor(
    private readonly file: SchemaFile,
    private readonly blocks: Block[],
    private readonly diagnostics: ParseDiagnostic[],
  ) {
    this.lexer = new Lexer(file.content);
    this.lastSolid = this.peek();
  }

  parse(): void {
    // After one report of stray text between blocks, the rest of that run is skipped quietly.
    let reportedGarbage = false;
    while (this.peek().kind !== 'eof') {
      const t = this.peek();
      if (this.skipTrivia()) continue;
      if (t.kind === 'ident' && BLOCK_KINDS.has(t.text)) {
        this.parseBlock(t.text as BlockKind);
        reportedGarbage = false;
        continue;
      }
      if (!reportedGarbage) {
        this.report(t, this.lastOnLine(), `Unexpected ${describe(t)}: expected a block (model, view, enum, type, datasource or generator).`);
        reportedGarbage = true;
      }
      this.docs = [];
      this.skipLine();
    }
  }

  // --- blocks -----------------------------------------------------------------------------------

  private parseBlock(kind: BlockKind): void {
    const keyword = this.next();
    const documentation = this.takeDocs();
    let nameTok: Token | undefined;
    if (this.peek().kind === 'ident') {
      nameTok = this.next();
    } else {
      this.report(keyword, keyword, `A ${kind} needs a name: \`${kind} Name {\`.`);
    }
    if (this.isPunct(this.peek(), '{')) {
      this.next();
    } else {
      const at = nameTok ?? keyword;
      this.report(at, at, `Expected "{" after ${kind}${nameTok ? ` ${nameTok.text}` : ''}.`);
      if (this.peek().kind !== 'newline' && this.peek().kind !== 'eof') this.skipLine();
    }
    const block: Block = {
      kind,
      name: nameTok?.text ?? '',
      location: {
        file: this.file.path,
        range: rangeOf(keyword, nameTok ?? keyword),
        nameRange: rangeOf(nameTok ?? keyword),
      },
      fields: [],
      values: [],
      properties: [],
      attributes: [],
    };
    if (documentation !== undefined) block.documentation = documentation;
    const end = this.parseBody(block, nameTok ?? keyword);
    block.location.range = rangeOf(keyword, end);
    block.mapName = attributeString(block.attributes.find((a) => a.name === 'map'), 'name');
    block.schemaName = attributeString(block.attributes.find((a) => a.name === 'schema'), 'name');
    if (block.mapName === undefined) delete block.mapName;
    if (block.schemaName === undefined) delete block.schemaName;
    markSingleFieldKeys(block);
    if (nameTok) this.blocks.push(block);
  }

  /** Reads up to and including the closing brace; returns the last token of the block. */
  private parseBody(block: Block, header: Token): Token {
    this.docs = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || this.isBlockHeader()) {
        this.report(header, header, `Missing "}" to close ${block.kind} ${block.name || ''}`.trimEnd() + '.');
        return this.lastSolid;
      }
      if (this.skipTrivia()) continue;
      if (this.isPunct(t, '}')) {
        this.docs = [];
        return this.next();
      }
      if (this.isPunct(t, '@') && this.isAdjacentPunct(1, '@')) {
        this.docs = [];
        const attribute = this.parseAttribute(true);
        if (block.kind === 'datasource' || block.kind === 'generator') {
          this.report(t, this.lastSolid, `Block attributes are not allowed in a ${block.kind}.`);
        }
        block.attributes.push(attribute);
        this.expectLineEnd();
        continue;
      }
      if (t.kind !== 'ident') {
        this.report(t, this.lastOnLine(), `Unexpected ${describe(t)} in ${block.kind} ${block.name}.`);
        this.docs = [];
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
    const nameTok = this.next();
    const documentation = this.takeDocs();
    let type = '';
    let optional = false;
    let list = false;
    const typeTok = this.peek();
    if (typeTok.kind === 'ident') {
      this.next();
      type = typeTok.text;
      if (this.isPunct(this.peek(), '(')) {
        // Unsupported("circle"): keep the whole call as the type name, as written.
        type = this.file.content.slice(typeTok.start, this.skipGroup().last.end);
      }
      for (;;) {
        const m = this.peek();
        if (this.isPunct(m, '?')) {
          this.next();
          optional = true;
        } else if (this.isPunct(m, '[') && this.isAdjacentPunct(1, ']')) {
          this.next();
          this.next();
          list = true;
        } else if (this.isPunct(m, '!')) {
          this.next(); // Prisma 1 `Type!`: ignored.
        } else break;
      }
      if (optional && list) {
        this.report(typeTok, this.lastSolid, `Optional lists are not supported: write ${type}[] without "?".`, 'warning');
      }
    } else {
      this.report(nameTok, nameTok, `Field "${nameTok.text}" in ${block.kind} ${block.name} has no type.`);
    }
    const attributes = this.parseFieldAttributes();
    const last = this.lastSolid;
    const trailingDoc = this.expectLineEnd();
    const field: Field = {
      name: nameTok.text,
      type,
      optional,
      list,
      isRelation: false,
      isEnum: false,
      isComposite: false,
      attributes,
      sourceLine: this.lineText(nameTok),
      location: { file: this.file.path, range: rangeOf(nameTok, last), nameRange: rangeOf(nameTok) },
      isId: false,
      isUnique: false,
      isUpdatedAt: false,
    };
    const doc = joinDocs(documentation, trailingDoc);
    if (doc !== undefined) field.documentation = doc;
    for (const a of attributes) {
      if (a.name === 'id') field.isId = true;
      else if (a.name === 'unique') field.isUnique = true;
      else if (a.name === 'updatedAt') field.isUpdatedAt = true;
      else if (a.name === 'default' && a.args !== undefined) field.defaultValue = a.args;
      else if (a.name === 'map') {
        const mapName = attributeString(a, 'name');
        if (mapName !== undefined) field.mapName = mapName;
      } else if (a.name.startsWith('db.')) {
        field.nativeType = a.name.slice(3) + (a.args !== undefined ? `(${a.args})` : '');
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
      name: nameTok.text,
      attributes,
      sourceLine: this.lineText(nameTok),
      location: { file: this.file.path, range: rangeOf(nameTok, last), nameRange: rangeOf(nameTok) },
    };
    const doc = joinDocs(documentation, trailingDoc);
    if (doc !== undefined) value.documentation = doc;
    const mapName = attributeString(attributes.find((a) => a.name === 'map'), 'name');
    if (mapName !== undefined) value.mapName = mapName;
    return value;
  }

  private parseProperty(): Property {
    const keyTok = this.next();
    this.docs = [];
    let value = '';
    if (this.isPunct(this.peek(), '=')) {
      this.next();
      const first = this.peek();
      if (first.kind === 'newline' || first.kind === 'eof' || first.kind === 'comment' || first.kind === 'docComment') {
        this.report(keyTok, this.lastSolid, `Property "${keyTok.text}" has no value.`);
      } else {
        const last = this.skipValue();
        value = this.file.content.slice(first.start, last.end);
      }
    } else {
      this.report(keyTok, keyTok, `Expected "=" after "${keyTok.text}".`);
    }
    const last = this.lastSolid;
    this.expectLineEnd();
    return { key: keyTok.text, value, location: { file: this.file.path, range: rangeOf(keyTok, last), nameRange: rangeOf(keyTok) } };
  }

  private parseFieldAttributes(): Attribute[] {
    const attributes: Attribute[] = [];
    while (this.isPunct(this.peek(), '@')) {
      if (this.isAdjacentPunct(1, '@')) {
        const t = this.peek();
        this.report(t, t, 'Block attributes (@@) go on their own line.');
      }
      attributes.push(this.parseAttribute(this.isAdjacentPunct(1, '@')));
    }
    return attributes;
  }

  /** `@name`, `@@name`, `@db.Type`, each with an optional `( ... )` argument list. */
  private parseAttribute(isBlock: boolean): Attribute {
    const at = this.next();
    if (isBlock) this.next();
    let name = '';
    const nameStart = this.peek();
    if (nameStart.kind === 'ident' && nameStart.start === this.lastSolid.end) {
      name = this.next().text;
      while (this.isPunct(this.peek(), '.') && this.peek().start === this.lastSolid.end && this.peekAt(1).kind === 'ident') {
        this.next();
        name += '.' + this.next().text;
      }
    } else {
      this.report(at, this.lastSolid, 'Expected an attribute name after "@".');
    }
    const attribute: Attribute = { name, range: rangeOf(at, this.lastSolid) };
    if (name && this.isPunct(this.peek(), '(')) {
      const open = this.peek();
      const { last, closed } = this.skipGroup();
      attribute.args = closed ? this.file.content.slice(open.end, last.start).trim() : this.file.content.slice(open.end, Math.max(open.end, last.end)).trim();
      attribute.range = rangeOf(at, last);
    }
    return attribute;
  }

  // --- token helpers ----------------------------------------------------------------------------

  private peek(): Token {
    return this.peekAt(0);
  }

  private peekAt(offset: number): Token {
    const ahead = this.lookahead;
    while (ahead.length <= offset) {
      const last = ahead[ahead.length - 1];
      if (last?.kind === 'eof') return last;
      const t = this.lexer.next();
      if (t.unterminated) this.report(t, t, 'Unterminated string: add the closing quote (").');
      ahead.push(t);
    }
    return ahead[offset];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') {
      this.lookahead.shift();
      this.previous = t;
    }
    if (t.kind !== 'newline' && t.kind !== 'comment' && t.kind !== 'docComment' && t.kind !== 'eof') this.lastSolid = t;
    return t;
  }

  private isPunct(t: Token, text: string): boolean {
    return t.kind === 'punct' && t.text === text;
  }

  /** The token `offset` ahead is `text` and directly touches the one before it (`@@`, `[]`). */
  private isAdjacentPunct(offset: number, text: string): boolean {
    const t = this.peekAt(offset);
    return this.isPunct(t, text) && t.start === this.peekAt(offset - 1).end;
  }

  /** The token `offset` ahead of the current one, or before it for negative offsets (only -1 is kept). */
  private tokenAt(offset: number): Token | undefined {
    return offset < 0 ? this.previous : this.peekAt(offset);
  }

  /** Newlines and comments between members: collects `///`, a blank line drops them. */
  private skipTrivia(): boolean {
    const t = this.peek();
    if (t.kind === 'newline') {
      const prev = this.previous;
      if (!prev || prev.kind === 'newline') this.docs = [];
      this.next();
      return true;
    }
    if (t.kind === 'docComment') {
      this.docs.push(t.text.slice(3).trim());
      this.next();
      return true;
    }
    if (t.kind === 'comment') {
      this.next();
      return true;
    }
    return false;
  }

  private takeDocs(): string | undefined {
    const docs = this.docs;
    this.docs = [];
    return docs.length > 0 ? docs.join('\n') : undefined;
  }

  /** At `model X {` (keyword, name, brace on one line): a new block starts, so an open one ends. */
  private isBlockHeader(at = 0): boolean {
    const t = this.peekAt(at);
    if (t.kind !== 'ident' || !BLOCK_KINDS.has(t.text)) return false;
    const prev = this.tokenAt(at - 1);
    if (prev && prev.kind !== 'newline') return false;
    return this.peekAt(at + 1).kind === 'ident' && this.isPunct(this.peekAt(at + 2), '{');
  }

  /**
   * Consumes a bracketed group starting at the current opener and returns its closing token. Newlines
   * are allowed inside `[...]` and `{...}` (multi-line lists), not directly inside `(...)`, so a
   * half-typed `@default(` does not swallow the rest of the file. Unclosed: reports, and `last` is
   * the last token read.
   */
  private skipGroup(): { last: Token; closed: boolean } {
    const open = this.next();
    const stack: string[] = [OPENERS[open.text]];
    for (;;) {
      const t = this.peek();
      const expected = stack[stack.length - 1];
      if (t.kind === 'eof' || (t.kind === 'newline' && expected === ')') || (this.isPunct(t, '}') && expected !== '}')) {
        this.report(open, this.lastSolid, `Missing "${expected}" to close "${open.text}".`);
        return { last: this.lastSolid, closed: false };
      }
      if (t.kind === 'newline' && this.isBlockHeaderAfterNewline()) {
        this.report(open, this.lastSolid, `Missing "${expected}" to close "${open.text}".`);
        return { last: this.lastSolid, closed: false };
      }
      this.next();
      if (t.kind === 'punct') {
        if (OPENERS[t.text]) stack.push(OPENERS[t.text]);
        else if (t.text === expected) {
          stack.pop();
          if (stack.length === 0) return { last: t, closed: true };
        }
      }
    }
  }

  private isBlockHeaderAfterNewline(): boolean {
    return this.isBlockHeader(1);
  }

  /** A property value: up to the end of the line, with brackets allowed to span lines. */
  private skipValue(): Token {
    let last = this.peek();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === 'newline' || t.kind === 'comment' || t.kind === 'docComment') return last;
      if (this.isPunct(t, '}')) return last;
      last = t.kind === 'punct' && OPENERS[t.text] ? this.skipGroup().last : this.next();
    }
  }

  /** After a member: allows comments; anything else up to the end of the line is reported. Returns a trailing `///` text. */
  private expectLineEnd(): string | undefined {
    let trailingDoc: string | undefined;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'newline' || t.kind === 'eof' || this.isPunct(t, '}')) return trailingDoc;
      if (t.kind === 'comment' || t.kind === 'docComment') {
        if (t.kind === 'docComment') trailingDoc = t.text.slice(3).trim();
        this.next();
        continue;
      }
      this.report(t, this.lastOnLine(), `Unexpected ${describe(t)}.`);
      this.skipLine();
      return trailingDoc;
    }
  }

  /** The last token of the current line that is not a comment (for diagnostic ranges). */
  private lastOnLine(): Token {
    let last = this.peek();
    for (let i = 0; ; i++) {
      const t = this.peekAt(i);
      if (t.kind === 'newline' || t.kind === 'eof' || t.kind === 'comment' || t.kind === 'docComment') break;
      last = t;
    }
    return last;
  }

  /** The whole source line of a token, trimmed. */
  private lineText(t: Token): string {
    const content = this.file.content;
    let end = t.end;
    while (end < content.length && content.charCodeAt(end) !== 10 && content.charCodeAt(end) !== 13) end++;
    return content.slice(t.start - t.character, end).trim();
  }

  private skipLine(): void {
    while (this.peek().kind !== 'newline' && this.peek().kind !== 'eof') this.next();
  }

  private report(from: Token, to: Token, message: string, severity: 'error' | 'warning' = 'error'): void {
    const end = to.start >= from.start ? to : from;
    this.diagnostics.push({ file: this.file.path, range: rangeOf(from, end), message, severity, source: 'parser' });
  }
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
