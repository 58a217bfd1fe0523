// URIs the trees give their items so the drift marks reach them as file decorations (a badge, a colour
// and a tooltip) without the trees knowing about drift or rebuilding when a check ends.
import * as vscode from 'vscode';

export const DRIFT_ITEM_SCHEME = 'prisma-workbench-drift';

/** A model / view / enum of the schema file `file`. */
export function driftBlockUri(file: string, block: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DRIFT_ITEM_SCHEME, path: `/block/${block}`, query: file });
}

/** A migration folder of the schema `schemaId`. */
export function driftMigrationUri(schemaId: string, migration: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DRIFT_ITEM_SCHEME, path: `/migration/${migration}`, query: schemaId });
}

export function parseDriftUri(
  uri: vscode.Uri,
): { kind: 'block' | 'migration'; name: string; owner: string } | undefined {
  if (uri.scheme !== DRIFT_ITEM_SCHEME) return undefined;
  const m = /^\/(block|migration)\/(.+)$/.exec(uri.path);
  return m ? { kind: m[1] as 'block' | 'migration', name: m[2], owner: uri.query } : undefined;
}
