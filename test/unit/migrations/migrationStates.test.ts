import assert from 'node:assert/strict';
import type { LocalMigration } from '../../../src/core/migrations/localMigrations';
import { computeStates, summarize, type HistoryRow } from '../../../src/core/migrations/migrationStates';

const local = (name: string, checksum = `sum-${name}`): LocalMigration => ({
  name,
  dir: `/m/${name}`,
  sqlFile: `/m/${name}/migration.sql`,
  checksum,
  checksumLf: checksum,
});
let seq = 0;
const row = (name: string, over: Partial<HistoryRow> = {}): HistoryRow => ({
  id: String(++seq),
  migrationName: name,
  checksum: `sum-${name}`,
  startedAt: `2024-01-01T00:00:${String(10 + seq).padStart(2, '0')}.000Z`,
  finishedAt: '2024-01-01T00:01:00.000Z',
  rolledBackAt: null,
  logs: null,
  appliedStepsCount: 1,
  ...over,
});
const states = (entries: ReturnType<typeof computeStates>) => Object.fromEntries(entries.map((e) => [e.name, e.state]));

describe('migrations: states from local folders and _prisma_migrations', () => {
  it('applied, pending, and applied-when from finished_at', () => {
    const entries = computeStates([local('1_a'), local('2_b')], [row('1_a')]);
    assert.deepEqual(states(entries), { '1_a': 'applied', '2_b': 'pending' });
    assert.equal(entries[0].appliedAt, '2024-01-01T00:01:00.000Z');
  });

  it('failed: no finished_at and not rolled back, with the logs as the error', () => {
    const [e] = computeStates(
      [local('1_a')],
      [row('1_a', { finishedAt: null, logs: 'Database error code: 42P07\nrelation "a" already exists' })],
    );
    assert.equal(e.state, 'failed');
    assert.match(e.error ?? '', /already exists/);
  });

  it('rolled back, and applied again after a rollback', () => {
    assert.equal(
      computeStates([local('1_a')], [row('1_a', { finishedAt: null, rolledBackAt: '2024-01-02T00:00:00.000Z' })])[0]
        .state,
      'rolledBack',
    );
    const again = computeStates(
      [local('1_a')],
      [row('1_a', { finishedAt: null, rolledBackAt: '2024-01-02T00:00:00.000Z' }), row('1_a')],
    );
    assert.equal(again[0].state, 'applied');
  });

  it('edited after it was applied: the checksum differs (CRLF variant accepted)', () => {
    assert.equal(computeStates([local('1_a', 'changed')], [row('1_a')])[0].state, 'edited');
    const crlf: LocalMigration = { ...local('1_a', 'crlf-sum'), checksumLf: 'sum-1_a' };
    assert.equal(computeStates([crlf], [row('1_a')])[0].state, 'applied');
  });

  it('in the database but missing locally, merged in name order (newest last)', () => {
    const entries = computeStates([local('1_a'), local('3_c')], [row('1_a'), row('2_b'), row('3_c')]);
    assert.deepEqual(
      entries.map((e) => [e.name, e.state]),
      [
        ['1_a', 'applied'],
        ['2_b', 'missingLocally'],
        ['3_c', 'applied'],
      ],
    );
    assert.equal(entries[1].local, undefined);
  });

  it('unknown for every local migration when the database could not be read', () => {
    assert.deepEqual(states(computeStates([local('1_a'), local('2_b')], undefined)), {
      '1_a': 'unknown',
      '2_b': 'unknown',
    });
  });

  it('summarize counts each state', () => {
    const entries = computeStates([local('1_a'), local('2_b'), local('3_c', 'x')], [row('1_a'), row('3_c')]);
    assert.deepEqual(summarize(entries), { applied: 1, pending: 1, edited: 1 });
  });
});
