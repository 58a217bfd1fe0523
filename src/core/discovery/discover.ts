// Finds the Prisma schemas of a workspace folder from the files it holds, as Prisma would resolve them:
// prisma.config.ts first, then package.json's `prisma.schema`, then schema files found on disk
// (a file with a datasource or generator block, together with the .prisma files beside and under it).
import { readPrismaConfig } from './configReader';
import { findContracts } from './prismaNext';
import type { SchemaRoot, SchemaRootSource } from './schemaRoot';
import { hostFlavour, isInside, pathKey, type PathFlavour } from '../util/pathFlavour';

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

/**
 * The Prisma ORM schemas of a folder (Prisma Next contracts are left out). Paths are compared as the file system `f` does: on Windows and macOS a config
 * naming `prisma/Schema.prisma` finds `prisma/schema.prisma`, and one file reached by two spellings is one
 * schema; the files keep the spelling they were found with.
 */
export function discoverSchemas(input: DiscoveryInput, readFile: ReadFile, f: PathFlavour = hostFlavour): SchemaRoot[] {
  const path = f.path;
  const key = (p: string) => pathKey(p, f);
  const inside = (file: string, dir: string) => isInside(file, dir, f);
  const contentOf = new Map<string, string>();
  const read = (f: string): string => {
    if (!contentOf.has(f)) contentOf.set(f, readFile(f) ?? '');
    return contentOf.get(f) ?? '';
  };
  // Prisma Next contracts (prismaNext.ts) are not Prisma ORM schemas: left out
  const { notOrm } = findContracts(input.prismaFiles, input.packageJsons, read);
  const onDisk = new Map<string, string>();
  for (const file of input.prismaFiles) if (!notOrm.has(file) && !onDisk.has(key(file))) onDisk.set(key(file), file);
  const prismaFiles = [...onDisk.values()].sort();
  /** The spelling a file was found with (a path naming a found file in other case is that file). */
  const found = (p: string) => onDisk.get(key(p));
  const claimed = new Set<string>();
  const roots = new Map<string, SchemaRoot>();

  const add = (
    schemaPath: string,
    projectDir: string,
    source: SchemaRootSource,
    extra: { configFile?: string; migrationsPath?: string; files?: string[] } = {},
  ) => {
    schemaPath = found(schemaPath) ?? schemaPath;
    if (roots.has(key(schemaPath))) return;
    const isFile = /\.prisma$/i.test(schemaPath);
    const schemaFiles =
      extra.files ??
      (isFile ? (found(schemaPath) ? [schemaPath] : []) : prismaFiles.filter((file) => inside(file, schemaPath)));
    const mainFile = schemaFiles.find((f) => datasourceBlock.test(read(f)));
    const migrationsDir =
      extra.migrationsPath ??
      path.join(mainFile ? path.dirname(mainFile) : isFile ? path.dirname(schemaPath) : schemaPath, 'migrations');
    for (const file of schemaFiles) claimed.add(key(file));
    roots.set(key(schemaPath), {
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
    const schemaPath = info.schema ? path.resolve(dir, info.schema) : defaultSchemaPath(dir);
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
  const rest = prismaFiles.filter((file) => !claimed.has(key(file)));
  // Folders are grouped by key: `C:\proj\prisma` and `c:\proj\prisma` are one folder on Windows.
  const heads = new Map<string, string>();
  for (const file of rest) if (datasourceBlock.test(read(file))) heads.set(key(path.dirname(file)), path.dirname(file));
  const members = new Map<string, string[]>([...heads.keys()].map((k) => [k, []]));
  const orphans = new Map<string, string[]>();
  for (const file of rest) {
    const dir = key(path.dirname(file));
    const head = members.has(dir)
      ? dir
      : [...heads.keys()].filter((d) => inside(file, d)).sort((a, b) => b.length - a.length)[0];
    if (head) members.get(head)?.push(file);
    else orphans.set(dir, [...(orphans.get(dir) ?? []), file]);
  }
  for (const [dir, files] of [...members, ...orphans]) {
    const folder = heads.get(dir) ?? path.dirname(files[0]);
    add(files.length > 1 ? folder : files[0], projectDirFor(folder), 'default', { files: files.sort() });
  }

  return [...roots.values()].sort((a, b) => a.schemaPath.localeCompare(b.schemaPath));

  function defaultSchemaPath(dir: string): string | undefined {
    for (const candidate of [path.join(dir, 'prisma', 'schema.prisma'), path.join(dir, 'schema.prisma')]) {
      const file = found(candidate);
      if (file) return file;
    }
    const folder = path.join(dir, 'prisma', 'schema');
    return prismaFiles.some((file) => inside(file, folder)) ? folder : undefined;
  }

  /** A schema in `<project>/prisma/` belongs to `<project>`. */
  function projectDirFor(schemaDir: string): string {
    const named = (dir: string, name: string) =>
      (f.ignoreCase ? path.basename(dir).toLowerCase() : path.basename(dir)) === name;
    let dir = schemaDir;
    while (named(dir, 'prisma') || named(dir, 'schema')) dir = path.dirname(dir);
    return dir;
  }
}
