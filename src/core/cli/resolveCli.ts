// Which Prisma CLI a task runs: the workspace's own (`node_modules/prisma` nearest to the schema's
// project, walking up to the workspace folder, as `npx prisma` would), else the one shipped with the
// extension when there is one. Also: whether that CLI has its native schema engine (air-gapped
// machines have none, the CLI cannot download it), which decides what `engine: auto` picks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hostFlavour, samePath, type PathFlavour } from '../util/pathFlavour';

export interface PrismaCli {
  /** The JS entry (`node_modules/prisma/build/index.js`): run with Node, no shell and no .bin shim. */
  readonly entry: string;
  readonly version: string;
  readonly major: number;
  readonly source: 'workspace' | 'bundled';
  /** The package folder (node_modules/prisma). */
  readonly packageDir: string;
}

/** `stopAt` (the workspace folder) is compared as the file system `f` does: `C:\ws` is `c:\WS` on Windows. */
export function findPrismaCli(
  projectDir: string,
  stopAt?: string,
  bundledPackageDir?: string,
  f: PathFlavour = hostFlavour,
): PrismaCli | undefined {
  let dir = f.path.resolve(projectDir);
  for (;;) {
    const found = readCli(f.path.join(dir, 'node_modules', 'prisma'), 'workspace');
    if (found) return found;
    const parent = f.path.dirname(dir);
    if ((stopAt !== undefined && samePath(dir, stopAt, f)) || parent === dir) break;
    dir = parent;
  }
  return bundledPackageDir ? readCli(bundledPackageDir, 'bundled') : undefined;
}

function readCli(packageDir: string, source: PrismaCli['source']): PrismaCli | undefined {
  const entry = path.join(packageDir, 'build', 'index.js');
  if (!existsSync(entry)) return undefined;
  let version = '0.0.0';
  try {
    version = String(
      (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: unknown }).version ??
        version,
    );
  } catch {
    // unreadable package.json: version unknown
  }
  return { entry, version, major: Number(version.split('.')[0]) || 0, source, packageDir };
}

/**
 * The CLI finds its schema engine through PRISMA_SCHEMA_ENGINE_BINARY or in @prisma/engines
 * (downloaded by its postinstall). Without either it tries to download, which fails offline.
 */
export function hasNativeSchemaEngine(cli: PrismaCli, env: Readonly<Record<string, string | undefined>>): boolean {
  const configured = env.PRISMA_SCHEMA_ENGINE_BINARY ?? env.PRISMA_MIGRATION_ENGINE_BINARY;
  if (configured) return existsSync(configured);
  const dirs = [
    path.join(path.dirname(cli.packageDir), '@prisma', 'engines'),
    path.join(cli.packageDir, 'node_modules', '@prisma', 'engines'),
    cli.packageDir,
  ];
  return dirs.some((d) => {
    try {
      return readdirSync(d).some((f) => /^(schema-engine|migration-engine)-/.test(f));
    } catch {
      return false;
    }
  });
}

export type EngineSetting = 'auto' | 'cli' | 'embedded';

/**
 * What runs a task. Embedded covers SQLite and PostgreSQL only. `auto` prefers the project's own CLI with
 * its native engine; the CLI we ship is a trimmed build for `generate` (no TypeScript loader, so it cannot
 * read a prisma.config.ts), so a project without a CLI of its own gets the embedded engine where it can.
 */
export function chooseEngine(
  setting: EngineSetting,
  cli: PrismaCli | undefined,
  nativeEngine: boolean,
  embeddedSupports: boolean,
): 'cli' | 'embedded' {
  if (setting === 'cli') return 'cli';
  if (setting === 'embedded') return embeddedSupports ? 'embedded' : 'cli';
  if (!cli || cli.source === 'bundled') return embeddedSupports ? 'embedded' : 'cli';
  return nativeEngine || !embeddedSupports ? 'cli' : 'embedded';
}
