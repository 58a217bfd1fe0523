// The task guard against PostgreSQL (run "postgres"): tasks.json resets of a throwaway database that
// counts as production are refused without the typed name and with a wrong one; the rows are checked on
// the server. With the right name the reset runs.
import * as assert from 'node:assert/strict';
import pg from 'pg';
import * as vscode from 'vscode';
import { activeApi, describeIn, waitFor } from './helpers/extension';
import { runCommand } from './helpers/migrations';
import { executeTask, removeTasksJson, useTasks } from './helpers/tasks';
import { database, ThrowawayPostgres } from './helpers/throwawayPostgres';

describeIn(['postgres'], 'The task guard on PostgreSQL', function () {
  this.timeout(180_000);
  const throwaway = new ThrowawayPostgres();
  const config = () => vscode.workspace.getConfiguration('prismaWorkbench');

  async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const markerRows = async () => {
    try {
      return (await query(`SELECT id FROM organizations WHERE slug = 'guard-marker'`)).length;
    } catch {
      return 0; // the table is gone
    }
  };

  before(async function () {
    await throwaway.create(this);
    const api = await activeApi();
    await waitFor('the schema to be discovered', () => api.services.schemas.schemas.length > 0 || undefined, 30_000);
    assert.equal(await runCommand('prismaWorkbench.migrations.deploy', { confirmDatabase: database }), 0);
    await query(`INSERT INTO organizations (id, slug, name) VALUES ('org-guard', 'guard-marker', 'Keep me')`);
    assert.equal(await markerRows(), 1);
    await config().update('production.urlPatterns', [`*${database}*`], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('production.urlPatterns', undefined, vscode.ConfigurationTarget.Global);
    removeTasksJson();
    await throwaway.drop();
  });

  it('a tasks.json reset of a production database: refused when the name is not typed (prompt dismissed)', async () => {
    const tasks = await useTasks({ 'pg reset': { command: 'migrateReset' } });
    assert.notEqual(await executeTask(tasks.get('pg reset')!, true), 0);
    assert.equal(await markerRows(), 1, 'the reset ran without the typed name');
  });

  it('"confirmed": true alone, or with a wrong confirmDatabase, does not reset it either', async () => {
    const tasks = await useTasks({
      'pg reset confirmed': { command: 'migrateReset', confirmed: true },
      'pg reset wrong name': { command: 'migrateReset', confirmed: true, confirmDatabase: 'postgres' },
    });
    assert.notEqual(await executeTask(tasks.get('pg reset confirmed')!), 0);
    assert.equal(await markerRows(), 1, '"confirmed": true alone reset the production database');
    assert.notEqual(await executeTask(tasks.get('pg reset wrong name')!), 0);
    assert.equal(await markerRows(), 1, 'a wrong confirmDatabase reset the production database');
  });

  it('with the right name the reset runs and empties the tables', async () => {
    const tasks = await useTasks({
      'pg reset named': { command: 'migrateReset', confirmed: true, confirmDatabase: database },
    });
    assert.equal(await executeTask(tasks.get('pg reset named')!), 0);
    assert.equal(await markerRows(), 0);
    assert.ok((await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'reviews'`)).length > 0);
  });
});
