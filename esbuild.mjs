// Bundles the extension (Node, CommonJS, `vscode` external) and the integration tests, and copies the
// runtime files the bundle loads from its own folder (.wasm). `tsc --noEmit` type-checks; esbuild only bundles.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { copyLintCliRuntime, lintCliBuild } from './scripts/lintCliBuild.mjs';
import { eagerFiles } from './scripts/eagerFiles.mjs';

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
/**
 * The same for the split ESM build below: there an external import would become a top-level `import` of the
 * chunk that holds the importing module, run when that chunk loads even where the module itself is initialised
 * later (a module reached by require()). So each package imported statically is a CommonJS module of one line
 * whose require() of its file runs when the importing module is initialised, as in one CommonJS bundle.
 */
const lazyChunksInEsm = {
  name: 'lazy-chunks-esm',
  setup(b) {
    b.onResolve({ filter: lazyFilter }, (a) =>
      // `await import('pg')` stays an import of the file: step (2) makes it require('./lib.pg.js'), read with
      // __toESM as before (a chunk holding the one-line module would give only its `default`)
      a.kind === 'dynamic-import'
        ? { path: `./${lazyChunkFile(a.path)}`, external: true }
        : { path: a.path, namespace: 'lazy-package' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (a) => ({
      loader: 'js',
      contents: `module.exports = require(${JSON.stringify(`./${lazyChunkFile(a.path)}`)});`,
    }));
    b.onResolve({ filter: /^\.\/lib\.[\w.-]+\.js$/, namespace: 'lazy-package' }, (a) => ({
      path: a.path,
      external: true,
    }));
  },
};

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

// ---- Our own modules, split ----
// esbuild splits code only in format esm, and the extension host loads a CommonJS `main`. So the extension is
// built twice over: (1) split as ESM into dist/.esm/, every `await import('./x')` of src/ a file of its own
// (dist/.esm/chunk.<name>-<hash>.js, with the modules it shares with others in further chunk files, each module
// in one file only); (2) each of those files turned into CommonJS in dist/ as it stands (no bundling), where
// `import` becomes require() and `await import('./chunk.x.js')` becomes require('./chunk.x.js') on first use,
// read as before (__toESM). All of them sit in dist/, so __dirname is dist/ everywhere as in one bundle.
// Shared chunks run before the entry's own modules, so the entry's first line stamps the bundle's load start
// (src/host/loadStart.ts reads it).
const esmDir = path.join('dist', '.esm');
const ownChunks = /^chunk\.[\w.-]+\.js$/;
const loadStartBanner =
  '"use strict";globalThis.__prismaWorkbenchLoadStart = performance.now();' +
  'globalThis.__prismaWorkbenchLoadCpu = process.cpuUsage();';
/**
 * Modules that must not load at activation (issue #15: module load → activate() returned ≤ 100 ms): the build
 * fails when one of them is in a file dist/extension.js requires at once, i.e. when a static import pulled it in.
 */
const loadedOnFirstUse = [
  'src/features/grid/gridManager.ts',
  'src/features/grid/gridPanel.ts',
  'src/core/data/dataSession.ts',
  'src/features/diagram/diagramPanel.ts',
  'src/core/diagram/layout.ts',
  'src/core/migrationLint/lint.ts',
  'src/core/migrationLint/lintWithDatabase.ts',
  'src/core/notebook/runQuery.ts',
  'src/core/typedSql/prepareCheck.ts',
  'src/core/migrations/liveStatus.ts',
  'src/core/engine/embeddedSchemaEngine.ts',
  'src/core/drift/index.ts',
];
function checkLoadedOnFirstUse(metafile) {
  const { eager, outputs } = eagerFiles(metafile);
  const early = loadedOnFirstUse.filter((m) => [...eager].some((f) => outputs[f].inputs[m]));
  if (early.length)
    throw new Error(
      `loaded at activation, but meant for first use (a static import pulls them in): ${early.join(', ')}`,
    );
}

/**
 * `vscode` and Node's modules read once each in extension.js. Each module's `import * as vscode from 'vscode'`
 * became, in a CommonJS bundle, a require() and a copy of the API object of its own (esbuild's __toESM: a getter
 * defined per name, ~200 of them): 48 copies, ~10,000 properties defined while the bundle evaluated, and in the host
 * 48 passes through VS Code's require interceptor (the requiring file's realpath, then the extension it belongs to);
 * `node:path` was copied 24 times. Here every module imports one ES module per package that re-exports it, once.
 * Measured (scripts/bundleReport.mjs, plain Node): evaluation ~50 ms -> ~7 ms; in the host 48-54 ms -> 14-23 ms.
 */
const readOnceFilter = /^(vscode|node:[\w/]+)$/;
const readOnce = {
  name: 'read-once',
  setup(b) {
    b.onResolve({ filter: readOnceFilter }, (a) =>
      a.namespace === 'read-once' ? { path: a.path, external: true } : { path: a.path, namespace: 'read-once' },
    );
    b.onLoad({ filter: /.*/, namespace: 'read-once' }, (a) => ({
      // Node's modules are also imported as a default (`import path from 'node:path'`): the module itself, as is
      contents: `export * from '${a.path}';${a.path === 'vscode' ? '' : ` export default require('${a.path}');`}`,
      loader: 'js',
    }));
  },
};
/** The build fails when extension.js requires one of them more often (a Node module: its names and its default). */
function checkReadOnce(file) {
  const reads = new Map();
  for (const [, m] of fs.readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g))
    if (readOnceFilter.test(m)) reads.set(m, (reads.get(m) ?? 0) + 1);
  const twice = [...reads].filter(([m, n]) => n > (m === 'vscode' ? 1 : 2));
  if (!reads.has('vscode') || twice.length)
    throw new Error(
      `${file} should require vscode once and each node:* module at most twice: ${twice.map(([m, n]) => `${m} ${n}×`).join(', ')}`,
    );
}

// The chunks extension.js needs at once are bundled into it (one file to read and compile at activation, not a
// score of small ones); each keeps a file of the same name in dist/, a stub whose exports are that chunk's
// modules inside extension.js, so that a chunk loaded later which imports it gets the same module instances.
const chunkRegistry = "Symbol.for('prisma-workbench.chunks:' + __dirname)";
const toCommonJs = {
  name: 'to-commonjs',
  setup(b) {
    b.onStart(() => {
      fs.rmSync(esmDir, { recursive: true, force: true });
    });
    b.onEnd(async (result) => {
      if (result.errors.length) return;
      // what each file holds, for `node scripts/bundleReport.mjs`
      fs.writeFileSync(path.join(esmDir, 'meta.json'), JSON.stringify(result.metafile));
      checkLoadedOnFirstUse(result.metafile);
      const { eager } = eagerFiles(result.metafile);
      const atOnce = [...eager].filter((f) => f !== 'extension.js').sort();
      const later = fs.readdirSync(esmDir).filter((f) => ownChunks.test(f) && !eager.has(f));
      for (const f of fs.readdirSync('dist'))
        if (ownChunks.test(f) || ownChunks.test(f.replace(/\.map$/, ''))) fs.rmSync(path.join('dist', f));
      const entry = [
        "export * from './extension.js';",
        ...atOnce.map((f, i) => `import * as c${i} from './${f}';`),
        'const cjs = (ns) => { const o = Object.defineProperty({}, "__esModule", { value: true });',
        '  for (const k of Object.keys(ns)) Object.defineProperty(o, k, { get: () => ns[k], enumerable: true });',
        '  return o; };',
        `const chunks = (globalThis[${chunkRegistry}] ??= {});`,
        ...atOnce.map((f, i) => `chunks[${JSON.stringify(f)}] = cjs(c${i});`),
      ].join('\n');
      for (const f of atOnce)
        fs.writeFileSync(
          path.join('dist', f),
          `"use strict";\n// bundled into extension.js (esbuild.mjs): the same module instances for the files loaded later\n` +
            `const chunk = globalThis[${chunkRegistry}]?.[${JSON.stringify(f)}];\n` +
            `if (!chunk) throw new Error(${JSON.stringify(`${f} is part of extension.js, which has not run`)});\n` +
            'module.exports = chunk;\n',
        );
      await Promise.all([
        esbuild.build({
          ...common,
          stdin: { contents: entry, resolveDir: esmDir, sourcefile: 'extension-with-chunks.js', loader: 'js' },
          outfile: path.join('dist', 'extension.js'),
          supported: { 'dynamic-import': false },
          banner: { js: loadStartBanner },
          plugins: [
            readOnce,
            {
              name: 'files-loaded-later',
              setup(b2) {
                b2.onResolve({ filter: /^\.\/(chunk|lib)\.[\w.-]+\.js$/ }, (a) =>
                  eager.has(path.basename(a.path)) ? undefined : { path: a.path, external: true },
                );
              },
            },
          ],
        }),
        esbuild.build({
          ...common,
          bundle: false,
          external: undefined,
          entryPoints: later.map((f) => path.join(esmDir, f)),
          outdir: 'dist',
          supported: { 'dynamic-import': false },
        }),
      ]);
      checkReadOnce(path.join('dist', 'extension.js'));
    });
  },
};

const builds = [
  // `await import('pg')` becomes require('./lib.pg.js') on first use, read as the bundled package was (__toESM):
  // a native import() of a CommonJS file would see only its `default`
  {
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: esmDir,
    chunkNames: 'chunk.[name]-[hash]',
    metafile: true,
    // minified in step (2); identifiers kept here so that chunk names and the steps' output stay readable
    minify: false,
    plugins: [lazyChunksInEsm, toCommonJs],
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
