// What every SQL runner shares: the options, the errors the user reads, and the stop watch (time limit and cancel).

export type SqlProvider = 'sqlite' | 'postgresql' | 'mysql';

export interface RunOptions {
  /** The cell is marked as writing: a normal transaction, committed. */
  writes: boolean;
  timeoutMs: number;
  /** Aborting cancels the query on the server. */
  signal?: AbortSignal;
  maxRows?: number;
  /** Rows skipped before the `maxRows` kept (a later page of a result: the statement is run again). */
  skipRows?: number;
  /** Values bound to the statement's placeholders (`$1` / `?`), by the driver: never put into the text. */
  params?: readonly unknown[];
}

export type StopReason = 'cancelled' | 'timeout';

/** A run that did not give rows, with what the user should read (and that nothing was changed, when so). */
export class QueryRunError extends Error {
  constructor(
    message: string,
    readonly reason: 'readOnly' | StopReason | 'failed',
  ) {
    super(message);
    this.name = 'QueryRunError';
  }
}

export interface ResolvedRunOptions extends Required<Omit<RunOptions, 'signal' | 'skipRows' | 'params'>> {
  signal?: AbortSignal;
  skipRows?: number;
  params?: readonly unknown[];
  /** SQLite: prepare the statement only (core/typedSql/prepareCheck.ts). */
  prepareOnly?: boolean;
}

/** A bound value as the Node drivers take it: bytes as a Buffer. */
export const driverValue = (v: unknown): unknown =>
  v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;

export const readOnlyRefusal = (detail: string): QueryRunError =>
  new QueryRunError(
    `This cell is read-only and the statement writes (${detail}). Nothing was changed. Mark the cell as writing (the pencil in the cell toolbar) to run it in a normal transaction.`,
    'readOnly',
  );

export const stopped = (reason: StopReason, timeoutMs: number): QueryRunError =>
  new QueryRunError(
    reason === 'timeout'
      ? `The query ran longer than ${Math.round(timeoutMs / 1000)} s (prismaWorkbench.data.queryTimeoutSeconds) and was stopped on the server. Nothing was changed.`
      : 'The query was cancelled and stopped on the server. Nothing was changed.',
    reason,
  );

/**
 * Arms the time limit and the abort signal; `stop` is called once with the first reason. Returns the reason
 * (once one fired) and a disposer.
 */
export function watchStop(
  options: ResolvedRunOptions,
  stop: (reason: StopReason) => void,
): { reason: () => StopReason | undefined; dispose: () => void } {
  let reason: StopReason | undefined;
  const fire = (r: StopReason) => {
    if (reason) return;
    reason = r;
    stop(r);
  };
  const timer = setTimeout(() => fire('timeout'), options.timeoutMs);
  const onAbort = () => fire('cancelled');
  if (options.signal?.aborted) queueMicrotask(onAbort);
  options.signal?.addEventListener('abort', onAbort);
  return {
    reason: () => reason,
    dispose: () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}
