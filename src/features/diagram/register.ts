// The relationship diagram: "Prisma: Show Diagram" (palette, Models view schema items, editor title of a
// .prisma file), one tab per schema, redrawn when the schema changes, restored after a reload. The panel (with
// the diagram's model, layout and requests) loads when the first tab opens.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isPlainObject } from '../../shared/protocol/validate';
import { parseDiagramViewState } from '../../shared/protocol/diagram';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import type { DiagramPanel, DiagramHost } from './diagramPanel';
import { diagramViewType } from './diagramViewType';
import { schemaOfFile } from '../../core/discovery/schemaOfFile';

export const showDiagramCommand = 'prismaWorkbench.diagram.show';

export class DiagramManager implements DiagramHost {
  private readonly panels = new Set<DiagramPanel>();
  readonly schemas: Services['schemas'];
  readonly log: Services['log'];
  readonly extensionUri: vscode.Uri;
  private panelModule?: typeof import('./diagramPanel');

  constructor(context: vscode.ExtensionContext, services: Services) {
    this.schemas = services.schemas;
    this.log = services.log;
    this.extensionUri = context.extensionUri;
    context.subscriptions.push({
      dispose: () => {
        for (const p of [...this.panels]) p.dispose();
      },
    });
  }

  /** The panel's module (the diagram's model, layout, requests), loaded when the first tab opens or comes back. */
  async load(): Promise<typeof import('./diagramPanel')> {
    return (this.panelModule ??= await import('./diagramPanel'));
  }

  get openPanels(): readonly DiagramPanel[] {
    return [...this.panels];
  }

  private track(panel: DiagramPanel): DiagramPanel {
    this.panels.add(panel);
    panel.onDidClose(() => this.panels.delete(panel));
    return panel;
  }

  /** Opens (or reveals) the diagram of a schema: beside the editor when one is open. */
  async show(schema: WorkspaceSchema): Promise<DiagramPanel> {
    const { DiagramPanel } = await this.load(); // before the look-up: no await between it and track()
    const existing = [...this.panels].find((p) => p.schemaId === schema.root.id);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(
      diagramViewType,
      `Diagram · ${path.basename(schema.root.schemaPath)}`,
      column,
      { enableScripts: true, retainContextWhenHidden: true },
    );
    return this.track(new DiagramPanel(this, panel, schema.root.id));
  }

  /** A panel VS Code brings back after a reload, with the state its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): DiagramPanel {
    if (!this.panelModule) throw new Error('the diagram panel is not loaded: await load() first');
    const { DiagramPanel } = this.panelModule;
    return this.track(new DiagramPanel(this, panel, parseDiagramViewState(state)?.schemaId ?? ''));
  }
}

/** Which schema the command was given: a Models view schema item, `{ schemaId }`, or a schema file's Uri. */
function schemaFromArgument(arg: unknown, schemas: readonly WorkspaceSchema[]): WorkspaceSchema | undefined {
  const byId = (id: string) => schemas.find((s) => s.root.id === id);
  if (arg instanceof vscode.Uri) {
    const found = schemaOfFile(schemas, arg.fsPath);
    if (!found)
      throw new Error(`${vscode.workspace.asRelativePath(arg)} is not part of a Prisma schema found in this workspace`);
    return found;
  }
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { kind?: unknown; id?: unknown; schemaId?: unknown };
    const id =
      o.kind === 'schema' && typeof o.id === 'string'
        ? o.id
        : isPlainObject(arg) && typeof o.schemaId === 'string'
          ? o.schemaId
          : undefined;
    if (id !== undefined) {
      const found = byId(id);
      if (!found) throw new Error('that schema is no longer in the workspace');
      return found;
    }
  }
  throw new BadArgumentError(showDiagramCommand, 'something that is not a schema');
}

export function registerDiagram(context: vscode.ExtensionContext, services: Services): DiagramManager {
  const { log, schemas } = services;
  const manager = new DiagramManager(context, services);

  registerCommand(context, log, showDiagramCommand, async (arg: unknown) => {
    const all = schemas.schemas;
    const schema = arg === undefined ? await pickSchema(all) : schemaFromArgument(arg, all);
    return schema ? manager.show(schema) : undefined;
  });

  async function pickSchema(all: readonly WorkspaceSchema[]): Promise<WorkspaceSchema | undefined> {
    if (all.length === 0) {
      const choice = await vscode.window.showInformationMessage(
        'No Prisma schema was found in this workspace, so there is no diagram to show.',
        'Create a Prisma Schema',
      );
      if (choice) await vscode.commands.executeCommand('prismaWorkbench.schema.create');
      return undefined;
    }
    if (all.length === 1) return all[0];
    const active = vscode.window.activeTextEditor?.document.uri.fsPath;
    const items = all
      .map((s) => ({
        label: s.label,
        schema: s,
        description: `${s.doc.blocks.filter((b) => b.kind === 'model' || b.kind === 'view').length} models`,
        ...(active && s.root.schemaFiles.includes(active) ? { detail: 'the schema you are editing' } : {}),
      }))
      .sort((a, b) => Number(!!b.detail) - Number(!!a.detail));
    const pick = await vscode.window.showQuickPick(items, {
      title: 'Prisma: Show Diagram',
      placeHolder: 'Which schema?',
    });
    return pick?.schema;
  }

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(diagramViewType, {
      deserializeWebviewPanel: async (panel, state) => {
        await manager.load();
        manager.restore(panel, state);
      },
    }),
  );
  return manager;
}
