// A Prisma Client cell's TypeScript -> a function of (prisma, Prisma) that returns the cell's value: the
// value of its last expression (`prisma.user.findMany()` with or without `await`, or the variable a last
// `const rows = …` declares), with `await` allowed anywhere. Types are stripped by TypeScript's own
// transpiler; syntax errors come back with the cell's line and column. TypeScript is passed in (the
// extension loads it on first use).
import type * as TS from 'typescript';

/** A cell's code as it runs: prisma and the Prisma namespace are its only names from us. */
export type CellFunction = (prisma: unknown, Prisma: unknown) => Promise<unknown>;

export class CellCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CellCodeError';
  }
}

/** Names the cell's code sees as `undefined` instead of the extension host's (it is not a sandbox; see README). */
const HIDDEN = ['require', 'module', 'exports', '__filename', '__dirname'];
const WRAPPER_LINES = 1;

function lineCol(ts: typeof TS, sf: TS.SourceFile, pos: number): string {
  const { line, character } = ts.getLineAndCharacterOfPosition(sf, pos);
  return `line ${line + 1}, column ${character + 1}`;
}

/** The cell's source with its last statement turned into a `return` of its value, or why it cannot run. */
export function withReturnedValue(ts: typeof TS, source: string): string {
  const sf = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s))
      throw new CellCodeError(
        `A Prisma Client cell cannot import or export (${lineCol(ts, sf, s.getStart(sf))}): use \`prisma\` and \`Prisma\`, which the cell is given.`,
      );
  }
  const last = sf.statements.at(-1);
  if (!last) throw new CellCodeError('The cell is empty: write a query such as `prisma.user.findMany()`.');
  if (ts.isExpressionStatement(last)) {
    const start = last.expression.getStart(sf);
    return `${source.slice(0, start)}return (${source.slice(start, last.expression.end)}\n);${source.slice(last.end)}`;
  }
  if (ts.isVariableStatement(last)) {
    const names = last.declarationList.declarations.map((d) => d.name);
    const only = names.length === 1 && ts.isIdentifier(names[0]) ? names[0].text : undefined;
    if (only) return `${source}\n;return ${only};`;
  }
  return source;
}

/** Compiles the cell: TypeScript -> JavaScript (types stripped), wrapped in an async function of (prisma, Prisma). */
export function compileCell(ts: typeof TS, source: string): { js: string; body: string } {
  const body = withReturnedValue(ts, source);
  const wrapped = `(async function (prisma, Prisma, ${HIDDEN.join(', ')}) {\n${body}\n})`;
  const out = ts.transpileModule(wrapped, {
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.None,
      removeComments: false,
      sourceMap: false,
    },
  });
  const error = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const message = ts.flattenDiagnosticMessageText(error.messageText, '\n');
    const where =
      error.file && error.start !== undefined
        ? ` (line ${Math.min(
            ts.getLineAndCharacterOfPosition(error.file, error.start).line + 1 - WRAPPER_LINES,
            source.split('\n').length,
          )})`
        : '';
    throw new CellCodeError(`The cell's code does not parse${where}: ${message}`);
  }
  return { js: out.outputText, body };
}
