import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeIn, shown, shownChild, waitFor, workspaceRoot } from './helpers/extension';

describeIn(['sample'], 'Models view follows the files', () => {
  const dir = () => path.join(workspaceRoot(), 'scratch');

  afterEach(() => fs.rmSync(dir(), { recursive: true, force: true }));

  it('shows a broken schema with what can be read, marks the error, and jumps to it', async () => {
    fs.mkdirSync(dir(), { recursive: true });
    const file = path.join(dir(), 'schema.prisma');
    fs.writeFileSync(
      file,
      [
        'datasource db {',
        '  provider = "postgresql"',
        '}',
        '',
        'model Good {',
        '  id Int @id',
        '}',
        '',
        'model Broken {',
        '  id   Int @id',
        '  name NoSuchType',
        '}',
        '',
        'model HalfTyped {',
        '  id Int @id',
        '  title',
        '',
      ].join('\n'),
    );
    const root = await waitFor(
      "the scratch schema root with Prisma's errors",
      async () => {
        const r = (await shown()).find((i) => i.label === 'scratch/schema.prisma');
        return r && r.node.problems.some((p) => p.source === 'prisma') ? r : undefined;
      },
      20000,
    );
    assert.equal((root.item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(root.description, /error/);
    const items = await shown(root.node);
    assert.deepEqual(
      items.filter((i) => i.item.contextValue === 'model').map((i) => i.label),
      ['Broken', 'Good', 'HalfTyped'],
    );
    const broken = items.find((i) => i.label === 'Broken');
    assert.equal(
      ((broken?.item.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor | undefined)?.id,
      'list.errorForeground',
    );
    const problems = await shownChild(root.node, 'Problems');
    const list = await shown(problems.node);
    const typeError = list.find((p) => /NoSuchType/.test(p.label));
    assert.ok(typeError, `no problem about NoSuchType in: ${list.map((p) => p.label).join(' | ')}`);
    await vscode.commands.executeCommand(typeError.item.command!.command, ...(typeError.item.command!.arguments ?? []));
    const editor = await waitFor('the editor at the error', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === file ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.selection.active.line, 10);
  });

  it('updates when a schema file is added and removed', async () => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(
      path.join(dir(), 'extra.prisma'),
      'datasource db {\n  provider = "sqlite"\n}\n\nmodel Extra {\n  id Int @id\n}\n',
    );
    const root = await waitFor('the new schema', async () =>
      (await shown()).find((i) => i.label === 'scratch/extra.prisma'),
    );
    await shownChild(root.node, 'Extra');
    fs.rmSync(dir(), { recursive: true, force: true });
    await waitFor(
      'the schema to go',
      async () => !(await shown()).some((i) => i.label === 'scratch/extra.prisma') || undefined,
    );
  });

  it('updates while a schema is edited, keeping the ids (and so the expansion) of unchanged items', async () => {
    const file = path.join(workspaceRoot(), 'schema.prisma');
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    const [before] = await shown();
    const userBefore = await shownChild(before.node, 'User');
    const original = doc.getText();
    const end = doc.lineCount;
    await editor.edit((e) => e.insert(new vscode.Position(end, 0), '\nmodel Typed {\n  id Int @id\n}\n'));
    try {
      const root = await waitFor('the typed model', async () => {
        const [r] = await shown();
        return (await shown(r.node)).some((i) => i.label === 'Typed') ? r : undefined;
      });
      const userAfter = await shownChild(root.node, 'User');
      assert.equal(userAfter.item.id, userBefore.item.id);
    } finally {
      // put the text back by an edit of this document and save it (the same bytes as on disk): a revert
      // command acts on whichever editor has focus, and in CI it once left the typed model in place
      const we = new vscode.WorkspaceEdit();
      we.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
      assert.ok(await vscode.workspace.applyEdit(we), 'the edit putting the schema back was refused');
      assert.ok(await doc.save(), 'the schema could not be saved back');
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    assert.equal(doc.getText(), original);
    await waitFor('the typed model to go after the text was put back', async () => {
      const [r] = await shown();
      const labels = (await shown(r.node)).map((i) => i.label);
      if (labels.includes('Typed'))
        throw new Error(`still shown under ${r.label} (document dirty: ${doc.isDirty}): ${labels.join(', ')}`);
      return true;
    });
  });
});
