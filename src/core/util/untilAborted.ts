// Waiting on work that cannot be stopped from here (a query already sent: Prisma Client has no per-query
// cancel) only until the user cancels: the caller gets an AbortError at once and moves on; the work runs
// out on its own (the query's time limit bounds it) and its result is dropped.

/** `p`, or an AbortError as soon as `signal` aborts (at once when it already has). */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) {
    p.catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      p.catch(() => undefined); // its late failure is nobody's business now
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortReason(signal: AbortSignal): unknown {
  const r: unknown = signal.reason;
  return r instanceof Error && r.name === 'AbortError'
    ? r
    : new DOMException('This operation was aborted', 'AbortError');
}
