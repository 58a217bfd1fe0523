import * as assert from 'node:assert/strict';
import { RestartBackoff } from '../../../src/core/languageServer/restartBackoff';
import { selectServer, shouldStartServer } from '../../../src/core/languageServer/serverSelection';
import type { PrismaVersion } from '../../../src/core/languageServer/prismaVersion';

const v = (major: number, source: PrismaVersion['source'] = 'installed'): PrismaVersion => ({
  version: `${major}.1.0`,
  major,
  source,
  file: '/ws/node_modules/prisma/package.json',
});

describe('languageServer: which server runs', () => {
  it('runs the Prisma 6 server for Prisma 6 and older projects, the Prisma 7 one otherwise', () => {
    assert.equal(selectServer('auto', v(5)).line, 'prisma6');
    assert.equal(selectServer('auto', v(6)).line, 'prisma6');
    assert.equal(selectServer('auto', v(7)).line, 'prisma7');
    assert.equal(selectServer('auto', v(8)).line, 'prisma7');
    assert.equal(selectServer('auto', undefined).line, 'prisma7');
    assert.match(selectServer('auto', v(6)).reason, /installed prisma 6\.1\.0/);
    assert.match(selectServer('auto', v(6, 'schema')).reason, /datasource url/);
  });

  it('lets the setting override the project', () => {
    assert.equal(selectServer('7', v(5)).line, 'prisma7');
    assert.equal(selectServer('6', v(7)).line, 'prisma6');
    assert.match(selectServer('6', v(7)).reason, /prismaWorkbench\.languageServer\.version/);
  });

  it('gives way to the official Prisma extension unless told otherwise', () => {
    assert.equal(shouldStartServer('auto', true).start, false);
    assert.equal(shouldStartServer('auto', false).start, true);
    assert.equal(shouldStartServer('always', true).start, true);
    assert.equal(shouldStartServer('never', false).start, false);
    assert.match(shouldStartServer('auto', true).reason, /Prisma\.prisma/);
  });
});

describe('languageServer: crash restarts', () => {
  it('waits longer after each crash in a row, then gives up', () => {
    let now = 0;
    const b = new RestartBackoff({ baseMs: 500, maxMs: 4000, windowMs: 60_000, maxCrashes: 5 }, () => now);
    const delays = [1, 2, 3, 4, 5].map(() => {
      now += 1000;
      const r = b.crashed();
      assert.ok(r.restart);
      return r.delayMs;
    });
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 4000]);
    now += 1000;
    assert.deepEqual(b.crashed(), { restart: false, crashes: 6 });
  });

  it('forgets crashes older than the window, and on a manual restart', () => {
    let now = 0;
    const b = new RestartBackoff({ baseMs: 100, maxMs: 10_000, windowMs: 10_000, maxCrashes: 2 }, () => now);
    b.crashed();
    b.crashed();
    now = 20_000;
    assert.deepEqual(b.crashed(), { restart: true, delayMs: 100, crashes: 1 });
    b.crashed();
    b.reset();
    assert.deepEqual(b.crashed(), { restart: true, delayMs: 100, crashes: 1 });
  });
});
