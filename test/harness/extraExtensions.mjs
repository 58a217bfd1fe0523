// Other extensions a run needs beside ours (e.g. a stand-in for Prisma.prisma): each folder is packaged
// with vsce into the run's state folder and installed into its extensions dir, like our own .vsix.
import fs from 'node:fs';
import path from 'node:path';
import { installVsix } from './installVsix.mjs';
import { repoRoot } from './workspace.mjs';

/** @param {string[]} folders extension folders relative to the repo; @returns the installed folders */
export async function installExtensionFolders(folders, stateDir) {
  if (!folders?.length) return [];
  const { createVSIX } = await import('@vscode/vsce');
  const out = path.join(stateDir, 'extra-vsix');
  fs.mkdirSync(out, { recursive: true });
  const installed = [];
  for (const folder of folders) {
    const cwd = path.resolve(repoRoot, folder);
    const pkg = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'));
    const vsix = path.join(out, `${pkg.publisher}.${pkg.name}.vsix`);
    await createVSIX({ cwd, packagePath: vsix, allowMissingRepository: true, skipLicense: true, dependencies: false });
    installed.push(await installVsix({ vsix, stateDir, id: `${pkg.publisher}.${pkg.name}` }));
  }
  return installed;
}
