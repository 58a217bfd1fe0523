// Prisma Next ("Prisma 8") contracts: `.prisma` files that describe a Prisma Next data contract, not a
// Prisma ORM schema. They have no datasource or generator, and blocks Prisma ORM does not know
// (`namespace`, `types`, `@@base`, `@@discriminator`), so ORM validation, migrations, drift and the grid
// do not apply to them. What marks one, strongest first:
// - a first line `// use prisma-next` or `// use prisma-8`;
// - the file name `contract.prisma` with no datasource or generator block;
// - a project whose package.json depends on `prisma-next` or an `@prisma-next/*` package, for a file with
//   no datasource or generator block.
// The last two give way to a Prisma ORM schema: a file in or below the folder of a file with a datasource
// is part of that schema (a multi-file schema may well hold a `contract.prisma` with a model Contract).
// Copies that Prisma Next keeps beside its migrations (`migrations/**/contract.prisma`) are snapshots,
// not the contract: they are left out.
import * as path from 'node:path';

export type ContractSignal = 'header' | 'file name' | 'dependencies';

export interface ContractRoot {
  /** Stable id: the contract file's absolute path. */
  id: string;
  file: string;
  /** The folder of the nearest package.json, else the file's folder. */
  projectDir: string;
  /** What marked the file as a Prisma Next contract (said in the Models view's tooltip). */
  signal: ContractSignal;
}

const header = /^\s*\/\/\s*use\s+prisma-(?:next|8)\b/i;
const ormBlock = /^[ \t]*(?:datasource|generator)[ \t]+\w+[ \t]*\{/m;

/** True when a package.json's dependencies name Prisma Next. */
export function dependsOnPrismaNext(packageJson: string): boolean {
  try {
    const pkg = JSON.parse(packageJson) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'peerDependencies'].some((k) => {
      const deps = pkg[k];
      return (
        typeof deps === 'object' &&
        deps !== null &&
        Object.keys(deps).some((name) => name === 'prisma-next' || name.startsWith('@prisma-next/'))
      );
    });
  } catch {
    return false;
  }
}

/** True when the first line of `text` that is not blank says `// use prisma-next` (or `prisma-8`). */
export function hasContractHeader(text: string): boolean {
  const firstLine =
    text
      .slice(0, 4096)
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? '';
  return header.test(firstLine);
}

/** Why `text` (the file `file`) is a Prisma Next contract, or undefined when it is not one. */
export function contractSignal(file: string, text: string, projectUsesPrismaNext = false): ContractSignal | undefined {
  if (hasContractHeader(text)) return 'header';
  if (ormBlock.test(text)) return undefined;
  if (path.basename(file).toLowerCase() === 'contract.prisma') return 'file name';
  return projectUsesPrismaNext ? 'dependencies' : undefined;
}

function isSnapshot(file: string): boolean {
  return file.split(/[\\/]/).slice(0, -1).includes('migrations');
}

/** The Prisma Next contracts of a workspace, and every file that is not Prisma ORM's (contracts and snapshots). */
export interface PrismaNextFiles {
  contracts: ContractRoot[];
  notOrm: Set<string>;
}

/**
 * Finds the Prisma Next contracts among `prismaFiles`. `packageJsons` are every package.json found; the
 * nearest one above a file decides whether its project uses Prisma Next.
 */
export function findContracts(
  prismaFiles: readonly string[],
  packageJsons: readonly string[],
  read: (file: string) => string,
): PrismaNextFiles {
  const projects = new Map(packageJsons.map((p) => [path.dirname(p), p]));
  const nearestProject = (file: string): string | undefined => {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if (projects.has(dir)) return dir;
      if (path.dirname(dir) === dir) return undefined;
    }
  };
  const ormDirs = new Set(prismaFiles.filter((f) => ormBlock.test(read(f))).map((f) => path.dirname(f)));
  const underOrmSchema = (file: string, project: string | undefined): boolean => {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if (ormDirs.has(dir)) return true;
      if (dir === project || path.dirname(dir) === dir) return false;
    }
  };
  const usesNext = new Map<string, boolean>();
  const contracts: ContractRoot[] = [];
  const notOrm = new Set<string>();
  for (const file of [...new Set(prismaFiles)].sort()) {
    const project = nearestProject(file);
    if (project !== undefined && !usesNext.has(project))
      usesNext.set(project, dependsOnPrismaNext(read(projects.get(project)!)));
    const signal = contractSignal(file, read(file), project !== undefined && usesNext.get(project) === true);
    // a file without a datasource beside or below an ORM schema's main file is one of its files (a model
    // named Contract in `prisma/schema/contract.prisma`), unless its first line says otherwise
    if (!signal || (signal !== 'header' && underOrmSchema(file, project))) continue;
    notOrm.add(file);
    if (!isSnapshot(file)) contracts.push({ id: file, file, projectDir: project ?? path.dirname(file), signal });
  }
  return { contracts, notOrm };
}
