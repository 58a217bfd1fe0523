// `npm run bench [-- name ...]`: every benchmark, each printing its figures beside its reference.
import { buildModelsTree, flattenTree } from '../src/core/tree/modelsTree';
import type { SchemaDocument } from '../src/core/schema/model';
import { runModelsTreeBench } from './modelsTree.bench';
import { run as activation } from './activation.bench';
import { run as diagram } from './diagram.bench';
import { run as drift } from './drift.bench';
import { run as grid } from './grid.bench';
import { run as lintCli } from './lintCli.bench';
import { run as maskSecrets } from './maskSecrets.bench';
import { run as migrationLint } from './migrationLint.bench';
import { run as migrations } from './migrations.bench';
import { run as notebook } from './notebook.bench';
import { run as relationPicker } from './relationPicker.bench';

// What the view shows first: the schema root and its models, views, enums and types.
const firstView = (doc: SchemaDocument) =>
  buildModelsTree({ id: 'bench', label: 'schema.prisma', doc, problems: doc.diagnostics }).children().length;
// Every node, as if the user expanded every model.
const fullTree = (doc: SchemaDocument) =>
  flattenTree(buildModelsTree({ id: 'bench', label: 'schema.prisma', doc, problems: doc.diagnostics })).length;

const benches: { name: string; run: () => unknown }[] = [
  {
    name: 'tree',
    run: () => {
      runModelsTreeBench(firstView);
      runModelsTreeBench(fullTree, { label: 'every node materialised' });
    },
  },
  { name: 'activation', run: activation },
  { name: 'diagram', run: diagram },
  { name: 'drift', run: drift },
  { name: 'grid', run: grid },
  { name: 'relationPicker', run: relationPicker },
  { name: 'notebook', run: notebook },
  { name: 'migrations', run: migrations },
  { name: 'migrationLint', run: migrationLint },
  { name: 'lintCli', run: lintCli },
  { name: 'maskSecrets', run: maskSecrets },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  let failed = 0;
  for (const b of benches.filter((x) => !wanted.length || wanted.includes(x.name))) {
    console.log(`\n== ${b.name}`);
    try {
      await b.run();
    } catch (e) {
      failed++;
      console.log(`  ${b.name} could not run: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
