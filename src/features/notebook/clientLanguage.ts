// Completion and type errors in Prisma Client cells, from the private client's own types (core/notebook/
// clientTypes.ts: a TypeScript language service in the extension host). The client is the grid's, generated
// when missing (never connected for this); nothing happens in Restricted Mode. TypeScript loads on the
// first Prisma Client cell that is opened or typed in.
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClientTypes } from '../../core/notebook/clientTypes';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import type { GridSessions } from '../grid/gridSessions';
import { CLIENT_LANGUAGE } from './clientCells';

const selector: vscode.DocumentSelector = { language: CLIENT_LANGUAGE, notebookType: NOTEBOOK_TYPE };

const kinds: Record<string, vscode.CompletionItemKind> = {
  method: vscode.CompletionItemKind.Method,
  property: vscode.CompletionItemKind.Property,
  getter: vscode.CompletionItemKind.Field,
  function: vscode.CompletionItemKind.Function,
  var: vscode.CompletionItemKind.Variable,
  let: vscode.CompletionItemKind.Variable,
  const: vscode.CompletionItemKind.Constant,
  keyword: vscode.CompletionItemKind.Keyword,
  module: vscode.CompletionItemKind.Module,
  class: vscode.CompletionItemKind.Class,
  interface: vscode.CompletionItemKind.Interface,
  type: vscode.CompletionItemKind.TypeParameter,
  string: vscode.CompletionItemKind.Value,
};

/** The notebook of a cell document (cell documents have the `vscode-notebook-cell` scheme). */
function notebookOf(doc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find(
    (nb) => nb.notebookType === NOTEBOOK_TYPE && nb.getCells().some((c) => c.document === doc),
  );
}

/** The notebook's schema when it is known without asking: named in its metadata, or the only one. */
function knownSchema(nb: vscode.NotebookDocument, schemas: WorkspaceSchemas): WorkspaceSchema | undefined {
  const all = schemas.schemas.filter((s) => !s.failure);
  const named = nb.metadata?.schema;
  return (
    (typeof named === 'string' ? all.find((s) => s.label === named) : undefined) ??
    (all.length === 1 ? all[0] : undefined)
  );
}

export class ClientLanguage extends Disposable {
  private readonly services = new Map<string, Promise<ClientTypes>>();
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('prisma-client-cells'));
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly sessions: () => Promise<GridSessions>,
    private readonly schemas: WorkspaceSchemas,
    private readonly libDir: string,
    private readonly log: Log,
  ) {
    super();
    this.register(
      vscode.languages.registerCompletionItemProvider(
        selector,
        { provideCompletionItems: (doc, pos) => this.complete(doc, pos) },
        '.',
      ),
    );
    this.register(
      vscode.languages.registerHoverProvider(selector, { provideHover: (doc, pos) => this.hover(doc, pos) }),
    );
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
      }),
    );
    this.register({
      dispose: () => {
        this.timers.forEach((t) => clearTimeout(t));
        for (const types of this.services.values()) void types.then((t) => t.dispose()).catch(() => undefined);
      },
    });
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  /** The language service over the schema's client types (the client generated first when missing). */
  private typesFor(doc: vscode.TextDocument): Promise<ClientTypes> | undefined {
    if (!vscode.workspace.isTrusted) return undefined; // nothing is generated in Restricted Mode
    const nb = notebookOf(doc);
    const schema = nb && knownSchema(nb, this.schemas);
    if (!schema) return undefined;
    const started = (async () => {
      const dir = await (await this.sessions()).clientFolder(schema);
      let types = this.services.get(dir);
      if (!types) {
        types = (async () => {
          const ts = await import('typescript');
          const { ClientTypes } = await import('../../core/notebook/clientTypes');
          return new ClientTypes(ts, dir, this.libDir);
        })();
        this.services.set(dir, types);
        types.catch(() => this.services.delete(dir));
      }
      return types;
    })();
    return started;
  }

  private async complete(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
    try {
      const types = await this.typesFor(doc);
      if (!types) return [];
      return types.completions(doc.uri.toString(), doc.getText(), doc.offsetAt(pos)).map((c) => {
        const item = new vscode.CompletionItem(c.name, kinds[c.kind] ?? vscode.CompletionItemKind.Text);
        item.sortText = c.sortText;
        if (c.insertText !== undefined) item.insertText = c.insertText;
        return item;
      });
    } catch (e) {
      this.log.warn(`Prisma Client cell completion: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  private async hover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      const info = (await this.typesFor(doc))?.quickInfo(doc.uri.toString(), doc.getText(), doc.offsetAt(pos));
      if (!info) return undefined;
      const [signature, ...docs] = info.text.split('\n\n');
      const markdown = new vscode.MarkdownString().appendCodeblock(signature, 'typescript');
      if (docs.length) markdown.appendMarkdown(`\n\n${docs.join('\n\n')}`);
      return new vscode.Hover(markdown, new vscode.Range(doc.positionAt(info.start), doc.positionAt(info.end)));
    } catch (e) {
      this.log.warn(`Prisma Client cell hover: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private schedule(doc: vscode.TextDocument): void {
    if (doc.languageId !== CLIENT_LANGUAGE || doc.uri.scheme !== 'vscode-notebook-cell') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(doc);
      }, 250),
    );
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    try {
      const types = await this.typesFor(doc);
      if (!types || doc.isClosed) return;
      const found = types.diagnostics(doc.uri.toString(), doc.getText());
      this.diagnostics.set(
        doc.uri,
        found.map((d) => {
          const diagnostic = new vscode.Diagnostic(
            new vscode.Range(doc.positionAt(d.start), doc.positionAt(Math.max(d.end, d.start))),
            d.message,
            d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          diagnostic.source = 'Prisma Client';
          diagnostic.code = d.code;
          return diagnostic;
        }),
      );
    } catch (e) {
      this.log.warn(`Prisma Client cell check: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

export const typescriptLibDir = (extensionUri: vscode.Uri): string =>
  path.join(extensionUri.fsPath, 'dist', 'typescript-lib');
