// Runs inside the real extension host (as an extensionTestsPath target): waits for the installed
// extension to activate on the workspace and for the Models view's first root, and writes the figures to
// PW_BENCH_OUT. Times are on the extension host's clock (performance.now()), which the extension shares.
import * as fs from 'node:fs';
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
  const out = {
    activateMs: api.activation.activateMs,
    sinceLoadMs: api.activation.sinceLoadMs,
    evaluatedMs: api.activation.evaluatedMs,
    waitedMs: api.activation.waitedMs,
    firstRootsMs: since(firstRootsAt),
    conventionalMs: since(api.services.schemas.firstDiscovery['conventional places']),
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
