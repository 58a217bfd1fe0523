// Per-run state folders (outside the clone) and workspace copies: tests never touch the repo's files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// what a fresh clone does not have (or must not be copied): local databases, generated clients
const skipNames = new Set(['node_modules', '.git', 'generated']);
const skip = { has: (name) => skipNames.has(name) || /\.db(-journal|-wal|-shm)?$/.test(name) };

/** A fresh state folder under the system temp dir, e.g. /tmp/pw-integration-sample-XXXX. */
export function makeStateDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pw-${label.replace(/[^\w.-]/g, '_')}-`));
}

/**
 * Copies a project into dest. `from` is a folder; `include` (optional) limits the copy to those entries.
 * @param {{from: string, include?: string[]}} source
 */
export function copyProject(source, dest) {
  const from = path.resolve(repoRoot, source.from);
  const entries = source.include ?? fs.readdirSync(from);
  fs.mkdirSync(dest, { recursive: true });
  for (const entry of entries) {
    const src = path.join(from, entry);
    if (!fs.existsSync(src) || skip.has(entry)) continue;
    fs.cpSync(src, path.join(dest, entry), { recursive: true, filter: (p) => !skip.has(path.basename(p)) });
  }
  return dest;
}

/** The repo's sample Prisma project as a copy source: prisma/ plus the config next to it, wherever it lives. */
export function sampleProjectSource() {
  if (fs.existsSync(path.join(repoRoot, 'prisma', 'prisma.config.ts'))) return { from: 'prisma' };
  return { from: '.', include: ['prisma', 'prisma.config.ts'] };
}
