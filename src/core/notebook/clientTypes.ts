// Completion and type errors for Prisma Client cells: a TypeScript language service in the extension host
// over the private client's own .d.ts (the one the grid generated for the schema), not the user's
// node_modules nor VS Code's TypeScript server, which knows neither the private client nor the `prisma`
// a cell is given. Each cell is a virtual module: a few declaration lines (`prisma` is a PrismaClient of
// that client) and then the cell's text, so an offset in the cell is the offset after the prelude.
// One service per generated client; the .d.ts are read once and kept by the service's document registry.
import path from 'node:path';
import type * as TS from 'typescript';

export interface CellCompletion {
  name: string;
  kind: string;
  sortText: string;
  insertText?: string;
}

export interface CellDiagnostic {
  /** Offsets in the cell's text. */
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
  code: number;
}

function prelude(clientDir: string): string {
  const client = JSON.stringify(path.join(clientDir, 'client', 'index.js').replace(/\\/g, '/'));
  return [
    `import { PrismaClient, Prisma } from ${client};`,
    'declare const prisma: PrismaClient;',
    'declare const console: { log(...values: unknown[]): void; error(...values: unknown[]): void };',
    'declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;',
    'export {};',
    '',
  ].join('\n');
}

export class ClientTypes {
  private readonly service: TS.LanguageService;
  private readonly files = new Map<string, { text: string; version: number }>();
  private readonly head: string;
  private readonly options: TS.CompilerOptions;

  /**
   * @param clientDir the generated client's folder (`<storage>/<hash>`, holding `client/`)
   * @param libDir the folder of TypeScript's `lib.*.d.ts` files
   */
  constructor(
    private readonly ts: typeof TS,
    private readonly clientDir: string,
    libDir: string,
  ) {
    this.head = prelude(clientDir);
    this.options = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      allowJs: false,
    };
    const host: TS.LanguageServiceHost = {
      getCompilationSettings: () => this.options,
      getScriptFileNames: () => [...this.files.keys()],
      getScriptVersion: (f) => String(this.files.get(f)?.version ?? 0),
      getScriptSnapshot: (f) => {
        const own = this.files.get(f);
        if (own) return ts.ScriptSnapshot.fromString(own.text);
        const text = ts.sys.readFile(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => clientDir,
      getDefaultLibFileName: (o) => path.join(libDir, ts.getDefaultLibFileName(o)),
      fileExists: (f) => this.files.has(f) || ts.sys.fileExists(f),
      readFile: (f) => this.files.get(f)?.text ?? ts.sys.readFile(f),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** The virtual file of a cell (`key`: anything that names the cell, e.g. its URI). */
  private file(key: string, text: string): string {
    const name = path.join(this.clientDir, '__cells__', `${key.replace(/[^A-Za-z0-9]+/g, '_').slice(-120)}.ts`);
    const full = this.head + text;
    const known = this.files.get(name);
    if (!known || known.text !== full) this.files.set(name, { text: full, version: (known?.version ?? 0) + 1 });
    return name;
  }

  /** Forgets a cell that was closed. */
  forget(key: string): void {
    const name = path.join(this.clientDir, '__cells__', `${key.replace(/[^A-Za-z0-9]+/g, '_').slice(-120)}.ts`);
    this.files.delete(name);
  }

  completions(key: string, text: string, offset: number): CellCompletion[] {
    const file = this.file(key, text);
    const info = this.service.getCompletionsAtPosition(file, this.head.length + offset, {
      includeCompletionsWithInsertText: true,
    });
    return (info?.entries ?? []).map((e) => ({
      name: e.name,
      kind: e.kind,
      sortText: e.sortText,
      ...(e.insertText !== undefined ? { insertText: e.insertText } : {}),
    }));
  }

  /** The type (and doc comment) of what is at `offset`, as TypeScript's hover says it. */
  quickInfo(key: string, text: string, offset: number): { text: string; start: number; end: number } | undefined {
    const file = this.file(key, text);
    const info = this.service.getQuickInfoAtPosition(file, this.head.length + offset);
    if (!info || info.textSpan.start < this.head.length) return undefined;
    const signature = this.ts.displayPartsToString(info.displayParts);
    const docs = this.ts.displayPartsToString(info.documentation);
    const start = info.textSpan.start - this.head.length;
    return { text: docs ? `${signature}\n\n${docs}` : signature, start, end: start + info.textSpan.length };
  }

  diagnostics(key: string, text: string): CellDiagnostic[] {
    const file = this.file(key, text);
    const all = [...this.service.getSyntacticDiagnostics(file), ...this.service.getSemanticDiagnostics(file)];
    const out: CellDiagnostic[] = [];
    for (const d of all) {
      if (d.start === undefined || d.start < this.head.length) continue;
      const start = d.start - this.head.length;
      out.push({
        start,
        end: start + (d.length ?? 0),
        message: this.ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        severity: d.category === this.ts.DiagnosticCategory.Error ? 'error' : 'warning',
        code: d.code,
      });
    }
    return out;
  }

  dispose(): void {
    this.service.dispose();
    this.files.clear();
  }
}
