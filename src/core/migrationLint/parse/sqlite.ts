// SQLite through sql-parser-cst (pure JavaScript, synchronous): the one candidate that read every
// statement Prisma writes for SQLite, PRAGMAs and the RedefineTables pattern included.
import type { ColumnDef, ForeignKeyDef, IndexDef, Stmt } from './ir';
import { arr, at, obj, str } from './node';

type CstParse = (sql: string, options: { dialect: 'sqlite' }) => unknown;
let cstParse: CstParse | undefined;

export async function loadSqliteParser(): Promise<void> {
  if (cstParse) return;
  const m = await import('sql-parser-cst');
  cstParse = m.parse as unknown as CstParse;
}

export function sqliteParserLoaded(): boolean {
  return cstParse !== undefined;
}

const name = (v: unknown): string => str(at(v, 'name')) ?? str(at(v, 'text')) ?? '';
const listItems = (v: unknown): unknown[] => arr(at(v, 'expr', 'items'));
const identList = (v: unknown): string[] =>
  listItems(v).map((i) => (at(i, 'type') === 'index_specification' ? name(at(i, 'expr')) : name(i)));

/** `integer`, `text`, `decimal(10,2)`: what SQLite's CREATE TABLE says, lower-cased. */
function typeOf(dataType: unknown): string {
  const n = at(dataType, 'name');
  const base = Array.isArray(n) ? n.map((k) => str(at(k, 'text')) ?? '').join(' ') : (str(at(n, 'text')) ?? '');
  const params = listItems(at(dataType, 'params')).map((p) => str(at(p, 'text')) ?? String(at(p, 'value') ?? ''));
  return `${base.toLowerCase()}${params.length ? `(${params.join(',')})` : ''}`;
}

function column(def: unknown): ColumnDef {
  const kinds = arr(at(def, 'constraints')).map((c) => str(at(c, 'type')) ?? str(at(c, 'constraint', 'type')));
  return {
    name: name(at(def, 'name')),
    type: typeOf(at(def, 'dataType')),
    notNull: kinds.includes('constraint_not_null') || kinds.includes('constraint_primary_key'),
    hasDefault:
      kinds.includes('constraint_default') ||
      kinds.includes('constraint_auto_increment') ||
      kinds.includes('constraint_generated'),
    primaryKey: kinds.includes('constraint_primary_key'),
  };
}

export function parseSqlite(sql: string): Stmt {
  if (!cstParse) throw new Error('the SQLite parser is not loaded (call loadParsers first)');
  const tree = cstParse(sql, { dialect: 'sqlite' });
  const s = obj(arr(at(tree, 'statements'))[0]);
  switch (s?.type) {
    case 'create_table_stmt': {
      const columns: ColumnDef[] = [];
      const foreignKeys: ForeignKeyDef[] = [];
      const indexes: IndexDef[] = [];
      let primaryKey: string[] = [];
      for (const item of listItems(s.columns)) {
        if (at(item, 'type') === 'column_definition') {
          const c = column(item);
          columns.push(c);
          if (c.primaryKey) primaryKey = [c.name];
          continue;
        }
        const c = at(item, 'type') === 'constraint' ? at(item, 'constraint') : item;
        if (at(c, 'type') === 'constraint_primary_key') primaryKey = identList(at(c, 'columns'));
        if (at(c, 'type') === 'constraint_foreign_key') {
          foreignKeys.push({
            name: name(at(item, 'name', 'name')) || undefined,
            columns: identList(at(c, 'columns')),
            refTable: name(at(c, 'references', 'table')),
          });
        }
        if (at(c, 'type') === 'constraint_unique') indexes.push({ unique: true, columns: identList(at(c, 'columns')) });
      }
      return { kind: 'createTable', table: name(s.name), columns, primaryKey, foreignKeys, indexes };
    }
    case 'alter_table_stmt':
      return {
        kind: 'alterTable',
        table: name(s.table),
        actions: arr(at(s.actions, 'items')).map((a) => {
          switch (at(a, 'type')) {
            case 'alter_action_add_column':
              return { kind: 'addColumn', column: column(at(a, 'column')) } as const;
            case 'alter_action_drop_column':
              return { kind: 'dropColumn', name: name(at(a, 'column')) } as const;
            case 'alter_action_rename':
              return { kind: 'renameTable', to: name(at(a, 'newName')) } as const;
            case 'alter_action_rename_column':
              return { kind: 'renameColumn', from: name(at(a, 'oldName')), to: name(at(a, 'newName')) } as const;
            default:
              return { kind: 'other' } as const;
          }
        }),
      };
    case 'create_index_stmt':
      return {
        kind: 'createIndex',
        table: name(s.table),
        concurrently: false,
        index: { name: name(s.name), unique: at(s, 'indexTypeKw', 'name') === 'UNIQUE', columns: identList(s.columns) },
      };
    case 'drop_table_stmt':
      return { kind: 'dropTable', tables: arr(at(s.tables, 'items')).map(name) };
    case 'drop_index_stmt':
      return { kind: 'dropIndex', names: arr(at(s.indexes, 'items')).map(name) };
    case 'insert_stmt': {
      const clauses = arr(s.clauses);
      const insert = clauses.find((c) => at(c, 'type') === 'insert_clause');
      const select = clauses.find((c) => at(c, 'type') === 'select_stmt');
      const selClauses = arr(at(select, 'clauses'));
      const selectClause = selClauses.find((c) => at(c, 'type') === 'select_clause');
      const fromClause = selClauses.find((c) => at(c, 'type') === 'from_clause');
      return {
        kind: 'insertSelect',
        table: name(at(insert, 'table')),
        columns: identList(at(insert, 'columns')),
        selected: arr(at(selectClause, 'columns', 'items')).map(name),
        from: fromClause ? name(at(fromClause, 'expr')) : undefined,
      };
    }
    default:
      return { kind: 'other' };
  }
}
