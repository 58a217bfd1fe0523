// The files of the split build that dist/extension.js needs at once: itself and the chunks it imports
// statically (esbuild.mjs checks them against the modules meant for first use; bundleReport.mjs lists them).
import path from 'node:path';

export function eagerFiles(metafile) {
  const outputs = Object.fromEntries(Object.entries(metafile.outputs).map(([k, v]) => [path.basename(k), v]));
  const eager = new Set();
  const visit = (f) => {
    if (eager.has(f)) return;
    eager.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement' && !i.external) visit(path.basename(i.path));
  };
  visit('extension.js');
  return { eager, outputs };
}
