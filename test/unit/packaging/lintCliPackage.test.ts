// The lint CLI ships in the npm package and stays out of the .vsix: package.json's `bin` and `files`
// name the bundle and the wasm beside it, and .vscodeignore's allow-list (which vsce reads instead of
// `files`) lets neither in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

describe('the lint CLI in the packages', () => {
  const bin = pkg.bin?.['prisma-workbench-lint'];

  it('is the bin prisma-workbench-lint, and npm pack takes it with the wasm it loads', () => {
    assert.equal(bin, 'dist/cli/lint.js');
    assert.ok(pkg.files?.includes('dist/cli/lint.js'), 'files lists the bundle');
    assert.ok(pkg.files?.includes('dist/cli/libpg-query.wasm'), 'files lists the PostgreSQL parser it loads');
  });

  it('stays out of the .vsix', () => {
    for (const f of ['dist/cli/lint.js', 'dist/cli/libpg-query.wasm'])
      assert.ok(!allowed.some((p) => minimatch(f, p, { dot: true })), `${f} is allowed by .vscodeignore`);
  });
});
