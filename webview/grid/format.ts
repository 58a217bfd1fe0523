// How a wire value is shown in a cell, and which filter operators a column type offers.
import type { ColumnMeta, WireValue } from '../../src/shared/protocol/model';
import type { FilterOp } from '../../src/shared/protocol/messages';

export function display(v: WireValue, c: ColumnMeta): string {
  if (v === null) return 'NULL';
  if (c.type === 'DateTime' && typeof v === 'string') return v.replace('T', ' ').replace('Z', ' UTC');
  if (c.type === 'Bytes' && typeof v === 'string') return `base64:${v.length > 40 ? `${v.slice(0, 40)}…` : v}`;
  const s = String(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** Text put in the editor for a value (exact, never truncated). */
export function editText(v: WireValue): string {
  return v === null ? '' : String(v);
}

export function opsFor(c: ColumnMeta): FilterOp[] {
  const nullOps: FilterOp[] = c.optional || c.list ? ['isNull', 'notNull'] : [];
  if (c.list) return ['equals', ...nullOps];
  switch (c.type) {
    case 'String':
      return ['contains', 'equals', 'not', 'startsWith', 'endsWith', 'in', 'gt', 'lt', ...nullOps];
    case 'Int':
    case 'BigInt':
    case 'Float':
    case 'Decimal':
      return ['equals', 'not', 'gt', 'gte', 'lt', 'lte', 'between', 'in', ...nullOps];
    case 'DateTime':
      return ['between', 'gt', 'gte', 'lt', 'lte', 'equals', ...nullOps];
    case 'Boolean':
      return ['equals', ...nullOps];
    case 'Enum':
      return ['equals', 'not', 'in', ...nullOps];
    case 'Json':
      return ['contains', 'equals', ...nullOps];
    case 'Bytes':
      return ['equals', ...nullOps];
  }
}

export const opLabels: Record<FilterOp, string> = {
  equals: '=',
  not: '≠',
  contains: 'contains',
  startsWith: 'starts with',
  endsWith: 'ends with',
  in: 'in (comma-separated)',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'between',
  isNull: 'is null',
  notNull: 'is not null',
};
