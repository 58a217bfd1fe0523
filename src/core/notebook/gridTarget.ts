// Open in Grid: a SQL cell that reads one table (`SELECT … FROM table [WHERE …] [ORDER BY …] [LIMIT …]`)
// -> the model the grid opens and the grid filters its WHERE maps to (column = / <> / < / <= / > / >= a
// literal, LIKE 'x%' / '%x' / '%x%', IS [NOT] NULL, IN (…), joined by AND). What cannot be carried over is
// said in words; a WHERE that does not map opens the grid unfiltered rather than showing other rows as if
// they were the query's.
import type { Filter, FilterOp } from '../../shared/protocol/messages';
import type { WireValue } from '../../shared/protocol/model';
import { IDENT, unquote, type SqlTable } from './sqlCompletion';

export type GridTarget =
  { ok: true; model: string; filters: Filter[]; notCarried: string[] } | { ok: false; reason: string };

const stripComments = (sql: string) =>
  sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .trim()
    .replace(/;\s*$/, '')
    .trim();

/** A SQL literal -> its value, or undefined when it is not one (a column, an expression, a parameter). */
function literal(text: string): WireValue | undefined {
  const t = text.trim();
  if (/^'(?:[^']|'')*'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  return undefined;
}

const COMPARE: Record<string, FilterOp> = {
  '=': 'equals',
  '<>': 'not',
  '!=': 'not',
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
};

/** One condition -> a grid filter, or undefined. `column` maps a (maybe qualified, quoted) column to its field. */
function condition(text: string, column: (name: string) => string | undefined): Filter | undefined {
  const col = String.raw`((?:${IDENT}\s*\.\s*)?${IDENT})`;
  let m = new RegExp(String.raw`^${col}\s+IS\s+(NOT\s+)?NULL$`, 'i').exec(text);
  if (m) {
    const field = column(m[1]);
    return field ? { column: field, op: m[2] ? 'notNull' : 'isNull' } : undefined;
  }
  m = new RegExp(String.raw`^${col}\s+IN\s*\(([^()]*)\)$`, 'i').exec(text);
  if (m) {
    const field = column(m[1]);
    const values = m[2].split(',').map(literal);
    return field && values.every((v) => v !== undefined)
      ? { column: field, op: 'in', values: values as WireValue[] }
      : undefined;
  }
  m = new RegExp(String.raw`^${col}\s+LIKE\s+('(?:[^']|'')*')$`, 'i').exec(text);
  if (m) {
    const field = column(m[1]);
    const pattern = literal(m[2]) as string;
    const inner = pattern.replace(/^%|%$/g, '');
    if (!field || /[%_\\]/.test(inner)) return undefined;
    const op: FilterOp =
      pattern.startsWith('%') && pattern.endsWith('%') && pattern.length > 1
        ? 'contains'
        : pattern.endsWith('%')
          ? 'startsWith'
          : pattern.startsWith('%')
            ? 'endsWith'
            : 'equals';
    return { column: field, op, value: inner };
  }
  m = new RegExp(String.raw`^${col}\s*(<>|!=|<=|>=|=|<|>)\s*(.+)$`, 'i').exec(text);
  if (m) {
    const field = column(m[1]);
    const value = literal(m[3]);
    return field && value !== undefined ? { column: field, op: COMPARE[m[2]], value } : undefined;
  }
  return undefined;
}

/** Splits a WHERE on top-level AND (BETWEEN … AND … is refused: it does not map to one filter here). */
function conjuncts(where: string): string[] | undefined {
  if (/\bOR\b|\bBETWEEN\b|\bNOT\s+(?!NULL\b)|\(\s*SELECT\b/i.test(where.replace(/'(?:[^']|'')*'/g, "''")))
    return undefined;
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < where.length; i++) {
    const ch = where[i];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth === 0 && /^\s+AND\s+/i.test(where.slice(i, i + 6)) && /\s/.test(ch)) {
      const m = /^\s+AND\s+/i.exec(where.slice(i))!;
      parts.push(where.slice(start, i).trim());
      start = i + m[0].length;
      i = start - 1;
    }
  }
  parts.push(where.slice(start).trim());
  return parts.map((p) => p.replace(/^\((.*)\)$/s, '$1').trim());
}

export function gridTarget(sql: string, tables: SqlTable[]): GridTarget {
  const body = stripComments(sql);
  const m = new RegExp(
    String.raw`^SELECT\s+([\s\S]+?)\s+FROM\s+(?:(${IDENT})\s*\.\s*)?(${IDENT})(?:\s+(?:AS\s+)?(?!WHERE\b|ORDER\b|LIMIT\b)(${IDENT}))?(?:\s+WHERE\s+([\s\S]+?))?(\s+ORDER\s+BY\s+[\s\S]+?)?(\s+LIMIT\s+\d+(?:\s*(?:,|OFFSET)\s*\d+)?)?$`,
    'i',
  ).exec(body);
  if (!m)
    return {
      ok: false,
      reason:
        'Open in Grid opens one table: this cell is not a plain SELECT … FROM one table (a join, a group, a union or a subquery has no grid of its own).',
    };
  const [, select, schemaName, tableName, alias, where, orderBy, limit] = m;
  const name = unquote(tableName);
  const schema = schemaName ? unquote(schemaName) : undefined;
  const table =
    tables.find((t) => t.name === name && (schema === undefined || t.schema === schema)) ??
    tables.find((t) => t.name.toLowerCase() === name.toLowerCase() && (schema === undefined || t.schema === schema));
  if (!table) return { ok: false, reason: `No model of the schema maps to the table ${name}.` };
  const qualifiers = new Set([table.name.toLowerCase(), ...(alias ? [unquote(alias).toLowerCase()] : [])]);
  const column = (ref: string): string | undefined => {
    const parts = ref.split(/\s*\.\s*/).map(unquote);
    if (parts.length === 2 && !qualifiers.has(parts[0].toLowerCase())) return undefined;
    const c = parts.at(-1)!;
    return (
      table.columns.find((x) => x.name === c) ?? table.columns.find((x) => x.name.toLowerCase() === c.toLowerCase())
    )?.fieldName;
  };
  const notCarried: string[] = [];
  let filters: Filter[] = [];
  if (where) {
    const parts = conjuncts(where);
    const mapped = parts?.map((p) => condition(p, column));
    if (mapped && mapped.every((f) => f !== undefined)) filters = mapped as Filter[];
    else notCarried.push(`the WHERE (${where.trim()}) has no grid filter, so the grid shows all rows`);
  }
  if (select.trim() !== '*' && !/^\S+\.\*$/.test(select.trim())) notCarried.push('the grid shows every column');
  if (orderBy) notCarried.push('the ORDER BY (sort in the grid’s header)');
  if (limit) notCarried.push('the LIMIT (the grid pages through all rows)');
  return { ok: true, model: table.model, filters, notCarried };
}
