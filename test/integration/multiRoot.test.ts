import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, describeIn, shown, shownChild, waitFor, type ShownItem } from './helpers/extension';

const expectedRoots = [
  'broken-schema/prisma/schema.prisma',
  'config-only-url/prisma/schema.prisma',
  'mongo-composite/prisma/schema.prisma',
  'monorepo/packages/api/prisma/schema.prisma',
  'monorepo/packages/billing/prisma/schema.prisma',
  'multi-file/prisma/schema',
  'multi-schema/prisma/schema.prisma',
  'mysql-relationmode/prisma/schema.prisma',
  'package-json-schema/db/custom.prisma',
  'prisma5-env-url/prisma/schema.prisma',
  'sample-postgres/prisma/schema.prisma',
  // Prisma Next contracts come after the schemas (the snapshot under migrations/ is not one)
  'prisma-next/src/prisma/contract.prisma',
];

async function root(label: string): Promise<ShownItem> {
  return shownChild(undefined, label);
}

async function open(item: ShownItem): Promise<vscode.TextEditor> {
  const cmd = item.item.command;
  assert.ok(cmd, `${item.label} has no click command`);
  await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
  return waitFor(`the editor on ${item.label}`, () => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.getText(e.selection) === item.label ? e : undefined;
  });
}

describeIn(['multi-root'], 'Models view in a multi-root workspace of every fixture project', () => {
  before(async () => {
    assert.ok((vscode.workspace.workspaceFolders?.length ?? 0) > 5, 'the multi-root workspace did not open');
    // Prisma's validation has run on all of them once the broken one carries its errors
    await waitFor(
      'every schema, validated',
      async () => {
        const roots = await shown();
        const broken = roots.find((r) => r.label === expectedRoots[0]);
        return roots.length === expectedRoots.length && broken?.node.problems.some((p) => p.source === 'prisma')
          ? true
          : undefined;
      },
      30000,
    );
  });

  it('shows one root per schema, named with its folder, and none for the empty folder', async () => {
    // the schemas at the conventional places are listed first and keep their rows; those only the workspace
    // search finds (the monorepo's packages) come below them, so no row moves when the search answers
    const labels = (await shown()).map((r) => r.label);
    assert.deepEqual([...labels].sort(), [...expectedRoots].sort());
    const monorepo = labels.flatMap((l, i) => (l.startsWith('monorepo/') ? [i] : []));
    const conventional = labels.flatMap((l, i) =>
      !l.startsWith('monorepo/') && !l.startsWith('prisma-next/') ? [i] : [],
    );
    assert.ok(Math.max(...conventional) < Math.min(...monorepo), labels.join(', '));
    assert.equal(labels[labels.length - 1], 'prisma-next/src/prisma/contract.prisma', 'contracts come last');
  });

  it("reads every folder's conventional places as the extension loads, before activate(), for the first refresh", async () => {
    const { services, activation } = await activeApi();
    const early = services.schemas.earlyReads;
    assert.ok(early, 'no early reads: a folder of this workspace is not on disk?');
    assert.equal(early.taken, true, 'the first refresh read the disk again instead of taking the early reads');
    assert.ok(early.answeredAt !== undefined, 'the early reads never answered');
    const firstShown = Math.min(...Object.values(services.schemas.firstDiscovery));
    assert.ok(early.answeredAt <= firstShown, `answered at ${early.answeredAt}, after the first schemas shown`);
    assert.ok(activation.loadStartedAt < activation.startedAt);
  });

  it('shows both schemas of the monorepo with their own models', async () => {
    const api = await root('monorepo/packages/api/prisma/schema.prisma');
    const billing = await root('monorepo/packages/billing/prisma/schema.prisma');
    assert.deepEqual(
      (await shown(api.node)).filter((i) => i.item.contextValue === 'model').map((i) => i.label),
      ['Account', 'ApiKey'],
    );
    assert.deepEqual(
      (await shown(billing.node)).filter((i) => i.item.contextValue === 'model').map((i) => i.label),
      ['Customer', 'Invoice', 'InvoiceLine'],
    );
  });

  it('reads a multi-file schema as one, and opens each model in its own file', async () => {
    const multi = await root('multi-file/prisma/schema');
    const items = await shown(multi.node);
    assert.deepEqual(
      items.filter((i) => i.item.contextValue === 'model').map((i) => i.label),
      ['Comment', 'Post', 'User'],
    );
    const post = items.find((i) => i.label === 'Post');
    assert.ok(post);
    assert.equal(path.basename((await open(post)).document.uri.fsPath), 'blog.prisma');
    const user = items.find((i) => i.label === 'User');
    assert.ok(user);
    assert.equal(path.basename((await open(user)).document.uri.fsPath), 'user.prisma');
    // a relation across files leads to the model in the other file
    const author = (await shown(post.node)).find((f) => f.node.target === 'User');
    assert.ok(author, 'Post has no relation to User');
    const [related] = await shown(author.node);
    assert.equal(related.node.location?.file, user.node.location?.file);
  });

  it('marks the broken schema and still lists what it can read', async () => {
    const broken = await root('broken-schema/prisma/schema.prisma');
    assert.equal((broken.item.iconPath as vscode.ThemeIcon).id, 'error');
    const models = (await shown(broken.node)).filter((i) => i.item.contextValue === 'model').map((i) => i.label);
    assert.ok(
      ['Author', 'Book', 'Review'].every((m) => models.includes(m)),
      models.join(', '),
    );
    const problems = await shown((await shownChild(broken.node, 'Problems')).node);
    assert.ok(
      problems.some((p) => /Isbn/.test(p.label)),
      problems.map((p) => p.label).join(' | '),
    );
  });

  it("raises no false error on a Prisma 5 schema's url = env(...)", async () => {
    const p5 = await root('prisma5-env-url/prisma/schema.prisma');
    assert.deepEqual(
      p5.node.problems.filter((p) => p.severity === 'error').map((p) => p.message),
      [],
    );
    assert.notEqual((p5.item.iconPath as vscode.ThemeIcon).id, 'error');
  });

  it('shows MongoDB composite types and @@schema names', async () => {
    const mongo = await shown((await root('mongo-composite/prisma/schema.prisma')).node);
    assert.deepEqual(
      mongo.filter((i) => i.item.contextValue === 'type').map((i) => i.label),
      ['Address', 'Geo', 'Photo'],
    );
    const multiSchema = await shown((await root('multi-schema/prisma/schema.prisma')).node);
    assert.match(multiSchema.find((i) => i.label === 'User')?.description ?? '', /auth/);
    assert.match(multiSchema.find((i) => i.label === 'Order')?.description ?? '', /sales/);
  });

  it('says plainly why MySQL and MongoDB schemas get no drift check (status bar and result), instead of showing nothing', async () => {
    type Result = { state?: string; status?: string; unchecked?: string }[];
    for (const [folder, words] of [
      ['mysql-relationmode', /no MySQL \/ MariaDB connector/],
      ['mongo-composite', /MongoDB has no migrations/],
    ] as const) {
      const file = path.join(
        vscode.workspace.workspaceFolders!.find((f) => f.name === folder || f.uri.fsPath.endsWith(folder))!.uri.fsPath,
        'prisma',
        'schema.prisma',
      );
      await vscode.window.showTextDocument(vscode.Uri.file(file));
      const [r] = await vscode.commands.executeCommand<Result>('prismaWorkbench.drift.check', { schema: file });
      assert.equal(r.state, undefined, `${folder}: no check runs`);
      assert.match(r.unchecked ?? '', words);
      assert.equal(r.status, '$(circle-slash) Prisma: drift not checked', folder);
    }
  });

  it("shows a Prisma Next contract as one, without Prisma ORM's errors, migrations or data actions", async () => {
    const contract = await root('prisma-next/src/prisma/contract.prisma');
    assert.match(contract.description, /^Prisma Next contract · 4 models · 1 enum · 1 type$/);
    assert.equal(contract.item.contextValue, 'contract');
    assert.deepEqual(contract.node.problems, []);
    const items = await shown(contract.node);
    assert.deepEqual(
      items.filter((i) => i.item.contextValue === 'model.contract').map((i) => i.label),
      ['Bug', 'Post', 'Task', 'User'],
    );
    // opens the model on its line in the file, inside its namespace
    const user = items.find((i) => i.label === 'User');
    assert.ok(user);
    const editor = await open(user);
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^\s+model User \{/);
    // the Migrations view has no root for it
    const migrations = (await activeApi()).views.migrations;
    assert.ok(migrations);
    const migrationRoots = migrations.getChildren().map((r) => r.schema.root.schemaPath);
    assert.equal(migrationRoots.length, expectedRoots.length - 1, migrationRoots.join(', '));
    assert.ok(
      migrationRoots.every((p) => !p.includes('prisma-next')),
      migrationRoots.join(', '),
    );
  });

  it('finds a schema named by package.json#prisma.schema', async () => {
    const custom = await shown((await root('package-json-schema/db/custom.prisma')).node);
    assert.ok(custom.some((i) => i.label === 'Note'));
  });
});
