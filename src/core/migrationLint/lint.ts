// The migration linter: parses each statement of a migration.sql with the dialect's parser, replays it
// onto the schema left by the earlier migrations, and reports what is unsafe on a live database.
// Pure and synchronous once the dialect's parser is loaded (`loadParsers`).
import { createHash } from 'node:crypto';
import type { ColumnDef, ForeignKeyDef, IndexDef, Stmt } from './parse';
import { loadParser, parseStatement, parserLoaded } from './parse';
import { ruleInfo } from './rules';
import { SchemaState } from './schemaState';
import type { TableState } from './schemaState';
import type { SplitStatement } from './splitStatements';
import { splitStatements, splitTopLevel } from './splitStatements';
import { classifyTypeChange, postgresRewritesTable } from './typeChange';
import { scriptMatchesChecksum } from '../migrations/checksum';
import type {
  DatabaseFacts,
  Dialect,
  FindingSubject,
  LintFinding,
  QuickFix,
  RuleId,
  Severity,
  TextEdit,
} from './types';
import { enumUseKey, factKey, formatBytes, narrowKey } from './types';

export interface LintOptions {
  /** The schema the earlier migrations leave; empty when omitted. */
  readonly before?: SchemaState;
  /** Row counts and duplicates from a connected database. */
  readonly facts?: DatabaseFacts;
  /** Severity per rule (settings); `off` drops the rule. */
  readonly severities?: Partial<Record<RuleId, Severity>>;
  /** `_prisma_migrations.checksum` when this migration was applied. */
  readonly appliedChecksum?: string;
  /**
   * Lint on `before` itself instead of a copy (it becomes the state after): for callers that lint a chain
   * and do not keep the earlier states (lintMigrationTexts).
   */
  readonly advanceBefore?: boolean;
  /**
   * Tables with fewer rows than this in the connected database are not "filled": the rules about locks and
   * rewrites (FILLED_TABLE_RULES) say nothing about them. 0 or absent: every table counts as filled.
   */
  readonly filledTableRows?: number;
}

/** Rules that only matter because a table is big: skipped for tables the database says are small. */
export const FILLED_TABLE_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'index-without-concurrently',
  'set-not-null',
  'missing-lock-timeout',
  'table-rewrite',
  'foreign-key-without-not-valid',
  'sqlite-table-redefinition',
  'add-constraint-without-index',
]);

export interface LintResult {
  readonly findings: LintFinding[];
  /** The schema after this migration (feed it to the next one). */
  readonly after: SchemaState;
}

export const IGNORE_DIRECTIVE = 'prisma-workbench-ignore';

export function loadParsers(dialect: Dialect): Promise<void> {
  return loadParser(dialect);
}

/** Prisma's checksum of a migration file: SHA-256 of its bytes, hex. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Findings of one migration (the parser must be loaded: `await loadParsers(dialect)`). */
export function lintMigration(sql: string, dialect: Dialect, options: LintOptions = {}): LintFinding[] {
  return lintMigrationWithState(sql, dialect, options).findings;
}

interface Parsed {
  readonly split: SplitStatement;
  readonly stmt: Stmt;
}

interface Raw {
  rule: RuleId;
  message: string;
  at: Parsed;
  start?: number;
  end?: number;
  subject?: FindingSubject;
  fix?: QuickFix;
  /** false: reported even on a table under the filled-table threshold (it fails there, not only waits). */
  filledOnly?: boolean;
}

export function lintMigrationWithState(sql: string, dialect: Dialect, options: LintOptions = {}): LintResult {
  if (!parserLoaded(dialect))
    throw new Error(`The ${dialect} SQL parser is not loaded: await loadParsers('${dialect}') first.`);
  const state =
    options.before && options.advanceBefore ? options.before : (options.before?.clone() ?? new SchemaState());
  state.beginStep();
  const raw: Raw[] = [];
  const facts = options.facts;
  const rows = (table: string) => facts?.rows?.get(table);
  const rowsText = (table: string) => {
    const n = rows(table);
    return n === undefined ? undefined : `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
  };
  /** Rows and, where the database says it, bytes on disk: what a rewrite or copy has to move. */
  const sizedText = (table: string) => {
    const size = facts?.sizes?.get(table);
    const parts = [rowsText(table), size === undefined ? undefined : formatBytes(size)].filter(
      (x): x is string => x !== undefined,
    );
    return parts.length ? parts.join(', ') : undefined;
  };
  const q = (name: string) =>
    dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
  const parsed: Parsed[] = splitStatements(sql, dialect).map((split) => {
    try {
      return { split, stmt: parseStatement(dialect, split.text) };
    } catch (e) {
      return { split, stmt: { kind: 'unparsed', error: firstLine(e) } };
    }
  });

  const createdHere = new Set<string>();
  const existedBefore = (t: string) => state.tables.has(t) && !createdHere.has(t);
  /** SQLite RedefineTables in progress: new_X -> { old name, old columns/indexes }. */
  const redefinitions = new Map<string, { target: string; old: TableState; create: Parsed; insert?: Parsed }>();
  const dropped: { table: string; column: ColumnDef; at: Parsed; action: 'drop' }[] = [];
  const added: { table: string; column: ColumnDef; at: Parsed }[] = [];
  const fksAdded: { table: string; fk: ForeignKeyDef; at: Parsed }[] = [];
  const fksDropped: { table: string; fk: ForeignKeyDef; at: Parsed }[] = [];

  const clauseRange = (p: Parsed, pattern: RegExp): { start: number; end: number } | undefined => {
    const m = pattern.exec(p.split.text);
    return m ? { start: p.split.start + m.index, end: p.split.start + m.index + m[0].length } : undefined;
  };
  /** missing-lock-timeout: whether a SET lock_timeout / statement_timeout came earlier, and the one finding. */
  let timeoutSet = false;
  let lockReported = false;
  const locks = (p: Parsed, table: string) => {
    if (dialect !== 'postgresql' || timeoutSet || lockReported || !existedBefore(table)) return;
    lockReported = true;
    push({
      rule: 'missing-lock-timeout',
      message: `Locks "${table}" with no lock_timeout set: if a long query or transaction holds "${table}", this statement waits for it, and every query on "${table}" after it waits too, for as long as that takes. Start the migration with SET lock_timeout = '5s'; and run it again if it times out.`,
      at: p,
      subject: { table },
    });
  };
  const ident = (name: string) => `(?:"${escapeRe(name)}"|\`${escapeRe(name)}\`|${escapeRe(name)}\\b)`;
  const push = (r: Raw) => raw.push(r);

  for (const p of parsed) {
    const s = p.stmt;
    if (TIMEOUT_SET.test(p.split.text)) timeoutSet = true;
    switch (s.kind) {
      case 'unparsed':
        push({
          rule: 'unparseable-statement',
          message: `The migration linter cannot read this statement, so no rule checked it (${s.error}).`,
          at: p,
        });
        break;
      case 'createTable': {
        const target = dialect === 'sqlite' && s.table.startsWith('new_') ? s.table.slice(4) : undefined;
        const old = target !== undefined ? state.tables.get(target) : undefined;
        if (target !== undefined && old) redefinitions.set(s.table, { target, old, create: p });
        else createdHere.add(s.table);
        state.put(s.table, {
          columns: new Map(s.columns.map((c) => [c.name, c])),
          indexes: [...s.indexes],
          primaryKey: [...s.primaryKey],
          foreignKeys: [...s.foreignKeys],
        });
        for (const fk of s.foreignKeys)
          if (!old || !old.foreignKeys.some((o) => o.columns.join() === fk.columns.join()))
            fksAdded.push({ table: target ?? s.table, fk, at: p });
        for (const fk of old?.foreignKeys ?? [])
          if (!s.foreignKeys.some((n) => n.columns.join() === fk.columns.join()))
            fksDropped.push({ table: target!, fk, at: p });
        break;
      }
      case 'insertSelect': {
        const r = redefinitions.get(s.table);
        if (r && s.from === r.target) {
          r.insert = p;
          const n = sizedText(r.target);
          push({
            rule: 'sqlite-table-redefinition',
            message: `Rebuilds table "${r.target}": SQLite cannot alter it in place, so every row is copied into a new table${n ? ` (${n})` : ''} while the database is locked.`,
            at: r.create,
            subject: { table: r.target },
          });
          const newTable = state.tables.get(s.table);
          for (const [name, col] of r.old.columns) {
            if (!s.selected.includes(name) && !newTable?.columns.has(name))
              dropped.push({ table: r.target, column: col, at: p, action: 'drop' });
          }
          for (const col of newTable?.columns.values() ?? []) {
            if (s.columns.includes(col.name)) continue;
            added.push({ table: r.target, column: col, at: r.create });
          }
        }
        break;
      }
      case 'dropTable':
        for (const t of s.tables) {
          const redefined = [...redefinitions.values()].some((r) => r.target === t && r.insert);
          if (!redefined && state.tables.has(t) && !createdHere.has(t)) {
            locks(p, t);
            const n = rowsText(t);
            push({
              rule: 'drop-table',
              message: n
                ? `Drops table "${t}" and its ${n} of data.`
                : `Drops table "${t}" and every row in it: the data cannot be recovered after the migration.`,
              at: p,
              subject: { table: t },
            });
          }
          if (!redefined) state.drop(t);
        }
        break;
      case 'alterTable': {
        locks(p, s.table);
        const table = state.mutable(s.table);
        for (const a of s.actions) {
          switch (a.kind) {
            case 'renameTable': {
              const r = redefinitions.get(s.table);
              if (!r && existedBefore(s.table)) push(renameFinding(p, s.table, undefined, a.to));
              const t = state.mutable(s.table);
              if (t) {
                state.drop(s.table);
                if (r) {
                  // indexes of the old table went with it; Prisma recreates them right after
                  t.indexes = [];
                  redefinitions.delete(s.table);
                }
                state.put(a.to, t);
                if (createdHere.has(s.table)) createdHere.add(a.to);
              }
              break;
            }
            case 'addColumn':
              table?.columns.set(a.column.name, a.column);
              if (existedBefore(s.table)) added.push({ table: s.table, column: a.column, at: p });
              if (dialect === 'postgresql' && existedBefore(s.table) && a.column.volatileDefault) {
                const n = sizedText(s.table);
                push({
                  rule: 'table-rewrite',
                  message: `Adds "${s.table}"."${a.column.name}" with ${a.column.volatileDefault}: its value is computed for each row, so PostgreSQL rewrites the whole table${n ? ` (${n})` : ''} under an exclusive lock and reads and writes wait until it is done. Add the column without it (nullable, or with a constant default), SET DEFAULT in the same migration for new rows, then fill the existing rows in batches.`,
                  at: p,
                  ...clauseRange(p, new RegExp(`${ident(a.column.name)}[^,\n]*`)),
                  subject: { table: s.table },
                });
              }
              break;
            case 'dropColumn': {
              const col = table?.columns.get(a.name);
              table?.columns.delete(a.name);
              if (existedBefore(s.table))
                dropped.push({
                  table: s.table,
                  column: col ?? { name: a.name, type: '?', notNull: false, hasDefault: false },
                  at: p,
                  action: 'drop',
                });
              break;
            }
            case 'alterType':
            case 'modifyColumn': {
              const name = a.kind === 'alterType' ? a.name : a.column.name;
              const nextType = a.kind === 'alterType' ? a.type : a.column.type;
              const old = table?.columns.get(name);
              if (table && old)
                table.columns.set(name, a.kind === 'modifyColumn' ? a.column : { ...old, type: nextType });
              if (!old || !existedBefore(s.table)) break;
              const range = clauseRange(
                p,
                new RegExp(
                  `(?:ALTER\\s+COLUMN|MODIFY(?:\\s+COLUMN)?|CHANGE(?:\\s+COLUMN)?)\\s+${ident(name)}${CLAUSE}`,
                  'i',
                ),
              );
              if (dialect === 'postgresql' && /_new$/.test(nextType)) break; // Prisma's enum swap: reported on CREATE TYPE
              const oldEnum = old.enumValues ?? state.enums.get(old.type);
              const newEnum = a.kind === 'modifyColumn' ? a.column.enumValues : state.enums.get(nextType);
              if (oldEnum && newEnum) {
                const removed = oldEnum.filter((v) => !newEnum.includes(v));
                // MySQL changes an ENUM in place only when values are added at the end; else it copies the table
                if (dialect === 'mysql' && !oldEnum.every((v, i) => newEnum[i] === v)) {
                  const n = sizedText(s.table);
                  const how = removed.length
                    ? `removes ${removed.map((v) => `'${v}'`).join(', ')}`
                    : oldEnum.every((v) => newEnum.includes(v)) &&
                        newEnum.filter((v) => oldEnum.includes(v)).join() === oldEnum.join()
                      ? 'adds values before the end of the list'
                      : 'reorders its values';
                  push({
                    rule: 'table-rewrite',
                    message: `Changes the ENUM of "${s.table}"."${name}" in a way that ${how}: MySQL then copies the whole table${n ? ` (${n})` : ''} and writes to "${s.table}" wait until it is done. Only values added at the end of the list change in place: put new values last in the Prisma enum.`,
                    at: p,
                    ...range,
                    subject: { table: s.table },
                  });
                }
                if (removed.length) {
                  const subject = {
                    table: s.table,
                    columns: [name],
                    removedValues: removed,
                    enumColumns: [{ table: s.table, column: name }],
                  };
                  push({
                    rule: 'enum-value-removed',
                    message: enumMessage(removed, `${s.table}.${name}`, subject),
                    at: p,
                    ...range,
                    subject,
                  });
                }
                break;
              }
              const change = classifyTypeChange(old.type, nextType);
              if (change === 'same') break;
              const n = sizedText(s.table);
              if (change === 'narrowing' || change === 'conversion') {
                const subject: FindingSubject =
                  change === 'narrowing'
                    ? { table: s.table, columns: [name], narrowFrom: old.type, narrowTo: nextType }
                    : { table: s.table };
                push({
                  rule: 'type-narrowing',
                  message:
                    change === 'narrowing'
                      ? narrowMessage(s.table, name, old.type, nextType, subject, n)
                      : `Converts "${s.table}"."${name}" from ${old.type} to ${nextType}: values that do not convert make the migration fail, and the table is rewritten${n ? ` (${n})` : ''}.`,
                  at: p,
                  ...range,
                  subject,
                });
              } else if (dialect === 'mysql' || postgresRewritesTable(old.type, nextType)) {
                push({
                  rule: 'table-rewrite',
                  message: `Changing "${s.table}"."${name}" from ${old.type} to ${nextType} rewrites the whole table${n ? ` (${n})` : ''} under an exclusive lock: reads and writes wait until it is done.`,
                  at: p,
                  ...range,
                  subject: { table: s.table },
                });
              }
              break;
            }
            case 'setNotNull': {
              const col = table?.columns.get(a.name);
              if (table && col) table.columns.set(a.name, { ...col, notNull: true });
              if (dialect !== 'postgresql' || !existedBefore(s.table) || !col || col.notNull) break;
              const n = rowsText(s.table);
              const nulls = facts?.nullRows?.get(factKey(s.table, [a.name]));
              const fails =
                nulls === undefined
                  ? 'the migration fails if one is NULL'
                  : nulls === 0
                    ? `no row is NULL in the connected database${facts?.source ? ` (${facts.source})` : ''}, so it applies there`
                    : `${nulls.toLocaleString('en-US')} row${nulls === 1 ? ' is' : 's are'} NULL in the connected database, so the migration fails there: fill ${nulls === 1 ? 'it' : 'them'} first (UPDATE … SET "${a.name}" = … WHERE "${a.name}" IS NULL)`;
              push({
                rule: 'set-not-null',
                message: `Makes "${s.table}"."${a.name}" NOT NULL: PostgreSQL reads every row${n ? ` (${n})` : ''} to check for NULLs while reads and writes of "${s.table}" wait, and ${fails}. On a big table add CHECK ("${a.name}" IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL (PostgreSQL 12+ then skips the scan) and drop the check.`,
                at: p,
                ...clauseRange(p, new RegExp(`ALTER\\s+(?:COLUMN\\s+)?${ident(a.name)}\\s+SET\\s+NOT\\s+NULL`, 'i')),
                subject: { table: s.table, columns: [a.name] },
                // NULL rows make it fail on a table of any size
                filledOnly: !nulls,
              });
              break;
            }
            case 'addForeignKey':
              table?.foreignKeys.push(a.fk);
              fksAdded.push({ table: s.table, fk: a.fk, at: p });
              if (dialect === 'postgresql' && existedBefore(s.table) && !a.fk.notValid) {
                const n = rowsText(s.table);
                push({
                  rule: 'foreign-key-without-not-valid',
                  message: `Adds foreign key ${a.fk.name ? `"${a.fk.name}" ` : ''}on "${s.table}" and checks every existing row${n ? ` (${n})` : ''} while writes to "${s.table}" and "${a.fk.refTable}" are blocked. On a big table add it NOT VALID, then VALIDATE CONSTRAINT in a later migration.`,
                  at: p,
                  subject: { table: s.table },
                });
              }
              break;
            case 'addIndex': {
              const pkBefore = table?.primaryKey ? [...table.primaryKey] : [];
              if (table) state.addIndex(s.table, a.index);
              if (table && a.constraint === 'primaryKey') table.primaryKey.splice(0, Infinity, ...a.index.columns);
              if (!existedBefore(s.table) || a.usingIndex) break;
              // a primary key that keeps the old one's columns cannot find duplicates
              const widened =
                a.constraint === 'primaryKey' &&
                pkBefore.length > 0 &&
                pkBefore.every((c) => a.index.columns.includes(c));
              if (a.index.unique && !widened) push(uniqueFinding(s.table, a.index, p));
              if (a.constraint && dialect === 'postgresql') push(constraintFinding(s.table, a.index, a.constraint, p));
              if (a.constraint === 'primaryKey' && dialect === 'mysql') {
                const n = sizedText(s.table);
                push({
                  rule: 'table-rewrite',
                  message: `Sets the primary key of "${s.table}": InnoDB stores rows in primary key order, so MySQL rebuilds the whole table${n ? ` (${n})` : ''} and the migration takes as long as copying it.`,
                  at: p,
                  ...clauseRange(p, new RegExp(`ADD\\s+PRIMARY\\s+KEY${CLAUSE}`, 'i')),
                  subject: { table: s.table },
                });
              }
              break;
            }
            case 'dropConstraint': {
              const fk = table?.foreignKeys.find((f) => f.name === a.name);
              if (table && fk) table.foreignKeys.splice(table.foreignKeys.indexOf(fk), 1);
              if (table) table.indexes = table.indexes.filter((ix) => ix.name !== a.name);
              if ((fk || a.foreignKey) && existedBefore(s.table))
                fksDropped.push({ table: s.table, fk: fk ?? { name: a.name, columns: [], refTable: '' }, at: p });
              break;
            }
            case 'renameColumn': {
              if (existedBefore(s.table)) push(renameFinding(p, s.table, a.from, a.to));
              const col = table?.columns.get(a.from);
              if (table && col) {
                table.columns.delete(a.from);
                table.columns.set(a.to, { ...col, name: a.to });
              }
              break;
            }
            default:
              break;
          }
        }
        break;
      }
      case 'createIndex': {
        const recreated = redefinedIndex(s.index, s.table);
        state.addIndex(s.table, s.index);
        if (!existedBefore(s.table) || recreated) break;
        if (!s.concurrently) locks(p, s.table);
        if (s.index.unique) push(uniqueFinding(s.table, s.index, p));
        if (dialect === 'postgresql' && !s.concurrently) {
          const n = sizedText(s.table);
          push({
            rule: 'index-without-concurrently',
            message: `Builds index ${s.index.name ? `"${s.index.name}" ` : ''}on "${s.table}" without CONCURRENTLY: writes to "${s.table}" are blocked until the whole table${n ? ` (${n})` : ''} is indexed.`,
            at: p,
            subject: { table: s.table },
          });
        }
        break;
      }
      case 'dropIndex':
        for (const ixName of s.names) {
          for (const name of state.tablesWithIndex(ixName)) {
            if (dialect === 'postgresql' && !s.concurrently && existedBefore(name)) {
              locks(p, name);
              push({
                rule: 'index-without-concurrently',
                message: `Drops index "${ixName}" of "${name}" without CONCURRENTLY: reads and writes of "${name}" wait until the drop has its lock and is done. DROP INDEX CONCURRENTLY (alone in its own migration) waits for running queries instead of blocking new ones.`,
                at: p,
                subject: { table: name },
              });
            }
            const t = state.mutable(name)!;
            t.indexes = t.indexes.filter((ix) => ix.name !== ixName);
          }
        }
        break;
      case 'createEnum': {
        const base = s.name.endsWith('_new') ? s.name.slice(0, -4) : undefined;
        const old = base !== undefined ? state.enums.get(base) : undefined;
        if (base !== undefined && old) {
          const removed = old.filter((v) => !s.values.includes(v));
          if (removed.length) {
            // the columns of that type now (scalar ones: arrays of the enum are not counted)
            const enumColumns: { table: string; column: string }[] = [];
            for (const [table, t] of state.tables)
              for (const c of t.columns.values()) if (c.type === base) enumColumns.push({ table, column: c.name });
            const subject = enumColumns[0]
              ? { table: enumColumns[0].table, removedValues: removed, enumColumns }
              : undefined;
            push({
              rule: 'enum-value-removed',
              message: enumMessage(removed, `enum "${base}"`, subject),
              at: p,
              subject,
            });
          }
        }
        state.enums.set(s.name, [...s.values]);
        break;
      }
      case 'renameType': {
        const v = state.enums.get(s.from);
        if (v) {
          state.enums.delete(s.from);
          state.enums.set(s.to, v);
          for (const [name, t] of state.tables) {
            const uses = [...t.columns].filter(([, c]) => c.type === s.from);
            if (!uses.length) continue;
            const m = state.mutable(name)!;
            for (const [n, c] of uses) m.columns.set(n, { ...c, type: s.to });
          }
        }
        break;
      }
      case 'dropType':
        for (const n of s.names) state.enums.delete(n);
        break;
      default:
        break;
    }
  }

  // CONCURRENTLY cannot run in a transaction block, and a migration of several statements runs as one
  if (dialect === 'postgresql' && parsed.length > 1) {
    for (const p of parsed) {
      const s = p.stmt;
      if ((s.kind === 'createIndex' || s.kind === 'dropIndex') && s.concurrently)
        push({
          rule: 'concurrently-in-transaction',
          message: `${s.kind === 'createIndex' ? 'CREATE' : 'DROP'} INDEX CONCURRENTLY cannot run inside a transaction, and PostgreSQL runs a migration of several statements as one transaction: this migration fails. Put this statement alone in a migration of its own.`,
          at: p,
        });
    }
  }

  // drop + add of one type in one table: a rename Prisma could not see
  const renamed = new Set<object>();
  for (const d of dropped) {
    const a = added.find(
      (x) => x.table === d.table && !renamed.has(x) && x.column.type === d.column.type && d.column.type !== '?',
    );
    if (!a) continue;
    renamed.add(a);
    renamed.add(d);
    const fix = renameFix(d.table, d.column.name, a.column.name, d.at, a.at);
    push({
      rule: 'rename-as-drop-and-add',
      message: `Drops "${d.table}"."${d.column.name}" and adds "${a.column.name}" of the same type (${d.column.type}): if this is a rename, the data of "${d.column.name}" is lost. Rewrite it as a rename to keep it.`,
      at: d.at,
      ...clauseRange(
        d.at,
        new RegExp(dialect === 'sqlite' ? '^INSERT[\\s\\S]*' : `DROP\\s+(?:COLUMN\\s+)?${ident(d.column.name)}`, 'i'),
      ),
      subject: { table: d.table },
      fix,
    });
  }
  for (const d of dropped) {
    if (renamed.has(d)) continue;
    const n = rowsText(d.table);
    push({
      rule: 'drop-column',
      message: `Drops column "${d.table}"."${d.column.name}": ${n ? `its values in ${n} are lost` : 'every value in it is lost'}.`,
      at: d.at,
      ...clauseRange(
        d.at,
        new RegExp(dialect === 'sqlite' ? '^INSERT[\\s\\S]*' : `DROP\\s+(?:COLUMN\\s+)?${ident(d.column.name)}`, 'i'),
      ),
      subject: { table: d.table },
    });
  }
  for (const f of fksDropped) {
    const readded = fksAdded.some((x) => x.table === f.table && x.fk.columns.join() === f.fk.columns.join());
    const columnsGone =
      f.fk.columns.length > 0 &&
      f.fk.columns.every((c) => dropped.some((d) => d.table === f.table && d.column.name === c));
    if (readded || columnsGone || !state.tables.has(f.table)) continue;
    const cols = f.fk.columns.length ? `(${f.fk.columns.map((c) => `"${c}"`).join(', ')})` : '';
    push({
      rule: 'drop-foreign-key',
      message: `Drops foreign key ${f.fk.name ? `"${f.fk.name}" ` : ''}of "${f.table}"${cols}${f.fk.refTable ? ` to "${f.fk.refTable}"` : ''}: the database stops checking that ${cols ? `"${f.table}"${cols}` : 'those columns'} point at existing rows. Rows written from now on can point nowhere, and adding the key back later checks every row and fails on them. If the relation stays, keep the key; if it goes, drop its column too.`,
      at: f.at,
      ...clauseRange(f.at, new RegExp(`DROP\\s+(?:CONSTRAINT|FOREIGN\\s+KEY)\\s+${ident(f.fk.name ?? '')}`, 'i')),
      subject: { table: f.table },
    });
  }
  for (const a of added) {
    if (!a.column.notNull || a.column.hasDefault || a.column.primaryKey) continue;
    const n = rows(a.table);
    const what = `Adds required column "${a.table}"."${a.column.name}" without a default`;
    push({
      rule: 'required-column-without-default',
      message:
        n === undefined
          ? `${what}: the migration fails if "${a.table}" has any rows. Add a default, or add it nullable, fill it, then make it required.`
          : n === 0
            ? `${what}: "${a.table}" is empty in the connected database${facts?.source ? ` (${facts.source})` : ''}, so it applies there; it fails wherever the table has rows.`
            : `${what}: "${a.table}" has ${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'} in the connected database, so the migration will fail there.`,
      at: a.at,
      ...clauseRange(a.at, new RegExp(`${ident(a.column.name)}[^,\\n]*`)),
      subject: { table: a.table },
      // a rename's added column is reported with the rename
      ...(renamed.has(a) ? { rule: 'rename-as-drop-and-add' as const, message: '' } : {}),
    });
  }
  if (dialect === 'postgresql') {
    for (const f of fksAdded) {
      if (state.isIndexed(f.table, f.fk.columns)) continue;
      push({
        rule: 'foreign-key-without-index',
        message: `Foreign key ${f.fk.name ? `"${f.fk.name}" ` : ''}on "${f.table}"(${f.fk.columns.map((c) => `"${c}"`).join(', ')}) has no index: PostgreSQL does not create one, so deletes in "${f.fk.refTable}" and joins scan "${f.table}". Add @@index([${f.fk.columns.join(', ')}]) to the model.`,
        at: f.at,
        subject: { table: f.table },
      });
    }
  }
  if (options.appliedChecksum && !scriptMatchesChecksum(sql, options.appliedChecksum)) {
    const first = parsed[0];
    if (first)
      push({
        rule: 'edited-after-apply',
        message:
          'This migration was changed after it was applied to the database: its checksum differs from the one in _prisma_migrations. Databases that already ran it will not run your edit; revert it and write a new migration instead.',
        at: first,
        start: 0,
        end: Math.max(0, sql.search(/\r?\n/)),
      });
  }

  const threshold = options.filledTableRows ?? 0;
  const notFilled = (r: Raw) => {
    const n = r.subject && FILLED_TABLE_RULES.has(r.rule) && r.filledOnly !== false ? rows(r.subject.table) : undefined;
    return n !== undefined && n < threshold;
  };
  const findings: LintFinding[] = [];
  for (const r of raw) {
    if (!r.message || notFilled(r)) continue;
    const severity = options.severities?.[r.rule] ?? ruleInfo(r.rule).defaultSeverity;
    if (severity === 'off' || silenced(r.at.split, r.rule)) continue;
    const start = r.start ?? r.at.split.start;
    const end = r.end ?? r.at.split.start + r.at.split.text.length;
    findings.push({ rule: r.rule, severity, message: r.message, start, end, subject: r.subject, fix: r.fix });
  }
  findings.sort((a, b) => a.start - b.start);
  return { findings, after: state };

  function enumMessage(removed: string[], where: string, subject: FindingSubject | undefined): string {
    const what = `Removes ${removed.length === 1 ? 'value' : 'values'} ${removed.map((v) => `'${v}'`).join(', ')} from ${where}`;
    const it = removed.length === 1 ? 'it' : 'them';
    const n = subject ? facts?.enumRows?.get(enumUseKey(subject)) : undefined;
    if (n === undefined) return `${what}: the migration fails if any row still uses ${it}. Update those rows first.`;
    if (n === 0)
      return `${what}: no row uses ${it} in the connected database${facts?.source ? ` (${facts.source})` : ''}, so it applies there; it fails wherever a row still does.`;
    return `${what}: ${n.toLocaleString('en-US')} row${n === 1 ? ' still uses' : 's still use'} ${it} in the connected database, so the migration will fail there (or, on MySQL without strict mode, those values become ''). Update those rows first.`;
  }

  function narrowMessage(
    table: string,
    column: string,
    from: string,
    to: string,
    subject: FindingSubject,
    sized: string | undefined,
  ): string {
    const what = `Narrows "${table}"."${column}" from ${from} to ${to}`;
    const n = facts?.narrowRows?.get(narrowKey(subject));
    if (n === undefined)
      return `${what}: longer or larger values are cut or make the migration fail${sized ? ` (${sized} to check)` : ''}.`;
    if (n === 0)
      return `${what}: every value fits in the connected database${facts?.source ? ` (${facts.source})` : ''}, so it applies there; it fails wherever a longer or larger value is stored.`;
    return `${what}: ${n.toLocaleString('en-US')} row${n === 1 ? ' holds a value' : 's hold values'} that do${n === 1 ? 'es' : ''} not fit in the connected database, so the migration fails there${dialect === 'mysql' ? ' (or, without strict mode, cuts them)' : ''}. Shorten or fix those rows first.`;
  }

  function renameFinding(p: Parsed, table: string, from: string | undefined, to: string): Raw {
    const n = from === undefined ? `table "${table}"` : `"${table}"."${from}"`;
    const map = from === undefined ? `@@map("${table}")` : `@map("${from}")`;
    return {
      rule: 'rename-column-or-table',
      message: `Renames ${n} to "${to}": while a rolling deploy runs, the application version still serving uses the old name and its queries fail until every instance is replaced. Expand and contract instead: add the new ${from === undefined ? 'table' : 'column'}, write to both and copy the data, deploy code that reads the new one, then drop the old one in a later migration. To rename only in Prisma, keep the database name with ${map}.`,
      at: p,
      ...clauseRange(
        p,
        from === undefined
          ? /RENAME\s+(?:TO\s+)?[\s\S]*/i
          : new RegExp(`(?:RENAME\\s+(?:COLUMN\\s+)?|CHANGE\\s+(?:COLUMN\\s+)?)${ident(from)}${CLAUSE}`, 'i'),
      ),
      subject: { table },
    };
  }

  function constraintFinding(table: string, index: IndexDef, kind: 'unique' | 'primaryKey', p: Parsed): Raw {
    const n = sizedText(table);
    const cols = index.columns.map((c) => `"${c}"`).join(', ');
    const keyword = kind === 'unique' ? 'UNIQUE' : 'PRIMARY KEY';
    const ix = `${table}_${index.columns.join('_')}_${kind === 'unique' ? 'key' : 'pkey'}`;
    return {
      rule: 'add-constraint-without-index',
      message: `Adds ${keyword} constraint ${index.name ? `"${index.name}" ` : ''}on "${table}"(${cols}): PostgreSQL builds its index while reads and writes of "${table}" wait, for as long as indexing the whole table takes${n ? ` (${n})` : ''}${kind === 'primaryKey' ? ', and first checks every row for NULLs' : ''}. Build the index first with CREATE UNIQUE INDEX CONCURRENTLY "${ix}" ON "${table}"(${cols}) alone in its own migration, then ADD CONSTRAINT ${index.name ? `"${index.name}" ` : ''}${keyword} USING INDEX "${ix}".`,
      at: p,
      ...clauseRange(
        p,
        new RegExp(
          `ADD\\s+(?:CONSTRAINT\\s+\\S+\\s+)?${kind === 'unique' ? 'UNIQUE' : 'PRIMARY\\s+KEY'}${CLAUSE}`,
          'i',
        ),
      ),
      subject: { table, columns: index.columns },
    };
  }

  function uniqueFinding(table: string, index: IndexDef, p: Parsed): Raw {
    const dups = facts?.duplicates?.get(factKey(table, index.columns));
    const cols = index.columns.map((c) => `"${c}"`).join(', ');
    return {
      rule: 'unique-index-on-existing-data',
      message:
        dups === undefined
          ? `Adds a unique index on "${table}"(${cols}): the migration fails if existing rows have duplicate values. Check for duplicates first.`
          : dups === 0
            ? `Adds a unique index on "${table}"(${cols}): no duplicates in the connected database${facts?.source ? ` (${facts.source})` : ''}.`
            : `Adds a unique index on "${table}"(${cols}): ${dups.toLocaleString('en-US')} value${dups === 1 ? ' is' : 's are'} duplicated in the connected database, so the migration will fail there.`,
      at: p,
      subject: { table, columns: index.columns },
    };
  }

  function redefinedIndex(index: IndexDef, table: string): boolean {
    const before = state.tableBefore(table);
    return !!before?.indexes.some((ix) => ix.name === index.name && ix.columns.join() === index.columns.join());
  }

  function renameFix(table: string, from: string, to: string, dropAt: Parsed, addAt: Parsed): QuickFix | undefined {
    const title = `Rewrite as a rename of "${from}" to "${to}" (keeps the data)`;
    if (dialect === 'sqlite') {
      const ins = dropAt.stmt;
      if (ins.kind !== 'insertSelect') return undefined;
      const newText = `INSERT INTO ${q(ins.table)} (${[...ins.columns, to].map(q).join(', ')}) SELECT ${[...ins.selected, from].map(q).join(', ')} FROM ${q(ins.from ?? table)}`;
      return {
        title,
        edits: [{ start: dropAt.split.start, end: dropAt.split.start + dropAt.split.text.length, newText }],
      };
    }
    const rename = `ALTER TABLE ${q(table)} RENAME COLUMN ${q(from)} TO ${q(to)}`;
    const edits: TextEdit[] = [];
    const dropRest = removeActions(dropAt.split.text, [
      new RegExp(`^\\s*DROP\\s+(?:COLUMN\\s+)?${ident(from)}\\s*$`, 'i'),
      ...(dropAt === addAt ? [new RegExp(`^\\s*ADD\\s+(?:COLUMN\\s+)?${ident(to)}\\s`, 'i')] : []),
    ]);
    if (dropRest === undefined) return undefined;
    edits.push({
      start: dropAt.split.start,
      end: dropAt.split.start + dropAt.split.text.length,
      newText: dropRest ? `${rename};\n${dropRest}` : rename,
    });
    if (dropAt !== addAt) {
      const addRest = removeActions(addAt.split.text, [new RegExp(`^\\s*ADD\\s+(?:COLUMN\\s+)?${ident(to)}\\s`, 'i')]);
      if (addRest === undefined) return undefined;
      edits.push(
        addRest
          ? { start: addAt.split.start, end: addAt.split.start + addAt.split.text.length, newText: addRest }
          : { start: addAt.split.start, end: addAt.split.end, newText: '' },
      );
    }
    return { title, edits };
  }
}

/** ALTER TABLE x <actions>: the statement without the actions matching, '' when none is left, undefined when not an ALTER. */
function removeActions(text: string, patterns: RegExp[]): string | undefined {
  const head =
    /^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:"(?:[^"]|"")+"|`[^`]+`|[\w$]+)(?:\.(?:"(?:[^"]|"")+"|`[^`]+`|[\w$]+))?\s+/i.exec(
      text,
    );
  if (!head) return undefined;
  const parts = splitTopLevel(text, head[0].length);
  const keep = parts.filter((p) => !patterns.some((re) => re.test(p.text)));
  if (keep.length === parts.length) return undefined;
  if (keep.length === 0) return '';
  return `${head[0]}${keep.map((p) => p.text.trim()).join(',\n')}`;
}

/** The rest of an ALTER TABLE clause: up to the next comma outside parentheses (`ENUM('a', 'b')`, `(a, b)`). */
const CLAUSE = '(?:\\([^)]*\\)|[^,(])*';

/** `SET lock_timeout = …`, `SET LOCAL statement_timeout …`, `SELECT set_config('lock_timeout', …)`. */
const TIMEOUT_SET =
  /^\s*(?:SET\s+(?:SESSION\s+|LOCAL\s+)?(?:lock_timeout|statement_timeout)\b|SELECT\s+set_config\s*\(\s*'(?:lock_timeout|statement_timeout)')/i;

function silenced(split: SplitStatement, rule: RuleId): boolean {
  for (const c of split.leadingComments) {
    const m = new RegExp(`^${IGNORE_DIRECTIVE}\\s+([\\w\\-\\s,]+?)\\s*(?::|$)`).exec(c);
    if (m?.[1]?.split(/[\s,]+/).includes(rule)) return true;
  }
  return false;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 200) ?? 'syntax error';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Loads the parser, then lints (convenience for one-off callers). */
export async function lintMigrationAsync(
  sql: string,
  dialect: Dialect,
  options: LintOptions = {},
): Promise<LintFinding[]> {
  await loadParsers(dialect);
  return lintMigration(sql, dialect, options);
}
