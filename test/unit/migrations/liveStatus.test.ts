// Live states through the real drivers: SQLite (libsql) always; PostgreSQL and MySQL / MariaDB when a
// server answers (see testServers.ts), otherwise those cases say they skip.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../../../src/core/engine';
import { adapterFactoryFor } from '../../../src/core/migrations/adapterFactory';
import { loadMigrationStatus } from '../../../src/core/migrations/liveStatus';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres, type Throwaway } from '../testServers';
import { SAMPLE_MIGRATIONS, openSqliteEngine, sampleSchema, tempDir } from '../engine/engineTestKit';

const stateOf = (s: Awaited<ReturnType<typeof loadMigrationStatus>>) =>
  s.entries.map((e) => `${e.name.replace(/^\d+_/, '')}:${e.state}`);

describe('migrations: live states (SQLite through libsql)', () => {
  let dir: string;
  let cleanup: () => void;
  let migrationsDir: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('pw-live-'));
    migrationsDir = path.join(dir, 'migrations');
    cpSync(SAMPLE_MIGRATIONS, migrationsDir, { recursive: true });
  });
  afterEach(() => cleanup());
  const request = () => ({ migrationsDir, provider: 'sqlite' as const, url: 'file:./dev.db', baseDir: dir });
  const apply = async () => {
    const engine = await openSqliteEngine(path.join(dir, 'dev.db'), [sampleSchema()]);
    try {
      return await applyMigrations(engine, { migrationsDir });
    } finally {
      await engine.dispose();
    }
  };

  it('a database file that does not exist yet: every migration pending, and no file is created', async () => {
    const s = await loadMigrationStatus(request());
    assert.equal(s.database, 'absent');
    assert.ok(s.entries.length >= 3 && s.entries.every((e) => e.state === 'pending'));
    assert.match(s.reason ?? '', /does not exist yet/);
  });

  it('applied after deploy, then edited / missing locally / pending / failed as the files and rows change', async () => {
    await apply();
    let s = await loadMigrationStatus(request());
    assert.equal(s.database, 'read');
    assert.equal(s.answeredBy, 'embedded (libsql)');
    assert.ok(
      s.entries.every((e) => e.state === 'applied' && e.appliedAt),
      stateOf(s).join(),
    );

    const [first, second, third] = s.entries;
    appendFileSync(first.local!.sqlFile, '\n-- edited by hand\n');
    rmSync(third.local!.dir, { recursive: true });
    cpSync(second.local!.dir, path.join(migrationsDir, '29990101000000_later'), { recursive: true });
    const factory = await createAdapterFactory({ provider: 'sqlite', url: 'file:./dev.db', configDir: dir });
    const db = await factory.connect();
    await db.executeRaw({
      sql: `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, applied_steps_count) VALUES ('f1', 'x', '29990101000001_broken', 'ERROR: relation "x" already exists', '2999-01-01 00:00:00', 0)`,
      args: [],
      argTypes: [],
    });
    await db.dispose();
    writeFileSync(path.join(migrationsDir, '29990101000001_broken.txt'), 'not a folder');
    cpSync(second.local!.dir, path.join(migrationsDir, '29990101000001_broken'), { recursive: true });

    s = await loadMigrationStatus(request());
    const byName = new Map(s.entries.map((e) => [e.name, e]));
    assert.equal(byName.get(first.name)?.state, 'edited');
    assert.equal(byName.get(second.name)?.state, 'applied');
    assert.equal(byName.get(third.name)?.state, 'missingLocally');
    assert.equal(byName.get('29990101000000_later')?.state, 'pending');
    assert.equal(byName.get('29990101000001_broken')?.state, 'failed');
    assert.match(byName.get('29990101000001_broken')?.error ?? '', /already exists/);
    assert.deepEqual(
      s.entries.map((e) => e.name),
      [...s.entries.map((e) => e.name)].sort(),
      'newest last',
    );
  });

  it('schema-only mode: no URL, or a provider the embedded engine does not read, keeps the list with a reason', async () => {
    const noUrl = await loadMigrationStatus({
      ...request(),
      url: undefined,
      noUrlReason: 'No database URL: DATABASE_URL is not set.',
    });
    assert.equal(noUrl.database, 'unknown');
    assert.ok(noUrl.entries.length >= 3 && noUrl.entries.every((e) => e.state === 'unknown'));
    assert.equal(noUrl.reason, 'No database URL: DATABASE_URL is not set.');
    const sqlserver = await loadMigrationStatus({
      ...request(),
      provider: 'sqlserver',
      url: 'sqlserver://localhost:1433;database=x',
    });
    assert.match(sqlserver.reason ?? '', /Migrate Status/);
  });
});

describe('migrations: live states (PostgreSQL through pg)', function () {
  this.timeout(60_000);
  let db: Throwaway | undefined;
  let url = '';
  before(async function () {
    db = orSkip(this, await throwawayPostgres('pw_live'));
    url = db.url;
  });
  after(async () => db?.drop());

  it('no history, then applied, then unreachable (P1001) without a stack', async () => {
    const migrationsDir = path.resolve(__dirname, '../../fixtures/projects/sample-postgres/prisma/migrations');
    const req = { migrationsDir, provider: 'postgresql' as const, url, baseDir: migrationsDir };
    let s = await loadMigrationStatus(req);
    assert.equal(s.database, 'noHistory', s.reason);
    assert.ok(s.entries.every((e) => e.state === 'pending'));
    const engine = await EmbeddedSchemaEngine.open({
      adapterFactory: await adapterFactoryFor({ provider: 'postgresql', url }),
    });
    try {
      await applyMigrations(engine, { migrationsDir });
    } finally {
      await engine.dispose();
    }
    s = await loadMigrationStatus(req);
    assert.equal(s.database, 'read');
    assert.equal(s.answeredBy, 'embedded (pg)');
    assert.ok(s.entries.length === 3 && s.entries.every((e) => e.state === 'applied'), stateOf(s).join());
    const down = await loadMigrationStatus({ ...req, url: 'postgresql://postgres:hunter2@127.0.0.1:1/x' });
    assert.equal(down.database, 'unknown');
    assert.match(down.reason ?? '', /not reachable.*P1001/);
    assert.doesNotMatch(down.reason ?? '', /hunter2|\n/);
    const missing = await loadMigrationStatus({ ...req, url: url.replace(db!.name, `${db!.name}_nope`) });
    assert.match(missing.reason ?? '', /does not exist.*P1003/);
  });
});

describe('migrations: live states (MySQL / MariaDB through mariadb)', function () {
  this.timeout(60_000);
  let db: Throwaway | undefined;
  let url = '';
  before(async function () {
    db = orSkip(this, await throwawayMysql('pw_live'));
    url = db.url;
  });
  const tmp = tempDir('pw-live-my-');
  after(async () => {
    tmp.cleanup();
    await db?.drop();
  });

  it('no history, then applied / failed / rolled back / edited as the rows say, then unreachable in words', async () => {
    const migrationsDir = path.join(tmp.dir, 'migrations');
    cpSync(path.resolve(__dirname, '../../fixtures/projects/sample-postgres/prisma/migrations'), migrationsDir, {
      recursive: true,
    });
    const req = { migrationsDir, provider: 'mysql' as const, url, baseDir: migrationsDir };
    let s = await loadMigrationStatus(req);
    assert.equal(s.database, 'noHistory', s.reason);
    assert.equal(s.answeredBy, 'embedded (mariadb)');
    assert.ok(s.entries.length === 3 && s.entries.every((e) => e.state === 'pending'), stateOf(s).join());

    // the table exactly as Prisma's MySQL connector creates it
    const admin = await mysqlConnection(db!.name);
    await admin.query(`CREATE TABLE \`_prisma_migrations\` (
      id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at DATETIME(3) NULL,
      migration_name VARCHAR(255) NOT NULL, logs TEXT NULL, rolled_back_at DATETIME(3) NULL,
      started_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), applied_steps_count INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const [first, second, third] = s.entries;
    const insert = (
      id: string,
      name: string,
      checksum: string,
      finished: string | null,
      rolledBack: string | null,
      logs: string | null,
    ) =>
      admin.query(
        `INSERT INTO \`_prisma_migrations\` (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
        [id, checksum, finished, name, logs, rolledBack, '2026-01-02 03:04:05.678'],
      );
    await insert('a', first.name, first.local!.checksum!, '2026-01-02 03:04:06.789', null, null);
    await insert('b', second.name, 'not-the-checksum', '2026-01-02 03:04:07.000', null, null);
    await insert('c', third.name, third.local!.checksum!, null, null, 'Table `x` already exists');
    await admin.end();
    s = await loadMigrationStatus(req);
    assert.equal(s.database, 'read', s.reason);
    assert.deepEqual(
      stateOf(s).map((x) => x.split(':')[1]),
      ['applied', 'edited', 'failed'],
      stateOf(s).join(),
    );
    assert.equal(s.entries[0].appliedAt, '2026-01-02T03:04:06.789Z');
    assert.match(s.entries[2].error ?? '', /already exists/);

    const down = await loadMigrationStatus({ ...req, url: 'mysql://root:hunter2@127.0.0.1:1/x', timeoutMs: 5000 });
    assert.equal(down.database, 'unknown');
    assert.match(down.reason ?? '', /could not be read: the database server is not reachable.*ECONNREFUSED.*P1001/);
    assert.doesNotMatch(down.reason ?? '', /hunter2|\n/);
    const missing = await loadMigrationStatus({ ...req, url: url.replace(db!.name, `${db!.name}_nope`) });
    assert.match(missing.reason ?? '', /does not exist.*P1003/);
  });
});
