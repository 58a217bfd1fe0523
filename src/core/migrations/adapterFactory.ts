// Driver adapter factories for the embedded engine and the history reader. Same as
// engine/createAdapterFactory, but the PostgreSQL factory is loaded with require(): a dynamic import()
// of a relative .ts file fails under mocha's tsx/cjs hook (esbuild bundles either form the same way).
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createAdapterFactory, type DatabaseTarget } from '../engine/adapterFactories';

export async function adapterFactoryFor(target: DatabaseTarget): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (target.provider !== 'postgresql') return createAdapterFactory(target);
  const { SafePostgresAdapterFactory } =
    require('../engine/postgresAdapterFactory') as typeof import('../engine/postgresAdapterFactory');
  return new SafePostgresAdapterFactory(target.url, {
    shadowDatabaseUrl: target.shadowDatabaseUrl,
    reuseShadowDatabase: target.reuseShadowDatabase,
    timeoutMs: target.timeoutMs,
  });
}
