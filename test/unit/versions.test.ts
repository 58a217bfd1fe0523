// Prisma packages are pinned exactly, in one place (package.json), and the sample project uses the same.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const read = (p: string) =>
  JSON.parse(fs.readFileSync(path.join(root, p), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
const deps = (p: string) => ({ ...read(p).dependencies, ...read(p).devDependencies });
const isPrisma = (name: string) => name === 'prisma' || name.startsWith('@prisma/');

describe('Pinned versions', () => {
  it('pins every dependency of the extension to an exact version', () => {
    const loose = Object.entries(deps('package.json')).filter(
      ([, v]) => !/^(npm:(@[^@/]+\/)?[^@]+@)?\d+\.\d+\.\d+(-[\w.]+)?$/.test(v),
    );
    assert.deepEqual(loose, []);
  });

  it('uses the same Prisma versions in the sample project as in the extension', () => {
    const ours = deps('package.json');
    for (const [name, version] of Object.entries(deps('prisma/package.json')).filter(([n]) => isPrisma(n))) {
      assert.equal(version, ours[name], `prisma/package.json ${name}`);
    }
  });

  it('keeps the two Prisma wasm packages on one engine build', () => {
    const ours = deps('package.json');
    assert.equal(ours['@prisma/prisma-schema-wasm'], ours['@prisma/schema-engine-wasm']);
  });

  it('installs what package.json pins', () => {
    for (const [name, version] of Object.entries(deps('package.json')).filter(([n]) => isPrisma(n))) {
      const installed = (
        JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      assert.equal(installed, version.replace(/^npm:.*@/, ''), name);
    }
  });
});
