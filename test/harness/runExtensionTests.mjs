#!/usr/bin/env node
// Runs the mocha suite (dist/test/integration/index.js) INSIDE a real VS Code extension host, against the
// extension installed from the packaged .vsix — so a file missing from the package fails a test.
//  offline (default): code-server + Chromium; the web workbench's smoke-test driver honours
//    ?payload=[["extensionDevelopmentPath",..],["extensionTestsPath",..],["extensionEnvironment",..]] and
//    calls window.codeAutomationExit(code) when run() settles.
//  PW_VSCODE_DOWNLOAD=1 (internet): desktop VS Code via @vscode/test-electron's runTests, same entry.
// CLI: node test/harness/runExtensionTests.mjs [--vsix FILE] [--run NAME] [--env K=V]... [--keep]
//      [--extension DIR --workspace DIR]  (another extension / a single workspace instead of test/integration/runs.mjs)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { installVsix } from './installVsix.mjs';
import { installExtensionFolders } from './extraExtensions.mjs';
import { startServer, workbenchUrl } from './server.mjs';
import { copyProject, makeStateDir, repoRoot } from './workspace.mjs';

const remote = (p) => `vscode-remote://remote${p}`; // code-server's remote authority is literally "remote"

/** Parses the results file written by test/integration/index.ts. */
export function parseResults(text) {
  const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m.exec(text ?? '');
  return m ? { passed: +m[1], failed: +m[2], skipped: +(m[3] ?? 0) } : undefined;
}

/** Prints the lines the suite appends to the results file while it runs. */
function tailResults(resultsFile, out) {
  let printed = 0;
  const flush = () => {
    if (!fs.existsSync(resultsFile)) return;
    const lines = fs.readFileSync(resultsFile, 'utf8').split('\n').slice(0, -1);
    if (lines.length < printed) printed = 0; // the suite truncated it on start
    for (const l of lines.slice(printed)) if (!parseResults(l)) out(`  ${l}`);
    printed = lines.length;
  };
  const timer = setInterval(flush, 300);
  return () => {
    clearInterval(timer);
    flush();
  };
}

const cleanConsole = (text) => text.replace(/^%c\s*(\w+)\s+color: #\w+ /, '$1 ');

/** Offline: one workbench page whose extension host runs the tests. Returns the exit code. */
async function runInCodeServer({
  serverUrl,
  workspace,
  extensionDevelopmentPath,
  extensionTestsPath,
  env,
  timeoutMs,
  out,
  grantTrust = false,
}) {
  const { context, close } = await launchBrowser({ clipboard: true });
  const consoleLines = [];
  let code = 2;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (c) => resolve(c));
    });
    page.on('console', (m) => {
      const line = cleanConsole(m.text());
      if (/Ignoring fetching additional builtin|Failed to load resource/.test(line)) return;
      consoleLines.push(line);
      if (process.env.PW_VERBOSE) out(`  | ${line}`);
    });
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
      ['extensionEnvironment', JSON.stringify(env)],
      ['skipWelcome', 'true'],
    ];
    // not waiting for the page's load event: on a loaded machine it can take longer than goto's 30 s, and the
    // run's own timeout below covers the whole suite
    await page.goto(workbenchUrl(serverUrl, workspace, payload), { waitUntil: 'commit', timeout: timeoutMs });
    // Restricted Mode runs: the suite opens VS Code's Workspace Trust editor when it wants trust granted, and
    // the harness clicks its Trust button as a user would (the extension API cannot grant trust itself)
    if (grantTrust)
      void page
        .locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ })
        .first()
        .click({ timeout: 0 })
        .then(() => out('  harness: clicked Trust in the Workspace Trust editor'))
        .catch(() => undefined);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result after ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      code = await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    out(`  runner error: ${err.message}`);
  } finally {
    await close();
    if (code !== 0 && !process.env.PW_VERBOSE) {
      out('  workbench / extension host console (last 30 messages; PW_VERBOSE=1 for all):');
      for (const l of consoleLines.slice(-30)) out(`  | ${l.split('\n').slice(0, 3).join(' / ').slice(0, 300)}`);
    }
  }
  return code;
}

/** Internet: desktop VS Code via @vscode/test-electron; the .vsix is installed with its CLI. */
async function runInDesktop({ vsix, extensionId, stateDir, workspace, extensionTestsPath, env, out, untrusted }) {
  const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } =
    await import('@vscode/test-electron');
  const cachePath = path.join(os.homedir(), '.cache', 'prisma-workbench', 'vscode-test');
  const exe = await downloadAndUnzipVSCode({ version: process.env.PW_VSCODE_VERSION ?? 'stable', cachePath });
  const [cli] = resolveCliArgsFromVSCodeExecutablePath(exe);
  const extensionsDir = path.join(stateDir, 'extensions');
  const userData = path.join(stateDir, 'user-data');
  const inst = spawnSync(
    cli,
    [`--extensions-dir=${extensionsDir}`, `--user-data-dir=${userData}`, '--install-extension', vsix, '--force'],
    { encoding: 'utf8' },
  );
  if (inst.status !== 0) {
    out(inst.stdout + inst.stderr);
    return 2;
  }
  const { installedExtensions } = await import('./installVsix.mjs');
  const installed = installedExtensions(extensionsDir).find((e) => e.id === extensionId.toLowerCase());
  if (!installed) {
    out(`${extensionId} not found in ${extensionsDir}`);
    return 2;
  }
  try {
    await runTests({
      vscodeExecutablePath: exe,
      extensionDevelopmentPath: installed.path,
      extensionTestsPath,
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        `--extensions-dir=${extensionsDir}`,
        `--user-data-dir=${userData}`,
        ...(untrusted ? [] : ['--disable-workspace-trust']),
        '--skip-welcome',
      ],
    });
    return 0;
  } catch (err) {
    out(`test-electron: ${err.message}`);
    return 1;
  }
}

/**
 * One integration run: copy the workspace, install the .vsix, run the suite in the real host.
 * @param {{name: string, source: {from: string, include?: string[]}, env?: Record<string,string>, extensions?: string[], untrusted?: boolean}} run
 * @returns {Promise<{name: string, code: number, passed: number, failed: number, skipped: number, ms: number, stateDir: string}>}
 */
export async function runIntegration(
  run,
  { vsix, testsPath, extensionRoot = repoRoot, timeoutMs = 600_000, out = console.log, keepState = false },
) {
  const t0 = Date.now();
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const extensionId = `${pkg.publisher}.${pkg.name}`;
  const stateDir = makeStateDir(`integration-${run.name}`);
  const copied = copyProject(run.source, path.join(stateDir, 'workspace'));
  // a multi-root run opens the .code-workspace file the copy holds
  const workspace = run.workspaceFile ? path.join(copied, run.workspaceFile) : copied;
  const serverEnv = (await run.prepare?.(copied))?.serverEnv ?? {};
  const resultsFile = path.join(stateDir, 'results.txt');
  const env = {
    ...passThroughEnv(),
    ...run.env,
    PW_TEST_RESULTS: resultsFile,
    PW_EXTENSION_ID: extensionId,
    PW_EXTENSIONS_DIR: path.join(stateDir, 'extensions'),
    PW_WORKSPACE: workspace,
  };
  const extensionTestsPath = path.resolve(
    testsPath ?? path.join(extensionRoot, 'dist', 'test', 'integration', 'index.js'),
  );
  let code;
  if (process.env.PW_VSCODE_DOWNLOAD === '1') {
    code = await runInDesktop({
      vsix: path.resolve(vsix),
      extensionId,
      stateDir,
      workspace,
      extensionTestsPath,
      env: { ...serverEnv, ...env }, // test-electron starts the whole of VS Code with this environment
      out,
      untrusted: run.untrusted === true,
    });
  } else {
    const extensionDevelopmentPath = await installVsix({ vsix, stateDir, id: extensionId });
    for (const dir of await installExtensionFolders(run.extensions, stateDir)) out(`  also installed ${dir}`);
    const ts = Date.now();
    // untrusted: workspace trust on and the folder not trusted yet (no startup dialog: the suite asks for trust)
    const server = await startServer({
      workspace,
      stateDir,
      trust: run.untrusted === true,
      env: serverEnv,
      settings: run.untrusted ? { 'security.workspace.trust.startupPrompt': 'never' } : {},
    });
    out(`  code-server up in ${Date.now() - ts} ms; extension from ${extensionDevelopmentPath}`);
    const stopTail = tailResults(resultsFile, out);
    try {
      code = await runInCodeServer({
        serverUrl: server.url,
        workspace,
        extensionDevelopmentPath,
        extensionTestsPath,
        env,
        timeoutMs,
        out,
        grantTrust: run.untrusted === true,
      });
    } finally {
      stopTail();
      await server.stop();
    }
  }
  const text = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  if (process.env.PW_VSCODE_DOWNLOAD === '1')
    for (const l of text.split('\n')) if (l && !parseResults(l)) out(`  ${l}`);
  const counts = parseResults(text) ?? { passed: 0, failed: 1, skipped: 0 };
  if (!text)
    out(`  no results file: the suite did not load (state kept: ${stateDir}, see server.log and user-data/logs)`);
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a crash outside mocha still counts as a failure
  const ok = code === 0 && counts.failed === 0;
  if (ok && !keepState) fs.rmSync(stateDir, { recursive: true, force: true });
  else out(`  state kept: ${stateDir}`);
  return { name: run.name, code, ...counts, ms: Date.now() - t0, stateDir };
}

/** Database URLs for integration tests, passed through when set. */
export function passThroughEnv() {
  return Object.fromEntries(
    ['TEST_POSTGRES_URL', 'TEST_MYSQL_URL'].filter((k) => process.env[k]).map((k) => [k, process.env[k]]),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' },
      run: { type: 'string' },
      tests: { type: 'string' },
      keep: { type: 'boolean' },
      extension: { type: 'string' },
      workspace: { type: 'string' },
      env: { type: 'string', multiple: true },
    },
  });
  const extraEnv = Object.fromEntries(
    (values.env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  const extensionRoot = values.extension ? path.resolve(values.extension) : repoRoot;
  const { runs } = values.workspace
    ? { runs: [{ name: path.basename(values.workspace), source: { from: path.resolve(values.workspace) } }] }
    : await import(pathToFileURL(path.join(repoRoot, 'test', 'integration', 'runs.mjs')).href);
  const vsix = values.vsix ?? path.join(repoRoot, 'dist-vsix', 'prisma-workbench.vsix');
  let failed = 0;
  for (const run of runs.filter((r) => !values.run || r.name === values.run)) {
    console.log(`== integration: ${run.name}`);
    const r = await runIntegration(
      { ...run, env: { ...run.env, ...extraEnv } },
      { vsix, extensionRoot, testsPath: values.tests, keepState: values.keep },
    );
    console.log(`  ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${(r.ms / 1000).toFixed(1)} s)`);
    failed += r.failed;
  }
  process.exit(failed ? 1 : 0);
}
