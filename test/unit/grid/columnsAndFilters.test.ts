// The webview's column layout (hide / pin) and filter-value logic, in plain Node.
import * as assert from 'node:assert/strict';
import { cleanLayout, orderedColumns, toggleHidden, togglePinned } from '../../../webview/grid/columns';
import {
  describeFilters,
  isoToWall,
  jsonPathValue,
  parseJsonPath,
  wallToIso,
  zoneLabel,
} from '../../../webview/grid/filterValues';

const cols = ['id', 'email', 'name', 'role', 'createdAt'].map((name) => ({ name }));
const names = cols.map((c) => c.name);

describe('grid: column layout', () => {
  it('shows pinned columns first, in pin order, and leaves hidden ones out', () => {
    assert.deepEqual(
      orderedColumns(cols, { hidden: ['email'], pinned: ['role', 'id'] }).map((c) => c.name),
      ['role', 'id', 'name', 'createdAt'],
    );
    assert.deepEqual(
      orderedColumns(cols, { hidden: [], pinned: [] }).map((c) => c.name),
      names,
    );
  });

  it('hides and shows; never the last shown column; hiding unpins', () => {
    let l = toggleHidden({ hidden: [], pinned: ['email'] }, 'email', names);
    assert.deepEqual(l, { hidden: ['email'], pinned: [] });
    l = toggleHidden(l, 'email', names);
    assert.deepEqual(l.hidden, []);
    const one = { hidden: ['id', 'email', 'name', 'role'], pinned: [] };
    assert.equal(toggleHidden(one, 'createdAt', names), one, 'the last column stays');
  });

  it('pins at the end and unpins; pinning a hidden column shows it', () => {
    let l = togglePinned({ hidden: ['name'], pinned: ['id'] }, 'name');
    assert.deepEqual(l, { hidden: [], pinned: ['id', 'name'] });
    l = togglePinned(l, 'id');
    assert.deepEqual(l.pinned, ['name']);
  });

  it('forgets columns the model no longer has, and never hides them all', () => {
    assert.deepEqual(cleanLayout({ hidden: ['gone', 'email'], pinned: ['old', 'id', 'id', 'email'] }, names), {
      hidden: ['email'],
      pinned: ['id'],
    });
    assert.deepEqual(cleanLayout({ hidden: [...names], pinned: [] }, names).hidden, []);
  });
});

describe('grid: filter values', () => {
  it('reads a datetime-local value in UTC, to the millisecond', () => {
    assert.equal(wallToIso('2025-01-31T12:30', 'UTC'), '2025-01-31T12:30:00.000Z');
    assert.equal(wallToIso('2025-01-31T12:30:05.07', 'UTC'), '2025-01-31T12:30:05.070Z');
    assert.equal(wallToIso('2025-02-31T00:00', 'UTC'), undefined, 'no 31 February');
    assert.equal(wallToIso('yesterday', 'UTC'), undefined);
    assert.equal(isoToWall('2025-01-31T12:30:05.070Z', 'UTC'), '2025-01-31T12:30:05.070');
  });

  it('reads it in the local zone (here New York), shows that zone, and round-trips', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      assert.equal(wallToIso('2025-01-31T12:30', 'local'), '2025-01-31T17:30:00.000Z', 'EST is UTC-5');
      assert.equal(wallToIso('2025-07-01T12:30', 'local'), '2025-07-01T16:30:00.000Z', 'EDT is UTC-4');
      assert.equal(isoToWall('2025-07-01T16:30:00.000Z', 'local'), '2025-07-01T12:30:00.000');
      assert.equal(
        zoneLabel('local', new Date('2025-01-31T00:00:00Z'), 'America/New_York'),
        'America/New_York (UTC-05:00)',
      );
      assert.equal(zoneLabel('UTC'), 'UTC');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('parses Json paths written with dots, brackets or $', () => {
    assert.deepEqual(parseJsonPath('a.b.0'), ['a', 'b', '0']);
    assert.deepEqual(parseJsonPath('$.a.b[2]'), ['a', 'b', '2']);
    assert.deepEqual(parseJsonPath('  '), []);
  });

  it('takes a Json path value as JSON, plain text as a string, and text as is for text operators', () => {
    assert.equal(jsonPathValue('equals', '42'), '42');
    assert.equal(jsonPathValue('equals', ' true '), 'true');
    assert.equal(jsonPathValue('equals', 'dark'), '"dark"');
    assert.equal(jsonPathValue('equals', '"dark"'), '"dark"');
    assert.equal(jsonPathValue('contains', 'da"rk'), 'da"rk');
  });

  it('describes filters for breadcrumbs', () => {
    assert.equal(
      describeFilters([
        { column: 'organizationId', op: 'equals', value: 'org1' },
        { column: 'preferences', op: 'gt', path: ['a', '0'], value: '3' },
      ]),
      'organizationId = "org1", preferences.a.0 > "3"',
    );
  });
});
