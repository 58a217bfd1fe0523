// The parameters of a TypedSQL query and their binding. Placeholders are each database's own (PostgreSQL
// `$1`; MySQL / MariaDB `?`, numbered in order; SQLite `?`, `?NNN`, `:name`, `@name`, `$name`, numbered as
// SQLite numbers them), matched with the `-- @param` annotations by position or by alias. Values the user
// typed are checked against the annotated type and turned into what the driver binds: never into SQL text.
import type { SqlProvider } from '../notebook/runSupport';
import type { SchemaDocument } from '../schema/model';
import { enums } from '../schema/query';
import { parseSqlDoc, type SqlDoc } from './sqlDoc';
import { tokenize, type SqlToken } from './sqlTokens';

export interface Placeholder {
  /** 1-based, as the database numbers it. */
  position: number;
  /** SQLite's named placeholders: the name without its `:`/`@`/`$`. */
  name?: string;
  start: number;
  end: number;
}

export interface TypedSqlParameter {
  position: number;
  /** What the user reads: the alias, else the placeholder's name, else `$N`. */
  label: string;
  type?: string;
  nullable: boolean;
  documentation?: string;
}

export function placeholders(sql: string, provider: SqlProvider, tokens = tokenize(sql, provider)): Placeholder[] {
  const params = tokens.filter((t) => t.kind === 'param');
  if (provider === 'postgresql') return params.map((t) => slot(t, Number(t.value.slice(1))));
  if (provider === 'mysql') return params.map((t, i) => slot(t, i + 1));
  // SQLite: ?NNN is NNN; ? is one past the largest so far; a name is numbered where it first appears
  const named = new Map<string, number>();
  let largest = 0;
  return params.map((t) => {
    let position: number;
    let name: string | undefined;
    if (t.value === '?') position = ++largest;
    else if (/^\?\d+$/.test(t.value)) position = Number(t.value.slice(1));
    else {
      name = t.value.slice(1);
      position = named.get(t.value) ?? ++largest;
      named.set(t.value, position);
    }
    largest = Math.max(largest, position);
    return slot(t, position, name);
  });
}

const slot = (t: SqlToken, position: number, name?: string): Placeholder => ({
  position,
  ...(name !== undefined ? { name } : {}),
  start: t.start,
  end: t.end,
});

/** The parameters the query takes, in position order, with what their annotations say. */
export function typedSqlParameters(
  sql: string,
  provider: SqlProvider,
  doc: SqlDoc = parseSqlDoc(sql),
): TypedSqlParameter[] {
  const byPosition = new Map<number, Placeholder>();
  for (const p of placeholders(sql, provider)) if (!byPosition.has(p.position)) byPosition.set(p.position, p);
  return [...byPosition.values()]
    .sort((a, b) => a.position - b.position)
    .map((p) => {
      const d =
        doc.params.find((d) => d.position === p.position) ??
        (p.name !== undefined ? doc.params.find((d) => d.alias === p.name && d.position === undefined) : undefined);
      return {
        position: p.position,
        label: d?.alias ?? p.name ?? `$${p.position}`,
        ...(d?.type ? { type: d.type } : {}),
        nullable: d?.nullable ?? false,
        ...(d?.documentation ? { documentation: d.documentation } : {}),
      };
    });
}

export type ParameterValue = string | number | bigint | boolean | null | Uint8Array;

const INT = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * What the driver binds for `text`, typed in for `param`; or, as `error`, why the text is not a value of its
 * type. `null` (the word) is the null value of a nullable parameter.
 */
export function parameterValue(
  param: TypedSqlParameter,
  text: string,
  provider: SqlProvider,
  enums: Record<string, readonly string[]> = {},
): { value: ParameterValue } | { error: string } {
  if (text.trim() === 'null' && param.type !== 'String') {
    if (param.nullable || !param.type) return { value: null };
    return { error: `${param.label} is not nullable (end its alias with ? in the @param line to allow null)` };
  }
  if (text === 'null' && param.nullable) return { value: null };
  const type = param.type;
  const t = text.trim();
  switch (type) {
    case undefined:
      // not annotated: the database infers the type (SQLite compares numbers with numbers)
      return { value: provider === 'sqlite' && DECIMAL.test(t) ? Number(t) : text };
    case 'Int': {
      if (!INT.test(t)) return { error: 'an Int is a whole number, such as 42' };
      const n = Number(t);
      if (n < -2147483648 || n > 2147483647) return { error: 'an Int is 32 bits: use BigInt for larger numbers' };
      return { value: n };
    }
    case 'BigInt':
      if (!INT.test(t)) return { error: 'a BigInt is a whole number, such as 9007199254740993' };
      return { value: provider === 'postgresql' ? BigInt(t).toString() : BigInt(t) };
    case 'Float':
      if (!DECIMAL.test(t)) return { error: 'a Float is a number, such as 1.5' };
      return { value: Number(t) };
    case 'Decimal':
      if (!DECIMAL.test(t)) return { error: 'a Decimal is a number, such as 19.99' };
      return { value: t };
    case 'Boolean': {
      const b = /^(true|false|1|0)$/i.exec(t)?.[1].toLowerCase();
      if (b === undefined) return { error: 'a Boolean is true or false' };
      const v = b === 'true' || b === '1';
      return { value: provider === 'sqlite' ? (v ? 1 : 0) : v };
    }
    case 'String':
      return { value: text };
    case 'DateTime': {
      const ms = Date.parse(t);
      if (!t || Number.isNaN(ms)) return { error: 'a DateTime is a date and time, such as 2024-01-31T12:00:00Z' };
      // MySQL / MariaDB take no zone and no `T`: the instant in UTC (as Prisma stores it)
      if (provider === 'mysql') return { value: new Date(ms).toISOString().replace('T', ' ').replace('Z', '') };
      return { value: t };
    }
    case 'Json':
      try {
        JSON.parse(t);
        return { value: t };
      } catch (e) {
        return { error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
      }
    case 'Bytes': {
      const hex = /^(?:0x|\\x)?((?:[0-9a-fA-F]{2})*)$/.exec(t);
      if (hex) return { value: Uint8Array.from(Buffer.from(hex[1], 'hex')) };
      if (/^[A-Za-z0-9+/]*={0,2}$/.test(t) && t.length % 4 === 0)
        return { value: Uint8Array.from(Buffer.from(t, 'base64')) };
      return { error: 'Bytes are hexadecimal (0x01ff) or base64' };
    }
    default: {
      const values = enums[type];
      if (values && !values.includes(t)) return { error: `${type} is one of ${values.join(', ')}` };
      return { value: t };
    }
  }
}

export interface BoundQuery {
  sql: string;
  params: ParameterValue[];
}

/**
 * The statement and the values its driver binds, from one value per parameter (in `typedSqlParameters`
 * order). SQLite's placeholders become plain `?` in order, each with its value (a name used twice is bound
 * twice): only the placeholders change, the values never enter the text.
 */
export function bindParameters(
  sql: string,
  provider: SqlProvider,
  parameters: TypedSqlParameter[],
  values: ParameterValue[],
): BoundQuery {
  const valueAt = (position: number) => {
    const i = parameters.findIndex((p) => p.position === position);
    return i === -1 || i >= values.length ? null : values[i];
  };
  const slots = placeholders(sql, provider);
  if (provider === 'postgresql') {
    const largest = Math.max(0, ...slots.map((s) => s.position));
    return { sql, params: Array.from({ length: largest }, (_, i) => valueAt(i + 1)) };
  }
  if (provider === 'mysql') return { sql, params: slots.map((s) => valueAt(s.position)) };
  let text = '';
  let at = 0;
  for (const s of slots) {
    text += `${sql.slice(at, s.start)}?`;
    at = s.end;
  }
  return { sql: text + sql.slice(at), params: slots.map((s) => valueAt(s.position)) };
}

/** The schema's enums as TypedSQL takes them: `{Role}` is one of the enum's database values. */
export function schemaEnums(doc: SchemaDocument): Record<string, string[]> {
  return Object.fromEntries(enums(doc).map((e) => [e.name, e.values.map((v) => v.mapName ?? v.name)]));
}

/**
 * A TypedSQL query with the texts the user gave for its parameters (in `typedSqlParameters` order): the
 * statement and the values to bind; the words of the first problem (an annotation, a count, a value) otherwise.
 */
export function bindTypedSql(
  sql: string,
  provider: SqlProvider,
  doc: SchemaDocument,
  texts: readonly string[],
): BoundQuery {
  const enumValues = schemaEnums(doc);
  const annotations = parseSqlDoc(sql, Object.keys(enumValues));
  const problem = annotations.problems[0];
  if (problem) throw new Error(`Line ${problem.line + 1}: ${problem.message}`);
  const params = typedSqlParameters(sql, provider, annotations);
  if (params.length !== texts.length)
    throw new Error(
      `The query takes ${params.length} parameter(s) and ${texts.length} value(s) were given: run it again from its .sql file (Run) to give them.`,
    );
  const values = params.map((p, i) => {
    const v = parameterValue(p, texts[i], provider, enumValues);
    if ('error' in v) throw new Error(`Parameter ${p.label}: ${v.error}.`);
    return v.value;
  });
  return bindParameters(sql, provider, params, values);
}
