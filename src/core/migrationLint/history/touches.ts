// What one migration does to tables and columns, as the branch-conflict check compares them: created,
// dropped, renamed or rebuilt tables; added, dropped, altered or renamed columns; indexes on columns.
// Read with the lint's parsers (loaded by the caller); a statement they cannot read touches nothing.
import { parseStatement } from '../parse';
import { splitStatements } from '../splitStatements';
import type { Dialect } from '../types';

export type TouchKind =
  | 'createTable'
  | 'dropTable'
  | 'renameTable'
  /** SQLite's RedefineTables: the table is copied into a new one with the columns this migration knew. */
  | 'rebuildTable'
  /** Anything else on the table: foreign keys, indexes, constraints. */
  | 'alterTable'
  | 'addColumn'
  | 'dropColumn'
  | 'alterColumn'
  | 'renameColumn'
  /** An index (or a foreign key) on the column. */
  | 'useColumn';

export interface Touch {
  readonly kind: TouchKind;
  readonly table: string;
  readonly column?: string;
  /** renameTable / renameColumn: the new name. */
  readonly to?: string;
  /** Offsets of the statement in the migration. */
  readonly start: number;
  readonly end: number;
}

export function migrationTouches(sql: string, dialect: Dialect): Touch[] {
  const out: Touch[] = [];
  const rebuilt = new Set<string>();
  for (const split of splitStatements(sql, dialect)) {
    let stmt;
    try {
      stmt = parseStatement(dialect, split.text);
    } catch {
      continue;
    }
    const at = { start: split.start, end: split.start + split.text.length };
    const add = (kind: TouchKind, table: string, extra: { column?: string; to?: string } = {}) =>
      out.push({ kind, table, ...extra, ...at });
    switch (stmt.kind) {
      case 'createTable':
        // SQLite's rebuild: CREATE TABLE "new_T" … DROP TABLE "T" … ALTER TABLE "new_T" RENAME TO "T"
        if (!stmt.table.startsWith('new_')) add('createTable', stmt.table);
        break;
      case 'dropTable':
        for (const t of stmt.tables) if (!t.startsWith('new_')) add('dropTable', t);
        break;
      case 'createIndex':
        if (stmt.table.startsWith('new_')) break;
        for (const c of stmt.index.columns) add('useColumn', stmt.table, { column: c });
        break;
      case 'alterTable':
        for (const a of stmt.actions) {
          if (a.kind === 'renameTable' && stmt.table === `new_${a.to}`) {
            rebuilt.add(a.to);
            continue;
          }
          if (stmt.table.startsWith('new_')) continue;
          if (a.kind === 'addColumn') add('addColumn', stmt.table, { column: a.column.name });
          else if (a.kind === 'dropColumn') add('dropColumn', stmt.table, { column: a.name });
          else if (a.kind === 'alterType' || a.kind === 'setNotNull')
            add('alterColumn', stmt.table, { column: a.name });
          else if (a.kind === 'modifyColumn') add('alterColumn', stmt.table, { column: a.column.name });
          else if (a.kind === 'renameColumn') add('renameColumn', stmt.table, { column: a.from, to: a.to });
          else if (a.kind === 'renameTable') add('renameTable', stmt.table, { to: a.to });
          else if (a.kind === 'addForeignKey')
            for (const c of a.fk.columns) add('useColumn', stmt.table, { column: c });
          else if (a.kind === 'addIndex') for (const c of a.index.columns) add('useColumn', stmt.table, { column: c });
          else add('alterTable', stmt.table);
        }
        break;
      default:
        break;
    }
  }
  if (rebuilt.size === 0) return out;
  // the rebuilt table's DROP TABLE is part of the rebuild, not a drop
  const result: Touch[] = [];
  for (const t of out) {
    if (t.kind === 'dropTable' && rebuilt.has(t.table)) result.push({ ...t, kind: 'rebuildTable' });
    else result.push(t);
  }
  return result;
}
