// Runs inside the real extension host (as an extensionTestsPath target): waits for the installed
// extension to activate on the workspace and for the Models view's first root, and writes the figures to
// PW_BENCH_OUT. Times are on the extension host's clock (performance.now()), which the extension shares.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { PrismaWorkbenchApi } from '../../src/extension';

async function until<T>(read: () => T | undefined, ms = 20000): Promise<T | undefined> {
  const t0 = performance.now();
  let v = read();
  while (v === undefined && performance.now() - t0 < ms) {
    await new Promise((r) => setTimeout(r, 5));
    v = read();
  }
  return v;
}

/** Every entry under `dir` listed through VS Code's file system (the reference: a plain listing, no search). */
async function listAll(dir: vscode.Uri): Promise<number> {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const nested = await Promise.all(
    entries
      .filter(([name, type]) => type === vscode.FileType.Directory && name !== 'node_modules')
      .map(([name]) => listAll(vscode.Uri.joinPath(dir, name))),
  );
  return entries.length + nested.reduce((a, b) => a + b, 0);
}

/** VS Code's own marks for the extension (base/common/performance: epoch ms from Date.now()), on performance.now()'s scale. */
function hostMarks(id: string): Record<'willLoad' | 'didLoad' | 'willActivate' | 'didActivate', number | undefined> {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } })
    .MonacoPerformanceMarks;
  const marks = perf?.getMarks() ?? [];
  const at = (name: string) => {
    const m = marks.find((x) => x.name === `code/extHost/${name}/${id}`);
    return m ? m.startTime - performance.timeOrigin : undefined;
  };
  return {
    willLoad: at('willLoadExtensionCode'),
    didLoad: at('didLoadExtensionCode'),
    willActivate: at('willActivateExtension'),
    didActivate: at('didActivateExtension'),
  };
}

/**
 * dist/extension.js compiled again once the window has settled (not run): what reading and compiling it costs
 * this machine when the thread is not waiting for a core. A comment makes the source new to V8's in-memory cache.
 */
function compileAgain(extensionPath: string): { ms: number; cpuMs: number } {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const source = fs.readFileSync(path.join(extensionPath, 'dist', 'extension.js'), 'utf8');
  new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})\n// ${Math.random()}`);
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export async function run(): Promise<void> {
  const id = process.env.PW_EXTENSION_ID ?? 'prisma-workbench.prisma-workbench';
  const ext = vscode.extensions.getExtension<PrismaWorkbenchApi>(id);
  if (!ext) throw new Error(`${id} not installed`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  const models = api.views.models;
  const firstRootsAt = await until(() => models?.firstRootsAt);
  const search = await until(() => api.services.schemas.firstDiscovery.search);
  const start = api.activation.startedAt;
  const since = (t: number | undefined) => (t === undefined ? undefined : t - start);
  // the reference, in the same window: the workspace folder listed entry by entry through workspace.fs
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const t0 = performance.now();
  const listed = folder ? await listAll(folder) : 0;
  const listMs = performance.now() - t0;
  const t1 = performance.now();
  await vscode.workspace.findFiles('**/*.prisma', '**/node_modules/**');
  const findFilesMs = performance.now() - t1;
  const root = models?.rootNodes[0];
  const compiledAgain = compileAgain(ext.extensionPath);
  // The timeline from VS Code's require() of dist/extension.js to activate() returned. VS Code loads the module
  // and creates the ExtensionContext at once (Promise.all in extHostExtensionService's _doActivateExtension: the
  // context waits for globalState/workspaceState's first values from the window and the storage folder); it
  // calls activate() when both are done.
  const a = api.activation;
  const vs = hostMarks(ext.id);
  const diff = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? undefined : to - from;
  const timeline = {
    /** VS Code's require() until our first line: reading and compiling dist/extension.js (ours: its size). */
    compileMs: diff(vs.willLoad, a.loadStartedAt),
    /** Our first line until our last module evaluated (ours). */
    evaluatedMs: a.evaluatedMs,
    /** From our module loaded until VS Code called activate(): waiting for the ExtensionContext (VS Code's). */
    waitedMs: a.waitedMs,
    /** VS Code's require() until it had the context too (its willActivateExtension mark). */
    contextReadyMs: diff(vs.willLoad, vs.willActivate),
    activateMs: a.activateMs,
    /** CPU time of the host process while our modules ran and while activate() ran (the rest: waiting for a core). */
    evaluatedCpuMs: a.evaluatedCpuMs,
    activateCpuMs: a.activateCpuMs,
    /** Each feature's registration in activate() (wall ms). */
    features: a.features,
    /** extension.js read and compiled again after startup: wall and CPU ms. */
    compileAgainMs: compiledAgain.ms,
    compileAgainCpuMs: compiledAgain.cpuMs,
    /** VS Code's require() until activate() returned. */
    totalMs: diff(vs.willLoad, a.returnedAt),
    /** VS Code's four marks, from its require(): willLoad, didLoad, willActivate, didActivate. */
    hostMarks: Object.fromEntries(Object.entries(vs).map(([k, v]) => [k, diff(vs.willLoad, v)])),
  };
  const out = {
    ...timeline,
    sinceLoadMs: a.sinceLoadMs,
    firstRootsMs: since(firstRootsAt),
    firstRootsCpuMs:
      models?.firstRootsCpuMs === undefined ? undefined : models.firstRootsCpuMs - api.activation.startedCpuMs,
    conventionalMs: since(api.services.schemas.firstDiscovery['conventional places']),
    earlyReadsMs: since(api.services.schemas.earlyReads?.answeredAt),
    searchMs: since(search),
    listMs,
    listed,
    findFilesMs,
    roots: models?.rootNodes.length ?? 0,
    rows: root ? root.children().length : 0,
  };
  if (process.env.PW_BENCH_OUT) fs.writeFileSync(process.env.PW_BENCH_OUT, JSON.stringify(out));
  if (process.env.PW_TEST_RESULTS)
    fs.writeFileSync(process.env.PW_TEST_RESULTS, `${out.roots ? 1 : 0} passed, ${out.roots ? 0 : 1} failed\n`);
}
