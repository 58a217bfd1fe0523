// The comment annotations of a TypedSQL file, read as Prisma reads them (schema-engine's `parse_sql_doc`):
// `-- @description text` and `-- @param {Type} $1:alias? text`, where the type, the position and the alias
// are each optional (a position or an alias is required), `?` after the alias makes the parameter nullable,
// and the type is one of Prisma's scalars or an enum of the schema. Problems carry their line and words.

export const SCALAR_TYPES = [
  'Int',
  'BigInt',
  'Float',
  'Boolean',
  'String',
  'DateTime',
  'Json',
  'Bytes',
  'Decimal',
] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

export interface ParamDoc {
  /** `{Int}`: a scalar, or an enum's name. */
  type?: string;
  /** `$1` -> 1. */
  position?: number;
  /** `:minAge` -> minAge. */
  alias?: string;
  nullable: boolean;
  documentation?: string;
  /** 0-based line of the annotation. */
  line: number;
}

export interface SqlDocProblem {
  line: number;
  /** Character range on the line. */
  start: number;
  end: number;
  message: string;
}

export interface SqlDoc {
  description?: string;
  params: ParamDoc[];
  problems: SqlDocProblem[];
}

const accepted = (enums: readonly string[]) =>
  `accepted types are: ${[...SCALAR_TYPES, ...enums].map((t) => `'${t}'`).join(', ')}`;

function parseParam(rest: string, line: number, enums: readonly string[]): ParamDoc | string {
  let input = rest.trimStart();
  const param: ParamDoc = { nullable: false, line };
  const open = input.indexOf('{');
  if (open !== -1) {
    const close = input.indexOf('}');
    if (close === -1) return 'missing closing bracket';
    const type = input.slice(open + 1, close);
    if (type === '') return `missing type (${accepted(enums)})`;
    if (!(SCALAR_TYPES as readonly string[]).includes(type) && !enums.includes(type))
      return `invalid type: '${type}' (${accepted(enums)})`;
    param.type = type;
    input = input.slice(close + 1);
  }
  input = input.trimStart();
  if (input.startsWith('$')) {
    const m = /^\$([^: ]*)/.exec(input)!;
    if (!/^\d+$/.test(m[1])) return `invalid position. Expected a number found: ${m[1]}`;
    param.position = Number(m[1]);
    input = input.slice(m[0].length);
  }
  if (input.trimStart().startsWith(':')) {
    input = input.trimStart();
    const m = /^:([^ ]*)/.exec(input)!;
    param.alias = m[1].endsWith('?') ? m[1].slice(0, -1) : m[1];
    param.nullable = m[1].endsWith('?');
    input = input.slice(m[0].length);
  }
  const documentation = input.trim();
  if (documentation) param.documentation = documentation;
  if (param.position === undefined && param.alias === undefined) return 'missing position or alias (eg: $1:alias)';
  return param;
}

export function parseSqlDoc(sql: string, enums: readonly string[] = []): SqlDoc {
  const doc: SqlDoc = { params: [], problems: [] };
  sql.split('\n').forEach((raw, line) => {
    const m = /^(\s*--\s*)(@description|@param)(.*)$/.exec(raw.replace(/\r$/, ''));
    if (!m) return;
    if (m[2] === '@description') {
      const text = m[3].trim();
      if (text) doc.description = text;
      return;
    }
    const problem = (message: string) =>
      doc.problems.push({ line, start: m[1].length, end: raw.trimEnd().length, message: `@param: ${message}` });
    if (m[3] !== '' && !/^\s/.test(m[3])) return; // `@parameter`: not ours
    const param = parseParam(m[3], line, enums);
    if (typeof param === 'string') return problem(param);
    const clash = doc.params.find(
      (p) =>
        (param.position !== undefined && p.position === param.position) ||
        (param.alias !== undefined && p.alias === param.alias),
    );
    if (clash) return problem('duplicate parameter (position or alias is already used)');
    doc.params.push(param);
  });
  return doc;
}
