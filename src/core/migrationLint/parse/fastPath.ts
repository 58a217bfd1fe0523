// Prisma writes migration SQL from a handful of fixed templates. Statements that match one of those
// templates EXACTLY (quoted identifiers without escapes, literal defaults, the clause order Prisma uses)
// are read here with anchored regular expressions instead of the dialect's full parser; anything else
// (a hand edit, an expression default, a type this file does not map) returns undefined and goes to the
// real parser. Every shape accepted is valid SQL of its dialect, so an unreadable statement is never
// waved through, and test/unit/migrationLint/fastPath.test.ts checks that each result equals the real
// parser's on every statement of the generated and sample migrations.
// Why: the SQLite parser (sql-parser-cst, a PEG parser) needs ~0.4 ms a statement and the MySQL one
// (node-sql-parser) ~1.5 ms; these take ~2 µs, which is most of the lint of a long migration history.
import type { AlterAction, ColumnDef, ForeignKeyDef, IndexDef, Stmt } from './ir';

type FastDialect = 'postgresql' | 'sqlite' | 'mysql';

const ID = '"([^"\\s][^"]*)"'; // a quoted identifier without `""` escapes (one capture)
const IDS = '"[^",]+"(?:\\s*,\\s*"[^",]+")*'; // a list of them, names without commas (no capture)
const idList = (s: string): string[] => s.split(',').map((x) => x.trim().slice(1, -1));

const PRAGMA = /^PRAGMA\s+[A-Za-z_]+\s*(?:=\s*(?:ON|OFF|[0-9]+|[A-Za-z_]+))?$/i;
const CREATE_INDEX = new RegExp(`^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+${ID}\\s+ON\\s+${ID}\\s*\\((${IDS})\\)$`);
const DROP_INDEX = new RegExp(`^DROP\\s+INDEX\\s+${ID}$`);
const DROP_TABLE = new RegExp(`^DROP\\s+TABLE\\s+${ID}$`);
const RENAME_TABLE = new RegExp(`^ALTER\\s+TABLE\\s+${ID}\\s+RENAME\\s+TO\\s+${ID}$`);
const INSERT_SELECT = new RegExp(`^INSERT\\s+INTO\\s+${ID}\\s*\\((${IDS})\\)\\s+SELECT\\s+(${IDS})\\s+FROM\\s+${ID}$`);
const ON_ACTION = '(?:CASCADE|RESTRICT|SET\\s+NULL|SET\\s+DEFAULT|NO\\s+ACTION)';
const FK_TAIL = `FOREIGN\\s+KEY\\s*\\((${IDS})\\)\\s*REFERENCES\\s+${ID}\\s*\\(${IDS}\\)(?:\\s+ON\\s+DELETE\\s+${ON_ACTION})?(?:\\s+ON\\s+UPDATE\\s+${ON_ACTION})?`;
const PG_ADD_FK = new RegExp(`^ALTER\\s+TABLE\\s+${ID}\\s+ADD\\s+CONSTRAINT\\s+${ID}\\s+${FK_TAIL}$`);
const PG_CREATE_ENUM = new RegExp(`^CREATE\\s+TYPE\\s+${ID}\\s+AS\\s+ENUM\\s*\\(('[^']*'(?:\\s*,\\s*'[^']*')*)\\)$`);
const CREATE_TABLE = new RegExp(`^CREATE\\s+TABLE\\s+${ID}\\s*\\(([\\s\\S]*)\\)$`);
const SQLITE_ADD_COLUMN = new RegExp(`^ALTER\\s+TABLE\\s+${ID}\\s+ADD\\s+COLUMN\\s+([\\s\\S]+)$`);
const SQLITE_DROP_COLUMN = new RegExp(`^ALTER\\s+TABLE\\s+${ID}\\s+DROP\\s+COLUMN\\s+${ID}$`);

// SQLite column: "name" TYPE then Prisma's constraints in Prisma's order, each optional.
const SQLITE_TYPES = new Set([
  'integer',
  'text',
  'real',
  'datetime',
  'boolean',
  'bigint',
  'decimal',
  'blob',
  'jsonb',
  'numeric',
]);
const LITERAL = `(?:-?[0-9]+(?:\\.[0-9]+)?|'[^']*'|CURRENT_TIMESTAMP|true|false|NULL)`;
const SQLITE_COLUMN = new RegExp(
  `^${ID}\\s+([A-Za-z]+)(\\s+NOT\\s+NULL)?(\\s+PRIMARY\\s+KEY(?:\\s+AUTOINCREMENT)?)?(\\s+DEFAULT\\s+${LITERAL})?$`,
);
const SQLITE_PK = new RegExp(`^(?:CONSTRAINT\\s+"[^"]+"\\s+)?PRIMARY\\s+KEY\\s*\\((${IDS})\\)$`);
const SQLITE_FK = new RegExp(`^(?:CONSTRAINT\\s+${ID}\\s+)?${FK_TAIL}$`);

// PostgreSQL column: "name" TYPE [NOT NULL] [DEFAULT literal], TYPE one of the types below (how libpg-query
// names them, see postgres.ts pgType) or a quoted enum type, optionally an array.
const PG_TYPES: Record<string, string> = {
  INTEGER: 'int4',
  SERIAL: 'int4',
  BIGINT: 'int8',
  BIGSERIAL: 'int8',
  SMALLINT: 'int2',
  SMALLSERIAL: 'int2',
  TEXT: 'text',
  BOOLEAN: 'bool',
  'DOUBLE PRECISION': 'float8',
  REAL: 'float4',
  JSONB: 'jsonb',
  JSON: 'json',
  UUID: 'uuid',
  BYTEA: 'bytea',
  DATE: 'date',
};
const PG_MODDED: Record<string, string> = {
  DECIMAL: 'numeric',
  TIMESTAMP: 'timestamp',
  TIMESTAMPTZ: 'timestamptz',
  VARCHAR: 'varchar',
  TIME: 'time',
};
// a list default as Prisma writes it: ARRAY['en', 'fr']::TEXT[], ARRAY[]::INTEGER[]
const PG_SCALAR = "(?:-?[0-9]+(?:\\.[0-9]+)?|'[^']*'|true|false)";
const PG_ARRAY = `ARRAY\\[(?:${PG_SCALAR}(?:\\s*,\\s*${PG_SCALAR})*)?\\]::[A-Z]+(?: PRECISION)?(?:\\(\\d+(?:,\\d+)?\\))?\\[\\]`;
const PG_COLUMN = new RegExp(
  `^${ID}\\s+(?:"([A-Za-z_][A-Za-z0-9_]*)"|([A-Z]+(?: PRECISION)?)(?:\\((\\d+(?:,\\d+)?)\\))?)(\\[\\])?(\\s+NOT\\s+NULL)?(\\s+DEFAULT\\s+(?:${LITERAL}|${PG_ARRAY}))?$`,
);
const PG_PK = new RegExp(`^CONSTRAINT\\s+"[^"]+"\\s+PRIMARY\\s+KEY\\s*\\((${IDS})\\)$`);
const PG_ALTER = new RegExp(`^ALTER\\s+TABLE\\s+${ID}\\s+((?:ADD|DROP)\\s+COLUMN\\s[\\s\\S]*)$`);
const PG_DROP_COLUMN = new RegExp(`^DROP\\s+COLUMN\\s+${ID}$`);
const PG_ADD_COLUMN = /^ADD\s+COLUMN\s+([\s\S]+)$/;

function pgColumn(text: string): ColumnDef | undefined {
  const m = PG_COLUMN.exec(text);
  if (!m) return undefined;
  let type: string;
  if (m[2] !== undefined) {
    if (/^(?:(?:small|big)?serial|integer|bigint|smallint)$/.test(m[2])) return undefined; // pgType aliases these
    type = m[2];
  } else {
    const word = m[3]!;
    const mods = m[4];
    const base = mods === undefined ? PG_TYPES[word] : PG_MODDED[word];
    if (base === undefined) return undefined;
    type = mods === undefined ? base : `${base}(${mods})`;
  }
  const serial = /SERIAL$/.test(m[3] ?? '');
  return {
    name: m[1]!,
    type: `${type}${m[5] ?? ''}`,
    notNull: m[6] !== undefined,
    hasDefault: serial || m[7] !== undefined,
    primaryKey: false,
    ...(serial ? { volatileDefault: m[3] } : {}),
  };
}

function pgCreateTable(table: string, body: string): Stmt | undefined {
  const items = splitItems(body);
  if (!items) return undefined;
  const columns: ColumnDef[] = [];
  let primaryKey: string[] = [];
  for (const item of items) {
    if (item.charCodeAt(0) === 0x22) {
      const col = pgColumn(item);
      if (!col) return undefined;
      columns.push(col);
      continue;
    }
    const m = PG_PK.exec(item);
    if (!m) return undefined;
    primaryKey = idList(m[1]!);
  }
  return columns.length ? { kind: 'createTable', table, columns, primaryKey, foreignKeys: [], indexes: [] } : undefined;
}

function pgAlterColumns(table: string, rest: string): Stmt | undefined {
  const items = splitItems(rest);
  if (!items) return undefined;
  const actions: AlterAction[] = [];
  for (const item of items) {
    const drop = PG_DROP_COLUMN.exec(item);
    if (drop) {
      actions.push({ kind: 'dropColumn', name: drop[1]! });
      continue;
    }
    const add = PG_ADD_COLUMN.exec(item);
    const column = add ? pgColumn(add[1]!) : undefined;
    if (!column) return undefined;
    actions.push({ kind: 'addColumn', column });
  }
  return { kind: 'alterTable', table, actions };
}

/** The statement's model when it is one of Prisma's templates, else undefined (use the parser). */
export function fastParse(dialect: FastDialect, sql: string): Stmt | undefined {
  if (dialect === 'mysql') return mysqlFast(sql);
  const c = sql.charCodeAt(0) | 0x20; // first letter, lower-cased
  if (c === 0x70 /* p */) return dialect === 'sqlite' && PRAGMA.test(sql) ? { kind: 'other' } : undefined;
  if (c === 0x63 /* c */) {
    let m = CREATE_INDEX.exec(sql);
    if (m)
      return {
        kind: 'createIndex',
        table: m[3]!,
        concurrently: false,
        index: { name: m[2]!, unique: m[1] !== undefined, columns: idList(m[4]!) },
      };
    if (dialect === 'postgresql') {
      m = PG_CREATE_ENUM.exec(sql);
      if (m) return { kind: 'createEnum', name: m[1]!, values: [...m[2]!.matchAll(/'([^']*)'/g)].map((v) => v[1]!) };
      m = CREATE_TABLE.exec(sql);
      return m ? pgCreateTable(m[1]!, m[2]!) : undefined;
    }
    m = CREATE_TABLE.exec(sql);
    return m ? sqliteCreateTable(m[1]!, m[2]!) : undefined;
  }
  if (c === 0x64 /* d */) {
    let m = DROP_TABLE.exec(sql);
    if (m) return { kind: 'dropTable', tables: [m[1]!] };
    m = DROP_INDEX.exec(sql);
    return m ? { kind: 'dropIndex', names: [m[1]!] } : undefined;
  }
  if (c === 0x61 /* a */) {
    let m = RENAME_TABLE.exec(sql);
    if (m) return { kind: 'alterTable', table: m[1]!, actions: [{ kind: 'renameTable', to: m[2]! }] };
    if (dialect === 'postgresql') {
      m = PG_ADD_FK.exec(sql);
      if (m)
        return {
          kind: 'alterTable',
          table: m[1]!,
          actions: [
            { kind: 'addForeignKey', fk: { name: m[2]!, columns: idList(m[3]!), refTable: m[4]!, notValid: false } },
          ],
        };
      m = PG_ALTER.exec(sql);
      return m ? pgAlterColumns(m[1]!, m[2]!) : undefined;
    }
    m = SQLITE_DROP_COLUMN.exec(sql);
    if (m) return { kind: 'alterTable', table: m[1]!, actions: [{ kind: 'dropColumn', name: m[2]! }] };
    m = SQLITE_ADD_COLUMN.exec(sql);
    const column = m ? sqliteColumn(m[2]!) : undefined;
    return m && column
      ? { kind: 'alterTable', table: m[1]!, actions: [{ kind: 'addColumn', column } satisfies AlterAction] }
      : undefined;
  }
  if (c === 0x69 /* i */ && dialect === 'sqlite') {
    const m = INSERT_SELECT.exec(sql);
    if (!m) return undefined;
    const columns = idList(m[2]!);
    const selected = idList(m[3]!);
    return columns.length === selected.length
      ? { kind: 'insertSelect', table: m[1]!, columns, selected, from: m[4]! }
      : undefined;
  }
  return undefined;
}

function sqliteColumn(text: string): ColumnDef | undefined {
  const m = SQLITE_COLUMN.exec(text);
  if (!m) return undefined;
  const type = m[2]!.toLowerCase();
  if (!SQLITE_TYPES.has(type)) return undefined;
  const primaryKey = m[4] !== undefined;
  return {
    name: m[1]!,
    type,
    notNull: m[3] !== undefined || primaryKey,
    hasDefault: m[5] !== undefined || /AUTOINCREMENT/.test(m[4] ?? ''),
    primaryKey,
  };
}

/**
 * The comma-separated items of a list, split outside (...) and quotes; undefined when a comment or other
 * quoting is in it. `backticks`: MySQL, where `...` quotes identifiers and "..." is not used by Prisma.
 */
function splitItems(body: string, backticks = false): string[] | undefined {
  let depth = 0;
  let from = 0;
  const items: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    if (ch === 0x27 || (backticks ? ch === 0x60 : ch === 0x22)) {
      const close = body.indexOf(String.fromCharCode(ch), i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (ch === 0x28 || ch === 0x5b) depth++;
    else if (ch === 0x29 || ch === 0x5d) depth--;
    else if (ch === 0x2c && depth === 0) {
      items.push(body.slice(from, i).trim());
      from = i + 1;
    } else if (
      (ch === 0x2d && body.charCodeAt(i + 1) === 0x2d) ||
      (ch === 0x2f && body.charCodeAt(i + 1) === 0x2a) ||
      (backticks ? ch === 0x22 || ch === 0x23 || ch === 0x5c : ch === 0x60) ||
      ch === 0x3b
    ) {
      return undefined; // comments, other quotes, `;`: leave it to the parser
    }
  }
  if (depth !== 0) return undefined;
  items.push(body.slice(from).trim());
  return items;
}

function sqliteCreateTable(table: string, body: string): Stmt | undefined {
  const columns: ColumnDef[] = [];
  const foreignKeys: ForeignKeyDef[] = [];
  const indexes: IndexDef[] = [];
  let primaryKey: string[] = [];
  const items = splitItems(body);
  if (!items) return undefined;
  for (const item of items) {
    const first = item.charCodeAt(0);
    if (first === 0x22 /* " */) {
      const col = sqliteColumn(item);
      if (!col) return undefined;
      columns.push(col);
      if (col.primaryKey) primaryKey = [col.name];
      continue;
    }
    let m = SQLITE_PK.exec(item);
    if (m) {
      primaryKey = idList(m[1]!);
      continue;
    }
    m = SQLITE_FK.exec(item);
    if (!m) return undefined;
    foreignKeys.push({ name: m[1], columns: idList(m[2]!), refTable: m[3]! });
  }
  return columns.length ? { kind: 'createTable', table, columns, primaryKey, foreignKeys, indexes } : undefined;
}

// MySQL / MariaDB: Prisma's templates with backtick identifiers. Types are named as parseMysql names them
// (lower-case, INTEGER -> int, `(p,s)` without spaces); UNSIGNED, ZEROFILL, charsets, expression
// defaults, ON UPDATE and anything else go to the parser.
const MID = '`([^`\\s][^`]*)`'; // a backtick identifier without `` escapes (one capture)
const MIDS = '`[^`,]+`(?:\\s*,\\s*`[^`,]+`)*';
const midList = (s: string): string[] => s.split(',').map((x) => x.trim().slice(1, -1));
const MY_TYPES = new Set([
  'int',
  'integer',
  'bigint',
  'smallint',
  'tinyint',
  'mediumint',
  'varchar',
  'char',
  'text',
  'tinytext',
  'mediumtext',
  'longtext',
  'datetime',
  'timestamp',
  'date',
  'time',
  'double',
  'float',
  'decimal',
  'boolean',
  'json',
  'blob',
  'tinyblob',
  'mediumblob',
  'longblob',
  'binary',
  'varbinary',
  'bit',
  'year',
]);
const MY_LITERAL = "(?:-?[0-9]+(?:\\.[0-9]+)?|'[^'\\\\]*'|CURRENT_TIMESTAMP(?:\\([0-9]\\))?|true|false|NULL)";
const MY_COLUMN = new RegExp(
  `^${MID}\\s+(?:([A-Za-z]+)(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?|ENUM\\(('[^'\\\\]*'(?:\\s*,\\s*'[^'\\\\]*')*)\\))\\s+(NOT\\s+)?NULL(\\s+AUTO_INCREMENT)?(\\s+DEFAULT\\s+${MY_LITERAL})?$`,
);
const MY_PK = new RegExp(`^PRIMARY\\s+KEY\\s*\\((${MIDS})\\)$`);
const MY_INLINE_INDEX = new RegExp(`^(UNIQUE\\s+)?INDEX\\s+${MID}\\s*\\((${MIDS})\\)$`);
const MY_CREATE_TABLE = new RegExp(
  `^CREATE\\s+TABLE\\s+${MID}\\s*\\(([\\s\\S]*)\\)(?:\\s+DEFAULT\\s+CHARACTER\\s+SET\\s+\\w+\\s+COLLATE\\s+\\w+)?$`,
);
const MY_CREATE_INDEX = new RegExp(`^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+${MID}\\s+ON\\s+${MID}\\s*\\((${MIDS})\\)$`);
const MY_DROP_INDEX = new RegExp(`^DROP\\s+INDEX\\s+${MID}\\s+ON\\s+${MID}$`);
const MY_DROP_TABLE = new RegExp(`^DROP\\s+TABLE\\s+${MID}$`);
const MY_ALTER = new RegExp(`^ALTER\\s+TABLE\\s+${MID}\\s+((?:ADD|DROP|MODIFY|RENAME)\\s[\\s\\S]*)$`);
const MY_ADD_FK = new RegExp(
  `^ADD\\s+CONSTRAINT\\s+${MID}\\s+FOREIGN\\s+KEY\\s*\\((${MIDS})\\)\\s*REFERENCES\\s+${MID}\\s*\\(${MIDS}\\)(?:\\s+ON\\s+DELETE\\s+${ON_ACTION})?(?:\\s+ON\\s+UPDATE\\s+${ON_ACTION})?$`,
);
const MY_ADD_COLUMN = /^ADD\s+COLUMN\s+([\s\S]+)$/;
const MY_MODIFY = /^MODIFY\s+([\s\S]+)$/;
const MY_DROP_COLUMN = new RegExp(`^DROP\\s+COLUMN\\s+${MID}$`);
const MY_RENAME_COLUMN = new RegExp(`^RENAME\\s+COLUMN\\s+${MID}\\s+TO\\s+${MID}$`);

function mysqlColumn(text: string): ColumnDef | undefined {
  const m = MY_COLUMN.exec(text);
  if (!m) return undefined;
  const hasDefault = m[7] !== undefined || m[8] !== undefined;
  if (m[5] !== undefined) {
    const enumValues = [...m[5].matchAll(/'([^']*)'/g)].map((v) => v[1]!);
    return {
      name: m[1]!,
      type: `enum(${enumValues.join(',')})`,
      notNull: m[6] !== undefined,
      hasDefault,
      primaryKey: false,
      enumValues,
    };
  }
  const word = m[2]!.toLowerCase();
  if (!MY_TYPES.has(word)) return undefined;
  const mods = m[3] === undefined ? '' : `(${m[3]}${m[4] === undefined ? '' : `,${m[4]}`})`;
  return {
    name: m[1]!,
    type: `${word === 'integer' ? 'int' : word}${mods}`,
    notNull: m[6] !== undefined,
    hasDefault,
    primaryKey: false,
    enumValues: undefined,
  };
}

function mysqlCreateTable(table: string, body: string): Stmt | undefined {
  const items = splitItems(body, true);
  if (!items) return undefined;
  const columns: ColumnDef[] = [];
  const indexes: IndexDef[] = [];
  let primaryKey: string[] = [];
  for (const item of items) {
    if (item === '') return undefined;
    if (item.charCodeAt(0) === 0x60) {
      const col = mysqlColumn(item);
      if (!col) return undefined;
      columns.push(col);
      continue;
    }
    let m = MY_PK.exec(item);
    if (m) {
      primaryKey = midList(m[1]!);
      continue;
    }
    m = MY_INLINE_INDEX.exec(item);
    if (!m) return undefined;
    indexes.push({ name: m[2]!, unique: m[1] !== undefined, columns: midList(m[3]!) });
  }
  return columns.length ? { kind: 'createTable', table, columns, primaryKey, foreignKeys: [], indexes } : undefined;
}

function mysqlAlter(table: string, rest: string): Stmt | undefined {
  const items = splitItems(rest, true);
  if (!items) return undefined;
  const actions: AlterAction[] = [];
  for (const item of items) {
    let m = MY_DROP_COLUMN.exec(item);
    if (m) {
      actions.push({ kind: 'dropColumn', name: m[1]! });
      continue;
    }
    m = MY_ADD_FK.exec(item);
    if (m) {
      if (items.length !== 1) return undefined;
      actions.push({ kind: 'addForeignKey', fk: { name: m[1]!, columns: midList(m[2]!), refTable: m[3]! } });
      continue;
    }
    m = MY_RENAME_COLUMN.exec(item);
    if (m) {
      actions.push({ kind: 'renameColumn', from: m[1]!, to: m[2]! });
      continue;
    }
    m = MY_ADD_COLUMN.exec(item);
    if (m) {
      const column = mysqlColumn(m[1]!);
      if (!column) return undefined;
      actions.push({ kind: 'addColumn', column });
      continue;
    }
    m = MY_MODIFY.exec(item);
    const column = m && !/^COLUMN\s/i.test(m[1]!) ? mysqlColumn(m[1]!) : undefined;
    if (!column) return undefined;
    actions.push({ kind: 'modifyColumn', column });
  }
  return { kind: 'alterTable', table, actions };
}

function mysqlFast(sql: string): Stmt | undefined {
  const c = sql.charCodeAt(0) | 0x20;
  if (c === 0x63 /* c */) {
    let m = MY_CREATE_INDEX.exec(sql);
    if (m)
      return {
        kind: 'createIndex',
        table: m[3]!,
        concurrently: false,
        index: { name: m[2]!, unique: m[1] !== undefined, columns: midList(m[4]!) },
      };
    m = MY_CREATE_TABLE.exec(sql);
    return m ? mysqlCreateTable(m[1]!, m[2]!) : undefined;
  }
  if (c === 0x64 /* d */) {
    let m = MY_DROP_TABLE.exec(sql);
    if (m) return { kind: 'dropTable', tables: [m[1]!] };
    m = MY_DROP_INDEX.exec(sql);
    return m ? { kind: 'dropIndex', names: [m[1]!] } : undefined;
  }
  if (c === 0x61 /* a */) {
    const m = MY_ALTER.exec(sql);
    return m ? mysqlAlter(m[1]!, m[2]!) : undefined;
  }
  return undefined;
}
