#!/usr/bin/env node
// `npm run demo`: build and package the extension, install it into a real VS Code (code-server, offline),
// open a copy of the sample project with its seeded SQLite database, print the URL; Ctrl+C stops it.
// Everything lives in .demo/ (git-ignored): workspace/ is kept between runs (--fresh starts over), state/ too.
// Usage: npm run demo [-- --port 8123] [--fresh] [--trust]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { port: { type: 'string' }, fresh: { type: 'boolean' }, trust: { type: 'boolean' } },
});
const step = (msg) => console.log(`\n▸ ${msg}`);
const sh = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
};
const t0 = Date.now();

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  step('installing dependencies (npm ci)');
  sh('npm', ['ci', '--no-audit', '--no-fund']);
}
const harness = (f) => import(pathToFileURL(path.join(root, 'test', 'harness', f)).href);
const { setup } = await harness('setup.mjs');
const { installVsix } = await harness('installVsix.mjs');
const { startServer, workbenchUrl } = await harness('server.mjs');
const { copyProject, sampleProjectSource } = await harness('workspace.mjs');

step('building and packaging the extension');
sh(process.execPath, ['esbuild.mjs', '--production']);
// the demo's VS Code is code-server on this Linux x64 machine: its package is the one to build
sh(process.execPath, ['scripts/package.mjs', '--target', 'linux-x64']);

step('VS Code host (code-server; installed once, then cached)');
await setup();

const demoDir = path.join(root, '.demo');
const workspace = path.join(demoDir, 'workspace');
const stateDir = path.join(demoDir, 'state');
if (values.fresh) fs.rmSync(demoDir, { recursive: true, force: true });
if (!fs.existsSync(workspace)) {
  step(`copying the sample project to ${path.relative(root, workspace)}`);
  copyProject(sampleProjectSource(), workspace);
}
const sampleDb = path.join(root, 'scripts', 'sampleDb.ts');
if (!fs.existsSync(sampleDb)) {
  step('scripts/sampleDb.ts is missing: the sample database is not prepared (the Data views will be empty)');
} else if (!fs.existsSync(path.join(workspace, 'dev.db'))) {
  step('preparing the seeded SQLite database');
  sh(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), sampleDb, workspace]);
}

step('installing the .vsix');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const installed = await installVsix({
  vsix: path.join(root, 'dist-vsix', 'prisma-workbench.vsix'),
  stateDir,
  id: `${pkg.publisher}.${pkg.name}`,
});
console.log(`  ${installed}`);

step('starting code-server');
const server = await startServer({
  workspace,
  stateDir,
  trust: values.trust,
  smokeDriver: false,
  port: values.port && Number(values.port),
});
console.log(
  `\nPrisma Workbench demo is ready (${((Date.now() - t0) / 1000).toFixed(0)} s). Open in a browser:\n\n  ${workbenchUrl(server.url, workspace)}\n`,
);
if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
  console.log(
    `Or in desktop VS Code (from source, without installing):\n  code --extensionDevelopmentPath=${root} ${workspace}\n`,
  );
}
console.log(`Server log: ${path.relative(root, server.logFile)}. Press Ctrl+C to stop.`);
const quit = async () => {
  await server.stop();
  console.log('\nstopped');
  process.exit(0);
};
process.on('SIGINT', quit);
process.on('SIGTERM', quit);
setInterval(() => {}, 1 << 30);
