// Activation in the real VS Code host, from the packaged .vsix installed into a fresh code-server, on a copy
// of the sample project and on a generated project whose schema is 40 files (prisma/schema/): activate()
// itself, module load → end of activate(), and activation → the Models view's first rows. Beside them, in the
// same window: how long the workspace search the views used to wait for took, and the reference, a plain
// listing of the same folder through VS Code's file system (what the Explorer's listing rests on; the
// Explorer's own drawing cannot be timed from the extension host). Anchors: the budget (activation ≤ 50 ms,
// module load → activate() returned ≤ 100 ms, first rows ≤ 300 ms after activation).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateSchema } from './schemaGen';

const root = path.resolve(__dirname, '..');
const vsix = path.join(root, 'dist-vsix', 'prisma-workbench.vsix');
const harness = (file: string) => import(pathToFileURL(path.join(root, 'test', 'harness', file)).href);

interface Probe {
  activateMs: number;
  sinceLoadMs: number;
  evaluatedMs: number;
  waitedMs: number;
  firstRootsMs?: number;
  conventionalMs?: number;
  searchMs?: number;
  listMs: number;
  listed: number;
  findFilesMs: number;
  roots: number;
  rows: number;
}

/** A project whose schema is `files` files in prisma/schema/ (generator and datasource in main.prisma). */
export function multiFileProject(dir: string, files = 40): string {
  const text = generateSchema(files * 2);
  const blocks = text.split(/\n(?=(?:\/\/\/[^\n]*\n)*(?:model|enum|generator|datasource) )/);
  const head = blocks.filter((b) => /^(generator|datasource|enum) /m.test(b) && !/^model /m.test(b));
  const models = blocks.filter((b) => /^model /m.test(b));
  const schemaDir = path.join(dir, 'prisma', 'schema');
  fs.mkdirSync(schemaDir, { recursive: true });
  fs.writeFileSync(path.join(schemaDir, 'main.prisma'), head.join('\n'));
  for (let i = 0; i < files - 1; i++)
    fs.writeFileSync(
      path.join(schemaDir, `part${String(i).padStart(2, '0')}.prisma`),
      models.filter((_, m) => m % (files - 1) === i).join('\n'),
    );
  fs.writeFileSync(
    path.join(dir, 'prisma.config.ts'),
    'import { defineConfig } from "prisma/config";\nexport default defineConfig({ schema: "prisma/schema" });\n',
  );
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-multi-file', private: true }));
  return dir;
}

const fmt = (v: number | undefined, width = 9) => (v === undefined ? 'n/a' : `${v.toFixed(1)} ms`).padStart(width);

export async function run(): Promise<void> {
  if (!fs.existsSync(vsix) || !fs.existsSync(path.join(root, 'dist', 'bench', 'host', 'activationProbe.js'))) {
    throw new Error('build and package first: node esbuild.mjs --production && node scripts/package.mjs');
  }
  const { setup } = await harness('setup.mjs');
  const { runIntegration } = await harness('runExtensionTests.mjs');
  const { sampleProjectSource } = await harness('workspace.mjs');
  await setup({ quiet: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-'));
  const projects = [
    { name: 'sample', source: sampleProjectSource() },
    { name: '40-file schema', source: { from: multiFileProject(path.join(tmp, 'multi')) } },
  ];
  const medians: Record<string, (f: (p: Probe) => number | undefined) => number | undefined> = {};
  const shape: Record<string, string> = {};
  for (const project of projects) {
    const samples: Probe[] = [];
    for (let i = 0; i < 3; i++) {
      const out = path.join(tmp, `activation-${samples.length}-${Math.random().toString(36).slice(2)}.json`);
      const r = await runIntegration(
        { name: `activation-${i}`, source: project.source, env: { PW_BENCH_OUT: out } },
        { vsix, testsPath: path.join(root, 'dist', 'bench', 'host', 'activationProbe.js'), out: () => undefined },
      );
      if (r.code !== 0 || !fs.existsSync(out))
        throw new Error(`activation probe failed on ${project.name} (state kept in ${r.stateDir})`);
      samples.push(JSON.parse(fs.readFileSync(out, 'utf8')) as Probe);
    }
    medians[project.name] = (f) => {
      const v = samples.map(f).filter((x): x is number => x !== undefined);
      return v.length ? v.sort((a, b) => a - b)[Math.floor(v.length / 2)] : undefined;
    };
    const s = samples[0];
    shape[project.name] = `${s.roots} root(s), ${s.rows} rows under the first, ${s.listed} entries in the folder`;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const [a, b] = projects.map((p) => medians[p.name]);
  const line = (label: string, f: (p: Probe) => number | undefined, budget = '') =>
    console.log(`  ${label.padEnd(44)}${fmt(a(f))} ${fmt(b(f))}   ${budget}`);
  const verdict = (f: (p: Probe) => number | undefined, max: number) =>
    `budget ${max} ms   ${[a(f), b(f)].every((v) => v !== undefined && v <= max) ? 'MET' : 'NOT MET'}`;
  console.log('activation (real VS Code host, installed .vsix; median of 3 fresh hosts per project)');
  console.log(`  ${''.padEnd(44)}${'sample'.padStart(9)} ${'40 files'.padStart(9)}`);
  line(
    'activate()',
    (p) => p.activateMs,
    verdict((p) => p.activateMs, 50),
  );
  line(
    'module load → activate() returned',
    (p) => p.sinceLoadMs,
    verdict((p) => p.sinceLoadMs, 100),
  );
  line('  our bundle evaluated', (p) => p.evaluatedMs, "(ours: every module's top level)");
  line('  VS Code until it called activate()', (p) => p.waitedMs, "(the host's: it prepares the ExtensionContext)");
  line(
    'activation → first Models rows',
    (p) => p.firstRootsMs,
    verdict((p) => p.firstRootsMs, 300),
  );
  line('  conventional places read and parsed', (p) => p.conventionalMs, '(shown first when the search is slower)');
  line('  workspace search answered', (p) => p.searchMs, '(what the view waited for before)');
  line('reference: folder listed via workspace.fs', (p) => p.listMs, '(same window, recursive readDirectory)');
  line('reference: workspace.findFiles(**/*.prisma)', (p) => p.findFilesMs, '(same window, after startup)');
  for (const p of projects) console.log(`  ${p.name}: ${shape[p.name]}`);
  console.log(`  .vsix size ${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB`);
}
