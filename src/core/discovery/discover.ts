// Finds the Prisma schemas of a workspace folder from the files it holds, as Prisma would resolve them:
// prisma.config.ts first, then package.json's `prisma.schema`, then schema files found on disk
// (a file with a datasource or generator block, together with the .prisma files beside and under it).
import * as path from 'node:path';
import { readPrismaConfig } from './configReader';
import { findContracts } from './prismaNext';
import type { SchemaRoot, SchemaRootSource } from './schemaRoot';

export interface DiscoveryInput {
  /** Every `.prisma` file found (absolute paths). */
  prismaFiles: string[];
  /** Every `prisma.config.{ts,mts,cts,js,mjs,cjs}` found. */
  configFiles: string[];
  /** Every `package.json` found. */
  packageJsons: string[];
}

export type ReadFile = (file: string) => string | undefined;

const datasourceBlock = /^[ \t]*datasource[ \t]+\w+[ \t]*\{/m;

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function defaultSchemaPath(dir: string, prismaFiles: Set<string>): string | undefined {
  for (const candidate of [path.join(dir, 'prisma', 'schema.prisma'), path.join(dir, 'schema.prisma')]) {
    if (prismaFiles.has(candidate)) return candidate;
  }
  const folder = path.join(dir, 'prisma', 'schema');
  for (const f of prismaFiles) if (isInside(f, folder)) return folder;
  return undefined;
}

/** The Prisma ORM schemas of a workspace; Prisma Next contracts (see prismaNext.ts) are left out. */
export function discoverSchemas(input: DiscoveryInput, readFile: ReadFile): SchemaRoot[] {
  const contentOf = new Map<string, string>();
  const read = (f: string): string => {
    if (!contentOf.has(f)) contentOf.set(f, readFile(f) ?? '');
    return contentOf.get(f) ?? '';
  };
  const { notOrm } = findContracts(input.prismaFiles, input.packageJsons, read);
  const prismaFiles = [...new Set(input.prismaFiles)].filter((f) => !notOrm.has(f)).sort();
  const fileSet = new Set(prismaFiles);
  const claimed = new Set<string>();
  const roots = new Map<string, SchemaRoot>();

  const add = (
    schemaPath: string,
    projectDir: string,
    source: SchemaRootSource,
    extra: { configFile?: string; migrationsPath?: string; files?: string[] } = {},
  ) => {
    if (roots.has(schemaPath)) return;
    const isFile = schemaPath.endsWith('.prisma');
    const schemaFiles =
      extra.files ??
      (isFile ? (fileSet.has(schemaPath) ? [schemaPath] : []) : prismaFiles.filter((f) => isInside(f, schemaPath)));
    const mainFile = schemaFiles.find((f) => datasourceBlock.test(read(f)));
    const migrationsDir =
      extra.migrationsPath ??
      path.join(mainFile ? path.dirname(mainFile) : isFile ? path.dirname(schemaPath) : schemaPath, 'migrations');
    for (const f of schemaFiles) claimed.add(f);
    roots.set(schemaPath, {
      id: schemaPath,
      projectDir,
      schemaPath,
      schemaFiles,
      migrationsDir,
      configFile: extra.configFile,
      source,
    });
  };

  for (const config of [...input.configFiles].sort()) {
    const dir = path.dirname(config);
    const info = readPrismaConfig(read(config));
    const schemaPath = info.schema ? path.resolve(dir, info.schema) : defaultSchemaPath(dir, fileSet);
    if (!schemaPath) continue;
    const migrationsPath = info.migrationsPath ? path.resolve(dir, info.migrationsPath) : undefined;
    add(schemaPath, dir, 'prisma.config', { configFile: config, migrationsPath });
  }

  for (const pkg of [...input.packageJsons].sort()) {
    let schema: unknown;
    try {
      schema = (JSON.parse(read(pkg)) as { prisma?: { schema?: unknown } }).prisma?.schema;
    } catch {
      continue;
    }
    if (typeof schema === 'string' && schema)
      add(path.resolve(path.dirname(pkg), schema), path.dirname(pkg), 'package.json');
  }

  // Schemas found on disk: each folder holding a file with a datasource heads a schema, and the other
  // unclaimed files join the nearest such folder above them, or form a schema of their own folder.
  const rest = prismaFiles.filter((f) => !claimed.has(f));
  const headDirs = [...new Set(rest.filter((f) => datasourceBlock.test(read(f))).map((f) => path.dirname(f)))];
  const members = new Map<string, string[]>(headDirs.map((d) => [d, []]));
  const orphans = new Map<string, string[]>();
  for (const f of rest) {
    const dir = path.dirname(f);
    const head = members.has(dir) ? dir : headDirs.filter((d) => isInside(f, d)).sort((a, b) => b.length - a.length)[0];
    if (head) members.get(head)?.push(f);
    else orphans.set(dir, [...(orphans.get(dir) ?? []), f]);
  }
  for (const [dir, files] of [...members, ...orphans])
    add(files.length > 1 ? dir : files[0], projectDirFor(dir), 'default', { files: files.sort() });

  return [...roots.values()].sort((a, b) => a.schemaPath.localeCompare(b.schemaPath));
}

/** A schema in `<project>/prisma/` belongs to `<project>`. */
function projectDirFor(schemaDir: string): string {
  let dir = schemaDir;
  while (path.basename(dir) === 'prisma' || path.basename(dir) === 'schema') dir = path.dirname(dir);
  return dir;
}
