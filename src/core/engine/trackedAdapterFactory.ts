// A migration-aware adapter factory that remembers every adapter it opened. engine.free() does NOT
// dispose them: SQLite keeps its exclusive lock and the next engine on the same file gets
// SQLITE_BUSY; on PostgreSQL the pool keeps the Node process alive. disposeAll() closes them.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { withMultiStatementFallback } from './multiStatement';

export class TrackedAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider: SqlMigrationAwareDriverAdapterFactory['provider'];
  readonly adapterName: string;
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly inner: SqlMigrationAwareDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  /** Adapters opened and not yet disposed. */
  get openCount(): number {
    return this.open.size;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connectToShadowDb());
  }

  /** Disposes every adapter still open; failures are collected, not thrown one by one. */
  async disposeAll(): Promise<void> {
    const adapters = [...this.open];
    const results = await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) {
      throw new AggregateError(
        failed.map((f) => f.reason),
        `Could not close ${failed.length} database connection(s)`,
      );
    }
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return; // already disposed: dispose twice is a no-op
      await dispose();
    };
    this.open.add(adapter);
    return withMultiStatementFallback(adapter);
  }
}
