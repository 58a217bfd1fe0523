#!/usr/bin/env node
// Start/stop code-server (the real VS Code server) fully offline, with all state under one folder.
// CLI: node test/harness/server.mjs WORKSPACE [--state DIR] [--port N] [--trust]   (Ctrl+C stops it)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { codeServerEntry, markerFile, node24, node24Env } from './paths.mjs';

const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'git.enabled': false,
};

// Servers still running when this process exits (Ctrl+C, a crash) are killed with their process group.
const live = new Set();
let hooked = false;
function track(pid) {
  live.add(pid);
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const p of live)
      try {
        process.kill(-p, 'SIGKILL');
      } catch {
        /* gone */
      }
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (process.listenerCount(sig) === 1) process.exit(130);
    });
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
  });
}

/** The isolated environment (HOME, XDG_*, TMPDIR, no gallery) for code-server processes of one state dir. */
export function stateEnv(stateDir) {
  const home = path.join(stateDir, 'home');
  for (const d of ['user-data/User', 'extensions', 'home/.config', 'home/.local/share', 'home/.cache', 'tmp']) {
    fs.mkdirSync(path.join(stateDir, d), { recursive: true });
  }
  return node24Env({
    HOME: home,
    XDG_CONFIG_HOME: `${home}/.config`,
    XDG_DATA_HOME: `${home}/.local/share`,
    XDG_CACHE_HOME: `${home}/.cache`,
    TMPDIR: path.join(stateDir, 'tmp'),
    EXTENSIONS_GALLERY: '{}',
  });
}

export function assertInstalled() {
  if (!fs.existsSync(markerFile))
    throw new Error('VS Code host not installed: run `node test/harness/setup.mjs` first');
}

/**
 * Starts code-server on 127.0.0.1 (a free port unless given) and waits for /healthz.
 * trust: keep workspace trust enabled (default: disabled, as in CI). smokeDriver: honour ?payload= (default on).
 * env: added to the server's environment (its extension host, terminals and tasks inherit it).
 * @returns {Promise<{port:number, url:string, pid:number, logFile:string, stop:() => Promise<void>}>}
 */
export async function startServer({
  workspace,
  stateDir,
  extensionsDir,
  settings = {},
  trust = false,
  smokeDriver = true,
  port,
  env: extraEnv = {},
}) {
  assertInstalled();
  const env = { ...stateEnv(stateDir), ...extraEnv };
  port ??= await freePort();
  const settingsFile = path.join(stateDir, 'user-data', 'User', 'settings.json');
  const all = { ...baseSettings, 'security.workspace.trust.enabled': trust, ...settings };
  fs.writeFileSync(settingsFile, JSON.stringify(all, null, 2));
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--config',
    path.join(stateDir, 'config.yaml'),
    '--user-data-dir',
    path.join(stateDir, 'user-data'),
    '--extensions-dir',
    extensionsDir ?? path.join(stateDir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time',
    '5',
  ];
  if (!trust) args.push('--disable-workspace-trust');
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (workspace) args.push(workspace);
  const logFile = path.join(stateDir, 'server.log');
  const out = fs.openSync(logFile, 'w');
  // detached: its own process group, so stop() ends code-server and every child (ext host, pty host)
  const child = spawn(node24, args, { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = false;
  track(child.pid);
  child.on('exit', () => {
    exited = true;
    live.delete(child.pid);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 20 && !exited; i++) await new Promise((r) => setTimeout(r, 250));
    if (!exited)
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited during start:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { port, url, pid: child.pid, logFile, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`code-server did not answer /healthz within 30 s; log: ${logFile}`);
}

/** URL opening `folder` (or a multi-root `.code-workspace` file) in the workbench, with an optional smoke-test-driver payload. */
export function workbenchUrl(serverUrl, folder, payload) {
  const kind = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  let url = `${serverUrl}/?${kind}=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      port: { type: 'string' },
      trust: { type: 'boolean' },
    },
  });
  const workspace = path.resolve(positionals[0] ?? '.');
  const stateDir = path.resolve(values.state ?? fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'pw-server-')));
  const t0 = Date.now();
  const server = await startServer({
    workspace,
    stateDir,
    trust: values.trust,
    port: values.port && Number(values.port),
  });
  console.log(`code-server up in ${Date.now() - t0} ms (state ${stateDir})\n${workbenchUrl(server.url, workspace)}`);
  const quit = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
