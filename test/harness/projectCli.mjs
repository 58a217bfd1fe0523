// A project's own Prisma CLI for the task runs (test/integration/runs.mjs, tasks-prisma7 / tasks-prisma6): the
// workspace copy gets node_modules/prisma, a link to the real package, so the extension's tasks find and run
// it as they would in a user's project. Prisma 7 is the repo's own devDependency; Prisma 6 comes from the npm
// registry once, into the clone's ignored .cache/ (a marker written last, so an interrupted install is redone).
// Installed with --ignore-scripts: npm 11 runs no install scripts without allowScripts, and the engines Prisma's
// postinstall would download are replaced by the environment below.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withoutOuterNpm } from './paths.mjs';
import { repoRoot } from './workspace.mjs';

export const PRISMA6_VERSION = '6.19.3';

/** The stand-in for Prisma's native schema engine (the wasm engine behind the CLI's JSON-RPC; SQLite, PostgreSQL). */
export const schemaEngineStandIn = path.join(repoRoot, 'bench', 'host', 'schemaEngineStandIn.mjs');

const cacheDir = path.join(repoRoot, '.cache', 'prisma-cli');

/** The folder of the real `prisma` package of that major, installed first when it is Prisma 6 and missing. */
export function prismaPackage(major) {
  if (major === 7) return path.join(repoRoot, 'node_modules', 'prisma');
  if (major !== 6) throw new Error(`no Prisma ${major} CLI for the task runs`);
  const dir = path.join(cacheDir, `prisma-${PRISMA6_VERSION}`);
  const marker = path.join(dir, '.installed');
  const pkg = path.join(dir, 'node_modules', 'prisma');
  if (fs.existsSync(marker) && fs.existsSync(path.join(pkg, 'build', 'index.js'))) return pkg;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `prisma@${PRISMA6_VERSION}`],
    { cwd: dir, env: withoutOuterNpm(), encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`npm install prisma@${PRISMA6_VERSION} failed:\n${r.stdout}${r.stderr}`);
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  return pkg;
}

/** Gives the workspace copy its own node_modules/prisma (a link to the real package of that major). */
export function installProjectCli(workspace, major) {
  const pkg = prismaPackage(major);
  const version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
  if (Number(version.split('.')[0]) !== major) throw new Error(`${pkg} is Prisma ${version}, not ${major}.x`);
  fs.mkdirSync(path.join(workspace, 'node_modules'), { recursive: true });
  fs.symlinkSync(pkg, path.join(workspace, 'node_modules', 'prisma'), 'junction');
  // the stand-in engine bundles itself on first use: do it now, once, and prove it starts
  const r = spawnSync(process.execPath, [schemaEngineStandIn, '--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the schema engine stand-in does not start:\n${r.stdout}${r.stderr}`);
  return version;
}

/**
 * The environment VS Code itself starts in (server, terminals and tasks), as a user's shell would give it on a
 * machine that cannot download Prisma's engines: the stand-in as the schema engine and, for Prisma 6 (whose CLI
 * checks for a query engine library on every command, though none of these commands loads one), a placeholder.
 */
export function projectCliEnv() {
  const placeholder = path.join(cacheDir, 'no-query-engine.so.node');
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!fs.existsSync(placeholder))
    fs.writeFileSync(placeholder, 'not a query engine: Prisma 6 CLI only checks that this file exists\n');
  return {
    PRISMA_SCHEMA_ENGINE_BINARY: schemaEngineStandIn,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}
