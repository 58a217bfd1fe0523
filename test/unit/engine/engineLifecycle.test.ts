import assert from 'node:assert/strict';
import path from 'node:path';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import {
  EmbeddedSchemaEngine,
  SchemaEngineError,
  applyMigrations,
  loadSchemaEngineModule,
} from '../../../src/core/engine';
import { toSchemaEngineError } from '../../../src/core/engine/engineError';
import { SAMPLE_MIGRATIONS, openSqliteEngine, sampleSchema, tempDir } from './engineTestKit';

/** libsql factory that counts how many adapters were really disposed. */
function countingFactory(url: string): SqlMigrationAwareDriverAdapterFactory & { opened: number; closed: number } {
  const inner = new PrismaLibSql({ url });
  const count = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    factory.opened++;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      factory.closed++;
      return dispose();
    };
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory & { opened: number; closed: number } = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    opened: 0,
    closed: 0,
    connect: async () => count(await inner.connect()),
    connectToShadowDb: async () => count(await inner.connectToShadowDb()),
  };
  return factory;
}

describe('engine: lifecycle', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('loads the wasm once per process', async () => {
    const [a, b] = await Promise.all([loadSchemaEngineModule(), loadSchemaEngineModule()]);
    assert.equal(a, b);
    assert.match(a.engineVersion, /\w/);
  });

  it('closes every connection it opened on dispose, so a second engine can use the same file', async () => {
    const dbFile = path.join(dir, 'dev.db');
    const factory = countingFactory(`file:${dbFile}`);
    const first = await EmbeddedSchemaEngine.open({ schemaFiles: [sampleSchema()], adapterFactory: factory });
    await applyMigrations(first, { migrationsDir: SAMPLE_MIGRATIONS });
    assert.ok(first.openConnections > 0, 'the engine keeps its connection open until disposed');
    await first.dispose();
    await first.dispose(); // twice is harmless
    assert.equal(first.openConnections, 0);
    assert.equal(factory.closed, factory.opened);
    await assert.rejects(applyMigrations(first, { migrationsDir: SAMPLE_MIGRATIONS }), /after dispose/);

    const second = await openSqliteEngine(dbFile, [sampleSchema()]);
    try {
      await second.dbExecute({
        datasourceType: { tag: 'schema', files: [sampleSchema()], configDir: dir },
        script: "INSERT INTO tags (name) VALUES ('one'); INSERT INTO tags (name) VALUES ('two');",
      });
      assert.deepEqual(await applyMigrations(second, { migrationsDir: SAMPLE_MIGRATIONS }), []);
    } finally {
      await second.dispose();
    }
  });

  it('attaches the driver error to "External error" failures', () => {
    const driverError = new Error('SQLITE_BUSY: database is locked');
    const registry = { consumeError: (id: number) => (id === 7 ? { error: driverError } : undefined) };
    const error = toSchemaEngineError('applyMigrations', new Error('External error id#7'), registry);
    assert.ok(error instanceof SchemaEngineError);
    assert.equal(error.driverError, driverError);
    assert.equal(error.method, 'applyMigrations');
    assert.match(error.message, /applyMigrations failed: External error id#7\n {2}driver error: SQLITE_BUSY/);
  });

  it('reports SQL errors with the database message', async () => {
    const engine = await openSqliteEngine(path.join(dir, 'dev.db'), [sampleSchema()]);
    try {
      await assert.rejects(
        engine.dbExecute({
          datasourceType: { tag: 'schema', files: [sampleSchema()], configDir: dir },
          script: 'SELECT * FROM missing_table',
        }),
        (error: unknown) =>
          error instanceof SchemaEngineError && /dbExecute failed: .*no such table: missing_table/.test(error.message),
      );
    } finally {
      await engine.dispose();
    }
  });
});
