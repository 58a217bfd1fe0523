// How a column type change affects the data: narrowing (values may be cut or fail to convert),
// widening, or a change of kind; and whether PostgreSQL can do it without rewriting the table.

export type TypeChange = 'same' | 'widening' | 'narrowing' | 'conversion';

interface ParsedType {
  base: string;
  args: number[];
}

function parse(t: string): ParsedType {
  const m = /^([^(]+?)\s*(?:\(([^)]*)\))?(\[\])?$/.exec(t.trim().toLowerCase());
  const base = (m?.[1] ?? t).trim() + (m?.[3] ?? '');
  const args = (m?.[2] ?? '')
    .split(',')
    .map((a) => Number(a.trim()))
    .filter((n) => Number.isFinite(n) && String(n) !== '');
  return { base: alias[base] ?? base, args };
}

const alias: Record<string, string> = {
  integer: 'int',
  int4: 'int',
  int: 'int',
  mediumint: 'int',
  int8: 'bigint',
  bigint: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  tinyint: 'tinyint',
  'character varying': 'varchar',
  varchar: 'varchar',
  bpchar: 'char',
  character: 'char',
  char: 'char',
  decimal: 'numeric',
  numeric: 'numeric',
  float8: 'double',
  'double precision': 'double',
  double: 'double',
  float4: 'real',
  real: 'real',
  float: 'real',
  timestamp: 'timestamp',
  datetime: 'timestamp',
  timestamptz: 'timestamptz',
  text: 'text',
  longtext: 'text',
  mediumtext: 'text',
};

const intRank: Record<string, number> = { tinyint: 1, smallint: 2, int: 3, bigint: 4 };
const sized = new Set(['varchar', 'char', 'varbinary', 'binary', 'bit', 'varbit']);
const precise = new Set(['timestamp', 'timestamptz', 'time', 'timetz']);

export function classifyTypeChange(from: string, to: string): TypeChange {
  const a = parse(from);
  const b = parse(to);
  if (a.base === b.base && a.args.join() === b.args.join()) return 'same';
  if (intRank[a.base] && intRank[b.base]) return intRank[b.base]! > intRank[a.base]! ? 'widening' : 'narrowing';
  if (a.base === b.base && sized.has(a.base))
    return (b.args[0] ?? Infinity) >= (a.args[0] ?? Infinity) ? 'widening' : 'narrowing';
  if (a.base === b.base && a.base === 'numeric') {
    const [p1 = 1000, s1 = 0] = a.args;
    const [p2 = 1000, s2 = 0] = b.args;
    return p2 >= p1 && s2 >= s1 && p2 - s2 >= p1 - s1 ? 'widening' : 'narrowing';
  }
  if (a.base === b.base && precise.has(a.base)) return (b.args[0] ?? 6) >= (a.args[0] ?? 6) ? 'widening' : 'narrowing';
  if (a.base === 'double' && b.base === 'real') return 'narrowing';
  if (a.base === 'real' && b.base === 'double') return 'widening';
  if (a.base === 'text' && sized.has(b.base)) return 'narrowing';
  if (sized.has(a.base) && b.base === 'text') return 'widening';
  return 'conversion';
}

/** PostgreSQL changes without a table rewrite: longer varchar, varchar -> text, wider numeric at the same scale. */
export function postgresRewritesTable(from: string, to: string): boolean {
  const a = parse(from);
  const b = parse(to);
  if (
    a.base === 'varchar' &&
    (b.base === 'text' || (b.base === 'varchar' && (b.args[0] ?? Infinity) >= (a.args[0] ?? Infinity)))
  )
    return false;
  if (
    a.base === 'numeric' &&
    b.base === 'numeric' &&
    (a.args[1] ?? 0) === (b.args[1] ?? 0) &&
    (b.args[0] ?? 1000) >= (a.args[0] ?? 1000)
  )
    return false;
  if (a.base === b.base && precise.has(a.base) && (b.args[0] ?? 6) >= (a.args[0] ?? 6)) return false;
  return true;
}

/** What a value must satisfy to fit a narrowed type, for counting the rows that do not (databaseFacts). */
export type FitTest =
  | { readonly kind: 'length'; readonly max: number; readonly bytes: boolean }
  | { readonly kind: 'range'; readonly min: string; readonly max: string }
  | { readonly kind: 'digits'; readonly integerDigits: number };

const intRange: Record<string, [string, string]> = {
  tinyint: ['-128', '127'],
  smallint: ['-32768', '32767'],
  int: ['-2147483648', '2147483647'],
};

/** The test of a narrowing change, undefined when a value is only rounded (precision, float) or unknown. */
export function fitTest(from: string, to: string): FitTest | undefined {
  if (classifyTypeChange(from, to) !== 'narrowing') return undefined;
  const a = parse(from);
  const b = parse(to);
  if (sized.has(b.base) && b.args[0] !== undefined && (a.base === b.base || a.base === 'text'))
    return { kind: 'length', max: b.args[0], bytes: b.base === 'varbinary' || b.base === 'binary' };
  const range = intRange[b.base];
  if (range && intRank[a.base]) return { kind: 'range', min: range[0], max: range[1] };
  if (a.base === 'numeric' && b.base === 'numeric' && b.args[0] !== undefined)
    return { kind: 'digits', integerDigits: b.args[0] - (b.args[1] ?? 0) };
  return undefined;
}
