#!/usr/bin/env node
// Install a .vsix into a state dir's extensions folder with `code-server --install-extension` (offline).
// CLI: node test/harness/installVsix.mjs VSIX STATE_DIR   -> prints the installed extension's folder
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { codeServerEntry, node24 } from './paths.mjs';
import { assertInstalled, stateEnv } from './server.mjs';

/**
 * Installs `vsix` for `stateDir` and returns the installed folder of extension `id` (publisher.name, any case).
 * @returns {Promise<string>}
 */
export async function installVsix({ vsix, stateDir, id }) {
  assertInstalled();
  const extensionsDir = path.join(stateDir, 'extensions');
  const env = stateEnv(stateDir);
  try {
    await promisify(execFile)(
      node24,
      [
        codeServerEntry,
        '--config',
        path.join(stateDir, 'config.yaml'),
        '--user-data-dir',
        path.join(stateDir, 'user-data'),
        '--extensions-dir',
        extensionsDir,
        '--force',
        '--install-extension',
        path.resolve(vsix),
      ],
      { env },
    );
  } catch (err) {
    throw new Error(`installing ${vsix} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
  const found = installedExtensions(extensionsDir).filter((e) => !id || e.id === id.toLowerCase());
  if (found.length === 0)
    throw new Error(`${id ?? 'extension'} not found in ${extensionsDir} after installing ${vsix}`);
  return found.sort((a, b) => b.mtime - a.mtime)[0].path;
}

/** Extensions unpacked in a folder: {id (lower-case publisher.name), version, path, mtime}. */
export function installedExtensions(extensionsDir) {
  return fs
    .readdirSync(extensionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = path.join(extensionsDir, d.name);
      const manifest = path.join(dir, 'package.json');
      if (!fs.existsSync(manifest)) return [];
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      return [
        {
          id: `${pkg.publisher}.${pkg.name}`.toLowerCase(),
          version: pkg.version,
          path: dir,
          mtime: fs.statSync(dir).mtimeMs,
        },
      ];
    });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [vsix, stateDir] = process.argv.slice(2);
  if (!vsix || !stateDir) {
    console.error('usage: installVsix.mjs VSIX STATE_DIR');
    process.exit(2);
  }
  console.log(await installVsix({ vsix, stateDir: path.resolve(stateDir) }));
}
