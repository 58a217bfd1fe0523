// Writes an export (CSV or JSON text, produced in pieces) to a file: into a temporary file beside it, renamed
// onto the path once every piece is written. A failure or a cancel part-way removes the temporary file, so
// the path holds either the whole export or what it held before (an earlier export is not clobbered).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Writes every piece of `pieces` to `file`; false (and no file written) when `signal` stopped it. */
export async function writeExportFile(
  file: string,
  pieces: AsyncIterable<string>,
  signal?: AbortSignal,
): Promise<boolean> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID().slice(0, 8)}.partial`);
  const out = fs.createWriteStream(temp, 'utf8');
  // an open or write failure is raised here once, never as an unhandled 'error' event
  let failed: Error | undefined;
  out.on('error', (e) => (failed ??= e));
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (failed) return reject(failed);
      out.write(s, (e) => (e || failed ? reject(e ?? failed) : resolve()));
    });
  let written = false;
  try {
    for await (const piece of pieces) await write(piece);
    await new Promise<void>((resolve, reject) => {
      if (failed || out.destroyed) return reject(failed ?? new Error(`could not write ${file}`));
      out.end(() => (failed ? reject(failed) : resolve()));
    });
    if (signal?.aborted) return false;
    fs.renameSync(temp, file);
    written = true;
    return true;
  } finally {
    if (!written) {
      if (!out.closed) await new Promise<void>((resolve) => out.destroy().once('close', () => resolve()));
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // nothing to remove, or it cannot be: the path itself was never touched
      }
    }
  }
}
