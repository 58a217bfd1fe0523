// Reading a JSON file to import. A CSV is streamed (importStream.ts) and has no size limit; a JSON file is
// read whole, because its numbers are kept exactly as written (BigInt and Decimal digits beyond 2^53) through
// JSON.parse's source text, which needs the whole text. So above MAX_JSON_IMPORT_BYTES it is refused from its
// size alone, before a byte is read, instead of running the extension host out of memory. A file that is not
// UTF-8 is refused too: a lossy decode would write U+FFFD into the database for every é.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NotUtf8Error, decodeUtf8Strict } from '../util/strictUtf8';
import { ImportParseError } from './importPlan';

/** 100 MB: about a million rows of a typical table, and well within the extension host's memory. */
export const MAX_JSON_IMPORT_BYTES = 100 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** The file's text; throws ImportParseError (in words, with what to do) when it is too big or not UTF-8. */
export async function readImportFile(file: string, maxBytes = MAX_JSON_IMPORT_BYTES): Promise<string> {
  const { size } = await fs.stat(file);
  if (size > maxBytes)
    throw new ImportParseError(
      `${path.basename(file)} is ${mb(size)}: the grid imports JSON files up to ${mb(maxBytes)}, because it reads ` +
        'a JSON file whole to keep its numbers exact. Export or save it as CSV (read as a stream, any size), ' +
        "split it, or load it with the database's bulk loader (PostgreSQL COPY, MySQL LOAD DATA, sqlite3 .import).",
    );
  try {
    return decodeUtf8Strict(await fs.readFile(file), path.basename(file), 'save it as UTF-8 and import it again.');
  } catch (e) {
    throw e instanceof NotUtf8Error ? new ImportParseError(e.message) : e;
  }
}
