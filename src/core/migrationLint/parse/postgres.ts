// PostgreSQL through libpg-query: the real PostgreSQL parser compiled to wasm (loaded once, ~170 ms),
// then synchronous and fast (~0.1 ms/KB). Its JSON tree is mapped onto our statement model.
import type { AlterAction, ColumnDef, ForeignKeyDef, Stmt } from './ir';
import { arr, at, obj, str } from './node';

interface PgQuery {
  loadModule(): Promise<void>;
  parseSync(sql: string): unknown;
}

let module: PgQuery | undefined;
let loading: Promise<PgQuery> | undefined;

export function loadPostgresParser(): Promise<PgQuery> {
  loading ??= (async () => {
    const m = (await import('libpg-query')) as unknown as PgQuery;
    await m.loadModule();
    module = m;
    return m;
  })();
  return loading;
}

export function postgresParserLoaded(): boolean {
  return module !== undefined;
}

export function parsePostgres(sql: string): Stmt {
  if (!module) throw new Error('the PostgreSQL parser is not loaded (call loadParsers first)');
  const tree = module.parseSync(sql);
  const stmt = obj(at(arr(at(tree, 'stmts'))[0], 'stmt'));
  if (!stmt) return { kind: 'other' };
  const [kind] = Object.keys(stmt);
  const body = obj(stmt[kind ?? '']) ?? {};
  switch (kind) {
    case 'CreateStmt':
      return createTable(body);
    case 'AlterTableStmt':
      if (at(body, 'objtype') !== 'OBJECT_TABLE') return { kind: 'other' };
      return {
        kind: 'alterTable',
        table: relname(body.relation),
        actions: arr(body.cmds).map((c) => alterAction(obj(at(c, 'AlterTableCmd')) ?? {})),
      };
    case 'IndexStmt':
      return {
        kind: 'createIndex',
        table: relname(body.relation),
        concurrently: body.concurrent === true,
        index: {
          name: str(body.idxname),
          unique: body.unique === true,
          columns: arr(body.indexParams).map((p) => str(at(p, 'IndexElem', 'name')) ?? '(expression)'),
        },
      };
    case 'DropStmt': {
      const names = arr(body.objects).map((o) =>
        lastName(arr(at(o, 'List', 'items')).length ? arr(at(o, 'List', 'items')) : arr(at(o, 'TypeName', 'names'))),
      );
      if (body.removeType === 'OBJECT_TABLE') return { kind: 'dropTable', tables: names };
      if (body.removeType === 'OBJECT_INDEX')
        return { kind: 'dropIndex', names, ...(body.concurrent === true ? { concurrently: true } : {}) };
      if (body.removeType === 'OBJECT_TYPE') return { kind: 'dropType', names };
      return { kind: 'other' };
    }
    case 'CreateEnumStmt':
      return {
        kind: 'createEnum',
        name: lastName(arr(body.typeName)),
        values: arr(body.vals).map((v) => str(at(v, 'String', 'sval')) ?? ''),
      };
    case 'RenameStmt': {
      if (body.renameType === 'OBJECT_TYPE')
        return {
          kind: 'renameType',
          from: lastName(arr(at(body.object, 'List', 'items'))),
          to: str(body.newname) ?? '',
        };
      if (body.renameType === 'OBJECT_COLUMN') {
        return {
          kind: 'alterTable',
          table: relname(body.relation),
          actions: [{ kind: 'renameColumn', from: str(body.subname) ?? '', to: str(body.newname) ?? '' }],
        };
      }
      if (body.renameType === 'OBJECT_TABLE')
        return {
          kind: 'alterTable',
          table: relname(body.relation),
          actions: [{ kind: 'renameTable', to: str(body.newname) ?? '' }],
        };
      return { kind: 'other' };
    }
    case 'InsertStmt': {
      const from = arr(at(body.selectStmt, 'SelectStmt', 'fromClause'))[0];
      return {
        kind: 'insertSelect',
        table: relname(body.relation),
        columns: arr(body.cols).map((c) => str(at(c, 'ResTarget', 'name')) ?? ''),
        selected: arr(at(body.selectStmt, 'SelectStmt', 'targetList')).map((t) =>
          lastName(arr(at(t, 'ResTarget', 'val', 'ColumnRef', 'fields'))),
        ),
        from: from ? relname(at(from, 'RangeVar')) : undefined,
      };
    }
    default:
      return { kind: 'other' };
  }
}

function relname(v: unknown): string {
  return str(at(v, 'relname')) ?? '';
}

function lastName(items: unknown[]): string {
  const last = items[items.length - 1];
  return str(at(last, 'String', 'sval')) ?? '';
}

/** `varchar(50)`, `int4`, `text[]`, `Status` (user types keep their case). */
export function pgType(typeName: unknown): string {
  const names = arr(at(typeName, 'names')).map((n) => str(at(n, 'String', 'sval')) ?? '');
  const catalog = names[0] === 'pg_catalog';
  const base = catalog ? (names[names.length - 1] ?? '') : names.filter((n) => n !== 'public').join('.');
  const mods = arr(at(typeName, 'typmods')).map((m) => {
    const c = obj(at(m, 'A_Const'));
    const v = at(c, 'ival', 'ival') ?? at(c, 'sval', 'sval') ?? (c && obj(c.ival) ? 0 : undefined);
    return String(v ?? '?');
  });
  const bounds = arr(at(typeName, 'arrayBounds')).length ? '[]' : '';
  const name = catalog || /^[a-z0-9_ ]+$/.test(base) ? base.toLowerCase() : base;
  return `${aliases[name] ?? name}${mods.length ? `(${mods.join(',')})` : ''}${bounds}`;
}

const aliases: Record<string, string> = {
  serial: 'int4',
  bigserial: 'int8',
  smallserial: 'int2',
  integer: 'int4',
  bigint: 'int8',
  smallint: 'int2',
};

function columnDef(def: unknown): ColumnDef {
  const constraints = arr(at(def, 'constraints')).map((c) => str(at(c, 'Constraint', 'contype')));
  const rawType =
    arr(at(def, 'typeName', 'names'))
      .map((n) => str(at(n, 'String', 'sval')) ?? '')
      .pop() ?? '';
  const serial = /^(small|big)?serial$/i.test(rawType);
  const volatileDefault = serial
    ? rawType.toUpperCase()
    : constraints.includes('CONSTR_IDENTITY')
      ? 'GENERATED AS IDENTITY'
      : constraints.includes('CONSTR_GENERATED')
        ? 'GENERATED ALWAYS AS (…) STORED'
        : volatileCall(
            arr(at(def, 'constraints'))
              .map((c) => at(c, 'Constraint'))
              .find((c) => at(c, 'contype') === 'CONSTR_DEFAULT'),
          );
  return {
    name: str(at(def, 'colname')) ?? '',
    type: pgType(at(def, 'typeName')),
    notNull: constraints.includes('CONSTR_NOTNULL') || constraints.includes('CONSTR_PRIMARY'),
    hasDefault:
      serial || constraints.some((c) => c === 'CONSTR_DEFAULT' || c === 'CONSTR_IDENTITY' || c === 'CONSTR_GENERATED'),
    primaryKey: constraints.includes('CONSTR_PRIMARY'),
    ...(volatileDefault ? { volatileDefault } : {}),
  };
}

/** PostgreSQL's built-in volatile functions a column default calls (now() and CURRENT_TIMESTAMP are stable). */
const VOLATILE = new Set([
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'random',
  'random_normal',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'gen_random_bytes',
]);

/** `gen_random_uuid()` when the default calls a volatile function (anywhere in its expression). */
function volatileCall(constraint: unknown): string | undefined {
  let found: string | undefined;
  const walk = (v: unknown): void => {
    if (found || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const call = obj((v as Record<string, unknown>).FuncCall);
    const fn = call ? lastName(arr(call.funcname)) : undefined;
    if (fn && VOLATILE.has(fn.toLowerCase())) {
      found = `${fn}()`;
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(at(constraint, 'raw_expr'));
  return found;
}

function foreignKey(c: unknown): ForeignKeyDef {
  return {
    name: str(at(c, 'conname')),
    columns: arr(at(c, 'fk_attrs')).map((a) => str(at(a, 'String', 'sval')) ?? ''),
    refTable: relname(at(c, 'pktable')),
    notValid: at(c, 'skip_validation') === true,
  };
}

function createTable(body: Record<string, unknown>): Stmt {
  const columns: ColumnDef[] = [];
  const foreignKeys: ForeignKeyDef[] = [];
  let primaryKey: string[] = [];
  for (const e of arr(body.tableElts)) {
    const col = at(e, 'ColumnDef');
    if (col) {
      columns.push(columnDef(col));
      continue;
    }
    const c = at(e, 'Constraint');
    if (at(c, 'contype') === 'CONSTR_PRIMARY')
      primaryKey = arr(at(c, 'keys')).map((k) => str(at(k, 'String', 'sval')) ?? '');
    if (at(c, 'contype') === 'CONSTR_FOREIGN') foreignKeys.push(foreignKey(c));
  }
  for (const col of columns) if (col.primaryKey) primaryKey = [col.name];
  return { kind: 'createTable', table: relname(body.relation), columns, primaryKey, foreignKeys, indexes: [] };
}

function alterAction(cmd: Record<string, unknown>): AlterAction {
  const name = str(cmd.name) ?? '';
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return { kind: 'addColumn', column: columnDef(at(cmd, 'def', 'ColumnDef')) };
    case 'AT_DropColumn':
      return { kind: 'dropColumn', name };
    case 'AT_AlterColumnType':
      return {
        kind: 'alterType',
        name,
        type: pgType(at(cmd, 'def', 'ColumnDef', 'typeName')),
        using: at(cmd, 'def', 'ColumnDef', 'raw_default') !== undefined,
      };
    case 'AT_SetNotNull':
      return { kind: 'setNotNull', name };
    case 'AT_AddConstraint': {
      const c = at(cmd, 'def', 'Constraint');
      if (at(c, 'contype') === 'CONSTR_FOREIGN') return { kind: 'addForeignKey', fk: foreignKey(c) };
      const contype = at(c, 'contype');
      if (contype === 'CONSTR_UNIQUE' || contype === 'CONSTR_PRIMARY') {
        const usingIndex = str(at(c, 'indexname'));
        return {
          kind: 'addIndex',
          constraint: contype === 'CONSTR_UNIQUE' ? 'unique' : 'primaryKey',
          ...(usingIndex ? { usingIndex } : {}),
          index: {
            name: str(at(c, 'conname')),
            unique: true,
            columns: arr(at(c, 'keys')).map((k) => str(at(k, 'String', 'sval')) ?? ''),
          },
        };
      }
      return { kind: 'other' };
    }
    case 'AT_DropConstraint':
      return { kind: 'dropConstraint', name };
    default:
      return { kind: 'other' };
  }
}
