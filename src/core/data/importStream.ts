// Reading a file to import as a stream of records, so a CSV of any size goes through in bounded memory:
// the file is read in 1 MB chunks, checked as UTF-8 as it goes (a file that is not UTF-8 is refused, naming
// the line, never decoded lossily) and parsed by csv-parse's stream parser, one record at a time. An import
// reads its file twice this way: once to check every value and show the preview, once to write it in
// batches (the values are checked again on the way: a file changed in between is refused, nothing written).
// JSON is read whole (up to MAX_JSON_IMPORT_BYTES, see importFile.ts): its exact numbers need JSON.parse.
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform, pipeline } from 'node:stream';
import type * as CsvParseModule from 'csv-parse';
import type { ModelMeta } from '../../shared/protocol/model';
import type { PrismaNulls } from './codec';
import { readImportFile } from './importFile';
import {
  describeIssue,
  ImportChecker,
  ImportParseError,
  parseJsonText,
  type ImportFormat,
  type ImportRecord,
  type ImportSummary,
} from './importPlan';

/** An open file's records: the header's column names, then its rows in order. */
export interface ImportRecords {
  headers: string[];
  records: AsyncIterable<ImportRecord>;
  /** Bytes of the file read so far (for progress). */
  bytesRead(): number;
  /** Stops reading (the stream and its file handle are closed). */
  close(): void;
}

/** Size and modification time, to tell that the file written is the file previewed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export async function stampOf(file: string): Promise<FileStamp> {
  const { size, mtimeMs } = await fs.stat(file);
  return { size, mtimeMs };
}

const CHUNK = 1024 * 1024;

/** The longest row a CSV may hold: 16 MB, far beyond a real row, far below the host's memory. */
export const MAX_ROW_BYTES = 16 * 1024 * 1024;

/** Decodes UTF-8 strictly across chunks, counting lines, and fails naming the line of the first bad byte. */
function strictUtf8(file: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 1;
  const fail = (chunk: Buffer | undefined) => {
    const lossy = chunk ? new TextDecoder('utf-8').decode(chunk) : '';
    const at = lossy.indexOf('\ufffd');
    const line = lines + (at < 0 ? 0 : lossy.slice(0, at).split('\n').length - 1);
    return new ImportParseError(
      `${path.basename(file)} is not valid UTF-8 (first bad byte on line ${line}); save it as UTF-8 and import it again.`,
    );
  };
  return new Transform({
    decodeStrings: true,
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        done(fail(chunk));
        return;
      }
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
      done(null, text);
    },
    flush(done) {
      try {
        const rest = decoder.decode();
        done(null, rest || undefined);
      } catch {
        done(fail(undefined));
      }
    },
  });
}

async function openCsv(file: string): Promise<ImportRecords> {
  // loaded on the first import, not when the extension starts (esbuild.mjs: lazyPackages)
  const { parse } = require('csv-parse') as typeof CsvParseModule;
  const source = createReadStream(file, { highWaterMark: CHUNK });
  const parser = parse({
    bom: true,
    // one row held at most this big: a file with no line break (or an unclosed quote) is refused, not buffered whole
    max_record_size: MAX_ROW_BYTES,
    info: true,
    skip_empty_lines: true,
    // an empty field without quotes is NULL; `""` is the empty string (as the export writes them)
    cast: (value: string, context: { quoting: boolean }) => (value === '' && !context.quoting ? null : value),
  });
  pipeline(source, strictUtf8(file), parser, () => undefined); // errors surface in the iteration below
  const it = (parser as AsyncIterable<{ info: { lines: number }; record: (string | null)[] }>)[Symbol.asyncIterator]();
  const readError = (e: unknown) =>
    e instanceof ImportParseError
      ? e
      : (e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE'
        ? new ImportParseError(
            `${path.basename(file)} has a row longer than ${MAX_ROW_BYTES / (1024 * 1024)} MB (line ${(e as { lines?: number }).lines ?? '?'}): ` +
              'a line break is missing or a quote is not closed.',
          )
        : new ImportParseError(`The CSV file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  const close = () => {
    source.destroy();
    parser.destroy();
  };
  let first: IteratorResult<{ info: { lines: number }; record: (string | null)[] }>;
  try {
    first = await it.next();
  } catch (e) {
    close();
    throw readError(e);
  }
  if (first.done) {
    close();
    throw new ImportParseError('The CSV file is empty: it needs a header line with the field names.');
  }
  const headers = first.value.record.map((h) => (h ?? '').trim());
  async function* records(): AsyncGenerator<ImportRecord> {
    try {
      for (;;) {
        let next: IteratorResult<{ info: { lines: number }; record: (string | null)[] }>;
        try {
          next = await it.next();
        } catch (e) {
          throw readError(e);
        }
        if (next.done) return;
        const { info, record } = next.value;
        const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        headers.forEach((h, i) => (values[h] = record[i] ?? null));
        yield { line: info.lines, values };
      }
    } finally {
      close();
    }
  }
  return { headers, records: records(), bytesRead: () => source.bytesRead, close };
}

async function openJson(file: string): Promise<ImportRecords> {
  const text = await readImportFile(file);
  const parsed = parseJsonText(text);
  const size = Buffer.byteLength(text);
  async function* records(): AsyncGenerator<ImportRecord> {
    yield* parsed.records;
  }
  return { headers: parsed.headers, records: records(), bytesRead: () => size, close: () => undefined };
}

/** Opens `file` for import: CSV streamed, JSON read whole (with its size limit). Throws ImportParseError in words. */
export function openImportRecords(file: string, format: ImportFormat): Promise<ImportRecords> {
  return format === 'csv' ? openCsv(file) : openJson(file);
}

/**
 * A batch ends at this much text (or at 500 rows): Prisma Client keeps the arguments of its last 100 queries
 * (its debug history, even with debugging off), so 100 batches of wide rows would otherwise stay in memory
 * (measured: 120 MB after a 100 MB import into PostgreSQL with 500-row batches of 4 KB rows).
 */
export const BATCH_CHARS = 256 * 1024;

export interface CheckOptions {
  signal?: AbortSignal;
  /** Bytes read of the file's size, every few thousand rows. */
  onProgress?: (bytesRead: number, size: number) => void;
}

/**
 * Reads the whole file once and checks every row (ImportChecker), holding one record at a time: the preview's
 * counts, first rows and problems, and the file's stamp (the write refuses a file changed since).
 */
export async function checkImportFile(
  model: ModelMeta,
  file: string,
  format: ImportFormat,
  nulls: PrismaNulls | undefined,
  options: CheckOptions = {},
): Promise<{ summary: ImportSummary; stamp: FileStamp }> {
  const stamp = await stampOf(file);
  const opened = await openImportRecords(file, format);
  const checker = new ImportChecker(model, opened.headers, format, nulls);
  try {
    for await (const record of opened.records) {
      options.signal?.throwIfAborted();
      checker.row(record);
      if (checker.rowCount % 1000 === 0) {
        if (checker.rowCount % 5000 === 0) options.onProgress?.(opened.bytesRead(), stamp.size);
        // a turn of the event loop: rows of a buffered chunk follow each other in microtasks (see insertBatches)
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    opened.close();
  }
  return { summary: checker.summary(), stamp };
}

/**
 * The file's rows as the client writes them, `size` at a time, checked again on the way: a file that changed
 * since `checked` (another size or time, a row that no longer fits, another row count) throws
 * ImportParseError, and the import's transaction rolls back.
 */
export async function* importBatches(
  model: ModelMeta,
  file: string,
  checked: { summary: ImportSummary; stamp: FileStamp },
  nulls: PrismaNulls | undefined,
  size = 500,
  maxChars = BATCH_CHARS,
): AsyncGenerator<Record<string, unknown>[]> {
  const changed = (why: string) =>
    new ImportParseError(`${path.basename(file)} changed since its preview (${why}): preview it again.`);
  const sameStamp = async () => {
    const now = await stampOf(file);
    return now.size === checked.stamp.size && now.mtimeMs === checked.stamp.mtimeMs;
  };
  if (!(await sameStamp())) throw changed('its size or time is not the same');
  const opened = await openImportRecords(file, checked.summary.format);
  const checker = new ImportChecker(model, opened.headers, checked.summary.format, nulls, 0);
  let batch: Record<string, unknown>[] = [];
  let chars = 0;
  try {
    for await (const record of opened.records) {
      const r = checker.row(record);
      if (!r) throw changed(describeIssue(checker.errors[0] ?? { message: 'a value no longer fits' }));
      batch.push(r.data);
      for (const v of Object.values(record.values)) chars += typeof v === 'string' ? v.length : 8;
      if (batch.length >= size || chars >= maxChars) {
        yield batch;
        batch = [];
        chars = 0;
      }
    }
  } finally {
    opened.close();
  }
  if (batch.length) yield batch;
  if (checker.rowCount !== checked.summary.rowCount)
    throw changed(`${checker.rowCount} rows instead of ${checked.summary.rowCount}`);
  if (!(await sameStamp())) throw changed('it was written to during the import');
}
