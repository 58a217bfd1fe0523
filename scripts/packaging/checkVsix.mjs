// Opens a built .vsix (a zip; yauzl, which vsce itself uses) and checks it is right for its target:
// the manifest names the target; the one libsql package inside is the one libsql's loader asks for there;
// its binary's header is the target's OS and CPU (and C library on Linux); no native file for another
// platform is inside; the bundle's require of the native module reaches it. Returns the problems found.
import fs from 'node:fs';
import yauzl from 'yauzl';
import { readBinaryHeader } from './binaryHeader.mjs';
import { libsqlLoaderPackage, targets } from './targets.mjs';

const nativeFile = /\.(node|dll|dylib|so(\.\d+)*|exe)$/i;
const libsqlDir = 'extension/dist/node_modules/@libsql/';
/**
 * dist/extension.js and the files it loads at once or on first use: dist/chunk.<name>.js (our own modules, split)
 * and dist/lib.<package>.js (esbuild.mjs: lazyPackages). Any `"./chunk.x.js"` or `"./lib.x.js"` a file names is
 * one it requires (a plain require(), or the ESM build's require shim under a minified name).
 */
const distScript = /^extension\/dist\/[^/]+\.js$/;
const lazyRequire = /["'`]\.\/((?:lib|chunk)\.[\w.-]+\.js)["'`]/g;
/** A file the bundle starts as a worker thread from dist/ (`sqliteWorker.js`: src/core/sqlite/offThreadClient.ts). */
const workerFile = /["'`]([\w-]+Worker\.js)["'`]/g;

/** Every entry of a zip: name -> () => Promise<Buffer>. Resolves after the zip is read and closed. */
function readZip(file, wanted) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names = [];
      const contents = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve({ names, contents }));
      zip.on('entry', (entry) => {
        names.push(entry.fileName);
        if (!wanted(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            contents.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * @returns {Promise<{ target: string, size: number, binary?: object, libsql?: string, problems: string[] }>}
 */
export async function checkVsix(file, target, repoRoot) {
  const t = targets[target];
  const problems = [];
  const size = fs.statSync(file).size;
  const { names, contents } = await readZip(
    file,
    (n) =>
      n === 'extension.vsixmanifest' ||
      distScript.test(n) ||
      (n.startsWith(libsqlDir) && (n.endsWith('/package.json') || nativeFile.test(n))),
  );
  const manifest = contents.get('extension.vsixmanifest')?.toString('utf8') ?? '';
  const declared = /TargetPlatform="([^"]+)"/.exec(manifest)?.[1];
  if (declared !== target) problems.push(`the manifest's TargetPlatform is ${declared ?? 'missing'}, not ${target}`);

  // every file a bundle loads on first use is in the package (a missing one fails only when first used)
  const scripts = [...contents].filter(([n]) => distScript.test(n));
  for (const [n, body] of scripts)
    for (const [, chunk] of body.toString('utf8').matchAll(lazyRequire))
      if (!names.includes(`extension/dist/${chunk}`))
        problems.push(`${n.slice('extension/'.length)} requires ./${chunk}, which is not in the package`);
  for (const [n, body] of scripts)
    for (const worker of new Set([...body.toString('utf8').matchAll(workerFile)].map((m) => m[1])))
      if (!names.includes(`extension/dist/${worker}`))
        problems.push(`${n.slice('extension/'.length)} starts the worker ${worker}, which is not in the package`);

  const natives = names.filter((n) => nativeFile.test(n));
  const packages = [
    ...new Set(names.filter((n) => n.startsWith(libsqlDir)).map((n) => n.slice(libsqlDir.length).split('/')[0])),
  ];
  const expected = t.libsql;
  if (expected === undefined) {
    if (packages.length)
      problems.push(`${target} has no libsql build, yet it carries @libsql/${packages.join(', @libsql/')}`);
    if (natives.length) problems.push(`native files for another platform: ${natives.join(', ')}`);
  } else {
    const others = packages.filter((p) => p !== expected);
    if (others.length) problems.push(`libsql packages for another platform: @libsql/${others.join(', @libsql/')}`);
    const strays = natives.filter((n) => !n.startsWith(`${libsqlDir}${expected}/`));
    if (strays.length) problems.push(`native files outside @libsql/${expected}: ${strays.join(', ')}`);
    // the loader's name for this target, and that name's `main` inside the package
    const loader = libsqlLoaderPackage(target, repoRoot);
    if (loader.name !== expected)
      problems.push(`libsql's loader asks for @libsql/${loader.name ?? `nothing (${loader.error})`} on ${target}`);
    const pkgJson = contents.get(`${libsqlDir}${expected}/package.json`);
    const main = pkgJson ? (JSON.parse(pkgJson.toString('utf8')).main ?? 'index.js') : undefined;
    const binary = main ? contents.get(`${libsqlDir}${expected}/${main}`) : undefined;
    if (!pkgJson) problems.push(`@libsql/${expected}/package.json is missing`);
    else if (!binary) problems.push(`@libsql/${expected}'s main (${main}) is missing`);
    // a bundle in dist/ (libsql's own, loaded on first use) requires `@libsql/${target}`: it resolves in dist/node_modules
    if (!scripts.some(([, body]) => /require\(`@libsql\/\$\{[\w$]+\}`\)/.test(body.toString('utf8'))))
      problems.push("no bundle in dist/ has require(`@libsql/${target}`): libsql's loader was not bundled as expected");
    if (binary) {
      const header = readBinaryHeader(binary);
      const want = t.binary;
      const got = `${header.format} ${header.arch}${header.libc ? ` ${header.libc}` : ''}`;
      if (header.format !== want.format || header.arch !== want.arch || (want.libc && header.libc !== want.libc))
        problems.push(
          `@libsql/${expected}/${main} is ${got}, not ${want.format} ${want.arch}${want.libc ? ` ${want.libc}` : ''}`,
        );
      return { target, size, binary: header, libsql: expected, problems };
    }
  }
  return { target, size, problems };
}
