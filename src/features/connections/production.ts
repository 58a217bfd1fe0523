// Whether a schema's database counts as production, with the patterns read so that a folder cannot loosen
// the user's (core/connections/databaseInfo combinePatterns), and whether background queries (drift watch
// polls, the migration lint's row counts, the grid's automatic counts) may run on it.
import * as vscode from 'vscode';
import { isProduction } from '../../core/connections/databaseInfo';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { markedProduction, productionPatterns } from './schemaDatabase';

export { productionPatterns };

/** The URL matches the production patterns, or the user marked the schema's active connection production. */
export function isProductionDatabase(schema: WorkspaceSchema, url: string): boolean {
  return isProduction(url, productionPatterns(vscode.Uri.file(schema.root.schemaPath))) || markedProduction(schema);
}

/** `prismaWorkbench.production.allowBackgroundQueries`: the user let watch mode, the lint and counts query production. */
export function backgroundQueriesAllowed(scope?: vscode.Uri): boolean {
  return vscode.workspace
    .getConfiguration('prismaWorkbench', scope ?? null)
    .get<boolean>('production.allowBackgroundQueries', false);
}

/** Why a background query is not run on this database, or undefined when it may run. */
export function backgroundQueryRefusal(schema: WorkspaceSchema, url: string): string | undefined {
  if (!isProductionDatabase(schema, url)) return undefined;
  if (backgroundQueriesAllowed(vscode.Uri.file(schema.root.schemaPath))) return undefined;
  return `the database counts as production (${markedProduction(schema) ? 'its connection is marked production' : 'prismaWorkbench.production.urlPatterns'}); turn on prismaWorkbench.production.allowBackgroundQueries to let it run there`;
}
