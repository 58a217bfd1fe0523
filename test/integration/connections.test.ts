// Named connections in the real host: adding a connection makes it active, the Migrations view reads the
// new database; switching back shows the Prisma config's database again. A password goes to SecretStorage,
// never to settings or the workspace state, and the next activation reads it back from there.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConnectionStore } from '../../src/features/connections/connectionStore';
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

      // where it is kept: in SecretStorage, and in neither the workspace / global state nor a settings file
      const api = await activeApi();
      const { secrets, workspaceState, globalState } = api.storage;
      for (const [what, memento] of [
        ['workspace state', workspaceState],
        ['global state', globalState],
      ] as const)
        for (const key of memento.keys())
          assert.doesNotMatch(
            JSON.stringify(memento.get(key)) ?? '',
            /Sup3rS3cret/,
            `the password is in the ${what} (${key})`,
          );
      for (const file of [path.join(workspaceRoot(), '.vscode', 'settings.json')])
        if (existsSync(file))
          assert.doesNotMatch(readFileSync(file, 'utf8'), /Sup3rS3cret/, `the password is in ${file}`);
      // what the next window reads at activation: a new store over the same storage, nothing cached
      const schemaId = api.services.schemas.schemas[0]!.root.id;
      const next = new ConnectionStore(workspaceState, secrets);
      try {
        const remote = next.stateFor(schemaId).connections.find((c) => c.name === 'remote');
        assert.ok(remote, 'the connection was not kept in the workspace state');
        assert.equal(next.secretFor(schemaId, remote.id), undefined);
        await next.loadSecrets([schemaId]);
        assert.equal(next.secretFor(schemaId, remote.id), 'Sup3rS3cret', 'the password is not in SecretStorage');
      } finally {
        next.dispose();
      }
    } finally {
      await vscode.commands.executeCommand('prismaWorkbench.connections.switch', { name: 'Prisma config' });
      await (await migrationsView()).refresh();
    }
  });
});
