// A query result as a file: CSV with the grid's field rules (core/data/exportFormat.ts: NULL empty, quotes
// doubled, formulas escaped when asked) and JSON as an array of objects. A result may repeat a column name
// (`SELECT a.id, b.id`): the JSON keys then get `_2`, `_3`, so no value is lost.
import { csvField, type CsvOptions } from '../data/exportFormat';
import type { QueryResult } from './queryResult';

export function resultCsv(result: Pick<QueryResult, 'columns' | 'rows'>, options: CsvOptions = {}): string {
  const line = (values: (string | number | boolean | null)[]) => values.map((v) => csvField(v, options)).join(',');
  return [line(result.columns.map((c) => c.name)), ...result.rows.map(line)].join('\r\n') + '\r\n';
}

/** Column names made unique for object keys: `id`, `id_2`, … */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n}_${count}`;
  });
}

export function resultJson(result: Pick<QueryResult, 'columns' | 'rows'>): string {
  const keys = uniqueNames(result.columns.map((c) => c.name));
  const rows = result.rows.map((r) => `  ${JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, r[i]])))}`);
  return rows.length ? `[\n${rows.join(',\n')}\n]\n` : '[]\n';
}
