#!/usr/bin/env node
// A release: the production build, every platform's .vsix (scripts/package.mjs builds and checks each),
// and dist-vsix/SHA256SUMS with one `<sha256>  <file>` line per package (`sha256sum -c SHA256SUMS` checks
// them). Exits non-zero if the build, a package or its check fails. Usage: node scripts/release.mjs
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { targets } from './packaging/targets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['esbuild.mjs', '--production']);
run(['scripts/package.mjs']);

const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const outDir = path.join(root, 'dist-vsix');
const lines = Object.keys(targets).map((t) => {
  const file = `prisma-workbench-${t}.vsix`;
  const hash = crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(outDir, file)))
    .digest('hex');
  return `${hash}  ${file}`;
});
fs.writeFileSync(path.join(outDir, 'SHA256SUMS'), `${lines.join('\n')}\n`);
console.log(`\nPrisma Workbench ${version}: ${lines.length} packages, checksums in dist-vsix/SHA256SUMS`);
console.log(lines.join('\n'));
