// Pasting into foreign-key cells: an empty cell pasted into a required relation's key is refused in words
// (it would clear the relation: NULL, or an empty text key that no row has, which relationMode = "prisma"
// would not catch), an optional one is cleared, and a key value is staged like any other.
import * as assert from 'node:assert/strict';
import { planPaste, type PasteTarget } from '../../../webview/grid/pastePlan';
import { rangeOf } from '../../../webview/grid/selection';
import type { ColumnMeta, WireRow } from '../../../src/shared/protocol/model';

const fk = (name: string, type: 'String' | 'Int', optional: boolean, relationField: string): ColumnMeta => ({
  name,
  type,
  optional,
  list: false,
  isId: false,
  isUnique: false,
  isUpdatedAt: false,
  sortable: true,
  references: { model: relationField === 'mentor' ? 'User' : 'Organization', field: 'id', relationField },
});

describe('grid: pasting into foreign-key cells', () => {
  const columns = [fk('organizationId', 'String', false, 'organization'), fk('mentorId', 'Int', true, 'mentor')];
  const rows: WireRow[] = [{ id: 1, organizationId: 'org1', mentorId: 3 }];
  const target: PasteTarget = {
    columns,
    rowAt: (i) => rows[i],
    total: 1,
    cellValue: (row, column) => row[column] ?? null,
  };

  it('refuses an empty cell in a required relation, clears an optional one', () => {
    const p = planPaste([[null, null]], rangeOf({ row: 0, col: 0 }), target);
    assert.deepEqual(
      p.refused.map((r) => [r.column, r.reason]),
      [['organizationId', 'is the key of the required relation organization: it cannot be cleared']],
    );
    assert.deepEqual(
      p.cells.map((c) => [c.column, c.value]),
      [['mentorId', null]],
    );
  });

  it('stages a pasted key', () => {
    const p = planPaste([['org2', '7']], rangeOf({ row: 0, col: 0 }), target);
    assert.deepEqual(
      p.cells.map((c) => [c.column, c.value]),
      [
        ['organizationId', 'org2'],
        ['mentorId', 7],
      ],
    );
  });
});
