// A database or engine error in one line, in Prisma's words: apart from liveStatus.ts (which reads the history
// through the drivers) so that the features that only word errors need not load the drivers' glue.
import { maskSecrets } from '../util/maskSecrets';

/** The mariadb driver's errors (MySQL and MariaDB), in the words Prisma uses for them. */
const mysqlCodes: Record<string, (e: Record<string, unknown>) => string> = {
  ECONNREFUSED: (e) =>
    `the database server is not reachable (is it running?): ${String(e.text ?? e.message ?? '').replace(/^\(conn[^)]*\)\s*/, '')} [P1001]`,
  ER_ACCESS_DENIED_ERROR: () => 'authentication failed (wrong user or password) [P1000]',
  ER_DBACCESS_DENIED_ERROR: () => 'access denied to the database [P1010]',
  ER_BAD_DB_ERROR: (e) => `the database does not exist: ${String(e.text ?? '')} [P1003]`,
};

/** One line, no stack, no password. */
export function explain(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; cause?: Record<string, unknown> } | undefined;
  let text = typeof e?.message === 'string' && e.message ? e.message : String(error);
  const cause = e?.cause;
  if (cause && typeof cause.kind === 'string') {
    const where = cause.host ? ` at ${String(cause.host)}${cause.port ? `:${String(cause.port)}` : ''}` : '';
    const kinds: Record<string, string> = {
      DatabaseNotReachable: `the database server${where} is not reachable (is it running?) [P1001]`,
      DatabaseDoesNotExist: `the database ${String(cause.db ?? '')} does not exist [P1003]`,
      AuthenticationFailed: `authentication failed for user ${String(cause.user ?? '')} [P1000]`,
      DatabaseAccessDenied: `access denied${cause.db ? ` to database ${String(cause.db)}` : ''} [P1010]`,
      TlsConnectionError: `TLS connection error: ${String(cause.reason ?? '')}`,
    };
    text = kinds[cause.kind] ?? (typeof cause.originalMessage === 'string' ? cause.originalMessage : `${cause.kind}`);
  } else if (cause && typeof cause.originalMessage === 'string') text = cause.originalMessage;
  else if (typeof e?.code === 'string' && mysqlCodes[e.code]) text = mysqlCodes[e.code](e as Record<string, unknown>);
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && !text.includes(e.code)) text = `${e.code}: ${text}`;
  return maskSecrets(text.split('\n')[0].trim());
}
