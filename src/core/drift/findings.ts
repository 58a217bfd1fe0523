// Diff items in plain words, per comparison, placed on the schema. "Added" in a diff means "in the
// destination, not in the source"; each comparison knows which side is which.
import type { SchemaDocument } from '../schema/model';
import { locate, type SchemaSpot } from './locate';
import type { DiffItem, DiffItemKind } from './summary';

/**
 * - `schemaMigrations`: from the migrations to the schema — schema changes no migration captures;
 * - `migrationsDatabase`: from the applied migrations to the live database — drift;
 * - `schemaDatabase`: from the live database to the schema (db push / introspection projects).
 */
export type Comparison = 'schemaMigrations' | 'migrationsDatabase' | 'schemaDatabase';

export interface DriftFinding {
  readonly comparison: Comparison;
  readonly item: DiffItem;
  readonly message: string;
  readonly spot: SchemaSpot;
}

const SIDES: Record<Comparison, { added: string; removed: string; changed: string }> = {
  schemaMigrations: {
    added: 'is in the schema but in no migration',
    removed: 'is in the migrations but no longer in the schema, and no migration drops it',
    changed: 'was changed in the schema but no migration captures the change',
  },
  migrationsDatabase: {
    added: 'exists in the database but in no migration',
    removed: 'is created by the migrations but missing from the database',
    changed: 'was changed in the database outside the migrations',
  },
  schemaDatabase: {
    added: 'is in the schema but not in the database',
    removed: 'exists in the database but not in the schema',
    changed: 'differs between the schema and the database',
  },
};

const NOUN: Record<DiffItemKind, string> = {
  table: 'Table',
  view: 'View',
  enum: 'Enum',
  enumValue: 'Enum value',
  column: 'Column',
  index: 'Index',
  unique: 'Unique constraint',
  foreignKey: 'Foreign key',
  primaryKey: 'Primary key',
  tableRedefined: 'Table',
  other: 'Change',
};

export function toFindings(doc: SchemaDocument, comparison: Comparison, items: readonly DiffItem[]): DriftFinding[] {
  return items.map((item) => {
    const spot = locate(doc, item);
    return { comparison, item, spot, message: describe(comparison, item, spot) };
  });
}

export function describe(comparison: Comparison, item: DiffItem, spot: SchemaSpot): string {
  const side = SIDES[comparison][item.change];
  const owner = spot.block ?? item.table ?? item.enumName ?? '';
  const member = spot.member ?? item.name;
  const cols = item.columns?.length ? ` on (${item.columns.join(', ')})` : '';
  switch (item.kind) {
    case 'column':
    case 'enumValue':
      return `${NOUN[item.kind]} \`${owner}.${member ?? '?'}\` ${side}${item.detail ? ` (${item.detail})` : ''}.`;
    case 'index':
    case 'unique':
    case 'foreignKey':
    case 'primaryKey':
      return `${NOUN[item.kind]} of \`${owner}\`${cols} ${side}.`;
    case 'tableRedefined':
      return `Table \`${owner}\` ${SIDES[comparison].changed} (SQLite redefines the whole table: see the SQL diff).`;
    case 'other':
      return `${owner ? `\`${owner}\`: ` : ''}${item.detail ?? item.line} — ${SIDES[comparison].changed}.`;
    default:
      return `${NOUN[item.kind]} \`${owner}\` ${side}.`;
  }
}
