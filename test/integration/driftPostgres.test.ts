// Drift against PostgreSQL in the real extension host (run "postgres-drift"): the sample-postgres fixture
// on a throwaway database (TEST_POSTGRES_URL's server, else the local one), created here and dropped after.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import * as vscode from 'vscode';
import { activeApi, describeIn, waitFor, workspaceRoot } from './helpers/extension';
import { insertSavedLine } from './helpers/schemaEdit';
import { ThrowawayPostgres } from './helpers/throwawayPostgres';

const SOURCE = 'Prisma Workbench drift';
type CheckResult = { state: string | undefined; status: string | undefined }[];

describeIn(['postgres-drift'], 'Drift diagnostics (PostgreSQL)', function () {
  this.timeout(180_000);
  const throwaway = new ThrowawayPostgres();
  let schemaPath: string;
  let schemaUri: vscode.Uri;
  const driftOf = () => vscode.languages.getDiagnostics(schemaUri).filter((d) => d.source === SOURCE);
  const check = async () =>
    (await vscode.commands.executeCommand<CheckResult>('prismaWorkbench.drift.check', { schema: schemaPath }))[0];

  before(async function () {
    await throwaway.create(this);
    const api = await activeApi();
    await waitFor('the schema to be discovered', () => api.services.schemas.schemas.length > 0 || undefined, 30_000);
    schemaPath = path.join(workspaceRoot(), 'prisma', 'schema.prisma');
    schemaUri = vscode.Uri.file(schemaPath);
    await vscode.workspace.openTextDocument(schemaUri);
  });

  after(async () => {
    await throwaway.drop();
  });

  it('pending, then in sync after deploy; a column added by hand -> on the model line; the quick fix removes it', async () => {
    assert.equal((await check()).state, 'pending');
    const deploy = await vscode.commands.executeCommand<{ exitCode: number | undefined }>(
      'prismaWorkbench.migrations.deploy',
      { schema: schemaPath },
    );
    assert.equal(deploy?.exitCode, 0);
    assert.equal((await check()).state, 'inSync');
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('ALTER TABLE users ADD COLUMN nickname TEXT');
    } finally {
      await client.end();
    }
    const result = await check();
    assert.equal(result.state, 'drift');
    const d = driftOf().find((x) => x.message.includes('nickname'));
    assert.ok(
      d,
      driftOf()
        .map((x) => x.message)
        .join(' | '),
    );
    assert.equal(d.message, 'Column `User.nickname` exists in the database but in no migration.');
    assert.equal(readFileSync(schemaPath, 'utf8').split('\n')[d.range.start.line].trim(), 'model User {');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      schemaUri,
      d.range,
    );
    const fix = actions.find((a) => a.title.startsWith('Record the database changes'));
    assert.ok(fix?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(fix.command.command, {
      ...(fix.command.arguments?.[0] as object),
      name: 'pg nickname',
      confirmed: true,
    });
    await waitFor('the drift diagnostic to disappear', () => driftOf().length === 0 || undefined, 30_000);
    assert.equal((await check()).state, 'inSync');
  });

  it('editing the schema without migrating -> a warning on the new field after save, with "Create migration…"', async () => {
    const edit = await insertSavedLine(schemaUri, /^\s+email\s+String\s+@unique/, '  bio            String?');
    try {
      const d = await waitFor('the unmigrated warning', () => driftOf().find((x) => x.message.includes('bio')), 60_000);
      assert.equal(d.message, 'Column `User.bio` is in the schema but in no migration.');
      assert.equal(d.range.start.line, edit.line);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        schemaUri,
        d.range,
      );
      assert.ok(
        actions.some((a) => a.title === 'Create migration…'),
        actions.map((a) => a.title).join(' | '),
      );
    } finally {
      await edit.undo();
    }
    await waitFor(
      'the warning to go after undoing the edit',
      () => !driftOf().some((x) => x.message.includes('bio')) || undefined,
      60_000,
    );
    assert.equal((await check()).state, 'inSync');
  });

  it('a bad URL -> exactly one diagnostic on the datasource, naming the server', async () => {
    const good = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/nothing';
    try {
      const result = await check();
      assert.equal(result.state, 'error');
      const ds = driftOf();
      assert.equal(ds.length, 1, ds.map((x) => x.message).join(' | '));
      assert.equal(readFileSync(schemaPath, 'utf8').split('\n')[ds[0].range.start.line].trim(), 'datasource db {');
      assert.match(ds[0].message, /Database unreachable: Can't reach database server at `127\.0\.0\.1:1`/);
    } finally {
      process.env.DATABASE_URL = good;
    }
    assert.equal((await check()).state, 'inSync');
  });
});
