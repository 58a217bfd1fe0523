// Which discovered schema a file or a path names, compared as the file system does: on Windows an editor's
// `c:\proj\prisma\schema.prisma` and a tasks.json's `C:\Proj\prisma\Schema.prisma` are the same file.
import { hostFlavour, samePath, type PathFlavour } from '../util/pathFlavour';
import type { SchemaRoot } from './schemaRoot';

interface HasRoot {
  readonly root: SchemaRoot;
}

/** The schema `file` is one of the files of (or whose schema path, a file or a folder, it is). */
export function schemaOfFile<T extends HasRoot>(
  schemas: readonly T[],
  file: string | undefined,
  f: PathFlavour = hostFlavour,
): T | undefined {
  if (!file) return undefined;
  return schemas.find(
    (s) => samePath(s.root.schemaPath, file, f) || s.root.schemaFiles.some((x) => samePath(x, file, f)),
  );
}

/** The schema a user-given path names: absolute, or relative to `base` (the workspace folder). */
export function schemaAtPath<T extends HasRoot>(
  schemas: readonly T[],
  wanted: string,
  base?: string,
  f: PathFlavour = hostFlavour,
): T | undefined {
  if (!f.path.isAbsolute(wanted) && base === undefined) return undefined;
  const target = f.path.resolve(base ?? '', wanted);
  return schemas.find((s) => samePath(s.root.schemaPath, target, f));
}
