// Loads dist/extension.js once in plain Node, with a stand-in for `vscode` that has the API's top-level names (from
// @types/vscode, each a callable stand-in), and prints what the load took as JSON: compileMs, from require() to the
// bundle's first line (reading and compiling the file), and evaluateMs, from there to require() returned (every
// module's top level). Node's modules that VS Code's extension host has loaded before us are loaded first, so their
// cost is not counted. Used by scripts/bundleReport.mjs (one fresh process per sample).
// Usage: node scripts/loadBundle.cjs [dist/extension.js]
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

for (const m of ['crypto', 'fs/promises', 'os', 'child_process', 'worker_threads', 'vm', 'net', 'url', 'util'])
  require(`node:${m}`);
const standIn = new Proxy(function () {}, {
  get: (_, k) => (k === Symbol.toPrimitive ? () => '' : k === 'then' ? undefined : standIn),
  apply: () => standIn,
  construct: () => standIn,
  set: () => true,
});
const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const vscode = {};
for (const [, name] of dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm))
  vscode[name] = standIn;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const file = path.resolve(process.argv[2] ?? 'dist/extension.js');
const t0 = performance.now();
require(file);
const t1 = performance.now();
const firstLine = globalThis.__prismaWorkbenchLoadStart;
console.log(JSON.stringify({ compileMs: firstLine - t0, evaluateMs: t1 - firstLine }));
