// How fast the models tree gets its schema: our reader (parseSchema, and the tree built from it when
// the caller passes `buildTree`) against Prisma's get_dmmf on the same generated 1,000-model schema,
// in the same run. Goal: tree <= 50 ms and <= 0.05 x get_dmmf.
// Run: npx tsx bench/modelsTree.bench.ts [models] [runs]

import type { SchemaDocument } from '../src/core/schema/model';
import { parseSchema } from '../src/core/schema/parse';
import { getDmmfJson, lintSchema, loadPrismaSchemaWasm } from '../src/core/schema/prismaWasm';
import { generateSchema } from './schemaGen';

export interface BenchRow {
  step: string;
  coldMs: number;
  medianMs: number;
}

export interface ModelsTreeBenchResult {
  models: number;
  lines: number;
  rows: BenchRow[];
  /** (parse + tree) warm median / get_dmmf warm median. */
  ratio: number;
  meetsGoal: boolean;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function measure(step: string, runs: number, fn: () => unknown): BenchRow {
  const coldMs = time(fn);
  const samples = Array.from({ length: runs }, () => time(fn)).sort((a, b) => a - b);
  return { step, coldMs, medianMs: samples[Math.floor(samples.length / 2)] };
}

export function runModelsTreeBench(
  buildTree?: (doc: SchemaDocument) => unknown,
  options: { models?: number; runs?: number; print?: boolean; label?: string } = {},
): ModelsTreeBenchResult {
  const models = options.models ?? 1000;
  const runs = options.runs ?? 15;
  const content = generateSchema(models);
  const files = [{ path: '/bench/schema.prisma', content }];

  const parsed = parseSchema(files);
  if (parsed.diagnostics.length > 0)
    throw new Error(`generated schema does not parse cleanly: ${parsed.diagnostics[0].message}`);

  const rows: BenchRow[] = [measure('parseSchema', runs, () => parseSchema(files))];
  if (buildTree) {
    rows.push(measure('buildTree', runs, () => buildTree(parsed)));
    rows.push(measure('parseSchema + buildTree', runs, () => buildTree(parseSchema(files))));
  }
  const loadMs = time(() => loadPrismaSchemaWasm());
  const dmmfRuns = Math.max(3, Math.floor(runs / 3));
  const dmmf = measure('get_dmmf (Prisma 7 wasm) + JSON.parse', dmmfRuns, () => JSON.parse(getDmmfJson(files)));
  const lint = measure('lint (Prisma 7 wasm)', dmmfRuns, () => lintSchema(files));
  rows.push(dmmf, lint, { step: 'load wasm (once)', coldMs: loadMs, medianMs: NaN });

  const ours = rows[buildTree ? 2 : 0];
  const ratio = ours.medianMs / dmmf.medianMs;
  const result: ModelsTreeBenchResult = {
    models,
    lines: content.split('\n').length,
    rows,
    ratio,
    meetsGoal: ours.medianMs <= 50 && ratio <= 0.05,
  };
  if (options.print !== false)
    printResult(result, ours.step, options.label ?? (buildTree ? 'tree as the view first shows it' : 'reader only'));
  return result;
}

function printResult(r: ModelsTreeBenchResult, oursStep: string, label: string): void {
  const out: string[] = [];
  out.push(`models tree bench (${label}): ${r.models} models, ${r.lines} lines`);
  out.push(`${'step'.padEnd(40)} ${'cold ms'.padStart(9)} ${'median ms'.padStart(10)}`);
  for (const row of r.rows) {
    out.push(
      `${row.step.padEnd(40)} ${row.coldMs.toFixed(1).padStart(9)} ${(Number.isNaN(row.medianMs) ? '-' : row.medianMs.toFixed(1)).padStart(10)}`,
    );
  }
  out.push(
    `ratio ${oursStep} / get_dmmf: ${r.ratio.toFixed(3)} (goal <= 0.05; and <= 50 ms)  ${r.meetsGoal ? 'MET' : 'NOT MET'}`,
  );
  process.stdout.write(out.join('\n') + '\n');
}

if (require.main === module) {
  const [models, runs] = process.argv.slice(2).map(Number);
  const result = runModelsTreeBench(undefined, { models: models || undefined, runs: runs || undefined });
  process.exitCode = result.meetsGoal ? 0 : 1;
}
