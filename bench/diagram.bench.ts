// How long the relationship diagram takes to build and lay out on big generated schemas (bench/schemaGen.ts),
// against the parse of the same schema (the work the extension does anyway) and a 1 s budget for 300 models.
// Run: npx tsx bench/diagram.bench.ts [models...]
import { buildDiagram } from '../src/core/diagram/diagramModel';
import { layoutDiagram } from '../src/core/diagram/layout';
import { parseSchema } from '../src/core/schema/parse';
import { generateSchema } from './schemaGen';

const budgetMs = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

export async function run(sizes: number[] = [50, 300, 1000]): Promise<void> {
  console.log('models  edges  parse ms  graph ms  layout ms (cold / median of 3)  layout/parse  300-model budget');
  for (const models of sizes) {
    const text = generateSchema(models);
    const parseMs: number[] = [];
    const graphMs: number[] = [];
    const layoutMs: number[] = [];
    let edges = 0;
    const runs = models >= 1000 ? 2 : 4;
    for (let i = 0; i < runs; i++) {
      const [doc, p] = timed(() => parseSchema([{ path: '/bench/schema.prisma', content: text }]));
      const [graph, g] = timed(() => buildDiagram(doc));
      const [, l] = timed(() => layoutDiagram(graph));
      edges = graph.edges.length;
      parseMs.push(p);
      graphMs.push(g);
      layoutMs.push(l);
    }
    const warm = median(layoutMs.slice(1));
    const ratio = warm / median(parseMs.slice(1));
    const budget =
      models === 300 ? `${warm <= budgetMs ? 'ok' : 'OVER'} (${(warm / budgetMs).toFixed(2)} x ${budgetMs} ms)` : '';
    console.log(
      `${String(models).padStart(6)}  ${String(edges).padStart(5)}  ${median(parseMs.slice(1)).toFixed(1).padStart(8)}  ${median(graphMs.slice(1)).toFixed(1).padStart(8)}  ${layoutMs[0].toFixed(0).padStart(9)} / ${warm.toFixed(0).padStart(6)}                ${ratio.toFixed(1).padStart(6)} x  ${budget}`,
    );
  }
}

if (require.main === module) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  void run(sizes.length ? sizes : undefined);
}
