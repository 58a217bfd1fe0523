// A SQLite drift check replays the migrations into an in-memory shadow database (cheap: ≈ 16 ms for 50
// migrations) and then the engine describes it, with one small query per table and pragma (≈ 900 for 100
// models: most of the replay's cost). What a read answers is a function of the writes before it, so the
// answers are kept under a hash of the writes sent so far: the next replay of the same migrations (a check
// after the database changed by hand) gets its description from memory. A different write sequence (a
// new or edited migration) gives other keys, so nothing stale is read. A transaction, a write that fails
// or a write with arguments turns the memo off for that connection.
import { createHash } from 'node:crypto';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
} from '@prisma/driver-adapter-utils';

const MAX_ENTRIES = 10_000; // ≈ 10 replays of a 100-model schema
/** Read key (writes so far, then the query) -> its answer; oldest first (a Map keeps insertion order). */
const memo = new Map<string, SqlResultSet>();
const stats = { hits: 0, misses: 0 };

/** Forgets every kept answer (the bench's first check of a session). */
export function clearShadowReadMemo(): void {
  memo.clear();
}

/** Hits and misses since the process started (tests, benches). */
export function shadowReadMemoStats(): { hits: number; misses: number } {
  return { ...stats };
}

const next = (state: string, kind: string, text: string): string =>
  createHash('sha256').update(state).update('\0').update(kind).update('\0').update(text).digest('hex');
const argsText = (args: readonly unknown[]): string =>
  JSON.stringify(args, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** `factory` with its shadow connections' reads answered from earlier replays that sent the same writes. */
export function withShadowReadMemo(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => memoReads(await factory.connectToShadowDb()),
  };
}

/** Patches `adapter` (a fresh, empty shadow database) in place. */
export function memoReads(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeScript = adapter.executeScript.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  let state: string | undefined = 'empty';
  const write = async <T>(kind: string, text: string, run: () => Promise<T>): Promise<T> => {
    const before = state;
    state = undefined; // until it succeeds: a failed write leaves a state we cannot name
    const result = await run();
    state = before === undefined || kind === 'args' ? undefined : next(before, kind, text);
    return result;
  };
  adapter.executeScript = (script: string) => write('script', script, () => executeScript(script));
  adapter.executeRaw = (query: SqlQuery) =>
    write(query.args.length ? 'args' : 'raw', query.sql, () => executeRaw(query));
  adapter.startTransaction = (isolationLevel) => {
    state = undefined;
    return startTransaction(isolationLevel);
  };
  adapter.queryRaw = async (query: SqlQuery) => {
    if (state === undefined) return queryRaw(query);
    const key = `${state}\0${query.sql}\0${argsText(query.args)}`;
    const known = memo.get(key);
    if (known) {
      stats.hits++;
      memo.delete(key); // the newest again
      memo.set(key, known);
      return structuredClone(known);
    }
    stats.misses++;
    const result = await queryRaw(query);
    memo.set(key, structuredClone(result));
    while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
    return result;
  };
  return adapter;
}
