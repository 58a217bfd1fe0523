import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDrift, type DriftInputs } from '../../../src/core/drift';
import { EmbeddedSchemaEngine, applyMigrations } from '../../../src/core/engine';
import { adapterFactoryFor as createAdapterFactory } from '../../../src/core/migrations/adapterFactory';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { parseSchema } from '../../../src/core/schema/parse';

const PROJECT = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'sample-postgres', 'prisma');
const adminUrl = process.env.TEST_POSTGRES_URL;

describe('drift: checks on the embedded engine (PostgreSQL sample)', function () {
  this.timeout(120000);
  const dbName = `workbench_drift_${process.pid}`;
  const url = adminUrl?.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`) ?? '';
  const admin = async (sql: string) => {
    const db = await (await createAdapterFactory({ provider: 'postgresql', url: adminUrl ?? '' })).connect();
    try {
      await db.executeRaw({ sql, args: [], argTypes: [] });
    } finally {
      await db.dispose();
    }
  };
  before(async function () {
    if (!adminUrl) {
      console.log('    (skipped: TEST_POSTGRES_URL is not set; set it to a server where databases may be created)');
      this.skip();
    }
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${dbName}"`);
    const engine = await EmbeddedSchemaEngine.open({ adapterFactory: await createAdapterFactory({ provider: 'postgresql', url }) });
    try {
      await applyMigrations(engine, { migrationsDir: path.join(PROJECT, 'migrations') });
    } finally {
      await engine.dispose();
    }
  });
  after(async () => {
    if (adminUrl) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  const inputs = (over: Partial<DriftInputs> = {}, target = url): DriftInputs => {
    const file = { path: path.join(PROJECT, 'schema.prisma'), content: readFileSync(path.join(PROJECT, 'schema.prisma'), 'utf8') };
    return {
      provider: 'postgresql',
      schemaFiles: normalizeForPrisma7([file], []),
      doc: parseSchema([file]),
      migrationsDir: path.join(PROJECT, 'migrations'),
      mode: 'auto',
      adapterFactory: () => createAdapterFactory({ provider: 'postgresql', url: target }),
      configDir: PROJECT,
      ...over,
    };
  };

  it('in sync after migrate deploy', async () => {
    const report = await checkDrift(inputs());
    assert.equal(report.state, 'inSync', JSON.stringify(report.findings.map((f) => f.message)) + (report.error?.message ?? ''));
  });

  it('a column and an index added by hand: drift on the model line and the field line', async () => {
    const db = await (await createAdapterFactory({ provider: 'postgresql', url })).connect();
    try {
      await db.executeScript('ALTER TABLE users ADD COLUMN nickname TEXT; CREATE INDEX users_name_hand_idx ON users(name);');
    } finally {
      await db.dispose();
    }
    const report = await checkDrift(inputs());
    assert.equal(report.state, 'drift');
    const lines = readFileSync(path.join(PROJECT, 'schema.prisma'), 'utf8').split('\n');
    const col = report.findings.find((f) => f.message.includes('nickname'));
    assert.equal(col?.message, 'Column `User.nickname` exists in the database but in no migration.');
    assert.equal(lines[col.spot.range.start.line].trim(), 'model User {');
    const idx = report.findings.find((f) => f.item.kind === 'index');
    assert.ok(idx, report.findings.map((f) => f.message).join(' | '));
    assert.match(lines[idx.spot.range.start.line], /^\s+name\s/);
  });

  it('a bad URL is one "unreachable" error on the datasource', async () => {
    const report = await checkDrift(inputs({}, 'postgresql://postgres@127.0.0.1:1/nothing'));
    assert.equal(report.state, 'error');
    assert.equal(report.error?.kind, 'unreachable');
    assert.ok(report.error?.spot.onDatasource);
  });
});
