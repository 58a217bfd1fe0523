// What an e2e scenario does to a workspace's SQLite database behind the extension's back, the way a user
// with another tool would: `migrate <projectDir>` builds dev.db from the migrations (the embedded engine,
// as `migrate deploy` would), `exec <dbFile> <sql>` runs a script on it.
// Run with tsx: npx tsx test/e2e/tools/sqliteDb.ts migrate /path/to/prisma
import path from 'node:path';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../../../src/core/engine';

async function main(): Promise<void> {
  const [command, target, sql] = process.argv.slice(2);
  if (command === 'migrate' && target) {
    const engine = await EmbeddedSchemaEngine.open({
      adapterFactory: await createAdapterFactory({ provider: 'sqlite', url: 'file:./dev.db', configDir: target }),
    });
    try {
      const applied = await applyMigrations(engine, { migrationsDir: path.join(target, 'migrations') });
      console.log(`applied ${applied.length} migration(s) to ${path.join(target, 'dev.db')}`);
    } finally {
      await engine.dispose();
    }
    return;
  }
  if (command === 'exec' && target && sql) {
    const factory = await createAdapterFactory({
      provider: 'sqlite',
      url: `file:${target}`,
      configDir: path.dirname(target),
    });
    const db = await factory.connect();
    try {
      await db.executeScript(sql);
    } finally {
      await db.dispose();
    }
    return;
  }
  throw new Error('usage: sqliteDb.ts migrate <projectDir> | exec <dbFile> <sql>');
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
