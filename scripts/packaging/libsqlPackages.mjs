// The libsql native package for a target, at the exact version the lockfile resolves: from node_modules when
// npm installed it here (only this machine's platform), else `npm pack`ed into .cache/libsql/ once, its
// tarball checked against the lockfile's integrity (sha512) before it is unpacked.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** { version, integrity } of node_modules/@libsql/<name> in package-lock.json. */
export function lockedLibsql(root, name) {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const entry = lock.packages?.[`node_modules/@libsql/${name}`];
  if (!entry?.version || !entry.integrity) throw new Error(`package-lock.json has no entry for @libsql/${name}`);
  return { version: entry.version, integrity: entry.integrity };
}

/** `sha512-<base64>` of a file, the form of npm's `integrity`. */
export function integrityOf(file) {
  return `sha512-${crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/** The folder holding @libsql/<name>'s package.json and index.node. */
export function libsqlPackageDir(root, name, log = console.log) {
  const { version, integrity } = lockedLibsql(root, name);
  const installed = path.join(root, 'node_modules', '@libsql', name);
  if (fs.existsSync(path.join(installed, 'package.json'))) {
    const v = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version;
    if (v !== version)
      throw new Error(`node_modules has @libsql/${name}@${v}, the lockfile says ${version}: run npm ci`);
    return installed;
  }
  const cache = path.join(root, '.cache', 'libsql');
  const unpacked = path.join(cache, `${name}-${version}`);
  if (fs.existsSync(path.join(unpacked, '.verified'))) return path.join(unpacked, 'package');
  fs.mkdirSync(cache, { recursive: true });
  const tarball = path.join(cache, `libsql-${name}-${version}.tgz`);
  if (!fs.existsSync(tarball)) {
    log(`fetching @libsql/${name}@${version} (npm pack)`);
    const r = spawnSync('npm', ['pack', `@libsql/${name}@${version}`, '--pack-destination', cache, '--silent'], {
      cwd: root,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (r.status !== 0 || !fs.existsSync(tarball))
      throw new Error(`npm pack @libsql/${name}@${version} failed: ${r.stderr || r.stdout}`);
  }
  const actual = integrityOf(tarball);
  if (actual !== integrity) {
    fs.rmSync(tarball);
    throw new Error(
      `@libsql/${name}@${version}: the tarball's ${actual.slice(0, 24)}… is not the lockfile's ${integrity.slice(0, 24)}… (removed; try again)`,
    );
  }
  fs.rmSync(unpacked, { recursive: true, force: true });
  fs.mkdirSync(unpacked, { recursive: true });
  const x = spawnSync('tar', ['-xzf', tarball, '-C', unpacked], { encoding: 'utf8' });
  if (x.status !== 0) throw new Error(`unpacking ${tarball} failed: ${x.stderr}`);
  fs.writeFileSync(path.join(unpacked, '.verified'), `${integrity}\n`);
  return path.join(unpacked, 'package');
}
