// Runs inside the real extension host (as an extensionTestsPath target): waits for the installed
// extension to activate on the sample project and writes its activation figures to PW_BENCH_OUT.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PrismaWorkbenchApi } from '../../src/extension';

export async function run(): Promise<void> {
  const id = process.env.PW_EXTENSION_ID ?? 'prisma-workbench.prisma-workbench';
  const ext = vscode.extensions.getExtension<PrismaWorkbenchApi>(id);
  if (!ext) throw new Error(`${id} not installed`);
  const t0 = performance.now();
  const api = ext.isActive ? ext.exports : await ext.activate();
  const waited = performance.now() - t0;
  // time until the Models view has its first root (discovery + parse after activation)
  const t1 = performance.now();
  while (!api.views.models?.rootNodes.length && performance.now() - t1 < 20000)
    await new Promise((r) => setTimeout(r, 5));
  const firstTree = performance.now() - t1 + waited;
  const out = {
    activateMs: api.activation.activateMs,
    sinceLoadMs: api.activation.sinceLoadMs,
    firstTreeAfterProbeMs: firstTree,
    roots: api.views.models?.rootNodes.length ?? 0,
  };
  if (process.env.PW_BENCH_OUT) fs.writeFileSync(process.env.PW_BENCH_OUT, JSON.stringify(out));
  if (process.env.PW_TEST_RESULTS)
    fs.writeFileSync(process.env.PW_TEST_RESULTS, `${out.roots ? 1 : 0} passed, ${out.roots ? 0 : 1} failed\n`);
}
