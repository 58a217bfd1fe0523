// Reads the schema engine's human-readable migration summary (`diff` with `script: false`) into items
// the editor can place on schema lines. The engine prints sections such as:
//   [+] Added tables            [*] Changed the `users` table        [*] Changed the `Role` enum
//     - extra                     [+] Added column `nickname`          [+] Added variant `C`
//                                 [*] Altered column `age` (type changed)
//                                 [-] Removed unique index on columns (email)
// "Added" means present in the diff's destination and not in its source.

export type DiffChange = 'added' | 'removed' | 'changed';

export type DiffItemKind =
  | 'table'
  | 'view'
  | 'enum'
  | 'enumValue'
  | 'column'
  | 'index'
  | 'unique'
  | 'foreignKey'
  | 'primaryKey'
  /** SQLite redefines a table to change it: the engine gives no detail. */
  | 'tableRedefined'
  | 'other';

export interface DiffItem {
  readonly kind: DiffItemKind;
  readonly change: DiffChange;
  /** Database table (or view) name. */
  readonly table?: string;
  /** Database enum name (enum and enumValue items). */
  readonly enumName?: string;
  /** Column or enum value name. */
  readonly name?: string;
  /** Columns of an index, unique constraint, foreign key or primary key. */
  readonly columns?: readonly string[];
  /** What changed for an altered column: `changed from Required to Nullable`, `type changed`. */
  readonly detail?: string;
  /** The summary line as the engine wrote it. */
  readonly line: string;
}

const MARK: Record<string, DiffChange> = { '+': 'added', '-': 'removed', '*': 'changed' };

export function parseDiffSummary(stdout: string | null | undefined): DiffItem[] {
  const items: DiffItem[] = [];
  let section:
    | { kind: 'list'; item: 'table' | 'view' | 'enum'; change: DiffChange }
    | { kind: 'table'; table: string }
    | { kind: 'enum'; enumName: string }
    | undefined;
  for (const raw of (stdout ?? '').split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const top = /^\[([+\-*])\]\s+(.*)$/.exec(line);
    if (top) {
      const change = MARK[top[1]];
      const text = top[2];
      const list = /^(Added|Removed) (tables|views|enums)$/.exec(text);
      const changedTable = /^Changed the `(.+)` table$/.exec(text);
      const changedEnum = /^Changed the `(.+)` enum$/.exec(text);
      const redefined = /^Redefined table `(.+)`$/.exec(text);
      if (list) {
        section = {
          kind: 'list',
          item: list[2] === 'tables' ? 'table' : list[2] === 'views' ? 'view' : 'enum',
          change,
        };
      } else if (changedTable) {
        section = { kind: 'table', table: changedTable[1] };
      } else if (changedEnum) {
        section = { kind: 'enum', enumName: changedEnum[1] };
      } else if (redefined) {
        section = undefined;
        items.push({ kind: 'tableRedefined', change: 'changed', table: redefined[1], line: line.trim() });
      } else {
        section = undefined;
        items.push({ kind: 'other', change, line: line.trim() });
      }
      continue;
    }
    const entry = /^\s+-\s+(.+)$/.exec(line);
    if (entry && section?.kind === 'list') {
      const name = entry[1].trim();
      const item: DiffItem =
        section.item === 'enum'
          ? { kind: 'enum', change: section.change, enumName: name, line: line.trim() }
          : { kind: section.item, change: section.change, table: name, line: line.trim() };
      items.push(item);
      continue;
    }
    const sub = /^\s+\[([+\-*])\]\s+(.*)$/.exec(line);
    if (sub && section?.kind === 'table') {
      items.push(tableItem(section.table, MARK[sub[1]], sub[2], line.trim()));
      continue;
    }
    if (sub && section?.kind === 'enum') {
      const value = /^(?:Added|Removed) variant `(.+)`$/.exec(sub[2]);
      items.push(
        value
          ? { kind: 'enumValue', change: MARK[sub[1]], enumName: section.enumName, name: value[1], line: line.trim() }
          : { kind: 'enum', change: 'changed', enumName: section.enumName, detail: sub[2], line: line.trim() },
      );
      continue;
    }
    items.push({ kind: 'other', change: 'changed', line: line.trim() });
  }
  return items;
}

function tableItem(table: string, change: DiffChange, text: string, line: string): DiffItem {
  const column = /^(?:Added|Removed) column `(.+)`$/.exec(text);
  if (column) return { kind: 'column', change, table, name: column[1], line };
  const altered = /^Altered column `(.+?)`(?: \((.*)\))?$/.exec(text);
  if (altered)
    return {
      kind: 'column',
      change: 'changed',
      table,
      name: altered[1],
      detail: altered[2] ? readableDetail(altered[2]) : undefined,
      line,
    };
  const onColumns = /^(?:Added|Removed) (unique index|index|foreign key) on columns \((.*)\)$/.exec(text);
  if (onColumns) {
    const kind = onColumns[1] === 'unique index' ? 'unique' : onColumns[1] === 'index' ? 'index' : 'foreignKey';
    return { kind, change, table, columns: splitColumns(onColumns[2]), line };
  }
  if (/primary key/i.test(text)) {
    const cols = /\((.*)\)/.exec(text);
    return { kind: 'primaryKey', change, table, columns: cols ? splitColumns(cols[1]) : undefined, detail: text, line };
  }
  return { kind: 'other', change, table, detail: text, line };
}

function splitColumns(text: string): string[] {
  return text
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''))
    .filter((c) => c !== '');
}

/** `default changed from `Some(Value(Int(1)))` to `None`` -> `default changed from 1 to none`. */
export function readableDetail(detail: string): string {
  return detail
    .replace(/`None`/g, 'none')
    .replace(/`Some\((.*?)\)`(?=,|\s|$| to)/g, (_m, inner: string) => `\`${simplifyValue(inner)}\``)
    .replace(/Nullable/g, 'optional')
    .replace(/Required/g, 'required');
}

function simplifyValue(inner: string): string {
  const value = /^Value\((?:\w+)\((.*)\)\)$/.exec(inner);
  if (value) return value[1].replace(/^"(.*)"$/, "'$1'");
  const fn = /^(?:DbGenerated|Now|Sequence|UniqueRowid)/.exec(inner);
  return fn ? inner.replace(/^DbGenerated\(Some\("(.*)"\)\)$/, '$1') : inner;
}
