// Completion in a notebook's SQL cells: the schema's tables and columns by their database names (`@@map`,
// `@map`), qualified by their `@@schema` when that is not the connection's default, quoted as the database
// needs. What is offered depends on where the cursor is: after FROM / JOIN / INTO / UPDATE the tables; after
// `alias.` or `table.` that table's columns; after `schema.` that schema's tables; elsewhere the columns of
// the tables the statement reads, then the tables.
import type { Block, SchemaDocument } from '../schema/model';
import type { SqlProvider } from './runSupport';

export interface SqlColumn {
  name: string;
  /** The Prisma field, with its model ("User.email"). */
  field: string;
  /** The Prisma field's name ("email"). */
  fieldName: string;
  type: string;
  sourceLine: string;
}

export interface SqlTable {
  name: string;
  schema?: string;
  model: string;
  kind: 'model' | 'view';
  columns: SqlColumn[];
}

export interface SqlCompletion {
  label: string;
  kind: 'table' | 'column' | 'schema';
  insertText: string;
  /** "model User", "User.email String?". */
  detail: string;
  documentation?: string;
  /** Sorts columns of the statement's tables first. */
  sortText: string;
  /** What the completion replaces: [start, end) offsets in the cell's text (an opening quote included). */
  range: [number, number];
}

/** The tables of a schema, as the database names them. */
export function schemaTables(doc: SchemaDocument): SqlTable[] {
  return doc.blocks
    .filter((b): b is Block & { kind: 'model' | 'view' } => b.kind === 'model' || b.kind === 'view')
    .filter((b) => !b.attributes.some((a) => a.name === 'ignore'))
    .map((b) => ({
      name: b.mapName ?? b.name,
      ...(b.schemaName ? { schema: b.schemaName } : {}),
      model: b.name,
      kind: b.kind,
      columns: b.fields
        .filter((f) => !f.isRelation && !f.isComposite && !f.attributes.some((a) => a.name === 'ignore'))
        .map((f) => ({
          name: f.mapName ?? f.name,
          field: `${b.name}.${f.name}`,
          fieldName: f.name,
          type: `${f.type}${f.list ? '[]' : f.optional ? '?' : ''}`,
          sourceLine: f.sourceLine,
        })),
    }));
}

const RESERVED = new Set(
  'all and as asc between by case check column constraint create cross default delete desc distinct drop else end exists false from full group having in index inner insert into is join key left like limit not null offset on or order outer primary references right select set table then to true union unique update user using values when where with'.split(
    ' ',
  ),
);

/** An identifier as the database reads it: PostgreSQL folds unquoted names to lower case, so `User` is quoted. */
export function quoteName(name: string, provider: SqlProvider): string {
  const plain = provider === 'postgresql' ? /^[a-z_][a-z0-9_$]*$/.test(name) : /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name);
  if (plain && !RESERVED.has(name.toLowerCase())) return name;
  return provider === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

export const unquote = (s: string) => s.replace(/^["`[]|["`\]]$/g, '');
export const IDENT = String.raw`(?:"(?:[^"]|"")+"|\x60[^\x60]+\x60|\[[^\]]+\]|[A-Za-z_][\w$]*)`;

/** The tables a statement names after FROM / JOIN / UPDATE / INTO, with their aliases. */
export function statementTables(sql: string): { table: string; schema?: string; alias?: string }[] {
  const re = new RegExp(
    String.raw`\b(?:FROM|JOIN|UPDATE|INTO)\s+(?:(${IDENT})\s*\.\s*)?(${IDENT})(?:\s+(?:AS\s+)?(?!(?:WHERE|ON|JOIN|LEFT|RIGHT|INNER|OUTER|FULL|CROSS|GROUP|ORDER|LIMIT|SET|USING|VALUES|UNION|HAVING|NATURAL|WINDOW|OFFSET|RETURNING)\b)(${IDENT}))?`,
    'gi',
  );
  const out: { table: string; schema?: string; alias?: string }[] = [];
  for (const m of sql.matchAll(re))
    out.push({
      table: unquote(m[2]),
      ...(m[1] ? { schema: unquote(m[1]) } : {}),
      ...(m[3] ? { alias: unquote(m[3]) } : {}),
    });
  return out;
}

/** The statement the cursor is in: a cell may hold several separated by `;` (only one runs, but all are typed). */
function statementAt(text: string, offset: number): { sql: string; start: number } {
  const start = text.lastIndexOf(';', offset - 1) + 1;
  const next = text.indexOf(';', offset);
  return { sql: text.slice(start, next === -1 ? text.length : next), start };
}

const CLAUSES = new Set(
  'select from join into update table where on set by and or having values returning when then else case not'.split(
    ' ',
  ),
);

/** Whether the cursor is where a table name goes: the last clause keyword before it is FROM, JOIN, INTO, UPDATE. */
function tableClause(before: string): boolean {
  const words = [...before.replace(/'(?:[^']|'')*'/g, "''").matchAll(/\b[A-Za-z_]+\b/g)].map((m) => m[0].toLowerCase());
  const last = words.reverse().find((w) => CLAUSES.has(w));
  return last === 'from' || last === 'join' || last === 'into' || last === 'update' || last === 'table';
}

export interface CompletionContext {
  provider: SqlProvider;
  /** The schema unqualified names resolve in (PostgreSQL: the URL's `schema`, else public). */
  defaultSchema?: string;
}

export function sqlCompletions(
  text: string,
  offset: number,
  tables: SqlTable[],
  context: CompletionContext,
): SqlCompletion[] {
  const before = text.slice(0, offset);
  // the word being typed, and an opening quote before it that the completion replaces too
  const word = /[\w$]*$/.exec(before)![0];
  let start = offset - word.length;
  if (/["`[]$/.test(text.slice(0, start))) start--;
  const end = offset + (/^[\w$]*/.exec(text.slice(offset))![0].length ?? 0);
  const range: [number, number] = [start, end];
  const { sql } = statementAt(text, offset);
  const qualified = (t: SqlTable) =>
    t.schema && t.schema !== context.defaultSchema
      ? `${quoteName(t.schema, context.provider)}.${quoteName(t.name, context.provider)}`
      : quoteName(t.name, context.provider);
  const tableItem = (t: SqlTable, insert = qualified(t), sort = '2'): SqlCompletion => ({
    label: t.schema && insert.includes('.') ? `${t.schema}.${t.name}` : t.name,
    kind: 'table',
    insertText: insert,
    detail: `${t.kind} ${t.model}${t.schema ? ` (schema ${t.schema})` : ''}`,
    documentation: t.columns.map((c) => c.name).join(', '),
    sortText: `${sort}${t.name}`,
    range,
  });
  const columnItems = (t: SqlTable, sort: string): SqlCompletion[] =>
    t.columns.map((c) => ({
      label: c.name,
      kind: 'column',
      insertText: quoteName(c.name, context.provider),
      detail: `${t.name}: ${c.field} ${c.type}`,
      documentation: c.sourceLine,
      sortText: `${sort}${c.name}`,
      range,
    }));
  const findTable = (name: string, schema?: string) =>
    tables.find((t) => t.name === name && (schema === undefined || t.schema === schema)) ??
    tables.find((t) => t.name.toLowerCase() === name.toLowerCase() && (schema === undefined || t.schema === schema));

  // `x.` : x is an alias, a table, or a schema
  const dotted = new RegExp(String.raw`(${IDENT})\s*\.\s*$`).exec(text.slice(0, start));
  if (dotted) {
    const name = unquote(dotted[1]);
    const named = statementTables(sql).find((r) => r.alias === name || (!r.alias && r.table === name));
    const table = named ? findTable(named.table, named.schema) : findTable(name);
    if (table) return columnItems(table, '0');
    const inSchema = tables.filter((t) => t.schema === name);
    return inSchema.map((t) => tableItem(t, quoteName(t.name, context.provider)));
  }
  if (tableClause(text.slice(statementAt(text, offset).start, start))) return tables.map((t) => tableItem(t));
  const used = statementTables(sql)
    .map((r) => findTable(r.table, r.schema))
    .filter((t): t is SqlTable => t !== undefined);
  const seen = new Set<string>();
  const columns = used.flatMap((t) => columnItems(t, '0')).filter((c) => !seen.has(c.label) && seen.add(c.label));
  return [...columns, ...tables.map((t) => tableItem(t))];
}
