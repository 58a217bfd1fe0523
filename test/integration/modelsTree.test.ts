import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, describeIn, modelsView, shown, shownChild, waitFor, workspaceRoot } from './helpers/extension';

const sampleModels = ['Course', 'Enrollment', 'Lesson', 'Organization', 'Profile', 'Review', 'Tag', 'User'];

function lineOf(file: string, pattern: RegExp, after?: RegExp): number {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const start = after ? lines.findIndex((l) => after.test(l)) : 0;
  const i = lines.findIndex((l, n) => n >= start && pattern.test(l));
  assert.ok(i >= 0, `${pattern} not found in ${file}`);
  return i;
}

describeIn(['sample'], 'Models view on the sample project', () => {
  let schemaFile: string;

  before(async () => {
    schemaFile = path.join(workspaceRoot(), 'schema.prisma');
    await waitFor('the sample schema in the Models view', async () => (await shown()).length > 0 || undefined);
  });

  it('shows one root for the sample schema with its provider and counts', async () => {
    const roots = await shown();
    assert.deepEqual(
      roots.map((r) => r.label),
      ['schema.prisma'],
    );
    assert.match(roots[0].description, /^sqlite · 8 models/);
    assert.equal(roots[0].item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  it('lists every model of the sample schema, and its enums', async () => {
    const [root] = await shown();
    const items = await shown(root.node);
    const models = items.filter((i) => i.item.contextValue === 'model').map((i) => i.label);
    assert.deepEqual(models, sampleModels);
    assert.ok(items.some((i) => i.item.contextValue === 'enum' && i.label === 'Role'));
  });

  it("shows a model's fields with types and attributes, and its relations", async () => {
    const [root] = await shown();
    const user = await shownChild(root.node, 'User');
    const fields = await shown(user.node);
    const email = fields.find((f) => f.label === 'email');
    assert.ok(email);
    assert.match(email.description, /^String @unique/);
    const id = fields.find((f) => f.label === 'id');
    assert.match(id?.description ?? '', /@id/);
    assert.equal((id?.item.iconPath as vscode.ThemeIcon).id, 'key');
    const relation = fields.find((f) => f.item.contextValue === 'field.relation');
    assert.ok(relation, 'User has no relation field');
    assert.match(relation.description, /· (1-1|1-n|n-1|m-n)/);
    // following it shows the related model
    const related = await shown(relation.node);
    assert.equal(related.length, 1);
    assert.equal(related[0].label, relation.node.target);
  });

  it('opens the definition of a clicked field at its line', async () => {
    const [root] = await shown();
    const user = await shownChild(root.node, 'User');
    const email = await shownChild(user.node, 'email');
    const cmd = email.item.command;
    assert.ok(cmd, 'a field item has no click command');
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = await waitFor('the schema editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === schemaFile ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.selection.active.line, lineOf(schemaFile, /^\s+email\s/, /^model User\b/));
    assert.equal(editor.document.getText(editor.selection), 'email');
  });

  it("opens a model's definition", async () => {
    const [root] = await shown();
    const course = await shownChild(root.node, 'Course');
    await vscode.commands.executeCommand(course.item.command!.command, ...(course.item.command!.arguments ?? []));
    const editor = await waitFor('the editor on Course', () =>
      vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection) === 'Course'
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal(editor.selection.active.line, lineOf(schemaFile, /^model Course\b/));
  });

  it('shows tooltips with the source line', async () => {
    const [root] = await shown();
    const user = await shownChild(root.node, 'User');
    const email = await shownChild(user.node, 'email');
    const resolved = (await modelsView()).resolveTreeItem(email.item, email.node);
    const tip = resolved.tooltip as vscode.MarkdownString;
    assert.match(tip.value, /email\s+String/);
  });

  it("says in the root's tooltip whose rules validated the schema (the sample asks for Prisma 7)", async () => {
    const tip = await waitFor('the validation rules in the root tooltip', async () => {
      const [root] = await shown();
      const value = ((await modelsView()).resolveTreeItem(root.item, root.node).tooltip as vscode.MarkdownString).value;
      return /Validated with/.test(value) ? value : undefined;
    });
    assert.match(tip, /Validated with Prisma 7 rules \(Prisma 7\.10\.1 (installed|in package\.json)\)\./);
  });

  it('rebuilds no row when a rediscovery or a save finds what is shown (a click then keeps its row)', async () => {
    const provider = await modelsView();
    await waitFor('the first validation', async () => {
      const [root] = await shown();
      return (
        /Validated with/.test(
          ((await modelsView()).resolveTreeItem(root.item, root.node).tooltip as vscode.MarkdownString).value,
        ) || undefined
      );
    });
    let rebuilds = 0;
    const counting = provider.onDidChangeTreeData(() => rebuilds++);
    const text = fs.readFileSync(schemaFile, 'utf8');
    try {
      await (await activeApi()).services.schemas.refresh(); // both discovery steps, as a new folder starts one
      fs.writeFileSync(schemaFile, text); // saved unchanged: the watcher's reparse
      await new Promise((r) => setTimeout(r, 2000));
      assert.equal(rebuilds, 0, 'the Models view was rebuilt with nothing changed');
      // and a change that shows is still shown
      fs.writeFileSync(schemaFile, `${text}\nenum PwRebuildProbe {\n  A\n}\n`);
      await waitFor('the new enum in the Models view', async () => {
        const [root] = await shown();
        return (await shown(root.node)).some((i) => i.label === 'PwRebuildProbe') || undefined;
      });
      assert.ok(rebuilds > 0);
    } finally {
      counting.dispose();
      fs.writeFileSync(schemaFile, text);
      await waitFor('the probe enum gone', async () => {
        const [root] = await shown();
        return !(await shown(root.node)).some((i) => i.label === 'PwRebuildProbe') || undefined;
      });
    }
  });
});
