// The database a schema talks to: ONE resolver (core/connections/databaseTarget) fed with the schema, the
// active named connection and the production settings. Tasks, the grid, Import, drift, the lint and the
// views all ask here, so they all act on (and name) the same database.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { readConfigDatasource } from '../../core/connections/configDatasource';
import { combinePatterns } from '../../core/connections/databaseInfo';
import { resolveDatabaseTarget, type DatabaseTarget } from '../../core/connections/databaseTarget';
import type { ResolvedUrl } from '../../core/connections/databaseUrl';
import { datasource } from '../../core/schema/query';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { connectionStore } from './connectionStore';

/**
 * `prismaWorkbench.production.urlPatterns`: the user's value (or the default) plus the workspace's and the
 * folder's, so that a folder's settings can add production patterns but never remove the user's.
 */
export function productionPatterns(scope?: vscode.Uri): string[] {
  const levels = vscode.workspace
    .getConfiguration('prismaWorkbench', scope ?? null)
    .inspect<string[]>('production.urlPatterns');
  return combinePatterns(levels ?? {});
}

/** The schema's database as every feature sees it; `override`: the grid's `data.databaseUrl` setting. */
export function targetOf(schema: WorkspaceSchema, override?: { url: string; from: string }): DatabaseTarget {
  const ds = datasource(schema.doc);
  const prop = (key: string) => ds?.block.properties.find((p) => p.key === key)?.value;
  let config = {};
  if (schema.root.configFile) {
    try {
      config = readConfigDatasource(readFileSync(schema.root.configFile, 'utf8'));
    } catch {
      // unreadable config: the schema's own url (if any) is used
    }
  }
  const { url: configUrl, shadowDatabaseUrl: configShadowUrl } = config as { url?: string; shadowDatabaseUrl?: string };
  const store = connectionStore();
  const connection = store?.activeFor(schema.root.id);
  const patterns = productionPatterns(vscode.Uri.file(schema.root.schemaPath));
  return resolveDatabaseTarget({
    projectDir: schema.root.projectDir,
    schemaPath: schema.root.schemaFiles[0] ?? schema.root.schemaPath,
    configFile: schema.root.configFile,
    configUrl,
    configShadowUrl,
    provider: ds?.provider,
    schemaUrl: ds?.url,
    schemaShadowUrl: prop('shadowDatabaseUrl'),
    env: process.env,
    connection,
    secret: connection ? store?.secretFor(schema.root.id, connection.id) : undefined,
    patterns,
    override,
  });
}

/** The URL part of targetOf(), in the shape the engine-facing code takes. */
export function databaseOf(schema: WorkspaceSchema): ResolvedUrl {
  const t = targetOf(schema);
  if (!t.ok) return { ok: false, provider: t.provider, reason: t.reason, ...(t.missing ? { missing: true } : {}) };
  const base = { ok: true as const, url: t.url, provider: t.provider, from: t.source, baseDir: t.baseDir };
  return t.shadowDatabaseUrl ? { ...base, shadowDatabaseUrl: t.shadowDatabaseUrl } : base;
}

/** The active named connection was marked production by the user. */
export function markedProduction(schema: WorkspaceSchema): boolean {
  return connectionStore()?.activeFor(schema.root.id).production === true;
}
