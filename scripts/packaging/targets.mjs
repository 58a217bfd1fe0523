// The platforms we ship a .vsix for (`vsce package --target`), and the libsql native package each carries.
// libsql (SQLite for the data grid, the embedded schema engine and the migration lint) is an N-API module with
// one prebuilt npm package per platform; the bundle's `require(`@libsql/${target}`)` resolves it from
// dist/node_modules. win32-arm64 has no libsql build: that package ships without one and SQLite says so.
import { createRequire } from 'node:module';

/**
 * target -> what runs it and which libsql package it carries.
 * binary: what the .node file's header must say (format pe|macho|elf, arch x64|arm64|arm, libc for ELF).
 */
export const targets = {
  'win32-x64': { platform: 'win32', arch: 'x64', libsql: 'win32-x64-msvc', binary: { format: 'pe', arch: 'x64' } },
  'win32-arm64': { platform: 'win32', arch: 'arm64', libsql: undefined, binary: undefined },
  'darwin-x64': { platform: 'darwin', arch: 'x64', libsql: 'darwin-x64', binary: { format: 'macho', arch: 'x64' } },
  'darwin-arm64': {
    platform: 'darwin',
    arch: 'arm64',
    libsql: 'darwin-arm64',
    binary: { format: 'macho', arch: 'arm64' },
  },
  'linux-x64': {
    platform: 'linux',
    arch: 'x64',
    libc: 'glibc',
    libsql: 'linux-x64-gnu',
    binary: { format: 'elf', arch: 'x64', libc: 'glibc' },
  },
  'linux-arm64': {
    platform: 'linux',
    arch: 'arm64',
    libc: 'glibc',
    libsql: 'linux-arm64-gnu',
    binary: { format: 'elf', arch: 'arm64', libc: 'glibc' },
  },
  'linux-armhf': {
    platform: 'linux',
    arch: 'arm',
    libc: 'glibc',
    libsql: 'linux-arm-gnueabihf',
    binary: { format: 'elf', arch: 'arm', libc: 'glibc' },
  },
  'alpine-x64': {
    platform: 'linux',
    arch: 'x64',
    libc: 'musl',
    libsql: 'linux-x64-musl',
    binary: { format: 'elf', arch: 'x64', libc: 'musl' },
  },
  'alpine-arm64': {
    platform: 'linux',
    arch: 'arm64',
    libc: 'musl',
    libsql: 'linux-arm64-musl',
    binary: { format: 'elf', arch: 'arm64', libc: 'musl' },
  },
};

/** The package the host tests install (dist-vsix/prisma-workbench.vsix is a copy of it). */
export const hostTestTarget = 'linux-x64';

/**
 * The package name libsql's own loader asks for on `target`, computed by running its code: @neon-rs/load's
 * currentTarget() under the target's process.platform / process.arch / C library (read from
 * process.report, as it does), then libsql's corrections (index.js requireNative: a musl target on glibc
 * becomes gnu; 32-bit ARM on musl becomes musleabihf), which ask detect-libc, answered here for the target.
 */
export function libsqlLoaderPackage(target, repoRoot) {
  const t = targets[target];
  if (!t) throw new Error(`unknown target ${target}`);
  const req = createRequire(createRequire(`${repoRoot}/package.json`).resolve('libsql'));
  const { currentTarget } = req('@neon-rs/load');
  const saved = {
    platform: Object.getOwnPropertyDescriptor(process, 'platform'),
    arch: Object.getOwnPropertyDescriptor(process, 'arch'),
    report: Object.getOwnPropertyDescriptor(process, 'report'),
  };
  const header = t.libc === 'glibc' ? { glibcVersionRuntime: '2.31' } : {};
  let name;
  try {
    Object.defineProperty(process, 'platform', { value: t.platform, configurable: true });
    Object.defineProperty(process, 'arch', { value: t.arch, configurable: true });
    Object.defineProperty(process, 'report', { value: { getReport: () => ({ header }) }, configurable: true });
    name = currentTarget();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    for (const [k, d] of Object.entries(saved)) Object.defineProperty(process, k, d);
  }
  // libsql index.js requireNative(), with familySync() answered for the target
  if (t.libc === 'glibc' && name === 'linux-x64-musl') name = 'linux-x64-gnu';
  if (t.libc === 'glibc' && name === 'linux-arm64-musl') name = 'linux-arm64-gnu';
  if (t.libc === 'musl' && name === 'linux-arm-gnueabihf') name = 'linux-arm-musleabihf';
  return { name };
}
