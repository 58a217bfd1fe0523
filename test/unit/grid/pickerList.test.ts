// The relation picker's list state: pages append in order, an answer to an older search or a duplicate
// "more" is dropped, the highlight stays on a row.
import assert from 'node:assert/strict';
import { PickerList } from '../../../webview/grid/pickerList';
import { PendingChanges } from '../../../webview/grid/pending';
import type { ModelMeta } from '../../../src/shared/protocol/model';

const row = (id: number) => ({ value: { teamId: id }, id: String(id), label: `Team ${id}` });

describe('grid: relation picker list', () => {
  it('appends pages after the cursor and stops when there is no next page', () => {
    const list = new PickerList();
    list.begin('', 1);
    assert.equal(list.moreAfter(), undefined, 'nothing to continue while the first page is on its way');
    assert.ok(list.received(1, [row(1), row(2)], { id: 2 }));
    assert.deepEqual(list.moreAfter(), { id: 2 });
    list.asked(2);
    assert.equal(list.moreAfter(), undefined, 'one "more" at a time');
    assert.ok(list.received(2, [row(3)], undefined));
    assert.deepEqual(
      list.rows.map((r) => r.id),
      ['1', '2', '3'],
    );
    assert.equal(list.moreAfter(), undefined, 'the last page');
  });

  it('drops an answer to a search the user typed past', () => {
    const list = new PickerList();
    list.begin('re', 1);
    list.begin('red', 2);
    assert.equal(list.received(1, [row(9)], { id: 9 }), false);
    assert.deepEqual(list.rows, []);
    assert.ok(list.received(2, [row(1)], undefined));
    assert.equal(list.chosen()?.id, '1');
    assert.equal(list.failed(1), false);
  });

  it('keeps the highlight on a row', () => {
    const list = new PickerList();
    list.move(1);
    assert.equal(list.chosen(), undefined);
    list.begin('', 1);
    list.received(1, [row(1), row(2), row(3)], undefined);
    list.move(5);
    assert.equal(list.chosen()?.id, '3');
    list.move(-9);
    assert.equal(list.chosen()?.id, '1');
  });
});

describe('grid: staged relation links', () => {
  const team: ModelMeta = {
    name: 'Team',
    columns: [
      {
        name: 'id',
        type: 'Int',
        optional: false,
        list: false,
        isId: true,
        isUnique: false,
        isUpdatedAt: false,
        sortable: true,
      },
    ],
    primaryKey: ['id'],
    backRelations: [{ name: 'members', model: 'Member', fields: ['teamId'], references: ['id'], list: true }],
  };

  it('stages connects and disconnects as one undo step each, and sends them with the save', () => {
    const p = new PendingChanges(team);
    p.link({ relation: 'members', parent: { id: 1 }, child: { id: 7 }, connect: true });
    p.link({ relation: 'members', parent: { id: 1 }, child: { id: 8 }, connect: false });
    assert.equal(p.count, 2);
    assert.deepEqual(
      p.linksOf({ id: 1 }, 'members').map((l) => [l.child.id, l.connect]),
      [
        [7, true],
        [8, false],
      ],
    );
    assert.deepEqual(p.linksOf({ id: 2 }, 'members'), []);
    assert.ok(p.undo());
    assert.deepEqual(p.toRequest().links, [
      { relation: 'members', parent: { id: 1 }, child: { id: 7 }, connect: true },
    ]);
    assert.ok(p.redo());
    assert.equal(p.toRequest().links?.length, 2);
    p.clear();
    assert.equal(p.toRequest().links, undefined);
  });
});
