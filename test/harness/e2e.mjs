#!/usr/bin/env node
// UI end-to-end scenarios against the extension installed from the packaged .vsix: ONE code-server and
// ONE Chromium shared by all scenarios, a fresh page (workbench load) per scenario.
// A scenario (test/e2e/scenarios/*.mjs) exports `name` and `async run({page, workbench, workspace, shotsDir, log})`.
// CLI: node test/harness/e2e.mjs [--vsix FILE] [--scenarios DIR] [--filter TEXT] [--keep]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { installVsix } from './installVsix.mjs';
import { startServer, workbenchUrl } from './server.mjs';
import { createWorkbench } from './workbench.mjs';
import { copyProject, makeStateDir, repoRoot, sampleProjectSource } from './workspace.mjs';

/** @returns {Promise<{passed: number, failed: number, ms: number}>} */
export async function runE2E({
  vsix, extensionRoot = repoRoot, scenariosDir = path.join(repoRoot, 'test', 'e2e', 'scenarios'),
  source = sampleProjectSource(), filter, out = console.log, keepState = false, scenarioTimeoutMs = 180_000,
}) {
  const t0 = Date.now();
  const files = fs.existsSync(scenariosDir) ? fs.readdirSync(scenariosDir).filter((f) => f.endsWith('.mjs')).sort() : [];
  const scenarios = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(scenariosDir, f)).href);
    if (!filter || mod.name.includes(filter) || f.includes(filter)) scenarios.push({ file: f, name: mod.name ?? f, run: mod.run });
  }
  if (scenarios.length === 0) { out('  no scenarios found'); return { passed: 0, failed: 0, ms: 0 }; }

  const shotsDir = path.join(repoRoot, 'test-output', 'screenshots');
  fs.mkdirSync(shotsDir, { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const stateDir = makeStateDir('e2e');
  const workspace = copyProject(source, path.join(stateDir, 'workspace'));
  const installed = await installVsix({ vsix, stateDir, id: `${pkg.publisher}.${pkg.name}` });
  out(`  installed ${path.basename(installed)}`);
  const ts = Date.now();
  const server = await startServer({ workspace, stateDir });
  out(`  code-server up in ${Date.now() - ts} ms`);
  const browser = await launchBrowser();
  let passed = 0; let failed = 0;
  try {
    for (const s of scenarios) {
      const st = Date.now();
      const log = (...a) => out(`    [${((Date.now() - st) / 1000).toFixed(1)}s] ${a.join(' ')}`);
      const failShot = path.join(shotsDir, `${s.file.replace(/\.mjs$/, '')}-fail.png`);
      fs.rmSync(failShot, { force: true });
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => { if (process.env.PW_VERBOSE) log('[pageerror]', e.message); });
      let timer;
      try {
        await page.goto(workbenchUrl(server.url, workspace));
        const workbench = createWorkbench(page, { workspace });
        await workbench.ready();
        const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${scenarioTimeoutMs / 1000} s`)), scenarioTimeoutMs); });
        await Promise.race([s.run({ page, workbench, workspace, shotsDir, log }), timeout]);
        passed++;
        out(`  ok   - ${s.name} (${((Date.now() - st) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        const shot = failShot;
        await page.screenshot({ path: shot }).catch(() => {});
        out(`  FAIL - ${s.name}: ${err.message.split('\n').slice(0, 6).join('\n         ')}\n         screenshot: ${path.relative(repoRoot, shot)}`);
      } finally {
        clearTimeout(timer);
        await page.close().catch(() => {});
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (failed === 0 && !keepState) fs.rmSync(stateDir, { recursive: true, force: true });
  else out(`  state kept: ${stateDir} (server.log, user-data/logs)`);
  return { passed, failed, ms: Date.now() - t0 };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: {
    vsix: { type: 'string' }, scenarios: { type: 'string' }, filter: { type: 'string' }, keep: { type: 'boolean' },
    extension: { type: 'string' }, workspace: { type: 'string' } } });
  const r = await runE2E({
    vsix: values.vsix ?? path.join(repoRoot, 'dist-vsix', 'prisma-workbench.vsix'),
    extensionRoot: values.extension ? path.resolve(values.extension) : repoRoot,
    scenariosDir: values.scenarios && path.resolve(values.scenarios),
    source: values.workspace ? { from: path.resolve(values.workspace) } : undefined,
    filter: values.filter, keepState: values.keep,
  });
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed ? 1 : 0);
}
