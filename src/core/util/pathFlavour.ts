// How the machine's file system spells and compares paths. Windows: `path.win32` (drive letters, `\`, UNC)
// and case-insensitive names; macOS: `/` but case-insensitive names (APFS and HFS+ by default, which also
// treat NFC and NFD spellings of an accented name as one); Linux: case-sensitive. Core functions take a
// flavour (default: this machine's) so that tests run the Windows and macOS logic on Linux.
import path from 'node:path';

export interface PathFlavour {
  readonly platform: NodeJS.Platform;
  /** `path.win32` on Windows, `path.posix` elsewhere. */
  readonly path: path.PlatformPath;
  /** Whether two names differing only by case are one file (Windows, macOS). */
  readonly ignoreCase: boolean;
}

export function pathFlavour(platform: NodeJS.Platform = process.platform): PathFlavour {
  const win = platform === 'win32';
  return { platform, path: win ? path.win32 : path.posix, ignoreCase: win || platform === 'darwin' };
}

/** This machine's flavour. */
export const hostFlavour: PathFlavour = pathFlavour();

/** What identifies a file: the normalised absolute path, folded where the file system ignores case. */
export function pathKey(file: string, f: PathFlavour = hostFlavour): string {
  let p = f.path.resolve(file);
  // `C:\proj\` and `C:\proj` are one folder (a root keeps its separator)
  if (p.length > f.path.parse(p).root.length && p.endsWith(f.path.sep)) p = p.slice(0, -1);
  return f.ignoreCase ? p.normalize('NFC').toLowerCase() : p;
}

/** `C:\Proj\schema.prisma` and `c:\proj\Schema.prisma` are one file on Windows and macOS, two on Linux. */
export function samePath(a: string, b: string, f: PathFlavour = hostFlavour): boolean {
  return pathKey(a, f) === pathKey(b, f);
}

/** `file` is strictly below `dir` (not `dir` itself, not a sibling such as `dir-old`). */
export function isInside(file: string, dir: string, f: PathFlavour = hostFlavour): boolean {
  const rel = f.path.relative(pathKey(dir, f), pathKey(file, f));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${f.path.sep}`) && !f.path.isAbsolute(rel);
}
