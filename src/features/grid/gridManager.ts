// The data grid's open tabs and database sessions: created on the grid's first use (register.ts), with the
// grid panel, the sessions, the import and the data access under core/data they bring.
import * as vscode from 'vscode';
import { findBlock } from '../../core/schema/query';
import { isPlainObject } from '../../shared/protocol/validate';
import { crumbs, parseViewState, type Filter } from '../../shared/protocol/messages';
import type { Services } from '../../host/services';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { GridPanel, type GridHost } from './gridPanel';
import { benchTrace } from '../../host/benchTrace';
import { gridViewType } from './gridViewType';
import { GridSessions } from './gridSessions';
import { importIntoModel, type ImportOptions, type ImportOutcome } from './gridImport';
import type { ImportPreviews } from './importPreviews';

export class GridManager implements GridHost {
  /** Open panels; a panel shows one model at a time and may change it (following a relation, going back). */
  private readonly panels = new Set<GridPanel>();
  /** The panels by when they were last the active tab, the latest last. */
  private recent: GridPanel[] = [];
  readonly sessions: GridSessions;
  readonly log: Services['log'];
  readonly extensionUri: vscode.Uri;
  readonly workspaceState: vscode.Memento;

  constructor(
    context: vscode.ExtensionContext,
    services: Services,
    readonly importPreviews: ImportPreviews,
  ) {
    this.log = services.log;
    this.extensionUri = context.extensionUri;
    this.workspaceState = context.workspaceState;
    this.sessions = new GridSessions(context, services.log, services.schemas);
    context.subscriptions.push(this.sessions, {
      dispose: () => {
        for (const p of [...this.panels.values()]) p.dispose();
      },
    });
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
   * The user is about to pick `model` (highlighted in the palette's model pick): when it would show in
   * the grid tab used last, its first page is read now (GridPanel.warm), on the schema's open session only.
   */
  warm(schema: WorkspaceSchema, model: string): void {
    if ([...this.panels].some((p) => p.schemaId === schema.root.id && p.model === model)) return;
    const panel = this.reusablePanel(schema.root.id);
    if (panel && this.sessions.isOpen(schema)) panel.warm(model);
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
      benchTrace('grid host: shows it in the open tab');
      await reuse.show(model, filters);
      // already the active tab (picked from the palette over it): revealing it again would only move focus
      if (!reuse.panel.active) reuse.panel.reveal();
      return reuse;
    }
    // a tab of the model opened again with other filters replaces it, unless it holds staged edits
    if (existing && !existing.hasPendingEdits) existing.dispose();
    const panel = vscode.window.createWebviewPanel(gridViewType, `${model} · data`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    benchTrace('grid host: panel created');
    return this.track(new GridPanel(this, panel, schema.root.id, model, undefined, filters));
  }

  openRelated(schemaId: string, model: string, filters: Filter[]): Promise<GridPanel> {
    return this.openInNewTab(schemaId, model, filters);
  }

  async openInNewTab(schemaId: string, model: string, filters?: Filter[]): Promise<GridPanel> {
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
