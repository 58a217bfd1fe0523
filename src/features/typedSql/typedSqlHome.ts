// The schema a `.sql` file is a TypedSQL query of: the first schema with the `typedSql` preview feature whose
// TypedSQL folder holds the file (core/typedSql/typedSqlFiles.ts has Prisma's rules).
import { readFileSync } from 'node:fs';
import { readPrismaConfig } from '../../core/discovery/configReader';
import type { SqlProvider } from '../../core/notebook/runSupport';
import { datasource } from '../../core/schema/query';
import { isTypedSqlFile, typedSqlDirs, typedSqlEnabled } from '../../core/typedSql/typedSqlFiles';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';

export interface TypedSqlHome {
  schema: WorkspaceSchema;
  /** The schema's SQL dialect; undefined for a database TypedSQL does not run on (SQL Server, MongoDB). */
  provider?: SqlProvider;
}

const dirsOf = new WeakMap<WorkspaceSchema, string[]>();

function dirs(schema: WorkspaceSchema): string[] {
  let found = dirsOf.get(schema);
  if (!found) {
    let configTypedSqlPath: string | undefined;
    try {
      if (schema.root.configFile)
        configTypedSqlPath = readPrismaConfig(readFileSync(schema.root.configFile, 'utf8')).typedSqlPath;
    } catch {
      // no config to read: Prisma's default folder
    }
    const datasourceFile = datasource(schema.doc)?.block.location.file;
    found = typedSqlDirs(schema.root, {
      ...(configTypedSqlPath ? { configTypedSqlPath } : {}),
      ...(datasourceFile ? { datasourceFile } : {}),
    });
    dirsOf.set(schema, found);
  }
  return found;
}

export function providerOf(schema: WorkspaceSchema): SqlProvider | undefined {
  const p = datasource(schema.doc)?.provider;
  return p === 'cockroachdb' ? 'postgresql' : p === 'postgresql' || p === 'mysql' || p === 'sqlite' ? p : undefined;
}

export function typedSqlHome(file: string, schemas: WorkspaceSchemas): TypedSqlHome | undefined {
  const schema = schemas.schemas.find((s) => !s.failure && typedSqlEnabled(s.doc) && isTypedSqlFile(file, dirs(s)));
  if (!schema) return undefined;
  const provider = providerOf(schema);
  return { schema, ...(provider ? { provider } : {}) };
}
