// Activation in the real VS Code host, from the packaged .vsix installed into a fresh code-server, on a
// copy of the sample project: activate() itself, module load → end of activate(), and the time until the
// Models view has its first root. Also the .vsix size. Anchor: the budget (activation ≤ 50 ms).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..');
const vsix = path.join(root, 'dist-vsix', 'prisma-workbench.vsix');
const harness = (file: string) => import(pathToFileURL(path.join(root, 'test', 'harness', file)).href);

interface Probe {
  activateMs: number;
  sinceLoadMs: number;
  firstTreeAfterProbeMs: number;
  roots: number;
}

export async function run(): Promise<void> {
  if (!fs.existsSync(vsix) || !fs.existsSync(path.join(root, 'dist', 'bench', 'host', 'activationProbe.js'))) {
    throw new Error('build and package first: node esbuild.mjs --production && node scripts/package.mjs');
  }
  const { setup } = await harness('setup.mjs');
  const { runIntegration } = await harness('runExtensionTests.mjs');
  const { sampleProjectSource } = await harness('workspace.mjs');
  await setup({ quiet: true });
  const samples: Probe[] = [];
  for (let i = 0; i < 3; i++) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-')), 'activation.json');
    const r = await runIntegration(
      { name: `activation-${i}`, source: sampleProjectSource(), env: { PW_BENCH_OUT: out } },
      { vsix, testsPath: path.join(root, 'dist', 'bench', 'host', 'activationProbe.js'), out: () => undefined },
    );
    if (r.code !== 0 || !fs.existsSync(out)) throw new Error(`activation probe failed (state kept in ${r.stateDir})`);
    samples.push(JSON.parse(fs.readFileSync(out, 'utf8')) as Probe);
  }
  const median = (f: (p: Probe) => number) => samples.map(f).sort((a, b) => a - b)[1];
  const size = fs.statSync(vsix).size / 1024 / 1024;
  console.log('activation (real VS Code host, installed .vsix, sample project; median of 3 fresh hosts)');
  console.log(
    `  activate()                         ${median((p) => p.activateMs)
      .toFixed(1)
      .padStart(7)} ms   budget 50 ms   ${median((p) => p.activateMs) <= 50 ? 'MET' : 'NOT MET'}`,
  );
  console.log(
    `  module load → activate() returned  ${median((p) => p.sinceLoadMs)
      .toFixed(1)
      .padStart(7)} ms`,
  );
  console.log(
    `  activation → first Models root     ${median((p) => p.firstTreeAfterProbeMs)
      .toFixed(1)
      .padStart(7)} ms   (discovery + read + parse)`,
  );
  console.log(`  .vsix size                         ${size.toFixed(2).padStart(7)} MB`);
}
