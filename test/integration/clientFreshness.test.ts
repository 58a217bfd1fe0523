// The generated client, never stale, in the real host on a project with its own Prisma CLI (runs
// tasks-prisma7 and tasks-prisma6): generate, see it fresh; change the schema on disk, see it out of date;
// generate again, see it clear; with generate on save, saving the schema generates it by itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, describeIn, shown, waitFor, workspaceRoot } from './helpers/extension';

type Clients = { generator: string; state: { kind: string; file?: string } }[];
const states = async () =>
  ((await vscode.commands.executeCommand<Clients>('prismaWorkbench.client.check')) ?? []).map((c) => c.state.kind);
const until = (kind: string, what: string) =>
  waitFor(what, async () => ((await states()).join() === kind ? true : undefined), 60_000);

describeIn(['tasks-prisma7', 'tasks-prisma6'], 'Generated client freshness', function () {
  this.timeout(240_000);
  let schemaFile: string;
  let original: string;

  before(async () => {
    const api = await activeApi();
    schemaFile = path.join(workspaceRoot(), 'schema.prisma');
    original = fs.readFileSync(schemaFile, 'utf8');
    await waitFor('the schema discovered', () =>
      api.services.schemas.schemas.some((s) => s.root.schemaPath === schemaFile) ? true : undefined,
    );
  });
  after(async () => {
    fs.writeFileSync(schemaFile, original);
    await vscode.workspace.getConfiguration('prismaWorkbench.client').update('generateOnSave', undefined);
  });

  it('is fresh after Generate, out of date after a schema change, fresh again after Generate', async () => {
    const run = await vscode.commands.executeCommand<{ exitCode?: number }>('prismaWorkbench.tasks.generate', {
      schema: schemaFile,
    });
    assert.equal(run?.exitCode, 0, 'generate failed');
    await until('fresh', 'the client generated from the current schema');
    fs.writeFileSync(schemaFile, original.replace(/(model User \{\n)/, '$1  colour String?\n'));
    await until('stale', 'the client out of date after the schema changed');
    await vscode.commands.executeCommand('prismaWorkbench.tasks.generate', { schema: schemaFile });
    await until('fresh', 'the client fresh again after Generate');
  });

  it("marks the schema's root in the Models view while the client is out of date; Generate Client clears it", async () => {
    const root = async () => {
      const api = await activeApi();
      const id = api.services.schemas.schemas.find((s) => s.root.schemaPath === schemaFile)?.root.id;
      return (await shown()).find((i) => i.node.id === id);
    };
    const rootWhen = (stale: boolean, what: string) =>
      waitFor(
        what,
        async () => {
          const r = await root();
          return r && /client out of date/.test(r.description) === stale ? r : undefined;
        },
        60_000,
      );
    await until('fresh', 'the client fresh before the schema changes');
    const before = await rootWhen(false, 'the root without the mark');
    assert.doesNotMatch(before.item.contextValue ?? '', /clientStale/);

    fs.writeFileSync(schemaFile, original.replace(/(model User \{\n)/, '$1  nickname String?\n'));
    const marked = await rootWhen(true, 'the root marked "client out of date"');
    assert.match(marked.description, /^client out of date · /);
    assert.match(marked.item.contextValue ?? '', /^schema.*\.clientStale$/);
    const provider = (await activeApi()).views.models!;
    const resolved = provider.resolveTreeItem(marked.item, marked.node);
    const tooltip = resolved.tooltip instanceof vscode.MarkdownString ? resolved.tooltip.value : '';
    assert.match(tooltip, /Client out of date/);
    assert.match(tooltip, /\[Generate\]\(command:prismaWorkbench\.client\.generate\?/);

    // the root's inline button / context menu: Generate Client with the root node
    await vscode.commands.executeCommand('prismaWorkbench.client.generate', marked.node);
    await until('fresh', 'the client fresh after Generate Client');
    const cleared = await rootWhen(false, 'the mark cleared after Generate Client');
    assert.doesNotMatch(cleared.item.contextValue ?? '', /clientStale/);
  });

  it('generates on save when prismaWorkbench.client.generateOnSave is on', async () => {
    await vscode.workspace.getConfiguration('prismaWorkbench.client').update('generateOnSave', true);
    const doc = await vscode.workspace.openTextDocument(schemaFile);
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('model User {');
    assert.ok(at >= 0, 'the project has no model User');
    await editor.edit((e) => e.insert(doc.positionAt(at), '/// Someone who signs in\n'));
    await doc.save();
    const [client] = (await vscode.commands.executeCommand<Clients>('prismaWorkbench.client.check')) ?? [];
    const clientFile = client?.state.file;
    assert.ok(clientFile, 'no generated client found');
    await waitFor(
      'the client generated by the save',
      () => (fs.readFileSync(clientFile, 'utf8').includes('Someone who signs in') ? true : undefined),
      90_000,
    );
    await until('fresh', 'the client fresh after the save');
  });
});
