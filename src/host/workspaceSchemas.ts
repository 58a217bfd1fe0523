// The workspace's Prisma schemas, kept current: discovered in every workspace folder, read (from the open
// editor when a file is being edited, else from disk), parsed, then validated by Prisma's wasm in the
// background. Features subscribe to `onDidChange`.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  discoverInTwoSteps,
  findContracts,
  mergeFound,
  nodeDiscoveryFs,
  EarlyReads,
  readConventionalPlaces,
  type DiscoveryFs,
  type DiscoveryStep,
  type FoundFiles,
  type SchemaRoot,
  type ContractRoot,
} from '../core/discovery';
import { buildFoldersGlob, isBuildPath, RefreshGate } from '../core/discovery/refreshGate';
import { readContract } from '../core/schema/contract';
import type { ParseDiagnostic, SchemaDocument, SchemaFile } from '../core/schema/model';
import { schemaFileText } from '../core/discovery/schemaFileText';
import { parseSchema } from '../core/schema/parse';
import { debounce } from '../core/util/debounce';
import { Disposable } from './disposable';
import { setContext } from './contextKeys';
import type { Log } from './log';
import { isInside, samePath } from '../core/util/pathFlavour';

export interface WorkspaceSchema {
  root: SchemaRoot;
  folder: vscode.WorkspaceFolder | undefined;
  /** Workspace-relative path of the schema, with the folder's name in a multi-root workspace. */
  label: string;
  /** The text read, from the open editor when a file is being edited. */
  files: SchemaFile[];
  doc: SchemaDocument;
  /** Prisma's own validation; `undefined` until it has run. */
  validation?: ParseDiagnostic[];
  /** Whose rules that validation used, for the Models root's tooltip: `Prisma 7 rules (Prisma 7.1.0 installed)`. */
  rules?: string;
  /** Parser problems and Prisma's, merged. */
  problems: ParseDiagnostic[];
  /** Set when the schema could not be read at all. */
  failure?: string;
}

/** A Prisma Next contract: shown in the Models view, and nothing else of Prisma ORM's applies to it. */
export interface WorkspaceContract {
  root: ContractRoot;
  label: string;
  files: SchemaFile[];
  doc: SchemaDocument;
}

const configGlob = 'prisma.config.{ts,mts,cts,js,mjs,cjs}';
// VS Code's glob has no nested braces: one search per kind of file.
const searchGlobs = ['**/*.prisma', `**/${configGlob}`, '**/package.json'];

/** Discovery reads through VS Code's file system (direct reads: no search). */
const workspaceFs: DiscoveryFs = {
  async list(dir) {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(dir));
      return entries.map(([name, type]) => ({ name, directory: (type & vscode.FileType.Directory) !== 0 }));
    } catch {
      return undefined;
    }
  },
  async read(file) {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
    } catch {
      return undefined;
    }
  },
};

/** Files on disk are read with Node (fast even while the window starts); any other scheme through VS Code. */
const fsFor = (uri: vscode.Uri): DiscoveryFs => (uri.scheme === 'file' ? nodeDiscoveryFs : workspaceFs);

/**
 * Starts reading the conventional places of the workspace's folders (on disk) while VS Code prepares the
 * ExtensionContext: extension.ts calls it as its bundle runs, and the first refresh takes the reads. Reading
 * files only: allowed in Restricted Mode. Undefined without folders, or with a folder that is not on disk.
 */
export function readConventionalPlacesEarly(): EarlyReads | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length || folders.some((f) => f.uri.scheme !== 'file')) return undefined;
  return EarlyReads.start(
    folders.map((f) => f.uri.fsPath),
    nodeDiscoveryFs,
  );
}

/** A file's bytes (Node for files on disk, VS Code for other schemes), or undefined when unreadable. */
async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
}

/** The same schema read the same: same root, same files, same text. */
function sameSchema(a: WorkspaceSchema, b: WorkspaceSchema | undefined): boolean {
  return (
    !!b &&
    JSON.stringify(a.root) === JSON.stringify(b.root) &&
    a.label === b.label &&
    a.files.length === b.files.length &&
    a.files.every((f, i) => f.path === b.files[i].path && f.content === b.files[i].content)
  );
}

/** Prisma's validation of one schema, and whose rules it used. */
export interface SchemaValidation {
  diagnostics: ParseDiagnostic[];
  rules?: string;
}

export class WorkspaceSchemas extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private current: WorkspaceSchema[] = [];
  private currentContracts: WorkspaceContract[] = [];
  /** When each discovery step of the first refresh answered (performance.now()): the bench reads it. */
  readonly firstDiscovery: Partial<Record<DiscoveryStep['step'], number>> = {};
  private generation = 0;
  /** The refresh whose conventional places were shown before its search answered. */
  private shownEarly: number | undefined;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  // a build writing thousands of files: build folders are ignored, and the rest refreshes at most every 2 s
  private readonly refreshGate = new RefreshGate(() => this.refresh(), { quietMs: 300, minGapMs: 2000 });
  private readonly scheduleRefresh = (uri?: vscode.Uri) => {
    if (!uri || !isBuildPath(uri.fsPath)) this.refreshGate.poke();
  };
  private readonly scheduleReparse = debounce(() => void this.reparse(), 300);

  constructor(
    private readonly log: Log,
    private readonly validate: (schema: WorkspaceSchema) => Promise<SchemaValidation>,
    /** The conventional places read before activate() (readConventionalPlacesEarly): the first refresh takes them. */
    private readonly early?: EarlyReads,
  ) {
    super();
    const watch = (glob: string, onChange: (uri: vscode.Uri) => void) => {
      const w = this.register(vscode.workspace.createFileSystemWatcher(glob));
      this.register(w.onDidCreate((uri) => this.scheduleRefresh(uri)));
      this.register(w.onDidDelete((uri) => this.scheduleRefresh(uri)));
      this.register(w.onDidChange(onChange));
    };
    watch('**/*.prisma', () => this.scheduleReparse());
    watch(`**/${configGlob}`, (uri) => this.scheduleRefresh(uri));
    watch('**/package.json', (uri) => this.scheduleRefresh(uri));
    // A folder created or deleted with files in it may report only itself, not the schema files inside.
    const folders = this.register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    this.register(
      folders.onDidDelete((uri) => {
        if (this.current.some((s) => s.root.schemaFiles.some((f) => isInside(f, uri.fsPath)))) this.scheduleRefresh();
      }),
    );
    this.register(
      folders.onDidCreate((uri) => {
        if (!path.extname(uri.fsPath)) this.scheduleRefresh(uri);
      }),
    );
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRefresh()));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.owns(e.document.uri)) this.scheduleReparse();
      }),
    );
    this.register({
      dispose: () => {
        this.refreshGate.cancel();
        this.scheduleReparse.cancel();
        if (this.validateTimer) clearTimeout(this.validateTimer);
      },
    });
  }

  /** The conventional places read before activate(): when they answered (performance.now()), and whether taken. */
  get earlyReads(): { answeredAt?: number; taken: boolean } | undefined {
    return this.early && { answeredAt: this.early.answeredAt, taken: this.early.taken };
  }

  /** The Prisma ORM schemas: what every feature works on. */
  get schemas(): readonly WorkspaceSchema[] {
    return this.current;
  }

  /** The Prisma Next contracts: the Models view shows them; no ORM feature touches them. */
  get contracts(): readonly WorkspaceContract[] {
    return this.currentContracts;
  }

  /** True for a file that is a Prisma Next contract (the language server leaves it alone). */
  isContract(file: string): boolean {
    return this.currentContracts.some((c) => c.root.file === file);
  }

  private owns(uri: vscode.Uri): boolean {
    return this.current.some((s) => s.root.schemaFiles.includes(uri.fsPath)) || this.isContract(uri.fsPath);
  }

  /**
   * Discovers the schemas of every workspace folder again, then parses them: those at the conventional
   * places (direct reads) are shown first, the workspace search's answer then (core/discovery/twoStepDiscovery).
   */
  async refresh(): Promise<void> {
    const gen = ++this.generation;
    const t0 = performance.now();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const early = this.early?.take(folders.map((f) => f.uri.fsPath));
    await discoverInTwoSteps(
      async () =>
        (await early) ??
        mergeFound(await Promise.all(folders.map((f) => readConventionalPlaces(f.uri.fsPath, fsFor(f.uri))))),
      () => this.search(),
      (found) => this.show(gen, found, performance.now() - t0),
      (e) => this.log.warn(`reading the conventional places failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** Every schema file, config and package.json of the workspace, read. */
  private async search(): Promise<FoundFiles> {
    const found = (
      await Promise.all(searchGlobs.map((g) => vscode.workspace.findFiles(g, buildFoldersGlob, 20000)))
    ).flat();
    const contents = new Map<string, string>();
    await Promise.all(
      found.map(async (uri) => {
        if (uri.fsPath.endsWith('.prisma')) {
          // a binary, non-UTF-8 or huge `.prisma` file is not a schema file: skipped, with a log line
          const bytes = await readBytes(uri);
          const read = bytes && schemaFileText(bytes, uri.fsPath);
          if (!read) this.log.warn(`cannot read ${uri.fsPath}`);
          else if (read.text !== undefined) contents.set(uri.fsPath, read.text);
          else this.log.warn(read.skipped);
          return;
        }
        const text = await fsFor(uri).read(uri.fsPath);
        if (text === undefined) this.log.warn(`cannot read ${uri.fsPath}`);
        else contents.set(uri.fsPath, text);
      }),
    );
    const paths = [...contents.keys()];
    return {
      input: {
        prismaFiles: paths.filter((p) => p.endsWith('.prisma')),
        configFiles: paths.filter((p) => /(^|[\\/])prisma\.config\.[cm]?[jt]s$/.test(p)),
        packageJsons: paths.filter((p) => /(^|[\\/])package\.json$/.test(p)),
      },
      contents,
    };
  }

  private async show(gen: number, { roots, contents, step }: DiscoveryStep, ms: number): Promise<void> {
    if (gen !== this.generation || this.isDisposed) return;
    this.firstDiscovery[step] ??= performance.now();
    this.log.info(
      `found ${roots.length} Prisma schema(s) in ${Math.round(ms)} ms (${step})${roots.map((r) => `\n  ${r.schemaPath} (${r.source}, ${r.schemaFiles.length} file(s))`).join('')}`,
    );
    const next = roots.map((root) => this.read(root, contents));
    const paths = [...contents.keys()];
    const { contracts } = findContracts(
      paths.filter((p) => p.endsWith('.prisma')),
      paths.filter((p) => /(^|[\\/])package\.json$/.test(p)),
      (f) => contents.get(f) ?? '',
    );
    const nextContracts = contracts.map((root) => this.readContract(root, contents));
    const contractsChanged =
      JSON.stringify(nextContracts.map((c) => [c.root, c.files])) !==
      JSON.stringify(this.currentContracts.map((c) => [c.root, c.files]));
    if (contractsChanged && contracts.length)
      this.log.info(
        `found ${contracts.length} Prisma Next contract(s), shown without Prisma ORM's features:${contracts.map((c) => `\n  ${c.file} (${c.signal})`).join('')}`,
      );
    // the search confirming what the conventional places showed moments before, in this same refresh: nothing
    // changes, so no event, no rebuild (any other refresh fires: a config's datasource may have changed)
    const same =
      step === 'search' &&
      this.shownEarly === gen &&
      next.length === this.current.length &&
      next.every((s, i) => sameSchema(s, this.current[i]));
    if (step === 'conventional places') this.shownEarly = gen;
    if (!same || contractsChanged) {
      this.current = next;
      this.currentContracts = nextContracts;
      this.changed.fire();
      this.scheduleValidation();
    }
    // after the event: each setContext is a round trip to the window (about a second while it starts, in the
    // bench), and the views need not wait for it; the welcome text these keys choose shows only without rows
    await setContext('prismaWorkbench.hasSchema', roots.length > 0);
    await setContext('prismaWorkbench.discovered', true);
  }

  /** Reads the files of every known schema again (an edit or a save), without rediscovery. */
  private async reparse(): Promise<void> {
    const contents = new Map<string, string>();
    await Promise.all(
      [...this.current.flatMap((s) => s.root.schemaFiles), ...this.currentContracts.map((c) => c.root.file)].map(
        async (f) => {
          try {
            const read = schemaFileText(await vscode.workspace.fs.readFile(vscode.Uri.file(f)), f);
            if (read.text !== undefined) contents.set(f, read.text);
          } catch {
            // deleted meanwhile: the watcher's refresh follows
          }
        },
      ),
    );
    if (this.isDisposed) return;
    this.current = this.current.map((s) => this.read(s.root, contents));
    this.currentContracts = this.currentContracts.map((c) => this.readContract(c.root, contents));
    this.changed.fire();
    this.scheduleValidation();
  }

  private read(root: SchemaRoot, contents: Map<string, string>): WorkspaceSchema {
    const files: SchemaFile[] = [];
    for (const file of root.schemaFiles) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && samePath(d.uri.fsPath, file));
      const content = open?.getText() ?? contents.get(file);
      if (content !== undefined) files.push({ path: file, content });
    }
    const uri = vscode.Uri.file(root.schemaPath);
    const label = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    const doc = parseSchema(files);
    const failure = files.length === 0 ? `schema not found: ${label}` : undefined;
    return {
      root,
      folder: vscode.workspace.getWorkspaceFolder(uri),
      label,
      files,
      doc,
      problems: doc.diagnostics,
      failure,
      // kept until validation says otherwise: an unchanged answer then fires no event (no tree rebuild)
      rules: this.current.find((c) => c.root.id === root.id)?.rules,
    };
  }

  private readContract(root: ContractRoot, contents: Map<string, string>): WorkspaceContract {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === root.file);
    const content = open?.getText() ?? contents.get(root.file);
    const files = content === undefined ? [] : [{ path: root.file, content }];
    const label = vscode.workspace.asRelativePath(
      vscode.Uri.file(root.file),
      (vscode.workspace.workspaceFolders?.length ?? 0) > 1,
    );
    return { root, label, files, doc: readContract(files) };
  }

  private scheduleValidation(): void {
    if (this.validateTimer) clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validateAll(), 50);
  }

  private async validateAll(): Promise<void> {
    const snapshot = this.current;
    let changed = false;
    for (const schema of snapshot) {
      if (!schema.files.length) continue;
      try {
        const result = await this.validate(schema);
        schema.validation = result.diagnostics;
        changed ||= schema.rules !== result.rules;
        schema.rules = result.rules;
      } catch (e) {
        this.log.warn(`validation of ${schema.label} failed: ${e instanceof Error ? e.message : String(e)}`);
        schema.validation = [];
      }
      if (this.current !== snapshot || this.isDisposed) return; // a newer read replaced this one
      const problems = [...schema.doc.diagnostics, ...schema.validation];
      changed ||= JSON.stringify(problems) !== JSON.stringify(schema.problems);
      schema.problems = problems;
    }
    // a valid schema validates to what the views already show: no event, so no tree rebuilds under the
    // user's pointer (a click on a row being rebuilt reaches its command without the row)
    if (changed) this.changed.fire();
  }
}
