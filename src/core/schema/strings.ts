// Small string helpers of the schema reader, written for speed: slicing without an intermediate copy,
// and shared constants for the names every schema repeats (`String`, `id`, `default`, `db.VarChar`),
// so a 1,000-model schema does not hold thousands of copies of them.

/** The built-in scalar types: a field of one of these types is never a relation, enum or composite. */
export const SCALAR_TYPES: readonly string[] = [
  'String',
  'Boolean',
  'Int',
  'BigInt',
  'Float',
  'Decimal',
  'DateTime',
  'Json',
  'Bytes',
];

const ATTRIBUTE_NAMES = [
  'id',
  'unique',
  'default',
  'map',
  'updatedAt',
  'relation',
  'index',
  'ignore',
  'schema',
  'fulltext',
  'shardKey',
  'db.VarChar',
  'db.Char',
  'db.Text',
  'db.Uuid',
  'db.Decimal',
  'db.Timestamp',
  'db.Timestamptz',
  'db.Date',
  'db.Time',
  'db.Integer',
  'db.Int',
  'db.SmallInt',
  'db.BigInt',
  'db.Boolean',
  'db.DoublePrecision',
  'db.Real',
  'db.JsonB',
  'db.Json',
  'db.ByteA',
  'db.Money',
  'db.Inet',
  'db.Citext',
  'db.Xml',
  'db.ObjectId',
  'db.DateTime',
  'db.TinyInt',
  'db.LongText',
  'db.MediumText',
  'db.TinyText',
  'db.Double',
  'db.Float',
  'db.NVarChar',
  'db.NText',
  'db.UniqueIdentifier',
];

/** Candidates by length, for `internScalar` / `internName`. */
function byLength(names: readonly string[]): string[][] {
  const table: string[][] = [];
  for (const name of names) (table[name.length] ??= []).push(name);
  return table;
}

const SCALARS_BY_LENGTH = byLength(SCALAR_TYPES);
const NAMES_BY_LENGTH = byLength([...SCALAR_TYPES, ...ATTRIBUTE_NAMES]);

function lookup(table: string[][], text: string, start: number, end: number): string | undefined {
  const candidates = table[end - start];
  if (candidates === undefined) return undefined;
  const first = text.charCodeAt(start);
  for (const name of candidates) {
    if (name.charCodeAt(0) === first && text.startsWith(name, start)) return name;
  }
  return undefined;
}

/** `text[start, end)` when it is a built-in scalar type name (the shared constant), else undefined. */
export function internScalar(text: string, start: number, end: number): string | undefined {
  return lookup(SCALARS_BY_LENGTH, text, start, end);
}

/** `text.slice(start, end)`, as a shared constant when it is a common type or attribute name. */
export function sliceName(text: string, start: number, end: number): string {
  return lookup(NAMES_BY_LENGTH, text, start, end) ?? text.slice(start, end);
}

/** What `String.prototype.trim` removes (and the regular expression `\s` matches). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `text.slice(start, end).trim()` without the untrimmed copy. */
export function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}
