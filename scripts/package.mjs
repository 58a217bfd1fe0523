#!/usr/bin/env node
// Packages the built extension (dist/, per the allow-list .vscodeignore) into dist-vsix/prisma-workbench.vsix.
// The bundle carries its dependencies, so node_modules is not packaged (--no-dependencies). Works offline.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-vsix', 'prisma-workbench.vsix');
if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run `node esbuild.mjs --production` first');
  process.exit(1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// stdin closed: vsce's interactive questions (e.g. a missing LICENSE) fail instead of hanging
const r = spawnSync(
  process.execPath,
  [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`${path.relative(root, out)}: ${(fs.statSync(out).size / 1024 / 1024).toFixed(2)} MB`);
