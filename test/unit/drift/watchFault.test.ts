// Watch mode against a PostgreSQL that hangs or drops (a TCP proxy cut between them, the real server
// behind it): the fingerprint query fails in words within the limit instead of waiting forever, polls
// never overlap however slow the database, a failing database is asked again after a growing pause with
// words for the status bar, and the first answer after the proxy is back clears them.
import * as assert from 'node:assert/strict';
import pg from 'pg';
import { databaseFingerprint } from '../../../src/core/drift/fingerprint';
import { pollDatabase, PollTimer, WatchBackoff, type WatchAnswer } from '../../../src/core/drift/watchLoop';
import { adapterFactoryFor } from '../../../src/core/migrations/adapterFactory';
import { settlesWithin } from '../../../src/core/util/settlesWithin';
import { proxied, type CuttableProxy } from '../tcpProxy';
import { orSkip, throwawayPostgres, type Throwaway } from '../testServers';

type Connection = Awaited<ReturnType<Awaited<ReturnType<typeof adapterFactoryFor>>['connect']>>;

/** Waits until `ok()` holds, checking every 20 ms, or fails after `ms` with `what`. */
async function until(ok: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Drift watch mode when PostgreSQL hangs or drops (a TCP proxy cut between them)', function () {
  this.timeout(90_000);
  const TIMEOUT_MS = 1500;
  let server: Throwaway | undefined;
  let proxy: CuttableProxy | undefined;
  let url = '';
  const open: Connection[] = [];

  before(async function () {
    server = orSkip(this, await throwawayPostgres('pw_watch_fault'));
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    await db.query('CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)');
    await db.end();
    ({ proxy, url } = await proxied(server.url));
  });

  afterEach(() => proxy?.restore());

  after(async () => {
    proxy?.restore();
    await Promise.all(open.map((c) => c.dispose().catch(() => undefined)));
    await proxy?.close();
    await server?.drop();
  });

  const connect = async (): Promise<Connection> => {
    const c = await (await adapterFactoryFor({ provider: 'postgresql', url, timeoutMs: TIMEOUT_MS })).connect();
    open.push(c);
    return c;
  };

  for (const mode of ['hang', 'close'] as const) {
    it(`${mode}: the fingerprint query fails in words within the limit, not never`, async () => {
      const c = await connect();
      const before = await databaseFingerprint(c, 'postgresql');
      proxy!.cut(mode);
      const asked = databaseFingerprint(c, 'postgresql');
      asked.catch(() => undefined);
      assert.ok(await settlesWithin(asked, TIMEOUT_MS * 10), 'the query settles (it waited forever without a limit)');
      await assert.rejects(asked, /timeout|terminated|closed|ECONN|connect/i);
      // a new connection to a server that never answers fails too
      const reconnect = connect().then((d) => databaseFingerprint(d, 'postgresql'));
      reconnect.catch(() => undefined);
      assert.ok(await settlesWithin(reconnect, TIMEOUT_MS * 10), 'connecting settles');
      await assert.rejects(reconnect);
      proxy!.restore();
      assert.equal(await databaseFingerprint(await connect(), 'postgresql'), before, 'answers again once back');
    });
  }

  it('hang: polls never overlap, back off with words, and recover when the server is back', async () => {
    const backoff = new WatchBackoff(50, 400);
    let connection: Promise<Connection> | undefined;
    let inFlight = 0;
    let most = 0;
    const answers: WatchAnswer<string>[] = [];
    const delays: number[] = [];
    let last = Date.now();
    const timer = new PollTimer(
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          const answer = await pollDatabase({
            backoff,
            label: 'items',
            timeoutMs: TIMEOUT_MS,
            ask: async () => databaseFingerprint(await (connection ??= connect()), 'postgresql'),
            drop: () => {
              connection = undefined;
            },
          });
          if (answer.kind !== 'resting') {
            delays.push(Date.now() - last);
            last = Date.now();
            answers.push(answer);
          }
        } finally {
          inFlight--;
        }
      },
      () => inFlight > 0,
      10, // far shorter than the database takes to fail: a bare setInterval would stack polls
    );
    timer.start();
    try {
      await until(() => answers.some((a) => a.kind === 'answered'), 20_000, 'a first answer');
      proxy!.cut('hang');
      await until(() => backoff.failures >= 3, 60_000, 'three failed polls');
      const failed = answers.filter((a) => a.kind === 'failed');
      assert.match(failed[0].kind === 'failed' ? failed[0].words : '', /did not answer .*next try in/);
      assert.match(backoff.words('items') ?? '', /3 failed polls in a row, next try in 0\.2 s/);
      proxy!.restore();
      await until(() => answers.at(-1)?.kind === 'answered', 30_000, 'an answer after the proxy is back');
      const back = answers.at(-1);
      assert.ok(back?.kind === 'answered' && back.recovered, 'the first answer after the failures says recovered');
      assert.equal(backoff.words('items'), undefined, 'the words are gone');
      assert.equal(most, 1, 'never two polls at once');
    } finally {
      timer.stop();
    }
  });
});
