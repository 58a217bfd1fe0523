// The data grid feature: "Prisma: Open Data" (palette, Models view, CodeLens over each model block), one
// tab per model, tabs restored after a reload, sessions shared per schema.
import * as vscode from 'vscode';
import type { TreeNode } from '../../core/tree/treeNode';
import { findBlock } from '../../core/schema/query';
import { isPlainObject } from '../../shared/protocol/validate';
import { crumbs, filter as filterValidator, parseViewState, type Filter } from '../../shared/protocol/messages';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { isTrusted, requireTrust } from '../../host/trust';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { GridPanel, gridViewType, type GridHost } from './gridPanel';
import { GridSessions } from './gridSessions';
import { schemaOfFile as schemaOf } from '../../core/discovery/schemaOfFile';
import { samePath } from '../../core/util/pathFlavour';
import {
  importIntoModel,
  importPreviewScheme,
  ImportPreviews,
  registerImportCommand,
  type ImportOptions,
  type ImportOutcome,
} from './gridImport';

export const openDataCommand = 'prismaWorkbench.data.open';
/** The same, never reusing the grid tab used last (Open Data shows the model there, as a preview editor). */
export const openDataInNewTabCommand = 'prismaWorkbench.data.openInNewTab';

/** Argument of prismaWorkbench.data.open from code (CodeLens, tests): which schema and model. */
export interface OpenDataArgs {
  schemaId?: string;
  /** A schema file path, when the caller knows the file rather than the schema id. */
  file?: string;
  model: string;
  filters?: Filter[];
  /** Open in a new tab even when a grid tab could show the model (prismaWorkbench.data.openInNewTab). */
  newTab?: boolean;
}

export class GridManager implements GridHost {
  /** Open panels; a panel shows one model at a time and may change it (following a relation, going back). */
  private readonly panels = new Set<GridPanel>();
  /** The panels by when they were last the active tab, the latest last. */
  private recent: GridPanel[] = [];
  readonly sessions: GridSessions;
  readonly log: Services['log'];
  readonly extensionUri: vscode.Uri;
  readonly workspaceState: vscode.Memento;
  readonly importPreviews = new ImportPreviews();

  constructor(context: vscode.ExtensionContext, services: Services) {
    this.log = services.log;
    this.extensionUri = context.extensionUri;
    this.workspaceState = context.workspaceState;
    this.sessions = new GridSessions(context, services.log, services.schemas);
    context.subscriptions.push(this.sessions, {
      dispose: () => {
        for (const p of [...this.panels.values()]) p.dispose();
      },
    });
    context.subscriptions.push(
      this.importPreviews,
      vscode.workspace.registerTextDocumentContentProvider(importPreviewScheme, this.importPreviews),
    );
  }

  importInto(panel: GridPanel, options: ImportOptions = {}): Promise<ImportOutcome> {
    return importIntoModel(this, panel.schemaId, panel.model, options, panel);
  }

  get openPanels(): readonly GridPanel[] {
    return [...this.panels];
  }

  private track(panel: GridPanel): GridPanel {
    this.panels.add(panel);
    this.recent.push(panel);
    panel.onDidClose(() => {
      this.panels.delete(panel);
      this.recent = this.recent.filter((p) => p !== panel);
    });
    panel.panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.active) return;
      this.recent = [...this.recent.filter((p) => p !== panel), panel];
    });
    return panel;
  }

  /**
   * The tab a model opens in when the user did not ask for a new one: the grid used last, as VS Code's
   * preview editors are reused. Not one with staged edits (they would be lost: the model opens in a new
   * tab instead, and the edits stay where they are), of another schema, or whose webview is still loading.
   */
  reusablePanel(schemaId: string): GridPanel | undefined {
    const last = this.recent[this.recent.length - 1];
    return last && last.schemaId === schemaId && last.isReady && !last.hasPendingEdits ? last : undefined;
  }

  /**
   * Opens the grid of a model: reveals the tab showing it, else shows it in the grid tab used last
   * (reusablePanel), else (or with `newTab`) in a new tab.
   */
  async open(
    schema: WorkspaceSchema,
    model: string,
    filters?: Filter[],
    options: { newTab?: boolean } = {},
  ): Promise<GridPanel> {
    if (!findBlock(schema.doc, model, 'model') && !findBlock(schema.doc, model, 'view'))
      throw new Error(`there is no model ${model} in ${schema.label}`);
    const existing = [...this.panels].find((p) => p.schemaId === schema.root.id && p.model === model);
    if (existing && !filters) {
      existing.panel.reveal();
      return existing;
    }
    const reuse = options.newTab
      ? undefined
      : existing && existing.isReady && !existing.hasPendingEdits
        ? existing
        : this.reusablePanel(schema.root.id);
    if (reuse) {
      await reuse.show(model, filters);
      reuse.panel.reveal();
      return reuse;
    }
    // a tab of the model opened again with other filters replaces it, unless it holds staged edits
    if (existing && !existing.hasPendingEdits) existing.dispose();
    const panel = vscode.window.createWebviewPanel(gridViewType, `${model} · data`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    return this.track(new GridPanel(this, panel, schema.root.id, model, undefined, filters));
  }

  async openRelated(schemaId: string, model: string, filters: Filter[]): Promise<GridPanel> {
    const schema = this.sessions.schemaById(schemaId);
    if (!schema) throw new Error('the schema is no longer in the workspace');
    return this.open(schema, model, filters, { newTab: true });
  }

  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const s = isPlainObject(state) ? state : {};
    const schemaId = typeof s.schemaId === 'string' ? s.schemaId : undefined;
    const model = typeof s.model === 'string' ? s.model : undefined;
    if (!schemaId || !model) {
      panel.dispose();
      return;
    }
    let trail: { model: string; filters: Filter[] }[] = [];
    try {
      trail = s.trail === undefined ? [] : crumbs(s.trail, 'trail');
    } catch {
      // a trail we cannot read: the panel still opens, without breadcrumbs
    }
    this.track(new GridPanel(this, panel, schemaId, model, parseViewState(s.view), undefined, trail));
  }
}

/** A Models view node or an OpenDataArgs object: anything else is refused. */
function isObjectArg(v: unknown): v is Record<string, unknown> {
  return (
    isPlainObject(v) ||
    (typeof v === 'object' &&
      v !== null &&
      typeof (v as TreeNode).id === 'string' &&
      typeof (v as TreeNode).kind === 'string')
  );
}

export function registerGrid(context: vscode.ExtensionContext, services: Services): GridManager {
  const { log, schemas } = services;
  const manager = new GridManager(context, services);

  const schemaOfFile = (file: string | undefined): WorkspaceSchema | undefined => schemaOf(schemas.schemas, file);

  registerImportCommand(context, manager, schemas);

  const openData = async (command: string, arg: unknown, newTab: boolean): Promise<unknown> => {
    requireTrust('Open Data'); // before a tab opens: the grid generates a client and connects
    if (arg === undefined) return pickAndOpen(newTab);
    if (!isObjectArg(arg)) throw new BadArgumentError(command, 'something that is not a model');
    const node = arg as Partial<TreeNode> & Partial<OpenDataArgs>;
    if ((node.kind === 'model' || node.kind === 'view') && typeof node.label === 'string') {
      const schema = schemaOfFile(node.location?.file);
      if (!schema) throw new Error(`the schema of ${node.label} is no longer in the workspace`);
      return manager.open(schema, node.label, undefined, { newTab });
    }
    if (typeof node.model === 'string') {
      const schema =
        typeof node.schemaId === 'string'
          ? manager.sessions.schemaById(node.schemaId)
          : (schemaOfFile(typeof node.file === 'string' ? node.file : undefined) ??
            (schemas.schemas.length === 1 ? schemas.schemas[0] : undefined));
      if (!schema) throw new Error('say which schema: pass schemaId or file');
      const filters = Array.isArray(node.filters)
        ? node.filters.map((f, i) => filterValidator(f, `filters[${i}]`))
        : undefined;
      return manager.open(schema, node.model, filters, { newTab: newTab || node.newTab === true });
    }
    throw new BadArgumentError(command, 'something that is not a model');
  };
  registerCommand(context, log, openDataCommand, (arg: unknown) => openData(openDataCommand, arg, false));
  registerCommand(context, log, openDataInNewTabCommand, (arg: unknown) =>
    openData(openDataInNewTabCommand, arg, true),
  );

  async function pickAndOpen(newTab: boolean): Promise<unknown> {
    const items = schemas.schemas.flatMap((s) =>
      s.doc.blocks
        .filter((b) => b.kind === 'model' || b.kind === 'view')
        .map((b) => ({
          label: b.name,
          description: schemas.schemas.length > 1 ? s.label : b.kind === 'view' ? 'view' : '',
          schema: s,
        })),
    );
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No Prisma model found in this workspace.');
      return undefined;
    }
    const pick =
      items.length === 1
        ? items[0]
        : await vscode.window.showQuickPick(items, { title: 'Prisma: Open Data', placeHolder: 'Model to open' });
    return pick ? manager.open(pick.schema, pick.label, undefined, { newTab }) : undefined;
  }

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(gridViewType, {
      deserializeWebviewPanel: async (panel, state) => manager.restore(panel, state),
    }),
  );

  const lensChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    lensChanged,
    schemas.onDidChange(() => lensChanged.fire()),
    services.trust.onDidGrant(() => lensChanged.fire()),
  );
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      { language: 'prisma', scheme: 'file' },
      {
        onDidChangeCodeLenses: lensChanged.event,
        provideCodeLenses: (document) => {
          // no "Open Data" lens in Restricted Mode: it appears once the folder is trusted
          if (
            !isTrusted() ||
            !vscode.workspace.getConfiguration('prismaWorkbench.data', document.uri).get<boolean>('codeLens', true)
          )
            return [];
          const schema = schemaOfFile(document.uri.fsPath);
          if (!schema) return [];
          return schema.doc.blocks
            .filter((b) => (b.kind === 'model' || b.kind === 'view') && samePath(b.location.file, document.uri.fsPath))
            .map((b) => {
              const start = b.location.range.start;
              return new vscode.CodeLens(new vscode.Range(start.line, start.character, start.line, start.character), {
                title: '$(table) Open Data',
                command: openDataCommand,
                arguments: [{ schemaId: schema.root.id, model: b.name } satisfies OpenDataArgs],
              });
            });
        },
      },
    ),
  );
  return manager;
}
