// The files at the places Prisma looks by convention, read directly (a few directory listings and file
// reads, no workspace search): `schema.prisma`, `prisma/` (with `prisma/schema/`), `package.json#prisma`
// and `prisma.config.*` of one folder. Discovery shows these schemas at once, before the search for
// monorepos ends. Config files are read as text (configReader), never executed: allowed in Restricted Mode.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { readPrismaConfig } from './configReader';
import type { DiscoveryInput } from './discover';

export interface DirEntry {
  name: string;
  directory: boolean;
}

/** How discovery reads the disk: `undefined` when the folder or file is not there. */
export interface DiscoveryFs {
  list(dir: string): Promise<DirEntry[] | undefined>;
  read(file: string): Promise<string | undefined>;
}

/** Files found for discovery, with the text of each one read. */
export interface FoundFiles {
  input: DiscoveryInput;
  contents: Map<string, string>;
}

const configName = /^prisma\.config\.[cm]?[jt]s$/;
/** Folders a schema folder never holds schema files in (the search excludes the same and more). */
const skippedDir = /^(node_modules|\.git|migrations|dist|out|build|generated)$/;
const maxDepth = 4;

/** The `.prisma` files under `dir`; `found` is called for each as soon as its folder is listed (to read it at once). */
async function prismaFilesUnder(
  dir: string,
  fs: DiscoveryFs,
  found: (file: string) => void,
  depth = 0,
): Promise<string[]> {
  const entries = await fs.list(dir);
  if (!entries) return [];
  const files = entries.filter((e) => !e.directory && e.name.endsWith('.prisma')).map((e) => path.join(dir, e.name));
  files.forEach(found);
  if (depth >= maxDepth) return files;
  const subdirs = entries.filter((e) => e.directory && !skippedDir.test(e.name));
  const nested = await Promise.all(subdirs.map((e) => prismaFilesUnder(path.join(dir, e.name), fs, found, depth + 1)));
  return [...files, ...nested.flat()];
}

/** Reads the conventional places of one workspace folder. */
export async function readConventionalPlaces(folder: string, fs: DiscoveryFs): Promise<FoundFiles> {
  const contents = new Map<string, string>();
  const reads = new Map<string, Promise<string | undefined>>();
  /** Each file read once, started as soon as it is known. */
  const read = (file: string) => {
    let pending = reads.get(file);
    if (!pending) {
      pending = fs.read(file).then(
        (text) => {
          if (text !== undefined) contents.set(file, text);
          return text;
        },
        () => undefined, // a DiscoveryFs says undefined; this one threw: not there either
      );
      reads.set(file, pending);
    }
    return pending;
  };
  // Every step waits its turn on the host's event loop, which is busy while the window starts: what does not
  // depend on another step starts at once (the folder's listing beside prisma/'s, each file read as it is seen).
  const prismaDir = path.join(folder, 'prisma');
  const underPrisma = prismaFilesUnder(prismaDir, fs, (f) => void read(f));
  underPrisma.catch(() => undefined); // awaited below; handled meanwhile
  const top = (await fs.list(folder)) ?? [];
  const topFiles = top.filter((e) => !e.directory).map((e) => e.name);
  const prismaFiles = new Set(topFiles.filter((n) => n.endsWith('.prisma')).map((n) => path.join(folder, n)));
  prismaFiles.forEach((f) => void read(f));
  const configFiles = topFiles.filter((n) => configName.test(n)).map((n) => path.join(folder, n));
  const packageJsons = topFiles.includes('package.json') ? [path.join(folder, 'package.json')] : [];

  // The schema a config or package.json names may live anywhere: a file, or a folder of files.
  const named: string[] = [];
  await Promise.all([
    ...configFiles.map(async (f) => {
      const schema = readPrismaConfig((await read(f)) ?? '').schema;
      if (schema) named.push(path.resolve(folder, schema));
    }),
    ...packageJsons.map(async (f) => {
      try {
        const schema = (JSON.parse((await read(f)) ?? '') as { prisma?: { schema?: unknown } }).prisma?.schema;
        if (typeof schema === 'string' && schema) named.push(path.resolve(folder, schema));
      } catch {
        // not JSON: the full discovery reports nothing for it either
      }
    }),
  ]);
  const places = named.filter((p) => !p.endsWith('.prisma') && p !== prismaDir);
  for (const file of named.filter((p) => p.endsWith('.prisma'))) prismaFiles.add(file);
  for (const files of await Promise.all([
    underPrisma,
    ...places.map((p) => prismaFilesUnder(p, fs, (f) => void read(f))),
  ]))
    for (const f of files) prismaFiles.add(f);
  await Promise.all([...prismaFiles].map(read));

  return {
    input: { prismaFiles: [...prismaFiles].filter((f) => contents.has(f)), configFiles, packageJsons },
    contents,
  };
}

/** The files of several folders together. */
export function mergeFound(found: FoundFiles[]): FoundFiles {
  return {
    input: {
      prismaFiles: found.flatMap((f) => f.input.prismaFiles),
      configFiles: found.flatMap((f) => f.input.configFiles),
      packageJsons: found.flatMap((f) => f.input.packageJsons),
    },
    contents: new Map(found.flatMap((f) => [...f.contents])),
  };
}

/**
 * The disk read with Node directly: in the extension host this is a few system calls, while every
 * workspace.fs call waits its turn on the host's busy event loop (measured by the activation bench).
 */
export const nodeDiscoveryFs: DiscoveryFs = {
  async list(dir) {
    try {
      return (await readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, directory: e.isDirectory() }));
    } catch {
      return undefined;
    }
  },
  async read(file) {
    try {
      return await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};
