import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, describeIn, extensionId } from './helpers/extension';

describeIn(['sample'], 'Commands', () => {
  it('registers every contributed command and contributes every registered one', async () => {
    await activeApi();
    const ext = vscode.extensions.getExtension(extensionId);
    const contributed = new Set<string>(
      (ext?.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command),
    );
    // VS Code itself registers <viewId>.focus / .open / ... for every contributed view
    const views = Object.values(ext?.packageJSON.contributes.views as Record<string, { id: string }[]>)
      .flat()
      .map((v) => v.id);
    const generated = new Set(
      views.flatMap((v) =>
        ['open', 'focus', 'resetViewLocation', 'toggleVisibility', 'removeView'].map((s) => `${v}.${s}`),
      ),
    );
    const registered = new Set(
      (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('prismaWorkbench.') && !generated.has(c)),
    );
    assert.deepEqual(
      [...contributed].filter((c) => !registered.has(c)),
      [],
      'contributed but not registered',
    );
    assert.deepEqual(
      [...registered].filter((c) => !contributed.has(c)),
      [],
      'registered but not contributed',
    );
    assert.ok(contributed.size >= 5);
  });

  it('puts every palette command under the Prisma category', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    for (const c of ext?.packageJSON.contributes.commands as { command: string; category?: string }[]) {
      assert.equal(c.category, 'Prisma', c.command);
    }
  });

  it('runs from the installed .vsix, not from the source tree', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    const dir = process.env.PW_EXTENSIONS_DIR;
    if (process.env.PW_VSCODE_DOWNLOAD !== '1') {
      assert.ok(dir, 'PW_EXTENSIONS_DIR not set by the harness');
      assert.ok(ext.extensionPath.startsWith(dir), `${ext.extensionPath} is not under ${dir}`);
    }
    assert.ok(!(await exists(vscode.Uri.joinPath(ext.extensionUri, 'src'))), 'the package ships src/');
    assert.ok(await exists(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'extension.js')));
  });
});

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
