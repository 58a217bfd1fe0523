// Import of a CSV or JSON file into one model: parse, map the file's columns to the model's fields by
// name, and type-check every value with the grid's own codecs before anything is written. The plan says
// what would be written (row count, first rows) and every problem with its row and column, in words.
// CSV follows what exportFormat.ts writes: an empty unquoted field is NULL, `""` is the empty string;
// Json, lists, BigInt, Decimal, DateTime and Bytes travel as the grid's exact wire text.
import type * as CsvParse from 'csv-parse/sync';
import type { ColumnMeta, ModelMeta, WireRow, WireValue } from '../../shared/protocol/model';
import { CodecError, decodeValue, type PrismaNulls } from './codec';

export type ImportFormat = 'csv' | 'json';

export interface ImportIssue {
  /** 1-based data row (the header is not counted); absent for problems of the whole file. */
  row?: number;
  /** 1-based line of the file where the row ends (CSV). */
  line?: number;
  column?: string;
  message: string;
}

/** What checking a file found: enough for the preview, without holding the file's rows. */
export interface ImportSummary {
  model: string;
  format: ImportFormat;
  /** The file's columns that map to fields, as `file column -> field`. */
  mapping: { source: string; field: string }[];
  /** The file's columns that match no field (left out). */
  ignored: string[];
  /** How many rows the file holds. */
  rowCount: number;
  /** The first rows as wire values, mapped to field names (only the fields the file gives). */
  sample: WireRow[];
  errors: ImportIssue[];
  /** Errors beyond those kept in `errors` (they are counted, not listed). */
  moreErrors: number;
  /** Unique fields whose duplicates inside the file were looked for in the first rows only (see UNIQUE_TRACKED). */
  uniquesCheckedUpTo?: number;
}

/** A small file checked in memory: every row, as wire values and as what the client writes. */
export interface ImportPlan extends ImportSummary {
  /** Rows as wire values, mapped to field names (only the fields the file gives). */
  rows: WireRow[];
  /** What Prisma Client takes in `createMany({ data })`, one per row; empty when there are errors. */
  data: Record<string, unknown>[];
}

/** One record of the file: its values by file column, and the line it ends on (CSV). */
export interface ImportRecord {
  values: Record<string, unknown>;
  line?: number;
}

export class ImportParseError extends Error {}

const MAX_ERRORS = 500;

export function importFormatOf(fileName: string): ImportFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'json' ? 'json' : undefined;
}

/** A JSON number with its source text (exact BigInt / Decimal where the runtime gives the source). */
class RawNumber {
  constructor(
    readonly value: number,
    readonly source: string,
  ) {}
}

interface Parsed {
  headers: string[];
  records: ImportRecord[];
}

export function parseImportText(text: string, format: ImportFormat): Parsed {
  return format === 'csv' ? parseCsvText(text) : parseJsonText(text);
}

function parseCsvText(text: string): Parsed {
  // required on the first import, not when the extension loads (esbuild.mjs: lazyPackages)
  const parseCsv = (require('csv-parse/sync') as typeof CsvParse).parse;
  let records: { info: { lines: number }; record: (string | null)[] }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // an empty field without quotes is NULL; `""` is the empty string (as the export writes them)
      cast: (value: string, context: { quoting: boolean }) => (value === '' && !context.quoting ? null : value),
    }) as unknown as { info: { lines: number }; record: (string | null)[] }[];
  } catch (e) {
    throw new ImportParseError(`The CSV file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (records.length === 0)
    throw new ImportParseError('The CSV file is empty: it needs a header line with the field names.');
  const headers = records[0].record.map((h) => (h ?? '').trim());
  return {
    headers,
    records: records.slice(1).map(({ info, record }) => ({
      line: info.lines,
      values: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? null])),
    })),
  };
}

export function parseJsonText(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''), function (
      this: unknown,
      _key: string,
      value: unknown,
      context?: { source?: string },
    ) {
      return typeof value === 'number' && context?.source !== undefined ? new RawNumber(value, context.source) : value;
    } as (key: string, value: unknown) => unknown);
  } catch (e) {
    throw new ImportParseError(`The JSON file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(data))
    throw new ImportParseError('The JSON file must hold an array of objects, one per row (as the grid exports).');
  const headers: string[] = [];
  const seen = new Set<string>();
  const records = data.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item) || item instanceof RawNumber) {
      throw new ImportParseError(
        `The JSON file must hold an array of objects: item ${i + 1} is ${Array.isArray(item) ? 'an array' : JSON.stringify(unwrap(item))}.`,
      );
    }
    for (const k of Object.keys(item))
      if (!seen.has(k)) {
        seen.add(k);
        headers.push(k);
      }
    return { values: item as Record<string, unknown> };
  });
  return { headers, records };
}

function unwrap(v: unknown): unknown {
  if (v instanceof RawNumber) return v.value;
  if (Array.isArray(v)) return v.map(unwrap);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
  return v;
}

/** JSON text of a parsed value, numbers written as in the source when it is known. */
function jsonText(v: unknown): string {
  if (v instanceof RawNumber) return v.source;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Which field a file column names: the field name, its database name (@map), or either ignoring case. */
export function mapColumns(
  model: ModelMeta,
  headers: string[],
): { mapping: { source: string; field: string }[]; ignored: string[]; duplicates: string[] } {
  const mapping: { source: string; field: string }[] = [];
  const ignored: string[] = [];
  const duplicates: string[] = [];
  const taken = new Set<string>();
  for (const h of headers) {
    const lower = h.toLowerCase();
    const c =
      model.columns.find((col) => col.name === h) ??
      model.columns.find((col) => col.dbName === h) ??
      model.columns.find((col) => col.name.toLowerCase() === lower || col.dbName?.toLowerCase() === lower);
    if (!c) {
      ignored.push(h);
      continue;
    }
    if (taken.has(c.name)) {
      duplicates.push(h);
      continue;
    }
    taken.add(c.name);
    mapping.push({ source: h, field: c.name });
  }
  return { mapping, ignored, duplicates };
}

/** A value read from the file -> the grid's wire value for the column (or a message why it cannot be). */
function toWire(v: unknown, column: ColumnMeta, format: ImportFormat): WireValue {
  if (v === null || v === undefined) return null;
  if (format === 'csv') {
    const s = String(v);
    if (column.type === 'Boolean' && !column.list) {
      const t = s.trim().toLowerCase();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
    }
    return s;
  }
  if (column.list || column.type === 'Json') {
    // lists and Json: the grid's JSON text (as exported), or the value itself
    return typeof v === 'string' ? v : jsonText(v);
  }
  if (v instanceof RawNumber) {
    if (column.type === 'BigInt' || column.type === 'Decimal') return v.source;
    return v.value;
  }
  if (typeof v === 'number') {
    if (column.type === 'BigInt' && !Number.isSafeInteger(v))
      throw new CodecError(
        column.name,
        `${column.name}: ${v} is beyond 2^53 and lost digits as a JSON number; write it as a string ("…")`,
      );
    if (column.type === 'BigInt' || column.type === 'Decimal') return String(v);
    return v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  throw new CodecError(column.name, `${column.name}: ${JSON.stringify(unwrap(v))} is not a single value`);
}

function required(c: ColumnMeta): boolean {
  return !c.optional && !c.list && c.defaultValue === undefined && !c.isUpdatedAt;
}

/**
 * Distinct values of one unique field kept to name duplicates inside the file; beyond this many, the
 * database's own constraint refuses a duplicate (the import then fails whole, as it would anyway), and
 * memory stays bounded on a file of millions of rows.
 */
export const UNIQUE_TRACKED = 200_000;

/**
 * Checks a file's rows for `model`, one at a time, with the grid's codecs: `row()` gives what the client
 * writes for a row, or undefined when the row has a problem (kept in `errors`, counted beyond MAX_ERRORS).
 * `nulls` are the client's DbNull / JsonNull (a database NULL and a JSON null stay apart in Json columns).
 */
export class ImportChecker {
  readonly mapping: { source: string; field: string }[];
  readonly ignored: string[];
  readonly errors: ImportIssue[] = [];
  moreErrors = 0;
  rowCount = 0;
  readonly sample: WireRow[] = [];
  private uniquesFull = false;
  private readonly uniques: Map<string, Map<string, number>>;
  private readonly columns: { source: string; field: string; column: ColumnMeta }[];

  constructor(
    private readonly model: ModelMeta,
    headers: string[],
    private readonly format: ImportFormat,
    private readonly nulls?: PrismaNulls,
    private readonly sampleSize = 10,
    private readonly uniqueLimit = UNIQUE_TRACKED,
  ) {
    const { mapping, ignored, duplicates } = mapColumns(model, headers);
    this.mapping = mapping;
    this.ignored = ignored;
    this.columns = mapping.map((m) => ({ ...m, column: model.columns.find((c) => c.name === m.field)! }));
    for (const d of duplicates)
      this.fail({ column: d, message: `The file column ${JSON.stringify(d)} names the same field as another column.` });
    if (mapping.length === 0)
      this.fail({
        message: `No column of the file matches a field of ${model.name} (its fields: ${model.columns.map((c) => c.name).join(', ')}).`,
      });
    const given = new Set(mapping.map((m) => m.field));
    for (const c of model.columns) {
      if (required(c) && !given.has(c.name))
        this.fail({
          column: c.name,
          message: `The file has no ${c.name} column, and ${model.name} requires it (no default).`,
        });
    }
    // values of single-column unique fields, to name duplicates inside the file before the database does
    this.uniques = new Map(
      model.columns
        .filter((c) => (c.isUnique || (c.isId && model.primaryKey.length === 1)) && given.has(c.name))
        .map((c) => [c.name, new Map<string, number>()]),
    );
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  private fail(issue: ImportIssue): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(issue);
    else this.moreErrors++;
  }

  /** Checks the next row of the file: its wire values and what the client writes, or undefined with its problems kept. */
  row({ values, line }: ImportRecord): { wire: WireRow; data: Record<string, unknown> } | undefined {
    const row = ++this.rowCount;
    const at = { row, ...(line !== undefined ? { line } : {}) };
    const before = this.errors.length + this.moreErrors;
    const wireRow: WireRow = {};
    const out: Record<string, unknown> = {};
    for (const { source, field, column } of this.columns) {
      if (!Object.hasOwn(values, source)) {
        // a JSON row without the key: the default applies, if there is one
        if (required(column))
          this.fail({
            ...at,
            column: field,
            message: `${field} is missing from this row, and ${this.model.name} requires it (no default).`,
          });
        continue;
      }
      let wire: WireValue;
      try {
        wire = toWire(values[source], column, this.format);
      } catch (e) {
        this.fail({ ...at, column: field, message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      wireRow[field] = wire;
      if (wire === null) {
        if (column.list || column.isUpdatedAt || (!column.optional && column.defaultValue !== undefined)) continue; // the default applies
        if (!column.optional) {
          this.fail({
            ...at,
            column: field,
            message: `${field} is required but the row has NULL${column.type === 'String' && this.format === 'csv' ? ' (write "" in the CSV for an empty text)' : ''}.`,
          });
          continue;
        }
      }
      try {
        out[field] = decodeValue(wire, column, this.nulls);
      } catch (e) {
        this.fail({ ...at, column: field, message: e instanceof CodecError ? e.message : String(e) });
        continue;
      }
      const seen = this.uniques.get(field);
      if (seen && wire !== null) {
        const key = String(wire);
        const first = seen.get(key);
        if (first !== undefined)
          this.fail({
            ...at,
            column: field,
            message: `${field} ${JSON.stringify(wire)} is also in row ${first}; ${field} is unique.`,
          });
        else if (seen.size < this.uniqueLimit) seen.set(key, row);
        else this.uniquesFull = true;
      }
    }
    if (this.sample.length < this.sampleSize) this.sample.push(wireRow);
    return this.errors.length + this.moreErrors > before ? undefined : { wire: wireRow, data: out };
  }

  /** What was found, once every row went through `row()`. */
  summary(): ImportSummary {
    if (this.rowCount === 0 && !this.errors.some((e) => e.message === NO_ROWS)) this.fail({ message: NO_ROWS });
    return {
      model: this.model.name,
      format: this.format,
      mapping: this.mapping,
      ignored: this.ignored,
      rowCount: this.rowCount,
      sample: this.sample,
      errors: this.errors,
      moreErrors: this.moreErrors,
      ...(this.uniquesFull ? { uniquesCheckedUpTo: this.uniqueLimit } : {}),
    };
  }
}

const NO_ROWS = 'The file has no rows to import.';

/** Checks a whole text in memory (small files, tests): every row kept, as wire values and as the client writes them. */
export function planImport(model: ModelMeta, text: string, format: ImportFormat, nulls?: PrismaNulls): ImportPlan {
  const parsed = parseImportText(text, format);
  const checker = new ImportChecker(model, parsed.headers, format, nulls, Number.MAX_SAFE_INTEGER);
  const data: Record<string, unknown>[] = [];
  for (const record of parsed.records) {
    const r = checker.row(record);
    if (r) data.push(r.data);
  }
  const summary = checker.summary();
  return { ...summary, rows: summary.sample, data: summary.errors.length ? [] : data };
}

/** `row 3 (line 4), price: …` */
export function describeIssue(issue: ImportIssue): string {
  const where =
    issue.row !== undefined ? `Row ${issue.row}${issue.line !== undefined ? ` (line ${issue.line})` : ''}` : '';
  const col =
    issue.column && !issue.message.startsWith(`${issue.column}:`) && !issue.message.startsWith(`${issue.column} `)
      ? `${issue.column}: `
      : '';
  return where ? `${where}, ${col}${issue.message}` : `${col}${issue.message}`;
}

/** The preview shown before the user confirms: counts, mapping, every problem, and the first rows. */
export function importPreviewText(plan: ImportSummary, fileLabel: string, sample = 10): string {
  const lines: string[] = [];
  const ok = plan.errors.length === 0;
  lines.push(
    `# Import into ${plan.model}`,
    '',
    `From \`${fileLabel}\` (${plan.format.toUpperCase()}): **${plan.rowCount.toLocaleString('en-US')} row${plan.rowCount === 1 ? '' : 's'}**.`,
    '',
  );
  lines.push(
    ok
      ? 'Every value fits its field. Nothing is written until you confirm; then all rows are written in one transaction (all or nothing).'
      : `**${(plan.errors.length + plan.moreErrors).toLocaleString('en-US')} problem${plan.errors.length + plan.moreErrors === 1 ? '' : 's'}: nothing can be imported until the file is fixed.**`,
    '',
  );
  if (plan.uniquesCheckedUpTo)
    lines.push(
      `Duplicates of a unique field inside the file were looked for among its first ${plan.uniquesCheckedUpTo.toLocaleString('en-US')} values; the database refuses a later one, and then nothing is written.`,
      '',
    );
  lines.push('## Columns', '', ...plan.mapping.map((m) => `- \`${m.source}\` → ${m.field}`));
  if (plan.ignored.length) lines.push(`- left out (no such field): ${plan.ignored.map((c) => `\`${c}\``).join(', ')}`);
  lines.push('');
  if (!ok) {
    lines.push('## Problems', '', ...plan.errors.map((e) => `- ${describeIssue(e)}`));
    if (plan.moreErrors) lines.push(`- … and ${plan.moreErrors.toLocaleString('en-US')} more`);
    lines.push('');
  }
  if (plan.sample.length) {
    const fields = plan.mapping.map((m) => m.field);
    const cell = (v: WireValue | undefined) =>
      v === undefined
        ? '(default)'
        : v === null
          ? 'NULL'
          : v === ''
            ? '""'
            : String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, '↵').slice(0, 80);
    lines.push(
      `## First ${Math.min(sample, plan.sample.length)} row${plan.sample.length === 1 ? '' : 's'}`,
      '',
      `| # | ${fields.join(' | ')} |`,
      `|---|${fields.map(() => '---').join('|')}|`,
    );
    plan.sample
      .slice(0, sample)
      .forEach((r, i) => lines.push(`| ${i + 1} | ${fields.map((f) => cell(r[f])).join(' | ')} |`));
    lines.push('');
  }
  return lines.join('\n');
}
