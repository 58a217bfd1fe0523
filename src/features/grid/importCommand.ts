// The "Import…" command: which model (Models view node, palette pick or ImportArgs from code); the import
// itself (gridImport.ts, with the grid's sessions and codecs) loads when it first runs.
import * as vscode from 'vscode';
import type { TreeNode } from '../../core/tree/treeNode';
import { isPlainObject } from '../../shared/protocol/validate';
import { BadArgumentError, registerCommand } from '../../host/commands';
import { requireTrust } from '../../host/trust';
import type { Log } from '../../host/log';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { schemaOfFile as schemaOf } from '../../core/discovery/schemaOfFile';
import type { ImportHost, ImportOptions } from './gridImport';

export const importCommand = 'prismaWorkbench.grid.import';

/** Argument of prismaWorkbench.grid.import from code: which model, and optionally the file and the answer. */
export interface ImportArgs {
  schemaId?: string;
  /** A schema file path, when the caller knows the file rather than the schema id. */
  file?: string;
  model: string;
  /** The CSV / JSON file to import (skips the file dialog). */
  source?: string;
  /** true skips the confirmation; false previews only. */
  confirm?: boolean;
}

/** "Import…" on a model of the Models view, or from the palette (pick a model), or from code with ImportArgs. */
export function registerImportCommand(
  context: vscode.ExtensionContext,
  log: Log,
  host: () => Promise<ImportHost>,
  schemas: WorkspaceSchemas,
): void {
  const importIntoModel = async (schemaId: string, model: string, options: ImportOptions) =>
    (await import('./gridImport')).importIntoModel(await host(), schemaId, model, options);
  const schemaOfFile = (file: string | undefined): WorkspaceSchema | undefined => schemaOf(schemas.schemas, file);
  registerCommand(context, log, importCommand, async (arg: unknown) => {
    requireTrust('Import');
    if (arg === undefined) {
      const items = schemas.schemas.flatMap((s) =>
        s.doc.blocks
          .filter((b) => b.kind === 'model')
          .map((b) => ({ label: b.name, description: schemas.schemas.length > 1 ? s.label : '', schema: s })),
      );
      if (items.length === 0) {
        void vscode.window.showInformationMessage('No Prisma model found in this workspace.');
        return undefined;
      }
      const pick =
        items.length === 1
          ? items[0]
          : await vscode.window.showQuickPick(items, {
              title: 'Prisma: Import into a Model',
              placeHolder: 'Model to import rows into',
            });
      return pick ? importIntoModel(pick.schema.root.id, pick.label, {}) : undefined;
    }
    if (!isPlainObject(arg) && !(typeof arg === 'object' && arg !== null && typeof (arg as TreeNode).kind === 'string'))
      throw new BadArgumentError(importCommand, 'something that is not a model');
    const node = arg as Partial<TreeNode> & Partial<Record<keyof ImportArgs, unknown>>;
    if (node.kind === 'model' && typeof node.label === 'string') {
      const schema = schemaOfFile(node.location?.file);
      if (!schema) throw new Error(`the schema of ${node.label} is no longer in the workspace`);
      return importIntoModel(schema.root.id, node.label, {});
    }
    if (typeof node.model !== 'string') throw new BadArgumentError(importCommand, 'something that is not a model');
    if (node.source !== undefined && typeof node.source !== 'string')
      throw new BadArgumentError(importCommand, 'a source that is not a file path');
    if (node.confirm !== undefined && typeof node.confirm !== 'boolean')
      throw new BadArgumentError(importCommand, 'a confirm that is not true or false');
    const schema =
      typeof node.schemaId === 'string'
        ? (await host()).sessions.schemaById(node.schemaId)
        : (schemaOfFile(typeof node.file === 'string' ? node.file : undefined) ??
          (schemas.schemas.length === 1 ? schemas.schemas[0] : undefined));
    if (!schema) throw new Error('say which schema: pass schemaId or file');
    return importIntoModel(schema.root.id, node.model, {
      ...(node.source !== undefined ? { source: node.source } : {}),
      ...(node.confirm !== undefined ? { confirm: node.confirm } : {}),
    });
  });
}
