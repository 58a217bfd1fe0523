// The data grid feature: "Prisma: Open Data" (palette, Models view, CodeLens over each model block), one
// tab per model, tabs restored after a reload, sessions shared per schema.
import * as vscode from 'vscode';
import type { TreeNode } from '../../core/tree/treeNode';
import { isPlainObject } from '../../shared/protocol/validate';
import { filter as filterValidator, type Filter } from '../../shared/protocol/messages';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { isTrusted, requireTrust } from '../../host/trust';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { gridViewType } from './gridViewType';
import type { GridManager } from './gridManager';
import { schemaOfFile as schemaOf } from '../../core/discovery/schemaOfFile';
import { samePath } from '../../core/util/pathFlavour';
import { registerImportCommand } from './importCommand';
import { importPreviewScheme, ImportPreviews } from './importPreviews';
import { benchTrace } from '../../host/benchTrace';

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

/** The grid as other features reach it: its manager (panels, sessions) is created on first use. */
export interface GridAccess {
  manager(): Promise<GridManager>;
}

export function registerGrid(context: vscode.ExtensionContext, services: Services): GridAccess {
  const { log, schemas } = services;
  // Answers for import previews restored after a reload; the grid itself (panels, sessions, data access)
  // loads on its first use: opening data, restoring a tab, importing.
  const importPreviews = new ImportPreviews();
  context.subscriptions.push(
    importPreviews,
    vscode.workspace.registerTextDocumentContentProvider(importPreviewScheme, importPreviews),
  );
  let created: Promise<GridManager> | undefined;
  const manager = (): Promise<GridManager> =>
    (created ??= import('./gridManager').then(({ GridManager }) => new GridManager(context, services, importPreviews)));

  const schemaOfFile = (file: string | undefined): WorkspaceSchema | undefined => schemaOf(schemas.schemas, file);

  registerImportCommand(context, log, manager, schemas);

  const openData = async (command: string, arg: unknown, newTab: boolean): Promise<unknown> => {
    requireTrust('Open Data'); // before a tab opens: the grid generates a client and connects
    if (arg === undefined) return pickAndOpen(newTab);
    if (!isObjectArg(arg)) throw new BadArgumentError(command, 'something that is not a model');
    benchTrace('grid host: Open Data command');
    const node = arg as Partial<TreeNode> & Partial<OpenDataArgs>;
    if ((node.kind === 'model' || node.kind === 'view') && typeof node.label === 'string') {
      const schema = schemaOfFile(node.location?.file);
      if (!schema) throw new Error(`the schema of ${node.label} is no longer in the workspace`);
      return (await manager()).open(schema, node.label, undefined, { newTab });
    }
    if (typeof node.model === 'string') {
      const schema =
        typeof node.schemaId === 'string'
          ? (await manager()).sessions.schemaById(node.schemaId)
          : (schemaOfFile(typeof node.file === 'string' ? node.file : undefined) ??
            (schemas.schemas.length === 1 ? schemas.schemas[0] : undefined));
      if (!schema) throw new Error('say which schema: pass schemaId or file');
      const filters = Array.isArray(node.filters)
        ? node.filters.map((f, i) => filterValidator(f, `filters[${i}]`))
        : undefined;
      return (await manager()).open(schema, node.model, filters, { newTab: newTab || node.newTab === true });
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
    const pick = items.length === 1 ? items[0] : await pickModel(items);
    benchTrace('grid host: model picked');
    return pick ? (await manager()).open(pick.schema, pick.label, undefined, { newTab }) : undefined;
  }

  /**
   * The model pick. While a grid is open, the highlighted model's first rows are read ahead
   * (GridManager.warm), so that the open grid shows them as soon as the user picks it.
   */
  function pickModel<T extends vscode.QuickPickItem & { schema: WorkspaceSchema }>(items: T[]): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = 'Prisma: Open Data';
    qp.placeholder = 'Model to open';
    qp.items = items;
    let picked = false;
    return new Promise<T | undefined>((resolve) => {
      qp.onDidChangeActive(([item]) => {
        // not once picked: the pick, as it closes, makes its first item active again
        if (item && created && !picked)
          void created.then((m) => m.warm(item.schema, item.label)).catch(() => undefined);
      });
      qp.onDidAccept(() => {
        picked = true;
        resolve(qp.selectedItems[0] ?? qp.activeItems[0]);
        qp.hide();
      });
      qp.onDidHide(() => {
        resolve(undefined);
        qp.dispose();
      });
      qp.show();
    });
  }

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(gridViewType, {
      deserializeWebviewPanel: async (panel, state) => (await manager()).restore(panel, state),
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
  return { manager };
}
