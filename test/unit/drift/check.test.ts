import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DriftReplayCache,
  MISSING_DATABASE,
  checkDrift,
  classifyError,
  databaseFingerprint,
  type DriftInputs,
} from '../../../src/core/drift';
import { applyMigrations, createAdapterFactory } from '../../../src/core/engine';
import { shadowReadMemoStats } from '../../../src/core/engine/shadowReadMemo';
import { normalizeForPrisma7 } from '../../../src/core/schema/normalize';
import { parseSchema } from '../../../src/core/schema/parse';
import { SAMPLE_DIR, openSqliteEngine, tempDir } from '../engine/engineTestKit';
import { readFileSync } from 'node:fs';

describe('drift: checks on the embedded engine (SQLite sample project)', function () {
  this.timeout(60000);
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('workbench-drift-'));
    cpSync(path.join(SAMPLE_DIR, 'migrations'), path.join(dir, 'migrations'), { recursive: true });
    cpSync(path.join(SAMPLE_DIR, 'schema.prisma'), path.join(dir, 'schema.prisma'));
  });
  afterEach(() => cleanup());

  const inputs = (over: Partial<DriftInputs> = {}, dbFile = path.join(dir, 'dev.db')): DriftInputs => {
    const file = {
      path: path.join(dir, 'schema.prisma'),
      content: readFileSync(path.join(dir, 'schema.prisma'), 'utf8'),
    };
    return {
      provider: 'sqlite',
      schemaFiles: normalizeForPrisma7([file], []),
      doc: parseSchema([file]),
      migrationsDir: path.join(dir, 'migrations'),
      mode: 'auto',
      adapterFactory: () => createAdapterFactory({ provider: 'sqlite', url: `file:${dbFile}`, configDir: dir }),
      configDir: dir,
      sqliteFile: dbFile,
      ...over,
    };
  };
  const migrate = async () => {
    const engine = await openSqliteEngine(path.join(dir, 'dev.db'));
    try {
      await applyMigrations(engine, { migrationsDir: path.join(dir, 'migrations') });
    } finally {
      await engine.dispose();
    }
  };
  const exec = async (sql: string) => {
    const factory = await createAdapterFactory({
      provider: 'sqlite',
      url: `file:${path.join(dir, 'dev.db')}`,
      configDir: dir,
    });
    const db = await factory.connect();
    try {
      await db.executeScript(sql);
    } finally {
      await db.dispose();
    }
  };

  it('a missing database file: every migration pending, the file is not created', async () => {
    const report = await checkDrift(inputs());
    assert.equal(report.state, 'pending');
    assert.equal(report.pending.length, 3);
    assert.equal(report.findings.length, 0);
    assert.equal(existsSync(path.join(dir, 'dev.db')), false);
  });

  it('in sync after migrate deploy', async () => {
    await migrate();
    const report = await checkDrift(inputs());
    assert.equal(report.state, 'inSync', JSON.stringify(report.findings.map((f) => f.message)));
  });

  it('a column added by hand is drift, on the model line, with the SQL', async () => {
    await migrate();
    await exec('ALTER TABLE users ADD COLUMN nickname TEXT;');
    const report = await checkDrift(inputs());
    assert.equal(report.state, 'drift');
    const f = report.findings.find((x) => x.message.includes('nickname'));
    assert.ok(f);
    assert.equal(f.message, 'Column `User.nickname` exists in the database but in no migration.');
    const lines = readFileSync(path.join(dir, 'schema.prisma'), 'utf8').split('\n');
    assert.equal(lines[f.spot.range.start.line].trim(), 'model User {');
    assert.match(report.sql.migrationsDatabase ?? '', /ADD COLUMN "nickname" TEXT/);
  });

  it('the replay cache: unchanged migrations and database skip the replay; a hand-made change or a new migration misses', async () => {
    await migrate();
    const cache = new DriftReplayCache();
    assert.equal((await checkDrift(inputs({ replayCache: cache }))).state, 'inSync');
    assert.deepEqual([cache.replay.hits, cache.replay.misses], [0, 1]);
    // a schema edit (no migration): the replay is reused, the schema is still compared
    const file = path.join(dir, 'schema.prisma');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/model User \{\n/, 'model User {\n  bio            String?\n'),
    );
    const edited = await checkDrift(inputs({ replayCache: cache }));
    assert.equal(edited.state, 'unmigrated');
    assert.deepEqual([cache.replay.hits, cache.replay.misses], [1, 1]);
    // the database changed by hand: the fingerprint differs, the replay runs and finds the drift
    await exec('ALTER TABLE users ADD COLUMN nickname TEXT;');
    const drifted = await checkDrift(inputs({ replayCache: cache }));
    assert.equal(drifted.state, 'drift');
    assert.deepEqual([cache.replay.hits, cache.replay.misses], [1, 2]);
    // ... while schema ↔ migrations (the database plays no part) is reused: the schema and migrations did not change
    assert.deepEqual(
      [cache.schema.hits, cache.schema.misses],
      [1, 2],
      'missed for the first check and the schema edit, hit after the database change',
    );
    assert.ok(
      drifted.findings.some(
        (f) =>
          f.comparison === 'schemaMigrations' &&
          f.message === 'Column `User.bio` is in the schema but in no migration.',
      ),
      drifted.findings.map((f) => f.message).join(' | '),
    );
    // the same drift again: from the cache, same findings and SQL, placed on the schema as it is now
    const again = await checkDrift(inputs({ replayCache: cache }));
    assert.deepEqual([cache.replay.hits, cache.replay.misses], [2, 2]);
    assert.deepEqual(
      again.findings.map((f) => [f.message, f.spot.range.start.line]),
      drifted.findings.map((f) => [f.message, f.spot.range.start.line]),
    );
    assert.equal(again.sql.migrationsDatabase, drifted.sql.migrationsDatabase);
    // a migration edited on disk changes the key too
    const first = readdirSync(path.join(dir, 'migrations'))
      .filter((n) => !n.endsWith('.toml'))
      .sort()[0];
    const sqlFile = path.join(dir, 'migrations', first, 'migration.sql');
    writeFileSync(sqlFile, `${readFileSync(sqlFile, 'utf8')}\n-- a comment\n`);
    await checkDrift(inputs({ replayCache: cache }));
    assert.equal(cache.replay.misses, 3);
  });

  it('a replay cache kept between sessions (JSON) lets the first check after a restart skip both replays; malformed data is dropped', async () => {
    await migrate();
    const cache = new DriftReplayCache();
    await exec('ALTER TABLE users ADD COLUMN nickname TEXT;'); // a drift, so there is SQL to keep too
    const before = await checkDrift(inputs({ replayCache: cache }));
    assert.equal(before.state, 'drift');
    const restored = DriftReplayCache.from(JSON.parse(JSON.stringify(cache.toJSON())));
    const after = await checkDrift(inputs({ replayCache: restored }));
    assert.deepEqual(
      [restored.replay.hits, restored.replay.misses, restored.schema.hits, restored.schema.misses],
      [1, 0, 1, 0],
    );
    assert.deepEqual(
      after.findings.map((f) => f.message),
      before.findings.map((f) => f.message),
    );
    assert.equal(after.sql.migrationsDatabase, before.sql.migrationsDatabase);
    for (const junk of [
      undefined,
      null,
      42,
      'x',
      { replay: { key: 1 } },
      { schema: { key: 'k', result: { items: [1] } } },
    ]) {
      const c = DriftReplayCache.from(junk);
      assert.deepEqual(c.toJSON(), { replay: undefined, schema: undefined }, JSON.stringify(junk));
    }
  });

  it('the shadow read memo: a second check describes the shadow from memory; an edited migration is replayed and described afresh', async () => {
    await migrate();
    const memo = (over: Partial<DriftInputs> = {}) =>
      inputs({
        adapterFactory: () =>
          createAdapterFactory({
            provider: 'sqlite',
            url: `file:${path.join(dir, 'dev.db')}`,
            configDir: dir,
            memoShadowReads: true,
          }),
        ...over,
      });
    assert.equal((await checkDrift(memo())).state, 'inSync');
    const before = shadowReadMemoStats();
    assert.equal((await checkDrift(memo())).state, 'inSync');
    const after = shadowReadMemoStats();
    assert.ok(
      after.hits - before.hits > 20,
      `the second replay's description came from memory (${after.hits - before.hits} hits)`,
    );
    assert.equal(after.misses, before.misses, 'no read reached the shadow database');
    // the last migration edited, the database changed to match: no drift (the edited script was replayed, not remembered)
    const last = readdirSync(path.join(dir, 'migrations'))
      .filter((n) => !n.endsWith('.toml'))
      .sort()
      .at(-1)!;
    const file = path.join(dir, 'migrations', last, 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nALTER TABLE "users" ADD COLUMN "extra" TEXT;\n`);
    await exec('ALTER TABLE users ADD COLUMN extra TEXT;');
    const edited = await checkDrift(memo());
    assert.deepEqual(edited.edited, [last]);
    assert.deepEqual(
      edited.findings.filter((f) => f.comparison === 'migrationsDatabase').map((f) => f.message),
      [],
    );
    assert.ok(shadowReadMemoStats().misses > after.misses, 'the edited replay was described from the database');
  });

  it('a schema change without a migration is "unmigrated", on the new field', async () => {
    await migrate();
    const file = path.join(dir, 'schema.prisma');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '  email          String    @unique\n',
        '  email          String    @unique\n  bio            String?\n',
      ),
    );
    const report = await checkDrift(inputs());
    assert.equal(report.state, 'unmigrated');
    const f = report.findings.find((x) => x.comparison === 'schemaMigrations');
    assert.equal(f?.message, 'Column `User.bio` is in the schema but in no migration.');
    assert.equal(readFileSync(file, 'utf8').split('\n')[f.spot.range.start.line].trim(), 'bio            String?');
  });

  it('an unreachable database (missing folder) is one error on the datasource with a next step', async () => {
    const report = await checkDrift(inputs({}, path.join(dir, 'missing', 'dev.db')));
    assert.equal(report.state, 'error');
    assert.equal(report.error?.kind, 'unreachable');
    assert.ok(report.error?.spot.onDatasource);
    assert.match(report.error?.nextStep ?? '', /folder/);
  });

  it('a provider different from migration_lock.toml is flagged on the provider line', async () => {
    writeFileSync(path.join(dir, 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
    const report = await checkDrift(inputs());
    assert.equal(report.state, 'providerMismatch');
    assert.match(report.notes[0].message, /"sqlite" differs from "postgresql"/);
  });

  it('database mode (no migrations folder) compares schema and database', async () => {
    await migrate();
    await exec('CREATE TABLE audit (id INTEGER PRIMARY KEY);');
    const report = await checkDrift(inputs({ migrationsDir: path.join(dir, 'none') }));
    assert.deepEqual(report.comparisons, ['schemaDatabase']);
    assert.ok(
      report.findings.some(
        (f) => f.message === 'Table `audit` exists in the database but not in the schema.' && f.spot.onDatasource,
      ),
      JSON.stringify(report.findings.map((f) => f.message)),
    );
  });

  it('the fingerprint changes with the database schema and only then', async () => {
    await migrate();
    const factory = await createAdapterFactory({
      provider: 'sqlite',
      url: `file:${path.join(dir, 'dev.db')}`,
      configDir: dir,
    });
    const db = await factory.connect();
    try {
      const a = await databaseFingerprint(db, 'sqlite');
      assert.equal(await databaseFingerprint(db, 'sqlite'), a);
      await db.executeScript('ALTER TABLE users ADD COLUMN nickname TEXT;');
      assert.notEqual(await databaseFingerprint(db, 'sqlite'), a);
    } finally {
      await db.dispose();
    }
  });

  it("with a replay cache, the report carries the fingerprint the check saw (watch mode's baseline), in both modes and for a missing file", async () => {
    assert.equal((await checkDrift(inputs({ replayCache: new DriftReplayCache() }))).fingerprint, MISSING_DATABASE);
    await migrate();
    const now = async () => {
      const db = await (
        await createAdapterFactory({ provider: 'sqlite', url: `file:${path.join(dir, 'dev.db')}`, configDir: dir })
      ).connect();
      try {
        return await databaseFingerprint(db, 'sqlite');
      } finally {
        await db.dispose();
      }
    };
    const before = await now();
    assert.equal((await checkDrift(inputs({ replayCache: new DriftReplayCache() }))).fingerprint, before);
    assert.equal((await checkDrift(inputs())).fingerprint, undefined, 'without a cache nothing is read for it');
    await exec('CREATE TABLE audit (id INTEGER PRIMARY KEY);');
    const dbMode = await checkDrift(
      inputs({ migrationsDir: path.join(dir, 'none'), replayCache: new DriftReplayCache() }),
    );
    assert.equal(dbMode.fingerprint, await now());
    assert.notEqual(dbMode.fingerprint, before);
  });
});

describe('drift: errors in plain words', () => {
  const spot = {
    file: '/s.prisma',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    onDatasource: true,
  };
  it('classifies unreachable, credentials, shadow database and invalid schemas, each with a next step', () => {
    const cases: [string, string][] = [
      ["open failed: Can't reach database server at `127.0.0.1:1`", 'unreachable'],
      ['open failed: User was denied access on the database `(not available)`', 'credentials'],
      ['diff failed: permission denied to create database (shadow database)', 'shadowDatabase'],
      [
        'open failed: P1012 error: Type "NoSuchTypeAnywhere" is neither a built-in type, nor refers to another model',
        'invalidSchema',
      ],
      ['diff failed: something else', 'other'],
    ];
    for (const [message, kind] of cases) {
      const e = classifyError(new Error(message), 'postgresql', spot);
      assert.equal(e.kind, kind, message);
      assert.ok(e.nextStep.length > 10);
    }
    assert.doesNotMatch(
      classifyError(new Error('connect failed postgresql://u:secret@h/db'), 'postgresql', spot).message,
      /secret/,
    );
  });
});
