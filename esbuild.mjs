// Bundles the extension (Node, CommonJS, `vscode` external) and the integration tests, and copies the
// runtime files the bundle loads from its own folder (.wasm). `tsc --noEmit` type-checks; esbuild only bundles.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Files a bundled module reads next to itself at run time (`${__dirname}/x.wasm`), copied into dist/. */
const runtimeFiles = [
  require.resolve('@prisma/prisma-schema-wasm/src/prisma_schema_build_bg.wasm'),
];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

const integrationTests = fs.readdirSync('test/integration')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join('test/integration', f));

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  // mocha stays external: the tests run from the repo, so require('mocha') resolves in its node_modules.
  { ...common, entryPoints: integrationTests, outdir: 'dist/test/integration', external: ['vscode', 'mocha'], minify: false },
  { ...common, entryPoints: ['bench/host/activationProbe.ts'], outdir: 'dist/bench/host', minify: false },
];

function copyRuntimeFiles() {
  fs.mkdirSync('dist', { recursive: true });
  for (const file of runtimeFiles) fs.copyFileSync(file, path.join('dist', path.basename(file)));
}

copyRuntimeFiles();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const t0 = performance.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: ${production ? 'production ' : ''}build in ${Math.round(performance.now() - t0)} ms`);
}
