import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, describeIn, extensionId, waitFor } from './helpers/extension';

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

  it('opens the getting-started walkthrough, whose five steps and their pages are in the package', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    type Step = { id: string; title: string; media: { markdown?: string } };
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['openProject', 'models', 'migrations', 'drift', 'grid'],
    );
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown, `${step.id} has a page`);
      const page = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, step.media.markdown));
      assert.match(new TextDecoder().decode(page), /^# \S/, `${step.media.markdown} is in the package`);
    }
    assert.ok(await exists(vscode.Uri.joinPath(ext.extensionUri, 'l10n', 'bundle.l10n.json')), 'l10n bundle packaged');
    // VS Code labels an extension's walkthrough "Welcome" (built-in ones "Walkthrough: …"), so a Welcome tab left
    // from start-up would pass for ours: close any first. The e2e scenario `walkthrough` reads the steps in the page.
    const welcome = /Welcome|Walkthrough|Get started with Prisma Workbench/;
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await vscode.window.tabGroups.close(tabs().filter((t) => welcome.test(t.label)));
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${walkthrough.id}`, false);
    const tab = await waitFor('the walkthrough tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t && welcome.test(t.label) ? t : undefined;
    });
    await vscode.window.tabGroups.close(tab);
  });
});

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
