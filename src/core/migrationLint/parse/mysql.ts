// MySQL / MariaDB through node-sql-parser's MySQL grammar (its 280 KB mysql build only): it read
// MODIFY, CURRENT_TIMESTAMP(3), inline ENUM(...) and the table options Prisma writes, where
// sql-parser-cst's MySQL dialect did not.
import type { AlterAction, ColumnDef, IndexDef, Stmt } from './ir';
import { arr, at, obj, str } from './node';

interface NspParser {
  astify(sql: string, options: { database: string }): unknown;
}
let parser: NspParser | undefined;

export async function loadMysqlParser(): Promise<void> {
  if (parser) return;
  const m = (await import('node-sql-parser/build/mysql.js')) as {
    Parser?: new () => NspParser;
    default?: { Parser: new () => NspParser };
  };
  const Parser = m.Parser ?? m.default?.Parser;
  if (!Parser) throw new Error('node-sql-parser/build/mysql has no Parser export');
  parser = new Parser();
}

export function mysqlParserLoaded(): boolean {
  return parser !== undefined;
}

const colName = (v: unknown): string => {
  const c = at(v, 'column');
  return str(c) ?? str(at(c, 'expr', 'value')) ?? '';
};
const tableName = (v: unknown): string => str(at(arr(v)[0] ?? v, 'table')) ?? '';

function typeOf(def: unknown): { type: string; enumValues?: string[] } {
  const dataType = (str(at(def, 'dataType')) ?? '').toLowerCase();
  const enumValues =
    dataType === 'enum' ? arr(at(def, 'expr', 'value')).map((v) => String(at(v, 'value') ?? '')) : undefined;
  const length = at(def, 'length');
  const scale = at(def, 'scale');
  const mods =
    length !== undefined && length !== null
      ? `(${String(length)}${scale !== undefined && scale !== null ? `,${String(scale)}` : ''})`
      : '';
  return { type: enumValues ? `enum(${enumValues.join(',')})` : `${aliases[dataType] ?? dataType}${mods}`, enumValues };
}

const aliases: Record<string, string> = { integer: 'int' };

function column(d: unknown): ColumnDef {
  const { type, enumValues } = typeOf(at(d, 'definition'));
  return {
    name: colName(at(d, 'column')),
    type,
    notNull: at(d, 'nullable', 'type') === 'not null',
    hasDefault:
      (at(d, 'default_val') !== undefined && at(d, 'default_val') !== null) || at(d, 'auto_increment') !== undefined,
    primaryKey: at(d, 'primary_key') !== undefined && at(d, 'primary_key') !== null,
    enumValues,
  };
}

const keyColumns = (v: unknown): string[] => arr(v).map((c) => str(at(c, 'column')) ?? colName(c));

/** CHANGE old new …: a rename (when the name differs) and the new definition. */
function alterActions(e: unknown): AlterAction[] {
  if (at(e, 'action') !== 'change') return [alterAction(e)];
  const from = colName(at(e, 'old_column'));
  const def = column(e);
  return from && from !== def.name
    ? [
        { kind: 'renameColumn', from, to: def.name },
        { kind: 'modifyColumn', column: def },
      ]
    : [{ kind: 'modifyColumn', column: def }];
}

export function parseMysql(sql: string): Stmt {
  if (!parser) throw new Error('the MySQL parser is not loaded (call loadParsers first)');
  const ast = parser.astify(sql, { database: 'MySQL' });
  const s = obj(Array.isArray(ast) ? ast[0] : ast);
  if (!s) return { kind: 'other' };
  if (s.type === 'create' && s.keyword === 'table') {
    const columns: ColumnDef[] = [];
    const indexes: IndexDef[] = [];
    let primaryKey: string[] = [];
    const foreignKeys: { name?: string; columns: string[]; refTable: string }[] = [];
    for (const d of arr(s.create_definitions)) {
      if (at(d, 'resource') === 'column') columns.push(column(d));
      const ct = String(at(d, 'constraint_type') ?? '').toLowerCase();
      if (ct === 'primary key') primaryKey = keyColumns(at(d, 'definition'));
      else if (ct.startsWith('unique'))
        indexes.push({ name: str(at(d, 'index')), unique: true, columns: keyColumns(at(d, 'definition')) });
      else if (ct === 'foreign key')
        foreignKeys.push({
          name: str(at(d, 'constraint')),
          columns: keyColumns(at(d, 'definition')),
          refTable: tableName(at(d, 'reference_definition', 'table')),
        });
      else if (at(d, 'resource') === 'index')
        indexes.push({ name: str(at(d, 'index')), unique: false, columns: keyColumns(at(d, 'definition')) });
    }
    return { kind: 'createTable', table: tableName(s.table), columns, primaryKey, foreignKeys, indexes };
  }
  if (s.type === 'alter')
    return { kind: 'alterTable', table: tableName(s.table), actions: arr(s.expr).flatMap(alterActions) };
  if (s.type === 'rename') {
    // RENAME TABLE a TO b[, c TO d]: the first pair (Prisma never writes it; a hand edit renames one)
    const [from, to] = arr(arr(s.table)[0]);
    return {
      kind: 'alterTable',
      table: str(at(from, 'table')) ?? '',
      actions: [{ kind: 'renameTable', to: str(at(to, 'table')) ?? '' }],
    };
  }
  if (s.type === 'create' && s.keyword === 'index') {
    return {
      kind: 'createIndex',
      table: tableName(s.table),
      concurrently: false,
      index: { name: str(s.index), unique: s.index_type === 'unique', columns: keyColumns(s.index_columns) },
    };
  }
  if (s.type === 'drop' && s.keyword === 'table')
    return { kind: 'dropTable', tables: arr(s.name).map((t) => str(at(t, 'table')) ?? '') };
  if (s.type === 'drop' && s.keyword === 'index')
    return { kind: 'dropIndex', names: [colName(s.name) || (str(at(s.name, 'column')) ?? '')] };
  return { kind: 'other' };
}

function alterAction(e: unknown): AlterAction {
  const action = at(e, 'action');
  const resource = at(e, 'resource');
  if (action === 'add' && resource === 'column') return { kind: 'addColumn', column: column(e) };
  if (action === 'drop' && resource === 'column') return { kind: 'dropColumn', name: colName(at(e, 'column')) };
  if (action === 'modify') return { kind: 'modifyColumn', column: column(e) };
  if (action === 'rename' && resource === 'table') return { kind: 'renameTable', to: str(at(e, 'table')) ?? '' };
  if (action === 'drop' && resource === 'key' && at(e, 'keyword') === 'foreign key')
    return { kind: 'dropConstraint', name: str(at(e, 'key')) ?? '', foreignKey: true };
  if (action === 'rename' && resource === 'column')
    return { kind: 'renameColumn', from: colName(at(e, 'old_column')), to: colName(at(e, 'column')) };
  if (action === 'add' && resource === 'constraint') {
    const d = at(e, 'create_definitions');
    const ct = String(at(d, 'constraint_type') ?? '').toLowerCase();
    if (ct === 'foreign key')
      return {
        kind: 'addForeignKey',
        fk: {
          name: str(at(d, 'constraint')),
          columns: keyColumns(at(d, 'definition')),
          refTable: tableName(at(d, 'reference_definition', 'table')),
        },
      };
    if (ct.startsWith('unique'))
      return {
        kind: 'addIndex',
        ...(at(d, 'keyword') === 'constraint' ? { constraint: 'unique' as const } : {}),
        index: {
          name: str(at(d, 'index')) ?? str(at(d, 'constraint')),
          unique: true,
          columns: keyColumns(at(d, 'definition')),
        },
      };
    if (ct === 'primary key')
      return {
        kind: 'addIndex',
        constraint: 'primaryKey',
        index: { name: 'PRIMARY', unique: true, columns: keyColumns(at(d, 'definition')) },
      };
  }
  return { kind: 'other' };
}
