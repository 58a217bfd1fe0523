// The lint CLI's esbuild options (src/cli/lint -> <outdir>/lint.js with the PostgreSQL parser's wasm beside it),
// shared by esbuild.mjs and the test that bundles it (test/unit/cli/lintBundle.test.ts).
// `vscode` is NOT external: a `vscode` import reaching the CLI fails the build.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** esbuild options for the CLI bundle; call copyLintCliRuntime(outdir) beside the build. */
export function lintCliBuild(outdir, { production = false } = {}) {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    minify: production,
    sourcemap: false,
    absWorkingDir: root,
    entryPoints: { lint: 'src/cli/lint/main.ts' },
    outdir,
    banner: { js: '#!/usr/bin/env node' },
    define: { PRISMA_WORKBENCH_VERSION: JSON.stringify(version) },
  };
}

export function copyLintCliRuntime(outdir) {
  fs.mkdirSync(outdir, { recursive: true });
  const wasm = require.resolve('libpg-query/wasm/libpg-query.wasm');
  fs.copyFileSync(wasm, path.join(outdir, path.basename(wasm)));
}
