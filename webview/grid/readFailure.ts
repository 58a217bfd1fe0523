// What the grid says when reading rows or the count failed: a dropped or hung database in plain words
// (the grid then offers Retry), anything else as the host said it. Pending edits are never dropped.
export const lostConnection =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|time ?out|timed out|terminated|connection|socket|can't reach|P1001|P1002|P1008|P1017|P2024|max_statement_time/i;

export function readFailureText(message: string): string {
  const detail = message.trim().replace(/\.$/, '');
  return lostConnection.test(message)
    ? `Connection lost: the database did not answer (${detail}). Your pending edits are kept.`
    : `Could not read rows: ${detail}. Your pending edits are kept.`;
}
