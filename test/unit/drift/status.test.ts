// The drift status-bar words: a project cloned without its .env (no DATABASE_URL) is schema-only mode,
// "no database" in the neutral colour with Add a connection; a real failure keeps the warning colour.
import * as assert from 'node:assert/strict';
import { resolveDatabaseUrl } from '../../../src/core/connections/databaseUrl';
import type { DriftReport } from '../../../src/core/drift';
import { WatchBackoff } from '../../../src/core/drift/watchLoop';
import { driftStatus } from '../../../src/core/drift/status';

const spot = {
  onDatasource: true,
  file: '/p/prisma/schema.prisma',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};
const report = (state: DriftReport['state'], over: Partial<DriftReport> = {}) => ({
  state,
  pending: [],
  ...over,
});

describe('drift status bar', () => {
  it('a schema whose DATABASE_URL is not set: "no database", neutral, click adds a connection', () => {
    const db = resolveDatabaseUrl({
      projectDir: '/p',
      schemaPath: '/p/prisma/schema.prisma',
      schemaUrl: 'env("DATABASE_URL")',
      provider: 'postgresql',
      env: {},
      readFile: () => undefined,
    });
    assert.ok(!db.ok);
    assert.equal(db.missing, true, 'an unset variable is a missing database, not a fault');
    const status = driftStatus({ label: 'prisma/schema.prisma', noDatabase: db.reason });
    assert.deepEqual(status && { text: status.text, tone: status.tone, action: status.action, state: status.state }, {
      text: '$(database) Prisma: no database',
      tone: 'neutral',
      action: 'addConnection',
      state: 'noDatabase',
    });
    assert.match(
      status?.tooltip ?? '',
      /schema-only mode — schema\.prisma: the environment variable DATABASE_URL is not set/,
    );
  });

  it('no URL anywhere is missing too; a computed URL is not (it cannot be read, it is not absent)', () => {
    const base = { projectDir: '/p', schemaPath: '/p/prisma/schema.prisma', env: {}, readFile: () => undefined };
    const none = resolveDatabaseUrl(base);
    assert.ok(!none.ok && none.missing);
    const computed = resolveDatabaseUrl({ ...base, configFile: '/p/prisma.config.ts', configUrl: 'makeUrl()' });
    assert.ok(!computed.ok && !computed.missing);
  });

  it('a failed check keeps the warning colour and says so; unreachable says unreachable', () => {
    const failed = driftStatus({
      label: 's',
      report: report('error', { error: { kind: 'other', message: 'The drift check failed: x', nextStep: '', spot } }),
    });
    assert.equal(failed?.text, '$(debug-disconnect) Prisma: drift check failed');
    assert.equal(failed?.tone, 'warning');
    const unreachable = driftStatus({
      label: 's',
      report: report('error', {
        error: { kind: 'unreachable', message: 'Database unreachable: x', nextStep: '', spot },
      }),
    });
    assert.equal(unreachable?.text, '$(debug-disconnect) Prisma: database unreachable');
    assert.equal(unreachable?.tone, 'warning');
  });

  it('in sync and pending are neutral; drift warns; unchecked providers say so; nothing checked shows nothing', () => {
    assert.deepEqual(
      [
        driftStatus({ label: 's', report: report('inSync') }),
        driftStatus({ label: 's', report: report('pending', { pending: ['a', 'b'] }) }),
      ].map((s) => [s?.text, s?.tone]),
      [
        ['$(check) Prisma: in sync', 'neutral'],
        ['$(cloud-upload) Prisma: 2 pending', 'neutral'],
      ],
    );
    assert.equal(driftStatus({ label: 's', report: report('drift') })?.tone, 'warning');
    assert.equal(driftStatus({ label: 's', unchecked: 'MySQL' })?.text, '$(circle-slash) Prisma: drift not checked');
    assert.equal(driftStatus({ label: 's' }), undefined);
  });

  it('Restricted Mode says so in the neutral colour and a click opens the trust editor', () => {
    const s = driftStatus({ label: 's', restricted: 'Restricted Mode: trust this folder to read the database' });
    assert.equal(s?.text, '$(workspace-untrusted) Restricted Mode: trust this folder to read the database');
    assert.equal(s?.tone, 'neutral');
    assert.equal(s?.action, 'manageTrust');
  });

  it('watch mode left off for a production database is said beside the state', () => {
    const s = driftStatus({ label: 's', report: report('inSync'), watchOff: 'the database counts as production' });
    assert.equal(s?.text, '$(check) Prisma: in sync · watch off (production)');
    assert.match(s?.tooltip ?? '', /Watch mode does not poll this database: the database counts as production\./);
  });

  it('watch mode failing to reach the database says so, with the back-off, until it answers again', () => {
    const backoff = new WatchBackoff(10_000);
    backoff.failed(0, "s's database did not answer within 30 s");
    backoff.failed(10_000, "s's database did not answer within 30 s");
    const s = driftStatus({ label: 's', report: report('inSync'), watchFailing: backoff.words('s') });
    assert.equal(s?.text, '$(check) Prisma: in sync · watch retrying');
    assert.match(s?.tooltip ?? '', /did not answer within 30 s\); 2 failed polls in a row, next try in 20 s\./);
    backoff.succeeded();
    assert.equal(
      driftStatus({ label: 's', report: report('inSync'), watchFailing: backoff.words('s') })?.text,
      '$(check) Prisma: in sync',
    );
  });
});
