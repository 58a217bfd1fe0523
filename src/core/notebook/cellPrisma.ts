// The `prisma` a Prisma Client cell's code sees: the cell's transaction client, whose `$transaction` runs in
// the cell's own transaction, which refuses to start anything once the run was stopped, and which, in a
// read-only cell, refuses a write before it is sent: a model's write methods, `$executeRaw…`, and a
// `$queryRaw…` whose SQL writes (core/notebook/sqlWrites.ts). What still gets through is caught by
// runClientCell from the statements the client reports (and PostgreSQL's READ ONLY transaction refuses it).
import { QueryRunError, type SqlProvider } from './runSupport';
import { writingStatement } from './sqlWrites';

/** The model delegate methods that write (Prisma 7); the others (find…, count, aggregate, groupBy) read. */
const WRITE_METHODS = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);
const QUERY_RAW = new Set(['$queryRaw', '$queryRawUnsafe', '$queryRawTyped']);
const EXECUTE_RAW = new Set(['$executeRaw', '$executeRawUnsafe']);

/** A read-only cell's code writing, said as the SQL cells say it; `what` names the write. */
export const codeWritesRefusal = (what?: string): QueryRunError =>
  new QueryRunError(
    `This cell is read-only and its code writes${what ? ` (${what})` : ''}. Nothing was changed. Mark the cell as writing (the pencil in the cell toolbar) to commit its changes.`,
    'readOnly',
  );

export interface CellPrismaOptions {
  provider: SqlProvider;
  /** The generated client's Prisma namespace: `Prisma.sql` flattens a `$queryRaw` template as Prisma will. */
  Prisma: unknown;
  /** False in a read-only cell: writes are refused. */
  writes: boolean;
  /** Why the cell must not go on (stopped, or a write refused), if it must not. */
  haltedBy(): QueryRunError | undefined;
  /** A write was refused: the cell ends with this error even if its code catches it. */
  refused(e: QueryRunError): void;
}

/** The SQL text of a raw query's first argument: a string, a `Prisma.sql` / TypedSQL object, or a template. */
function rawSql(args: unknown[], Prisma: unknown): string | undefined {
  const [first, ...values] = args;
  if (typeof first === 'string') return first;
  if (Array.isArray(first)) {
    const sql = (Prisma as { sql?: (s: readonly string[], ...v: unknown[]) => { sql?: unknown } } | undefined)?.sql;
    try {
      const text = sql?.(first as string[], ...values).sql;
      if (typeof text === 'string') return text;
    } catch {
      // not a template Prisma takes: Prisma says so when the code sends it
    }
    return first.join(' ? ');
  }
  const text = (first as { sql?: unknown } | null | undefined)?.sql;
  return typeof text === 'string' ? text : undefined;
}

export function cellPrisma(tx: object, options: CellPrismaOptions): unknown {
  const refuse = (what: string): never => {
    const e = codeWritesRefusal(what);
    options.refused(e);
    throw e;
  };
  const check = () => {
    const why = options.haltedBy();
    if (why) throw why;
  };
  const delegates = new Map<PropertyKey, unknown>();
  const delegate = (model: string, target: object): unknown =>
    new Proxy(target, {
      get(d, method, receiver) {
        check();
        const value = Reflect.get(d, method, receiver) as unknown;
        if (typeof method !== 'string' || typeof value !== 'function' || !WRITE_METHODS.has(method)) return value;
        return () => refuse(`prisma.${model}.${method}`);
      },
    });
  const proxy: unknown = new Proxy(tx, {
    get(target, key, receiver) {
      check();
      if (key === '$transaction')
        return async (arg: unknown) => {
          if (typeof arg === 'function') return (arg as (p: unknown) => unknown)(proxy);
          if (Array.isArray(arg)) {
            const out: unknown[] = [];
            for (const q of arg) out.push(await (q as Promise<unknown>));
            return out;
          }
          throw new TypeError('$transaction takes a function or an array of queries');
        };
      const value = Reflect.get(target, key, receiver) as unknown;
      if (options.writes || typeof key !== 'string') return value;
      if (EXECUTE_RAW.has(key)) return () => refuse(`prisma.${key}`);
      if (QUERY_RAW.has(key) && typeof value === 'function')
        return (...args: unknown[]) => {
          const sql = rawSql(args, options.Prisma);
          const verb = sql === undefined ? undefined : writingStatement(sql, options.provider);
          if (verb) refuse(`prisma.${key} runs ${verb}`);
          return Reflect.apply(value, receiver, args) as unknown;
        };
      const isModel = value !== null && (typeof value === 'object' || typeof value === 'function');
      if (!isModel || key.startsWith('$') || key.startsWith('_')) return value;
      if (!delegates.has(key)) delegates.set(key, delegate(key, value));
      return delegates.get(key);
    },
  });
  return proxy;
}
