import assert from 'node:assert/strict';
import type { DriftReport } from '../../../src/core/drift';
import { blockKey, driftMarks, migrationsBadgeTooltip, modelsBadgeTooltip } from '../../../src/core/drift/marks';

const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } };
const report = (over: Partial<DriftReport>): DriftReport => ({
  state: 'inSync',
  comparisons: [],
  pending: [],
  failed: [],
  edited: [],
  missingLocally: [],
  findings: [],
  sql: {},
  notes: [],
  durationMs: 1,
  ...over,
});
const finding = (
  comparison: 'schemaMigrations' | 'migrationsDatabase' | 'schemaDatabase',
  file: string,
  block: string | undefined,
  message: string,
) => ({
  comparison,
  message,
  item: { kind: 'column' as const, change: 'added' as const, line: message },
  spot: { file, range, block, onDatasource: block === undefined },
});

describe('drift: marks for the trees', () => {
  it('groups findings by file and block (a model of the same name in another file is another block)', () => {
    const m = driftMarks(
      report({
        state: 'drift',
        findings: [
          finding(
            'migrationsDatabase',
            '/a/user.prisma',
            'User',
            'Column `User.nickname` exists in the database but in no migration.',
          ),
          finding(
            'migrationsDatabase',
            '/a/user.prisma',
            'User',
            'Index of `User` on (name) exists in the database but in no migration.',
          ),
          finding(
            'schemaMigrations',
            '/a/post.prisma',
            'Post',
            'Column `Post.body` is in the schema but in no migration.',
          ),
          finding(
            'migrationsDatabase',
            '/a/schema.prisma',
            undefined,
            'Table `audit` exists in the database but in no migration.',
          ),
        ],
      }),
    );
    assert.deepEqual(m.blocks.get(blockKey('/a/user.prisma', 'User'))?.length, 2);
    assert.deepEqual(m.blocks.get(blockKey('/a/post.prisma', 'Post')), [
      'Column `Post.body` is in the schema but in no migration.',
    ]);
    assert.equal(m.blocks.get(blockKey('/a/post.prisma', 'User')), undefined);
    assert.equal(m.findings, 4);
    assert.equal(m.drift, 3);
    assert.equal(m.migrationProblems, 3);
    assert.equal(
      modelsBadgeTooltip([m]),
      'Drift check: 4 differences between schema, migrations and database (see the Problems panel)',
    );
  });

  it('marks pending, edited and failed migrations and counts them for the Migrations badge', () => {
    const m = driftMarks(
      report({ state: 'failed', pending: ['3_c', '4_d'], edited: ['1_a'], failed: ['2_b'], missingLocally: ['0_x'] }),
    );
    assert.deepEqual([...m.migrations].sort(), [
      ['1_a', 'edited'],
      ['2_b', 'failed'],
      ['3_c', 'pending'],
      ['4_d', 'pending'],
    ]);
    assert.equal(m.migrationProblems, 5);
    assert.equal(
      migrationsBadgeTooltip([m]),
      'Drift check: 2 migrations pending · 3 failed, edited or missing migrations',
    );
    assert.equal(
      migrationsBadgeTooltip([
        driftMarks(report({ pending: ['1_a'] })),
        driftMarks(report({ findings: [finding('migrationsDatabase', '/s', 'User', 'x')] })),
      ]),
      'Drift check: 1 migration pending · 1 change made to the database outside the migrations',
    );
  });

  it('no report, an error report or a clean one: nothing to mark', () => {
    for (const r of [
      undefined,
      report({}),
      report({
        state: 'error',
        pending: ['1_a'],
        error: { kind: 'unreachable', message: 'x', nextStep: 'y', spot: { file: '/s', range, onDatasource: true } },
      }),
    ]) {
      const m = driftMarks(r);
      assert.equal(m.blocks.size + m.migrations.size + m.findings + m.migrationProblems, 0);
    }
  });
});
