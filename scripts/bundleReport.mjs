// What the extension loads at activation and what it loads on first use: dist/extension.js (the entry and the
// chunks it needs at once, bundled into it), the chunks loaded later, and the largest modules loaded at once.
// Reads the split build's metafile (dist/.esm/meta.json, written by esbuild.mjs); sizes are of dist/.
// Last, the time to load it in plain Node (scripts/loadBundle.cjs): compiling and evaluating it.
// Usage: node scripts/bundleReport.mjs [--top 30]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eagerFiles } from './eagerFiles.mjs';

const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 30;
const meta = JSON.parse(fs.readFileSync(path.join('dist', '.esm', 'meta.json'), 'utf8'));
const outputs = Object.fromEntries(
  Object.entries(meta.outputs)
    .filter(([k]) => k.endsWith('.js'))
    .map(([k, v]) => [path.basename(k), v]),
);
const size = (f) => fs.statSync(path.join('dist', f)).size;
const { eager } = eagerFiles(meta);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
const sum = (files) => files.reduce((a, f) => a + size(f), 0);
const lazy = Object.keys(outputs).filter((f) => !eager.has(f));
console.log(`at activation: dist/extension.js, ${kb(size('extension.js'))} (the entry and ${eager.size - 1} chunk(s))`);
console.log(`on first use:  ${lazy.length} file(s), ${kb(sum(lazy))} (+ dist/lib.*.js, the packages)`);
const inputs = {};
for (const f of eager)
  for (const [m, v] of Object.entries(outputs[f].inputs)) inputs[m] = (inputs[m] ?? 0) + v.bytesInOutput;
console.log(`largest modules loaded at activation (unminified bytes in the split build):`);
for (const [m, n] of Object.entries(inputs)
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`${kb(n)}  ${m}`);

// Loading it without VS Code: fresh Node processes, `vscode` a stand-in (scripts/loadBundle.cjs). Not the host's
// figures (bench/activation.bench.ts has those), but the same work on a quiet machine, in seconds.
const samples = Array.from({ length: 7 }, () =>
  JSON.parse(execFileSync(process.execPath, [path.join('scripts', 'loadBundle.cjs')], { encoding: 'utf8' })),
);
const median = (k) => samples.map((s) => s[k]).sort((a, b) => a - b)[samples.length >> 1];
console.log(
  `loaded in plain Node (median of ${samples.length}): compiled ${median('compileMs').toFixed(1)} ms, ` +
    `evaluated ${median('evaluateMs').toFixed(1)} ms`,
);
