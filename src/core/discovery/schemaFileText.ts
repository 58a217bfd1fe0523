// The text of a `.prisma` file found in the workspace, or why it is left out. A file with that name can be
// anything (a build artefact, a binary, a generated dump): a binary one would be decoded into thousands of
// U+FFFD and parse errors, joined to the schema beside it, and break that schema's Models view and
// validation. Prisma reads schemas as UTF-8 text, so such a file is skipped with a line in the log.
import { decodeUtf8Strict, NotUtf8Error } from '../util/strictUtf8';

/** 20 MB: ten times a 10,000-model schema. */
export const MAX_SCHEMA_FILE_BYTES = 20 * 1024 * 1024;

export function schemaFileText(
  bytes: Uint8Array,
  file: string,
): { text: string; skipped?: undefined } | { text?: undefined; skipped: string } {
  if (bytes.length > MAX_SCHEMA_FILE_BYTES)
    return {
      skipped: `${file} is ${Math.round(bytes.length / 1024 / 1024)} MB: not read as a Prisma schema (the limit is 20 MB)`,
    };
  if (bytes.includes(0))
    return { skipped: `${file} is a binary file (it holds NUL bytes): not read as a Prisma schema` };
  try {
    return { text: decodeUtf8Strict(bytes, file, 'Prisma reads schemas as UTF-8: not read as a Prisma schema') };
  } catch (e) {
    if (e instanceof NotUtf8Error) return { skipped: e.message };
    throw e;
  }
}
