// Which Prisma a project uses: the installed CLI's version (node_modules/prisma/package.json, looked up
// from the project folder towards the root as Node resolves it), else the range its package.json asks
// for (prisma, then @prisma/client), else a hint from the schema itself. No `vscode` here: file reads
// come in as a function so this runs in plain Node tests.
import { hostFlavour, samePath, type PathFlavour } from '../util/pathFlavour';

export type VersionSource = 'installed' | 'package.json' | 'schema';

export interface PrismaVersion {
  /** The version or range as read: `6.19.0`, `^5.22.0`. */
  version: string;
  major: number;
  source: VersionSource;
  /** The file it was read from. */
  file: string;
}

/** Reads a file as text, or undefined when it does not exist. */
export type ReadText = (file: string) => string | undefined;

/** `6.19.0` -> 6, `^5.22.0` -> 5, `~7.1` -> 7, `>=6 <7` -> 6, `npm:prisma@6.1.0` -> 6; `latest`, `workspace:*` -> undefined. */
export function majorOf(range: string): number | undefined {
  const spec = range.trim().replace(/^npm:(@?[^@]+)@/, '');
  const m = /^(?:[\^~=v]|>=?)?\s*(\d+)(?:\.|$|\s|\.x)/.exec(spec);
  return m ? Number(m[1]) : undefined;
}

function readJson(read: ReadText, file: string): Record<string, unknown> | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** projectDir, its parent, ... up to the filesystem root (monorepos hoist node_modules). */
function ancestors(dir: string, f: PathFlavour): string[] {
  const path = f.path;
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    out.push(d);
    if (path.dirname(d) === d) return out;
  }
}

const depFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

function declaredRange(pkg: Record<string, unknown>, name: string): string | undefined {
  for (const field of depFields) {
    const deps = pkg[field];
    const v = deps && typeof deps === 'object' ? (deps as Record<string, unknown>)[name] : undefined;
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/**
 * The project's Prisma version. `stopAt` bounds the upward search (the workspace folder), so a stray
 * node_modules above the workspace is not taken for the project's.
 */
export function detectPrismaVersion(
  projectDir: string,
  read: ReadText,
  stopAt?: string,
  f: PathFlavour = hostFlavour,
): PrismaVersion | undefined {
  const path = f.path;
  const dirs = ancestors(projectDir, f);
  const bound = stopAt ? dirs.findIndex((d) => samePath(d, stopAt, f)) : -1;
  const searched = bound >= 0 ? dirs.slice(0, bound + 1) : dirs;
  for (const dir of searched) {
    for (const name of ['prisma', '@prisma/client']) {
      const file = path.join(dir, 'node_modules', name, 'package.json');
      const version = readJson(read, file)?.version;
      const major = typeof version === 'string' ? majorOf(version) : undefined;
      if (typeof version === 'string' && major !== undefined) return { version, major, source: 'installed', file };
    }
  }
  for (const dir of searched) {
    const file = path.join(dir, 'package.json');
    const pkg = readJson(read, file);
    if (!pkg) continue;
    for (const name of ['prisma', '@prisma/client']) {
      const range = declaredRange(pkg, name);
      const major = range !== undefined ? majorOf(range) : undefined;
      if (range !== undefined && major !== undefined) return { version: range, major, source: 'package.json', file };
    }
  }
  return undefined;
}

const configNames = [
  'prisma.config.ts',
  'prisma.config.mts',
  'prisma.config.cts',
  'prisma.config.js',
  'prisma.config.mjs',
  'prisma.config.cjs',
];

/** The nearest prisma.config.* from `dir` up to `stopAt` (a Prisma 7 style project has one). */
export function findConfigFile(
  dir: string,
  read: ReadText,
  stopAt?: string,
  f: PathFlavour = hostFlavour,
): string | undefined {
  const path = f.path;
  const dirs = ancestors(dir, f);
  const bound = stopAt ? dirs.findIndex((d) => samePath(d, stopAt, f)) : -1;
  for (const d of bound >= 0 ? dirs.slice(0, bound + 1) : dirs) {
    for (const name of configNames) if (read(path.join(d, name)) !== undefined) return path.join(d, name);
  }
  return undefined;
}

/** The version, else the schema's hint: what the server choice is made from. */
export function projectPrismaVersion(
  schemaFile: string,
  content: string,
  read: ReadText,
  stopAt?: string,
  f: PathFlavour = hostFlavour,
): PrismaVersion | undefined {
  const dir = f.path.dirname(schemaFile);
  return (
    detectPrismaVersion(dir, read, stopAt, f) ??
    schemaHint([{ path: schemaFile, content }], findConfigFile(dir, read, stopAt, f) !== undefined)
  );
}

/**
 * A hint from the schema text when no version is known: a datasource `url = ...` is Prisma 6-and-older
 * style (Prisma 7 moved it to prisma.config.ts), so such a schema is read as Prisma 6.
 */
export function schemaHint(
  files: { path: string; content: string }[],
  hasConfigFile: boolean,
): PrismaVersion | undefined {
  if (hasConfigFile) return undefined;
  for (const f of files) {
    const block = /datasource\s+\w+\s*\{([^}]*)\}/s.exec(f.content.replace(/\/\/[^\n]*/g, ''));
    if (block && /^\s*url\s*=/m.test(block[1]))
      return { version: '≤6 (datasource url in the schema)', major: 6, source: 'schema', file: f.path };
  }
  return undefined;
}
