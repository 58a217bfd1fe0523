// The engine's PostgreSQL describer selects pg_catalog columns of type "char" (OID 18, e.g.
// pg_constraint.contype) without a ::text cast, and @prisma/adapter-pg 7.10.1 rejects OID 18
// ("Column type 'char' could not be deserialized"). We relabel those result fields as text (25):
// pg already returns the value as a one-character string. Only pools we create are patched.
import pg from 'pg';

const CHAR_OID = 18;
const TEXT_OID = 25;
const PATCHED = Symbol('prismaWorkbench.charColumnFix');

type QueryFn = (...args: unknown[]) => unknown;
interface FieldLike {
  dataTypeID: number;
}

/** A pg.Pool whose connections relabel "char" result columns as text. */
export function createCharSafePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('connect', (client) => patchClient(client));
  return pool;
}

function patchClient(client: pg.PoolClient): void {
  const target = client as unknown as { query: QueryFn; [PATCHED]?: true };
  if (target[PATCHED]) return;
  target[PATCHED] = true;
  const query = target.query.bind(client) as QueryFn;
  target.query = (...args: unknown[]): unknown => {
    const callbackAt = args.findIndex((a) => typeof a === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (error: unknown, result: unknown) => void;
      args[callbackAt] = (error: unknown, result: unknown) => callback(error, error ? result : relabel(result));
      return query(...args);
    }
    const result = query(...args);
    return isPromise(result) ? result.then(relabel) : result;
  };
}

function relabel(result: unknown): unknown {
  for (const r of Array.isArray(result) ? result : [result]) {
    const fields = (r as { fields?: FieldLike[] } | null)?.fields;
    for (const field of fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
