// Discovery during a build: events in build and tool output folders are ignored, and the rest refresh
// at most once per gap, never two at once, with one last refresh after the storm so the end state is seen.
import * as assert from 'node:assert/strict';
import { isBuildPath, RefreshGate } from '../../../src/core/discovery/refreshGate';

describe('Discovery does not storm while a build writes files', function () {
  this.timeout(60_000);

  it('ignores what builds, package managers and tools write, not the project', () => {
    for (const p of [
      '/w/node_modules/.prisma/client/schema.prisma',
      '/w/node_modules/left-pad/package.json',
      '/w/apps/web/.next/cache/webpack',
      '/w/target/debug/build/foo-1234',
      '/w/.venv/lib/python3.12/site-packages/x',
      '/w/packages/api/dist/esm',
      '/w/.svelte-kit/generated',
      '/w/.cache/something',
      'C:\\w\\node_modules\\x\\package.json',
    ])
      assert.ok(isBuildPath(p), p);
    for (const p of ['/w/prisma/schema.prisma', '/w/packages/db/prisma/models', '/w/apps/targets/new', '/w/distant'])
      assert.ok(!isBuildPath(p), p);
  });

  it('a storm of events refreshes at most once per gap, one at a time, and once more after the storm', async () => {
    const minGapMs = 1000;
    let running = 0;
    let most = 0;
    let lastStart = 0;
    const gate = new RefreshGate(
      async () => {
        lastStart = performance.now();
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 100)); // a refresh takes a while
        running--;
      },
      { quietMs: 30, minGapMs },
    );
    // a build: an event every 50 ms, longer apart than the quiet time (a debounce alone refreshed each time)
    const t0 = performance.now();
    let pokes = 0;
    let lastPoke = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        gate.poke();
        lastPoke = performance.now();
        if (++pokes === 40) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    while (gate.pending) await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = performance.now() - t0;
    assert.equal(most, 1, 'never two refreshes at once');
    assert.ok(
      gate.runs >= 1 && gate.runs <= Math.ceil(elapsed / minGapMs) + 1,
      `${gate.runs} refreshes in ${elapsed} ms`,
    );
    assert.ok(lastStart > lastPoke, 'a refresh after the last event');
  });
});
