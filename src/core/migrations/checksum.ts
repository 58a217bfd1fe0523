// Migration checksums as Prisma computes and compares them. A new migration's checksum is the sha256 of
// migration.sql as written; a script matches an applied checksum when the script as written, with CRLF
// turned to LF, or with LF turned to CRLF has it (git's autocrlf rewrites line endings on Windows, and
// Prisma's schema engine accepts all three: prisma-engines `script_matches_checksum`).
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The checksums Prisma accepts for `script`: as written, CRLF as LF, LF as CRLF. */
export function acceptedChecksums(script: string): string[] {
  return [...new Set([script, script.replace(/\r\n/g, '\n'), script.replace(/\n/g, '\r\n')].map(sha256Hex))];
}

export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  return acceptedChecksums(script).includes(checksum.toLowerCase());
}
