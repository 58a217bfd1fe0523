// Migration files are read as UTF-8 or refused. A lossy decode turns Latin-1 bytes into U+FFFD: the
// embedded engine would run (and record a checksum of) SQL the file does not hold, and the Prisma CLI
// refuses such a file anyway. So a file that is not valid UTF-8 is refused in words, never "repaired".
import { readFileSync } from 'node:fs';

export class NotUtf8Error extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    advice = MIGRATION_ADVICE,
  ) {
    super(`${file} is not valid UTF-8 (first bad byte on line ${line}); ${advice}`);
  }
}

const MIGRATION_ADVICE = 'Prisma reads migrations as UTF-8: re-save the file as UTF-8 (nothing was run from it)';

const fatal = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text; throws NotUtf8Error (naming `file` and the line) when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array, file: string, advice?: string): string {
  try {
    return fatal.decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\ufffd');
    throw new NotUtf8Error(file, at < 0 ? 1 : lossy.slice(0, at).split('\n').length, advice);
  }
}

export function readUtf8Strict(file: string): string {
  return decodeUtf8Strict(readFileSync(file), file);
}
