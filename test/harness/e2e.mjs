#!/usr/bin/env node
// UI end-to-end scenarios against the extension installed from the packaged .vsix: ONE Chromium shared by
// all scenarios; each scenario gets its own workspace copy, user data and code-server (≈1 s), so editors,
// webviews and files one scenario leaves behind never reach the next.
// A scenario (test/e2e/scenarios/*.mjs) exports `name` and `async run({page, workbench, workspace, shotsDir, log})`,
// and may export `settings`: user settings its code-server starts with.
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
  vsix,
  extensionRoot = repoRoot,
  scenariosDir = path.join(repoRoot, 'test', 'e2e', 'scenarios'),
  source = sampleProjectSource(),
  filter,
  out = console.log,
  keepState = false,
  scenarioTimeoutMs = 180_000,
}) {
  const t0 = Date.now();
  const files = fs.existsSync(scenariosDir)
    ? fs
        .readdirSync(scenariosDir)
        .filter((f) => f.endsWith('.mjs'))
        .sort()
    : [];
  const scenarios = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(scenariosDir, f)).href);
    if (!filter || mod.name.includes(filter) || f.includes(filter))
      scenarios.push({ file: f, name: mod.name ?? f, run: mod.run, settings: mod.settings });
  }
  if (scenarios.length === 0) {
    out('  no scenarios found');
    return { passed: 0, failed: 0, ms: 0 };
  }

  const shotsDir = path.join(repoRoot, 'test-output', 'screenshots');
  fs.mkdirSync(shotsDir, { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  const kept = [];
  try {
    for (const s of scenarios) {
      const st = Date.now();
      const log = (...a) => out(`    [${((Date.now() - st) / 1000).toFixed(1)}s] ${a.join(' ')}`);
      const failShot = path.join(shotsDir, `${s.file.replace(/\.mjs$/, '')}-fail.png`);
      fs.rmSync(failShot, { force: true });
      const stateDir = makeStateDir(`e2e-${s.file.replace(/\.mjs$/, '')}`);
      const workspace = copyProject(source, path.join(stateDir, 'workspace'));
      let server;
      let page;
      let timer;
      let ok = false;
      try {
        await installVsix({ vsix, stateDir, id: `${pkg.publisher}.${pkg.name}` });
        server = await startServer({ workspace, stateDir, settings: s.settings });
        page = await browser.context.newPage();
        page.on('pageerror', (e) => {
          if (process.env.PW_VERBOSE) log('[pageerror]', e.message);
        });
        await page.goto(workbenchUrl(server.url, workspace), { timeout: 180_000 }); // slow on a loaded machine
        const workbench = createWorkbench(page, { workspace });
        await workbench.ready();
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`timed out after ${scenarioTimeoutMs / 1000} s`)),
            scenarioTimeoutMs,
          );
        });
        await Promise.race([s.run({ page, workbench, workspace, shotsDir, log }), timeout]);
        ok = true;
        passed++;
        out(`  ok   - ${s.name} (${((Date.now() - st) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        await page?.screenshot({ path: failShot }).catch(() => {});
        out(
          `  FAIL - ${s.name}: ${err.message.split('\n').slice(0, 6).join('\n         ')}\n         screenshot: ${path.relative(repoRoot, failShot)}`,
        );
      } finally {
        clearTimeout(timer);
        await page?.close().catch(() => {});
        await server?.stop();
        if (ok && !keepState) fs.rmSync(stateDir, { recursive: true, force: true });
        else kept.push(stateDir);
      }
    }
  } finally {
    await browser.close();
  }
  for (const dir of kept) out(`  state kept: ${dir} (server.log, user-data/logs)`);
  return { passed, failed, ms: Date.now() - t0 };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' },
      scenarios: { type: 'string' },
      filter: { type: 'string' },
      keep: { type: 'boolean' },
      extension: { type: 'string' },
      workspace: { type: 'string' },
    },
  });
  const r = await runE2E({
    vsix: values.vsix ?? path.join(repoRoot, 'dist-vsix', 'prisma-workbench.vsix'),
    extensionRoot: values.extension ? path.resolve(values.extension) : repoRoot,
    scenariosDir: values.scenarios && path.resolve(values.scenarios),
    source: values.workspace ? { from: path.resolve(values.workspace) } : undefined,
    filter: values.filter,
    keepState: values.keep,
  });
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed ? 1 : 0);
}
