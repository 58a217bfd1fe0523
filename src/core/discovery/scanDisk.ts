// Discovery outside VS Code (the lint CLI): the files the extension asks `findFiles` for, found by walking a
// folder with the same exclusions, then the same discoverSchemas. prisma.config.ts is read as text, never run.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { discoverSchemas } from './discover';
import type { DiscoveryInput } from './discover';
import type { SchemaRoot } from './schemaRoot';

/** Folders the extension's search leaves out (src/host/workspaceSchemas.ts excludeGlob). */
const EXCLUDED = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.next', '.turbo', 'coverage']);
const CONFIG = /^prisma\.config\.[cm]?[jt]s$/;

export function scanForDiscovery(root: string, maxFiles = 20000): DiscoveryInput {
  const input: DiscoveryInput = { prismaFiles: [], configFiles: [], packageJsons: [] };
  let seen = 0;
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (seen >= maxFiles) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!EXCLUDED.has(e.name)) walk(full);
        continue;
      }
      if (!e.isFile()) continue;
      if (e.name.endsWith('.prisma')) input.prismaFiles.push(full);
      else if (CONFIG.test(e.name)) input.configFiles.push(full);
      else if (e.name === 'package.json') input.packageJsons.push(full);
      else continue;
      seen++;
    }
  };
  walk(path.resolve(root));
  return input;
}

export function readTextFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The schemas under `root`, found as the extension finds them in a workspace folder. */
export function discoverOnDisk(root: string): SchemaRoot[] {
  return discoverSchemas(scanForDiscovery(root), readTextFile);
}
