// Bundles the extension (Node, CommonJS, `vscode` external) and the integration tests, and copies the
// runtime files the bundle loads from its own folder (.wasm). `tsc --noEmit` type-checks; esbuild only bundles.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { copyLintCliRuntime, lintCliBuild } from './scripts/lintCliBuild.mjs';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Files a bundled module reads next to itself at run time (`${__dirname}/x.wasm`), copied into dist/. */
const runtimeFiles = [
  require.resolve('@prisma/prisma-schema-wasm/src/prisma_schema_build_bg.wasm'),
  // migration lint's PostgreSQL parser (src/core/migrationLint/parse/postgres.ts)
  require.resolve('libpg-query/wasm/libpg-query.wasm'),
  // the embedded schema engine (migrations view and embedded tasks): passed as wasmPath to EmbeddedSchemaEngine.open
  path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm'),
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

const integrationTests = fs
  .readdirSync('test/integration')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join('test/integration', f));

// ---- Loaded on first use ----
// The packages the extension does not need to activate (database drivers and adapters, the SQL parsers, the
// schema engine's glue, the language client, the diagram's layout, CSV) are each bundled into a file of
// their own, dist/lib.<package>.js, and the extension bundle requires that file where it imports the
// package. Their imports in src/ are `await import(...)` (or sit in modules loaded that way), so nothing
// of them is read until first use. esbuild's `splitting` needs format esm, which a CommonJS extension
// cannot be; one file per package (each requiring the others' files) keeps one copy of every module.
// In dist/ itself: their __dirname stays dist/, where their .wasm files and dist/node_modules are.
const lazyPackages = [
  'pg',
  'mariadb',
  '@libsql/client',
  'libsql',
  '@prisma/driver-adapter-utils',
  '@prisma/adapter-pg',
  '@prisma/adapter-mariadb',
  '@prisma/adapter-libsql',
  '@prisma/schema-engine-wasm/schema_engine_bg',
  '@prisma/prisma-schema-wasm',
  'sql-parser-cst',
  'node-sql-parser/build/mysql.js',
  'libpg-query',
  'vscode-languageclient/node',
  '@dagrejs/dagre',
  'csv-parse/sync',
  'csv-parse',
  // query notebooks' Prisma Client cells: strips their types, and answers completion / diagnostics
  'typescript',
];
/** `@prisma/adapter-pg` -> `lib.prisma-adapter-pg.js` */
const lazyChunkFile = (pkg) => `lib.${pkg.replace(/^@/, '').replace(/\.js$/, '').replace(/[/.]/g, '-')}.js`;
const lazyFilter = new RegExp(`^(${lazyPackages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
/** Imports of the lazy packages become requires of their files (except `own`, the package a chunk holds). */
const lazyChunks = (own) => ({
  name: 'lazy-chunks',
  setup(b) {
    b.onResolve({ filter: lazyFilter }, (a) =>
      a.path === own ? undefined : { path: `./${lazyChunkFile(a.path)}`, external: true },
    );
  },
});

// The integration tests open the sample's SQLite file themselves (setup, checks) while the extension works on
// it in its worker threads. They take libsql from the installed extension's own files: a second copy of
// SQLite in the same process does not see the first one's locks (POSIX locks are per process), so one
// copy's reader rolled back the other's transaction as a "hot journal" (SQLITE_IOERR, SQLITE_CORRUPT).
const libsqlOfTheExtension = {
  name: 'libsql-of-the-extension',
  setup(b) {
    b.onResolve({ filter: /^(@libsql\/client|@prisma\/adapter-libsql)$/ }, (a) => ({
      path: a.path,
      namespace: 'extension-libsql',
    }));
    b.onLoad({ filter: /.*/, namespace: 'extension-libsql' }, (a) => ({
      loader: 'js',
      contents: `const { extensions } = require('vscode');
const dir = extensions.getExtension('prisma-workbench.prisma-workbench').extensionPath;
module.exports = require(require('path').join(dir, 'dist', ${JSON.stringify(lazyChunkFile(a.path))}));`,
    }));
  },
};

const builds = [
  // `await import('pg')` becomes require('./lib.pg.js') on first use, read as the bundled package was (__toESM):
  // a native import() of a CommonJS file would see only its `default`
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    supported: { 'dynamic-import': false },
    plugins: [lazyChunks()],
  },
  ...lazyPackages.map((pkg) => ({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: '.', loader: 'js' },
    outfile: path.join('dist', lazyChunkFile(pkg)),
    plugins: [lazyChunks(pkg)],
  })),
  // The thread the grid's SQLite connections run on (src/core/sqlite/sqliteWorker.ts), started from extension.js
  // as dist/sqliteWorker.js: libsql is its lazy file dist/lib.libsql-client.js, whose native package resolves
  // from dist/node_modules as on the host thread.
  {
    ...common,
    entryPoints: { sqliteWorker: 'src/core/sqlite/sqliteWorker.ts' },
    outdir: 'dist',
    supported: { 'dynamic-import': false },
    plugins: [lazyChunks()],
  },
  // mocha stays external: the tests run from the repo, so require('mocha') resolves in its node_modules.
  {
    ...common,
    entryPoints: integrationTests,
    outdir: 'dist/test/integration',
    external: ['vscode', 'mocha'],
    minify: false,
    plugins: [libsqlOfTheExtension],
  },
  { ...common, entryPoints: ['bench/host/activationProbe.ts'], outdir: 'dist/bench/host', minify: false },
  // query notebooks: the worker thread SQLite cells run in (src/core/notebook/runSqlite.ts), libsql from its chunk
  {
    ...common,
    entryPoints: { notebookSqliteWorker: 'src/core/notebook/sqliteWorker.ts' },
    outdir: 'dist',
    plugins: [lazyChunks()],
  },
];

// The migration lint CLI (src/cli/lint, issue #19): one Node file for the npm package's `bin`, never in the .vsix
// (.vscodeignore's allow-list leaves dist/cli out; .npmignore lets npm pack take it).
builds.push(lintCliBuild('dist/cli', { production }));

// Prisma's language servers (src/features/language), one node entry per bundled line, each started over IPC
// from dist/server/<line>/server.js with its own prisma-schema-wasm copied beside it.
const languageServers = { prisma7: '@prisma/language-server', prisma6: 'prisma-language-server-6' };
const serverRuntimeFiles = [];
for (const [line, pkg] of Object.entries(languageServers)) {
  const outdir = path.join('dist', 'server', line);
  const pkgDir = path.resolve(path.dirname(require.resolve(pkg)), '..'); // main is dist/index.js; bin.js is not exported
  builds.push({
    ...common,
    entryPoints: { server: path.join(pkgDir, 'dist', 'bin.js') },
    outdir,
    minify: true,
    sourcemap: false,
  });
  const serverRequire = createRequire(path.join(pkgDir, 'package.json'));
  serverRuntimeFiles.push([
    serverRequire.resolve('@prisma/prisma-schema-wasm/src/prisma_schema_build_bg.wasm'),
    outdir,
  ]);
  // The 6.x wasm's own loader too: the extension validates Prisma 5/6 projects with it (src/core/schema/prismaWasm.ts).
  if (line === 'prisma6') serverRuntimeFiles.push([serverRequire.resolve('@prisma/prisma-schema-wasm'), outdir]);
}

// ---- Data grid (src/features/grid, webview/grid) ----
// 1. The webview front end, for the browser, into dist/webview/ with its CSS and the codicon font.
builds.push({
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  logLevel: 'warning',
  entryPoints: { grid: 'webview/grid/main.ts' },
  outdir: 'dist/webview',
  minify: production,
  sourcemap: production ? false : 'linked',
});
// 2. The grid generates a private Prisma Client at run time with the Prisma CLI it ships: the CLI bundled
//    into dist/prisma/build/index.js (`generate` needs neither Studio nor `prisma dev`: those are stubbed),
//    and the @prisma/client runtime files `prisma generate` copies into a client, for the three providers
//    whose driver adapters we bundle. Measured: see the grid feature's note in the report / README.
// ---- Relationship diagram (src/features/diagram, webview/diagram) ----
// The webview front end for the browser; its CSS is imported by main.ts, so esbuild writes dist/webview/diagram.css
// beside it (minified in production). The codicon font is the grid's copy in dist/webview.
builds.push({
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  logLevel: 'warning',
  entryPoints: { diagram: 'webview/diagram/main.ts' },
  outdir: 'dist/webview',
  minify: production,
  sourcemap: production ? false : 'linked',
});
// ---- Query notebooks (src/features/notebook, webview/notebook) ----
// The notebook renderer for query results: VS Code loads a renderer's entrypoint as an ES module.
builds.push({
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
  entryPoints: { notebookRenderer: 'webview/notebook/renderer.ts' },
  outdir: 'dist/webview',
  minify: production,
  sourcemap: production ? false : 'linked',
});
const stubbedForGrid = /^(@prisma\/studio-core|@prisma\/dev|typescript$|postgres$|mysql2)/;
const stubPlugin = {
  name: 'stub-unused-cli-parts',
  setup(b) {
    b.onResolve({ filter: stubbedForGrid }, (a) => ({ path: a.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (a) => ({
      loader: 'js',
      contents: `const f = () => { throw new Error(${JSON.stringify(a.path)} + ' is not shipped with Prisma Workbench'); };
module.exports = new Proxy(f, { get: (t, k) => (k === '__esModule' ? false : k === 'default' ? module.exports : f) });`,
    }));
  },
};
const prismaCliDir = path.dirname(require.resolve('prisma/package.json'));
builds.push({
  ...common,
  entryPoints: { index: path.join(prismaCliDir, 'build', 'index.js') },
  outdir: 'dist/prisma/build',
  minify: true,
  sourcemap: false,
  logLevel: 'error',
  external: ['../package.json'],
  plugins: [stubPlugin],
});
const gridProviders = ['sqlite', 'postgresql', 'mysql'];
function copyGridRuntime() {
  const copy = (from, to) => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  };
  for (const f of ['codicon.css', 'codicon.ttf'])
    copy(path.join('node_modules', '@vscode', 'codicons', 'dist', f), path.join('dist', 'webview', f));
  copy('webview/grid/grid.css', 'dist/webview/grid.css');
  const cliPkg = JSON.parse(fs.readFileSync(path.join(prismaCliDir, 'package.json'), 'utf8'));
  fs.mkdirSync('dist/prisma/build', { recursive: true });
  fs.writeFileSync(
    'dist/prisma/package.json',
    JSON.stringify(
      { name: cliPkg.name, version: cliPkg.version, main: 'build/index.js', license: cliPkg.license },
      null,
      2,
    ),
  );
  copy(
    path.join(prismaCliDir, 'build', 'prisma_schema_build_bg.wasm'),
    'dist/prisma/build/prisma_schema_build_bg.wasm',
  );
  const clientDir = path.dirname(require.resolve('@prisma/client/package.json'));
  const clientOut = path.join('dist', 'prisma', 'runtime', '@prisma', 'client');
  fs.rmSync(clientOut, { recursive: true, force: true });
  const clientFiles = [
    'package.json',
    'LICENSE',
    'runtime/client.js',
    'runtime/client.d.ts',
    'runtime/index-browser.js',
    'runtime/index-browser.d.ts',
    'runtime/wasm-compiler-edge.js',
    ...gridProviders.flatMap((p) => [
      `runtime/query_compiler_fast_bg.${p}.js`,
      `runtime/query_compiler_fast_bg.${p}.wasm-base64.js`,
    ]),
  ];
  for (const f of clientFiles) copy(path.join(clientDir, f), path.join(clientOut, f));
  const utilsDir = path.join('node_modules', '@prisma', 'client-runtime-utils');
  fs.rmSync(path.join('dist', 'prisma', 'runtime', '@prisma', 'client-runtime-utils'), {
    recursive: true,
    force: true,
  });
  fs.cpSync(utilsDir, path.join('dist', 'prisma', 'runtime', '@prisma', 'client-runtime-utils'), {
    recursive: true,
    // its .d.ts stay: a Prisma Client cell's types (Decimal, the null types) come from them
    filter: (f) => !/\.(d\.mts|mjs|map)$/.test(f),
  });
  // 3. libsql's N-API binary: the bundle does `require(\`@libsql/${target}\`)`, resolved from dist/node_modules in the
  //    installed extension (and from the repo's node_modules when run from here). scripts/package.mjs puts each
  //    platform's package there and gives every per-platform .vsix only its own.
}

function copyRuntimeFiles() {
  fs.mkdirSync('dist', { recursive: true });
  // query notebooks' Prisma Client cells: the ES2022 declarations their TypeScript language service reads
  const tsLib = path.dirname(require.resolve('typescript/lib/lib.d.ts'));
  fs.rmSync(path.join('dist', 'typescript-lib'), { recursive: true, force: true });
  fs.mkdirSync(path.join('dist', 'typescript-lib'), { recursive: true });
  for (const f of fs.readdirSync(tsLib))
    if (/^lib\.(es5|es20\d\d(\.[a-z]+)*|decorators(\.legacy)?)\.d\.ts$/.test(f))
      fs.copyFileSync(path.join(tsLib, f), path.join('dist', 'typescript-lib', f));
  for (const file of runtimeFiles) fs.copyFileSync(file, path.join('dist', path.basename(file)));
  copyLintCliRuntime(path.join('dist', 'cli'));
  for (const [file, dir] of serverRuntimeFiles) {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(file, path.join(dir, path.basename(file)));
  }
}

copyRuntimeFiles();
copyGridRuntime();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const t0 = performance.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync(path.join('dist', 'cli', 'lint.js'), 0o755);
  console.log(`esbuild: ${production ? 'production ' : ''}build in ${Math.round(performance.now() - t0)} ms`);
}
