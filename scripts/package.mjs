#!/usr/bin/env node
// Packages the built extension (dist/, per the allow-list .vscodeignore) into one .vsix per platform,
// dist-vsix/prisma-workbench-<target>.vsix (`vsce package --target`), each with only its own libsql binary,
// then checks every package it wrote (scripts/packaging/checkVsix.mjs) and prints their sizes.
// dist-vsix/prisma-workbench.vsix is a copy of the linux-x64 one: the package the host tests install.
// The bundle carries its dependencies, so node_modules is not packaged (--no-dependencies). Works offline
// once the other platforms' libsql packages are in .cache/libsql (fetched with npm pack on first use).
// Usage: node scripts/package.mjs [--target <t>[,<t>…]]...   (all targets when none is given)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkVsix } from './packaging/checkVsix.mjs';
import { libsqlPackageDir } from './packaging/libsqlPackages.mjs';
import { hostTestTarget, targets } from './packaging/targets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-vsix');
/** The single all-Linux-x64 package before per-platform packages (glibc + musl binaries): 23.59 MB. */
const previousBytes = 24_730_930;
const allowLibsql = '!dist/node_modules/@libsql/**';

const { values } = parseArgs({ options: { target: { type: 'string', multiple: true } } });
const chosen = values.target?.flatMap((t) => t.split(',')) ?? Object.keys(targets);
const unknown = chosen.filter((t) => !targets[t]);
if (unknown.length) {
  console.error(`unknown target ${unknown.join(', ')}; known: ${Object.keys(targets).join(', ')}`);
  process.exit(2);
}
if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run `node esbuild.mjs --production` first');
  process.exit(1);
}

// 1. dist/node_modules/@libsql: the native packages of the chosen targets (each .vsix takes only its own).
const libsqlOut = path.join(root, 'dist', 'node_modules', '@libsql');
fs.rmSync(libsqlOut, { recursive: true, force: true });
for (const t of chosen) {
  const name = targets[t].libsql;
  if (name) fs.cpSync(libsqlPackageDir(root, name), path.join(libsqlOut, name), { recursive: true });
}

// 2. One ignore file per target: .vscodeignore with the libsql line narrowed to the target's package.
const ignoreBase = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
if (!ignoreBase.split(/\r?\n/).includes(allowLibsql)) {
  console.error(`.vscodeignore must allow ${allowLibsql} (narrowed per target here)`);
  process.exit(1);
}
const ignoreDir = path.join(root, '.cache', 'vscodeignore');
fs.mkdirSync(ignoreDir, { recursive: true });
fs.mkdirSync(outDir, { recursive: true });

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const outFor = (t) => path.join(outDir, `prisma-workbench-${t}.vsix`);
function packageTarget(t) {
  const name = targets[t].libsql;
  const ignoreFile = path.join(ignoreDir, `${t}.vscodeignore`);
  const allow = name ? `!dist/node_modules/@libsql/${name}/**` : '# no libsql build for this target';
  fs.writeFileSync(ignoreFile, ignoreBase.replace(allowLibsql, allow));
  const args = [vsce, 'package', '--target', t, '--ignoreFile', ignoreFile, '--out', outFor(t)];
  args.push('--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository');
  return new Promise((resolve) => {
    // stdin closed: vsce's interactive questions fail instead of hanging
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ t, code, output }));
  });
}

// 3. vsce, two at a time (zipping is most of the time; two fit a 2-core machine).
const t0 = Date.now();
const queue = [...chosen];
const failed = [];
const workers = Array.from({ length: Math.min(2, os.availableParallelism(), queue.length) }, async () => {
  while (queue.length) {
    const r = await packageTarget(queue.shift());
    if (r.code !== 0) {
      failed.push(r.t);
      process.stderr.write(`vsce package --target ${r.t} failed:\n${r.output}\n`);
    }
  }
});
await Promise.all(workers);
if (failed.length) process.exit(1);
if (chosen.includes(hostTestTarget))
  fs.copyFileSync(outFor(hostTestTarget), path.join(outDir, 'prisma-workbench.vsix'));
console.log(`packaged ${chosen.length} target(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// 4. The check of every package written.
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
let bad = 0;
for (const t of chosen) {
  const r = await checkVsix(outFor(t), t, root);
  if (r.size >= previousBytes)
    r.problems.push(`${mb(r.size)} is not below the former single package's ${mb(previousBytes)}`);
  const binary = r.binary
    ? `@libsql/${r.libsql}: ${r.binary.format} ${r.binary.arch}${r.binary.libc ? ` ${r.binary.libc}` : ''}`
    : 'no native module (libsql has no build)';
  console.log(
    `${r.problems.length ? 'FAIL' : 'ok  '} ${path.relative(root, outFor(t)).padEnd(44)} ${mb(r.size).padStart(9)}  ${binary}`,
  );
  for (const p of r.problems) console.log(`       ${p}`);
  if (r.problems.length) bad++;
}
if (chosen.includes(hostTestTarget))
  console.log(`dist-vsix/prisma-workbench.vsix = the ${hostTestTarget} package (host tests)`);
console.log(`package check: ${chosen.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
