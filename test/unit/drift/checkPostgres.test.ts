import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DriftReplayCache, checkDrift, databaseFingerprint, type DriftInputs } from '../../../src/core/drift';
import { EmbeddedSchemaEngine, applyMigrations } from '../../../src/core/engine';
import { dropAllShadowDatabases, keptShadowDatabases } from '../../../src/core/engine/shadowDatabasePool';
import { adapterFactoryFor as createAdapterFactory } from '../../../src/core/migrations/adapterFactory';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { parseSchema } from '../../../src/core/schema/parse';
import { PG_BASE, orSkip, throwawayPostgres, type Throwaway } from '../testServers';

const PROJECT = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'sample-postgres', 'prisma');
const adminUrl = PG_BASE;

describe('drift: checks on the embedded engine (PostgreSQL sample)', function () {
  this.timeout(120000);
  let pgdb: Throwaway | undefined;
  let url = '';
  const admin = async (sql: string) => {
    const db = await (await createAdapterFactory({ provider: 'postgresql', url: adminUrl })).connect();
    try {
      await db.executeRaw({ sql, args: [], argTypes: [] });
    } finally {
      await db.dispose();
    }
  };
  /** Runs a script on the test's database (a change made by hand). */
  const exec = async (sql: string) => {
    const db = await (await createAdapterFactory({ provider: 'postgresql', url })).connect();
    try {
      await db.executeScript(sql);
    } finally {
      await db.dispose();
    }
  };
  before(async function () {
    pgdb = orSkip(this, await throwawayPostgres('workbench_drift'));
    url = pgdb.url;
    const engine = await EmbeddedSchemaEngine.open({
      adapterFactory: await createAdapterFactory({ provider: 'postgresql', url }),
    });
    try {
      await applyMigrations(engine, { migrationsDir: path.join(PROJECT, 'migrations') });
    } finally {
      await engine.dispose();
    }
  });
  after(async () => {
    await pgdb?.drop();
  });

  const inputs = (over: Partial<DriftInputs> = {}, target = url): DriftInputs => {
    const file = {
      path: path.join(PROJECT, 'schema.prisma'),
      content: readFileSync(path.join(PROJECT, 'schema.prisma'), 'utf8'),
    };
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
    assert.equal(
      report.state,
      'inSync',
      JSON.stringify(report.findings.map((f) => f.message)) + (report.error?.message ?? ''),
    );
  });

  it("the fingerprint reads PostgreSQL's catalog and sees a length change; the replay cache skips the shadow database only while nothing changed", async () => {
    const fingerprint = async () => {
      const db = await (await createAdapterFactory({ provider: 'postgresql', url })).connect();
      try {
        return await databaseFingerprint(db, 'postgresql');
      } finally {
        await db.dispose();
      }
    };
    const cache = new DriftReplayCache();
    assert.equal((await checkDrift(inputs({ replayCache: cache }))).state, 'inSync');
    const again = await checkDrift(inputs({ replayCache: cache }));
    assert.equal(again.state, 'inSync');
    assert.deepEqual([cache.replay.hits, cache.replay.misses], [1, 1]);
    const before = await fingerprint();
    await exec('ALTER TABLE organizations ALTER COLUMN name TYPE VARCHAR(150)');
    try {
      assert.notEqual(await fingerprint(), before, 'a VARCHAR length change must change the fingerprint');
      const drifted = await checkDrift(inputs({ replayCache: cache }));
      assert.deepEqual([cache.replay.hits, cache.replay.misses], [1, 2]);
      assert.equal(drifted.state, 'drift', drifted.findings.map((f) => f.message).join(' | '));
    } finally {
      await exec('ALTER TABLE organizations ALTER COLUMN name TYPE VARCHAR(120)');
    }
    assert.equal(await fingerprint(), before);
    assert.equal((await checkDrift(inputs({ replayCache: cache }))).state, 'inSync');
  });

  it('a kept shadow database: made once, emptied and replayed into by the next check, dropped at the end; one a killed process left is swept', async () => {
    const reuse = (): DriftInputs =>
      inputs({
        adapterFactory: () => createAdapterFactory({ provider: 'postgresql', url, reuseShadowDatabase: true }),
      });
    const shadows = async () => {
      const db = await (await createAdapterFactory({ provider: 'postgresql', url: adminUrl })).connect();
      try {
        return (
          await db.queryRaw({
            sql: "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_workbench_shadow_%'",
            args: [],
            argTypes: [],
          })
        ).rows.map((r) => String(r[0]));
      } finally {
        await db.dispose();
      }
    };
    const leftover = `prisma_workbench_shadow_leftover_${process.pid}`;
    await admin(`CREATE DATABASE "${leftover}"`);
    const before = (await shadows()).filter((n) => n !== leftover);
    assert.equal((await checkDrift(reuse())).state, 'inSync');
    assert.ok(!(await shadows()).includes(leftover), 'the first use on a server sweeps kept databases nobody holds');
    assert.equal(keptShadowDatabases(), 1);
    const made = (await shadows()).filter((n) => !before.includes(n));
    assert.equal(made.length, 1);
    const again = await checkDrift(reuse());
    assert.equal(
      again.state,
      'inSync',
      again.findings.map((f) => f.message).join(' | ') + (again.error?.message ?? ''),
    );
    assert.deepEqual(
      (await shadows()).filter((n) => !before.includes(n)),
      made,
      'the second check reused the kept database',
    );
    await dropAllShadowDatabases();
    assert.equal(keptShadowDatabases(), 0);
    assert.deepEqual(
      (await shadows()).filter((n) => !before.includes(n)),
      [],
    );
  });

  it('the kept shadow database keeps what the replay wrote: the same migrations are not written again, an edited one is', async () => {
    const reuse = (dir = path.join(PROJECT, 'migrations')): DriftInputs =>
      inputs({
        migrationsDir: dir,
        adapterFactory: () => createAdapterFactory({ provider: 'postgresql', url, reuseShadowDatabase: true }),
      });
    const usersOid = async () => {
      const db = await (await createAdapterFactory({ provider: 'postgresql', url: adminUrl })).connect();
      let name: string;
      try {
        const rows = (
          await db.queryRaw({
            sql: "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_workbench_shadow_%' AND datname NOT LIKE '%leftover%'",
            args: [],
            argTypes: [],
          })
        ).rows;
        assert.equal(rows.length, 1, `one kept shadow database: ${JSON.stringify(rows)}`);
        name = String(rows[0][0]);
      } finally {
        await db.dispose();
      }
      const shadow = await (
        await createAdapterFactory({ provider: 'postgresql', url: adminUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`) })
      ).connect();
      try {
        return String(
          (
            await shadow.queryRaw({
              sql: "SELECT oid::text FROM pg_class WHERE relname = 'users'",
              args: [],
              argTypes: [],
            })
          ).rows[0]?.[0],
        );
      } finally {
        await shadow.dispose();
      }
    };
    const tmp = mkdtempSync(path.join(tmpdir(), 'drift-shadow-'));
    try {
      assert.equal((await checkDrift(reuse())).state, 'inSync');
      const replayed = await usersOid();
      assert.equal((await checkDrift(reuse())).state, 'inSync');
      assert.equal(await usersOid(), replayed, 'the same migrations: the kept tables were not dropped and made again');

      // the last migration edited (and the database changed to match): the shadow database must hold the edited one
      cpSync(path.join(PROJECT, 'migrations'), tmp, { recursive: true });
      const last = readdirSync(tmp)
        .filter((n) => /^\d/.test(n))
        .sort()
        .at(-1)!;
      appendFileSync(path.join(tmp, last, 'migration.sql'), '\nALTER TABLE "users" ADD COLUMN "extra" TEXT;\n');
      await exec('ALTER TABLE users ADD COLUMN extra TEXT');
      const edited = await checkDrift(reuse(tmp));
      assert.deepEqual(edited.edited, [last]);
      assert.deepEqual(
        edited.findings.filter((f) => f.comparison === 'migrationsDatabase').map((f) => f.message),
        [],
        'the edited migration was replayed, not the kept one',
      );
      assert.notEqual(await usersOid(), replayed);
      // back to the migrations as they are: the column the database still has is drift again
      const back = await checkDrift(reuse());
      assert.ok(
        back.findings.some((f) => f.comparison === 'migrationsDatabase' && f.message.includes('extra')),
        back.findings.map((f) => f.message).join(' | '),
      );
    } finally {
      await exec('ALTER TABLE users DROP COLUMN IF EXISTS extra');
      rmSync(tmp, { recursive: true, force: true });
      await dropAllShadowDatabases();
    }
  });

  it('a column and an index added by hand: drift on the model line and the field line', async () => {
    const db = await (await createAdapterFactory({ provider: 'postgresql', url })).connect();
    try {
      await db.executeScript(
        'ALTER TABLE users ADD COLUMN nickname TEXT; CREATE INDEX users_name_hand_idx ON users(name);',
      );
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
