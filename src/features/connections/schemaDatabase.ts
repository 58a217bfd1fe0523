// The database a schema talks to, resolved as Prisma resolves it (see core/connections/databaseUrl).
import { readFileSync } from 'node:fs';
import { readConfigDatasource } from '../../core/connections/configDatasource';
import { resolveDatabaseUrl, type ResolvedUrl } from '../../core/connections/databaseUrl';
import { datasource } from '../../core/schema/query';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';

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
  return resolveDatabaseUrl({
    projectDir: schema.root.projectDir,
    schemaPath: schema.root.schemaFiles[0] ?? schema.root.schemaPath,
    configFile: schema.root.configFile,
    configUrl,
    configShadowUrl,
    provider: ds?.provider,
    schemaUrl: ds?.url,
    schemaShadowUrl: prop('shadowDatabaseUrl'),
    env: process.env,
  });
}
