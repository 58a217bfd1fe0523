// The database a schema talks to, resolved as Prisma resolves it (see core/connections/databaseUrl).
import { readFileSync } from 'node:fs';
import { readConfigDatasource } from '../../core/connections/configDatasource';
import { resolveDatabaseUrl, type ResolvedUrl } from '../../core/connections/databaseUrl';
import { resolveConnection } from '../../core/connections/namedConnections';
import { datasource } from '../../core/schema/query';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { connectionStore } from './connectionStore';

export function databaseOf(schema: WorkspaceSchema): ResolvedUrl {
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
  const inputs = {
    projectDir: schema.root.projectDir,
    schemaPath: schema.root.schemaFiles[0] ?? schema.root.schemaPath,
    configFile: schema.root.configFile,
    configUrl,
    configShadowUrl,
    provider: ds?.provider,
    schemaUrl: ds?.url,
    schemaShadowUrl: prop('shadowDatabaseUrl'),
    env: process.env,
  };
  const store = connectionStore();
  const connection = store?.activeFor(schema.root.id);
  if (!store || !connection || connection.kind === 'default') return resolveDatabaseUrl(inputs);
  return resolveConnection(connection, inputs, store.secretFor(schema.root.id, connection.id));
}

/** The active named connection was marked production by the user. */
export function markedProduction(schema: WorkspaceSchema): boolean {
  return connectionStore()?.activeFor(schema.root.id).production === true;
}
