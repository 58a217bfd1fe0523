// SQLite in the extension host's own thread, with a turn of the event loop before each statement. For work made
// of many tiny statements (a drift check: the schema engine's ~900 catalog reads per description, the watch
// fingerprint), where a worker thread's round trip per statement doubles the time (and its start costs
// 0.1-0.3 s), while libsql's synchronous calls chained in microtasks would hold the host for the whole check.
// Statements that scan data (the grid, the lint's counts, migrations) stay on the worker (openSqlite.ts).
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from '@prisma/driver-adapter-utils';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Statements = Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>;

function yieldBefore<T extends Statements>(target: T): T {
  const queryRaw = target.queryRaw.bind(target);
  const executeRaw = target.executeRaw.bind(target);
  target.queryRaw = async (q) => {
    await turn();
    return queryRaw(q);
  };
  target.executeRaw = async (q) => {
    await turn();
    return executeRaw(q);
  };
  return target;
}

/** Patches `adapter` in place: its statements, its scripts and its transactions' statements yield first. */
export function yieldingAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  yieldBefore(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.executeScript = async (script) => {
    await turn();
    return executeScript(script);
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolation): Promise<Transaction> => yieldBefore(await startTransaction(isolation));
  return adapter;
}

/** `factory` whose connections (the shadow database's too) yield to the event loop before each statement. */
export function yieldingFactory(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => yieldingAdapter(await factory.connect()),
    connectToShadowDb: async () => yieldingAdapter(await factory.connectToShadowDb()),
  };
}
