import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: vsce's zip writer, no type declarations
import yazl from 'yazl';
// @ts-expect-error: plain ESM module of the packaging scripts, no type declarations
import { checkVsix } from '../../../scripts/packaging/checkVsix.mjs';
// @ts-expect-error: plain ESM module of the packaging scripts, no type declarations
import { libsqlLoaderPackage, targets } from '../../../scripts/packaging/targets.mjs';

const root = path.resolve(__dirname, '../../..');
const libsql = (name: string) => path.join(root, 'node_modules', '@libsql', name);
const bundle = 'const t = currentTarget(); module.exports = require(`@libsql/${t}`);\n';

/** A .vsix-shaped zip: the manifest naming `target`, a bundle, and the given files. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-vsix-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let made = 0;
async function vsix(target: string, files: Record<string, Buffer | string>): Promise<string> {
  const file = path.join(tmp, `${target}-${made++}.vsix`);
  const zip = new yazl.ZipFile();
  zip.addBuffer(
    Buffer.from(`<PackageManifest><Identity TargetPlatform="${target}"/></PackageManifest>`),
    'extension.vsixmanifest',
  );
  const { 'dist/extension.js': extension = bundle, ...rest } = files;
  zip.addBuffer(Buffer.from(extension), 'extension/dist/extension.js');
  for (const [name, body] of Object.entries(rest))
    zip.addBuffer(Buffer.from(body), `extension/${name}`, { compress: false });
  zip.end();
  await new Promise((resolve, reject) =>
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject),
  );
  return file;
}

const pkg = (name: string) => ({
  [`dist/node_modules/@libsql/${name}/package.json`]: fs.readFileSync(path.join(libsql(name), 'package.json')),
  [`dist/node_modules/@libsql/${name}/index.node`]: fs.readFileSync(path.join(libsql(name), 'index.node')),
});

describe('package check (each .vsix)', function () {
  this.timeout(30000);

  it('passes a linux-x64 package carrying only the glibc build', async () => {
    const r = await checkVsix(await vsix('linux-x64', pkg('linux-x64-gnu')), 'linux-x64', root);
    assert.deepEqual(r.problems, []);
    assert.equal(r.binary.libc, 'glibc');
  });

  it('fails a linux-x64 package that also carries the musl build', async () => {
    const files = { ...pkg('linux-x64-gnu'), ...pkg('linux-x64-musl') };
    const r = await checkVsix(await vsix('linux-x64', files), 'linux-x64', root);
    assert.ok(
      r.problems.some((p: string) => p.includes('another platform: @libsql/linux-x64-musl')),
      r.problems.join('\n'),
    );
  });

  it('fails an alpine-x64 package whose musl-named package holds the glibc binary (read from the header)', async () => {
    const files = {
      'dist/node_modules/@libsql/linux-x64-musl/package.json': fs.readFileSync(
        path.join(libsql('linux-x64-musl'), 'package.json'),
      ),
      'dist/node_modules/@libsql/linux-x64-musl/index.node': fs.readFileSync(
        path.join(libsql('linux-x64-gnu'), 'index.node'),
      ),
    };
    const r = await checkVsix(await vsix('alpine-x64', files), 'alpine-x64', root);
    assert.deepEqual(r.problems, ['@libsql/linux-x64-musl/index.node is elf x64 glibc, not elf x64 musl']);
  });

  it('fails a darwin-arm64 package holding a Linux binary, and a win32-arm64 package with any native file', async () => {
    const mac = await checkVsix(await vsix('darwin-arm64', pkg('linux-x64-gnu')), 'darwin-arm64', root);
    assert.ok(
      mac.problems.some((p: string) => p.includes('@libsql/darwin-arm64/package.json is missing')),
      mac.problems.join('\n'),
    );
    const win = await checkVsix(await vsix('win32-arm64', pkg('linux-x64-gnu')), 'win32-arm64', root);
    assert.ok(
      win.problems.some((p: string) => p.startsWith('win32-arm64 has no libsql build, yet it carries')),
      win.problems.join('\n'),
    );
  });

  it('fails a package missing a file the bundle loads on first use, wherever libsql was bundled', async () => {
    const files = {
      ...pkg('linux-x64-gnu'),
      'dist/extension.js': 'const pg = () => require("./lib.pg.js"); const my = () => require("./lib.mariadb.js");\n',
      'dist/lib.pg.js': 'module.exports = {};\n',
      'dist/lib.libsql-client.js': bundle,
    };
    const r = await checkVsix(await vsix('linux-x64', files), 'linux-x64', root);
    assert.deepEqual(r.problems, ['dist/extension.js requires ./lib.mariadb.js, which is not in the package']);
  });

  it('fails a package missing the worker thread a bundle starts (SQLite runs on one)', async () => {
    const files = {
      ...pkg('linux-x64-gnu'),
      'dist/extension.js': `${bundle}const w = () => new Worker(join(__dirname, "sqliteWorker.js"));\n`,
    };
    const r = await checkVsix(await vsix('linux-x64', files), 'linux-x64', root);
    assert.deepEqual(r.problems, ['dist/extension.js starts the worker sqliteWorker.js, which is not in the package']);
    const whole = await checkVsix(
      await vsix('linux-x64', {
        ...files,
        'dist/sqliteWorker.js': 'require("./lib.libsql-client.js");\n',
        'dist/lib.libsql-client.js': bundle,
      }),
      'linux-x64',
      root,
    );
    assert.deepEqual(whole.problems, []);
  });

  it('fails a package whose manifest names another target', async () => {
    const r = await checkVsix(await vsix('linux-arm64', pkg('linux-x64-gnu')), 'linux-x64', root);
    assert.ok(
      r.problems.includes("the manifest's TargetPlatform is linux-arm64, not linux-x64"),
      r.problems.join('\n'),
    );
  });

  it("ships, for every target with a libsql build, the package libsql's own loader asks for there", () => {
    for (const [target, t] of Object.entries(targets as Record<string, { libsql?: string }>)) {
      const loader = libsqlLoaderPackage(target, root);
      if (t.libsql) assert.equal(loader.name, t.libsql, target);
      else assert.equal(loader.name, 'win32-arm64-msvc', `${target}: libsql publishes no such package`);
    }
  });
});
