// A read sent on a connection the server (or the network) closed while it sat in the pool fails at once
// with the driver's socket error, although the server may answer again: the pool hands out the dead
// connection first. A read is safe to send twice, so it is sent once more on a fresh connection; a write
// never is (it may have reached the server). A server still down fails the second try too, in words.

const dropped = [
  /\bEPIPE\b/,
  /\bECONNRESET\b/,
  /socket has unexpectedly been closed/i,
  /Connection terminated unexpectedly/i,
  /connection (?:is )?closed/i,
  /Client has encountered a connection error and is not queryable/i,
];

/** True for the error of a statement sent on a connection that was already closed. */
export function isDroppedConnection(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  return dropped.some((p) => p.test(text));
}

/** Runs a read; when it failed on a dropped connection, runs it once more. */
export async function readWithRedial<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isDroppedConnection(error)) throw error;
    return read();
  }
}
