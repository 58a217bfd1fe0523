// The lint CLI ships in the npm package and stays out of the .vsix: package.json's `bin` names the bundle,
// .npmignore lets npm pack take it with the wasm beside it (and nothing else of dist/), and .vscodeignore's
// allow-list lets neither into the .vsix. No package.json#files: vsce refuses it beside a .vscodeignore.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { minimatch } from 'minimatch';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  bin?: Record<string, string>;
  files?: string[];
};
const allowed = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1));
const cli = ['dist/cli/lint.js', 'dist/cli/libpg-query.wasm'];

describe('the lint CLI in the packages', function () {
  this.timeout(60_000);

  it('is the bin prisma-workbench-lint, and package.json has no files list (vsce would refuse it)', () => {
    assert.equal(pkg.bin?.['prisma-workbench-lint'], 'dist/cli/lint.js');
    assert.equal(pkg.files, undefined);
  });

  it('npm pack takes the CLI, its wasm, docs and config schema, and no other built file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-npm-pack-'));
    try {
      copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
      copyFileSync(path.join(root, '.npmignore'), path.join(dir, '.npmignore'));
      for (const f of [
        ...cli,
        'dist/extension.js',
        'dist/webview/grid.js',
        'docs/migration-lint.md',
        'docs/x.md',
        'schemas/migration-lint.schema.json',
        'schemas/other.json',
      ]) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        writeFileSync(path.join(dir, f), 'x');
      }
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src', 'extension.ts'), 'x');
      const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
      assert.deepEqual(
        files,
        [...cli, 'docs/migration-lint.md', 'package.json', 'schemas/migration-lint.schema.json'].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays out of the .vsix', () => {
    for (const f of cli)
      assert.ok(!allowed.some((p) => minimatch(f, p, { dot: true })), `${f} is allowed by .vscodeignore`);
  });
});
