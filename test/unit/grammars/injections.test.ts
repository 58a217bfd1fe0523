// The grammar injections in package.json, tokenized for real with vscode-textmate + oniguruma (the engine VS Code
// uses) over VS Code's own built-in TypeScript, JavaScript, SQL and Markdown grammars, which the tm-grammars
// package ships verbatim (each file's source is microsoft/vscode's extensions/*/syntaxes).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const builtin: Record<string, string> = {
  'source.ts': 'typescript',
  'source.tsx': 'tsx',
  'source.js': 'javascript',
  'source.js.jsx': 'jsx',
  'source.sql': 'sql',
  'text.html.markdown': 'markdown',
};

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
  embeddedLanguages?: Record<string, string>;
}
const contributed = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { grammars: GrammarContribution[] };
  }
).contributes.grammars;

function grammarFile(scopeName: string): string | undefined {
  const ours = contributed.find((g) => g.scopeName === scopeName);
  if (ours) return path.join(root, ours.path);
  const name = builtin[scopeName];
  return name ? require.resolve(`tm-grammars/grammars/${name}.json`) : undefined;
}

/** A registry as VS Code builds it: our grammars, the built-in ones, and injections from `injectTo`. */
function registry(withInjections: boolean): vsctm.Registry {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  const ready = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new vsctm.Registry({
    onigLib: ready.then(() => ({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    })),
    loadGrammar: async (scopeName) => {
      const file = grammarFile(scopeName);
      if (!file) return null; // languages embedded in Markdown that these tests do not need
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) =>
      withInjections ? contributed.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName) : [],
  });
}

interface Token {
  text: string;
  scopes: string[];
}
const registries = new Map<boolean, vsctm.Registry>();
async function tokenize(scopeName: string, source: string, withInjections = true): Promise<Token[]> {
  if (!registries.has(withInjections)) registries.set(withInjections, registry(withInjections));
  const grammar = await registries.get(withInjections)!.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  const out: Token[] = [];
  let stack = vsctm.INITIAL;
  for (const line of source.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    stack = r.ruleStack;
  }
  return out;
}

/** The scopes of the nth token whose text (trimmed) is `text`. */
function scopesOf(tokens: Token[], text: string, nth = 0): string[] {
  const found = tokens.filter((t) => t.text.trim() === text)[nth];
  assert.ok(found, `a token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return found.scopes;
}
const isSqlKeyword = (scopes: string[]) => scopes.some((s) => /^keyword\..*\.sql$/.test(s));
function assertSqlKeyword(tokens: Token[], word: string, nth = 0) {
  const scopes = scopesOf(tokens, word, nth);
  assert.ok(isSqlKeyword(scopes), `${word} is an SQL keyword: ${scopes.join(' ')}`);
  assert.ok(scopes.includes('meta.embedded.block.sql') || scopes.includes('meta.embedded.line.sql'), scopes.join(' '));
}
function assertTypeScript(tokens: Token[], word: string, scope: string, nth = 0) {
  const scopes = scopesOf(tokens, word, nth);
  assert.ok(
    scopes.some((s) => s.startsWith(scope)),
    `${word} keeps its TypeScript scope ${scope}: ${scopes.join(' ')}`,
  );
  assert.ok(!isSqlKeyword(scopes), `${word} is not SQL: ${scopes.join(' ')}`);
}

describe('grammar injections: SQL in TypeScript and JavaScript', () => {
  it('without the injections a $queryRaw template is a plain string (what users see without us)', async () => {
    const tokens = await tokenize('source.ts', 'const rows = await prisma.$queryRaw`SELECT id FROM users`;', false);
    assert.ok(!isSqlKeyword(scopesOf(tokens, 'SELECT id FROM users')));
  });

  it('highlights SQL in $queryRaw`…` and keeps ${…} TypeScript', async () => {
    const tokens = await tokenize(
      'source.ts',
      'const rows = await prisma.$queryRaw`SELECT id FROM "User" WHERE email = ${user.email} LIMIT 1`;\nconst after = 1;',
    );
    assertSqlKeyword(tokens, 'SELECT');
    assertSqlKeyword(tokens, 'FROM');
    assertSqlKeyword(tokens, 'WHERE');
    assertTypeScript(tokens, 'user', 'variable.other.object.ts');
    assertTypeScript(tokens, 'email', 'variable.other.property.ts', 1);
    assert.ok(scopesOf(tokens, '${').some((s) => s.startsWith('punctuation.definition.template-expression.begin')));
    // the statement after the template is TypeScript again
    assertTypeScript(tokens, 'const', 'storage.type.ts', 1);
  });

  it('highlights sql`…`, Prisma.sql`…` and $executeRaw<T>`…` over several lines', async () => {
    const tokens = await tokenize(
      'source.ts',
      [
        'const where = Prisma.sql`WHERE id IN (${Prisma.join(ids)})`;',
        'const q = sql`',
        '  SELECT name',
        '  FROM users ${where}',
        '`;',
        'await tx.$executeRaw<number>`DELETE FROM sessions WHERE expires < ${now}`;',
        'let x = 2;',
      ].join('\n'),
    );
    assertSqlKeyword(tokens, 'WHERE');
    assertTypeScript(tokens, 'join', 'entity.name.function.ts');
    assertSqlKeyword(tokens, 'SELECT');
    assertSqlKeyword(tokens, 'FROM');
    assertTypeScript(tokens, 'where', 'variable.other.readwrite.ts', 1);
    assertSqlKeyword(tokens, 'DELETE');
    assertTypeScript(tokens, 'now', 'variable.other.readwrite.ts');
    assertTypeScript(tokens, 'let', 'storage.type.ts');
    // the tag expression keeps TypeScript's scopes
    assertTypeScript(tokens, 'tx', 'variable.other.object.ts');
    assertTypeScript(tokens, 'number', 'support.type.primitive.ts');
    assert.ok(scopesOf(tokens, '$executeRaw').includes('entity.name.function.tagged-template.ts'));
  });

  it('highlights a sql`…` nested in a ${…} of another template', async () => {
    const tokens = await tokenize('source.ts', 'const m = `note ${sql`SELECT 1`} end`;\nconst n = 3;');
    assertSqlKeyword(tokens, 'SELECT');
    assert.ok(scopesOf(tokens, 'end').some((s) => s.startsWith('string.template.ts')));
    assertTypeScript(tokens, 'const', 'storage.type.ts', 1);
  });

  it('highlights the first string of $queryRawUnsafe(…) / $executeRawUnsafe(…); later arguments stay TypeScript', async () => {
    const tokens = await tokenize(
      'source.ts',
      [
        "await prisma.$queryRawUnsafe('SELECT * FROM users WHERE id = $1', userId);",
        'await prisma.$executeRawUnsafe(`UPDATE users SET name = $1`, name);',
      ].join('\n'),
    );
    assertSqlKeyword(tokens, 'SELECT');
    assertTypeScript(tokens, 'userId', 'variable.other.readwrite.ts');
    assertSqlKeyword(tokens, 'UPDATE');
    assertTypeScript(tokens, 'name', 'variable.other.readwrite.ts', 1);
  });

  it('works in TSX, JavaScript and JSX', async () => {
    for (const scope of ['source.tsx', 'source.js', 'source.js.jsx']) {
      const tokens = await tokenize(scope, 'const r = await db.$queryRaw`SELECT 1 FROM t WHERE a = ${b}`;');
      assertSqlKeyword(tokens, 'SELECT');
      assertSqlKeyword(tokens, 'WHERE');
      const b = scopesOf(tokens, 'b');
      assert.ok(b.some((s) => s.startsWith('variable.other.readwrite')) && !isSqlKeyword(b), `${scope}: ${b}`);
    }
  });

  it('leaves comments, strings and other tags alone', async () => {
    const tokens = await tokenize(
      'source.ts',
      ['// sql`SELECT 1`', 'const s = "sql`SELECT 2`";', 'const h = html`SELECT 3`;'].join('\n'),
    );
    assert.ok(
      !tokens.some((t) => isSqlKeyword(t.scopes)),
      JSON.stringify(tokens.filter((t) => isSqlKeyword(t.scopes))),
    );
  });
});

describe('grammar injections: ```prisma blocks in Markdown', () => {
  it('package.json contributes the Prisma grammar the block embeds', () => {
    const md = contributed.find((g) => g.injectTo?.includes('text.html.markdown'));
    assert.ok(md, 'a Markdown injection is contributed');
    assert.ok(contributed.some((g) => g.scopeName === 'source.prisma'));
    assert.equal(md.embeddedLanguages?.['meta.embedded.block.prisma'], 'prisma');
  });

  it('highlights the block with source.prisma and ends it at the closing fence', async () => {
    const tokens = await tokenize(
      'text.html.markdown',
      ['# Schema', '', '```prisma', 'model User {', '  id Int @id', '}', '```', '', 'model is a word here.'].join('\n'),
    );
    const model = scopesOf(tokens, 'model');
    assert.ok(model.includes('meta.embedded.block.prisma'), model.join(' '));
    assert.ok(
      model.some((s) => /^(keyword|storage)\..*\.prisma$/.test(s)),
      model.join(' '),
    );
    const prose = tokens.find((t) => t.text.startsWith('model is a word'));
    assert.ok(prose && !prose.scopes.some((s) => s.endsWith('.prisma')), prose?.scopes.join(' '));
  });

  it('without the injection the block is unknown-language text', async () => {
    const tokens = await tokenize('text.html.markdown', ['```prisma', 'model User {', '}', '```'].join('\n'), false);
    assert.ok(!tokens.some((t) => t.scopes.some((s) => s.endsWith('.prisma'))));
  });
});
