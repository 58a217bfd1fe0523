import assert from 'node:assert/strict';
import type { DriftReport } from '../../../src/core/drift';
import { WATCH_REASON, autoPullDecision, changedLines, type AutoPullInputs } from '../../../src/core/drift/autoPull';

const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } };
const differs: DriftReport = {
  state: 'schemaDiffers', comparisons: ['schemaDatabase'], pending: [], failed: [], edited: [], missingLocally: [], sql: {}, notes: [], durationMs: 1,
  findings: [{ comparison: 'schemaDatabase', message: 'Column `User.nickname` exists in the database but not in the schema.', item: { kind: 'column', change: 'removed', line: '' }, spot: { file: '/p/schema.prisma', range, block: 'User', onDatasource: false } }],
};
const base: AutoPullInputs = { enabled: true, reason: WATCH_REASON, report: differs, dirtyFiles: [], normalizedUnchanged: true };

describe('drift: auto-pull for introspection-only projects', () => {
  it('pulls on a watch-mode database change when the schema differs and nothing is unsaved', () => {
    assert.deepEqual(autoPullDecision(base), { pull: true });
  });

  it('never without the setting, outside watch mode, in sync, or in a project with migrations', () => {
    assert.equal(autoPullDecision({ ...base, enabled: false }).pull, false);
    assert.equal(autoPullDecision({ ...base, reason: 'changed' }).pull, false);
    assert.equal(autoPullDecision({ ...base, reason: 'command' }).pull, false);
    assert.equal(autoPullDecision({ ...base, report: { ...differs, findings: [], state: 'inSync' } }).pull, false);
    assert.equal(autoPullDecision({ ...base, report: { ...differs, comparisons: ['schemaMigrations', 'migrationsDatabase'], findings: differs.findings.map((f) => ({ ...f, comparison: 'migrationsDatabase' as const })) } }).pull, false);
    assert.equal(autoPullDecision({ ...base, report: undefined }).pull, false);
    assert.equal(autoPullDecision({ ...base, report: { ...differs, state: 'error', error: { kind: 'unreachable', message: 'x', nextStep: 'y', spot: { file: '/p', range, onDatasource: true } } } }).pull, false);
  });

  it('refuses over unsaved changes or settings a pull would drop, and says so to the user', () => {
    const dirty = autoPullDecision({ ...base, dirtyFiles: ['/p/schema.prisma'] });
    assert.deepEqual(dirty, { pull: false, why: 'the schema file has unsaved changes', tell: true });
    const url = autoPullDecision({ ...base, normalizedUnchanged: false });
    assert.equal(url.pull, false);
    assert.ok(!url.pull && url.tell && /datasource url/.test(url.why));
    const quiet = autoPullDecision({ ...base, enabled: false });
    assert.ok(!quiet.pull && !quiet.tell);
  });

  it('counts changed lines', () => {
    assert.equal(changedLines('a\nb\nc', 'a\nb\nc'), 0);
    assert.equal(changedLines('a\nb\nc', 'a\nb\nx\nc'), 1);
    assert.equal(changedLines('a\nb\nc', 'a\nc'), 1);
    assert.equal(changedLines('a\nb', 'a\nB'), 2);
  });
});
