// Named connections in the real host: adding a connection makes it active, the Migrations view reads the
// new database; switching back shows the Prisma config's database again. Passwords never reach settings.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, describeIn, waitFor, workspaceRoot } from './helpers/extension';
import { migrationsOf, migrationsView, shownMigrations } from './helpers/migrations';

describeIn(['sample'], 'Named connections (SQLite sample)', function () {
  this.timeout(60_000);
  before(async () => {
    const api = await activeApi();
    await waitFor(
      'the sample schema to be discovered',
      () => api.services.schemas.schemas.length > 0 || undefined,
      30_000,
    );
    await (await migrationsView()).refresh();
  });

  const rootDescription = async () => (await shownMigrations()).root.description;

  it("adding a URL connection switches the Migrations view to it; switching back restores the config's database", async () => {
    assert.match(await rootDescription(), /SQLite file dev\.db/);
    await vscode.commands.executeCommand('prismaWorkbench.connections.add', {
      name: 'scratch',
      url: 'file:./scratch.db',
    });
    await waitFor('the view to read the scratch database', async () => {
      await (await migrationsView()).whenLoaded();
      return /SQLite file scratch\.db/.test(await rootDescription()) || undefined;
    });
    const { children } = await shownMigrations();
    assert.ok(migrationsOf(children).every((c) => c.contextValue === 'migration.pending'));
    assert.ok(!existsSync(path.join(workspaceRoot(), 'scratch.db')), 'reading the states created the database file');
    await vscode.commands.executeCommand('prismaWorkbench.connections.switch', { name: 'Prisma config' });
    await waitFor('the view to read dev.db again', async () => {
      await (await migrationsView()).whenLoaded();
      return /SQLite file dev\.db/.test(await rootDescription()) || undefined;
    });
  });

  it('a password in a pasted URL goes to the secret storage, not to settings or workspace state', async () => {
    await vscode.commands.executeCommand('prismaWorkbench.connections.add', {
      name: 'remote',
      url: 'postgresql://app:Sup3rS3cret@127.0.0.1:1/remote_db',
    });
    try {
      // nothing listens on port 1: the view falls back to schema-only mode and says why
      const info = await waitFor('the view to try the remote database', async () => {
        await (await migrationsView()).whenLoaded();
        return (await shownMigrations()).children.find(
          (c) => c.label === 'States unknown' && /127\.0\.0\.1|ECONNREFUSED|not reachable/.test(c.description),
        );
      });
      assert.match(await rootDescription(), /schema only/);
      assert.doesNotMatch(info.description, /Sup3rS3cret/);
      const { children } = await shownMigrations();
      assert.doesNotMatch(JSON.stringify(children.map((c) => [c.label, c.description])), /Sup3rS3cret/);
      assert.doesNotMatch(JSON.stringify(vscode.workspace.getConfiguration('prismaWorkbench')), /Sup3rS3cret/);
    } finally {
      await vscode.commands.executeCommand('prismaWorkbench.connections.switch', { name: 'Prisma config' });
      await (await migrationsView()).refresh();
    }
  });
});
