// Hostile grid webview: thousands of random and adversarial messages fed to the grid host's handler
// (core/data/gridRequests.ts, what the panel runs every message through) against a real SQLite file.
// Nothing is written (the table's checksum is the same after), no handler rejects or throws, every message
// is answered (a typed reply, an error, or handed to the panel for a legitimate UI action), replies stay
// small, and memory stays bounded.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { GridRequests, type PanelAction } from '../../../src/core/data/gridRequests';
import { RowOriginals, ORIGINALS_KEPT } from '../../../src/core/data/rowOriginals';
import { emptyQuery, parseWebviewMessage, type HostMessage } from '../../../src/shared/protocol/messages';
import { eventsDb, EVENT_ROWS, type EventsDb } from './eventsFixture';
import { cleanupStore } from './sqliteFixture';
import { mutate, numbers, pathsOf, picker, protoKeys, randomValue, rng, strings, withKey } from './hostileMessages';

const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
/** Longest text a reply to a bad message may carry (it is shown to the user and logged). */
import { MAX_ERROR_TEXT } from '../../../src/core/util/errorText';
/** heapUsed growth allowed across the run, after GC. */
const HEAP_GROWTH_LIMIT = 64 * 1024 * 1024;

const replyTypes = new Set<HostMessage['type']>([
  'rows',
  'count',
  'saved',
  'related',
  'error',
  'readOnly',
  'init',
  'refresh',
]);

describe('Grid host under hostile webview messages (SQLite)', function () {
  this.timeout(300_000);
  let db: EventsDb;
  before(async function () {
    db = await eventsDb(this, 'sqlite');
  });
  after(async () => {
    await db?.close();
    cleanupStore();
  });

  /** Every row, every column, in order: what "nothing was written" is checked against. */
  async function checksum(): Promise<string> {
    const rows = await db.sql('SELECT id, name, rank, at, data, hex(blob) AS blob, price FROM events ORDER BY id');
    const tables = await db.sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    return createHash('sha256')
      .update(JSON.stringify({ rows, tables }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
      .digest('hex');
  }

  function harness(originals = new RowOriginals()) {
    const posted: HostMessage[] = [];
    const panelActions: PanelAction[] = [];
    let deletesAsked = 0;
    const requests = new GridRequests({
      post: (m) => posted.push(m),
      log: { warn: () => {}, error: () => {}, info: () => {} },
      label: () => 'Event',
      current: async () => ({ session: db.session, meta: db.model }),
      relatedMeta: async (name) => {
        if (name !== db.model.name) throw new Error(`the model ${name} is not in the schema`);
        return db.model;
      },
      originals,
      readOnly: async () => ({ readOnly: false, forced: false }),
      // the user says no to every delete modal: a message alone cannot delete
      confirmDeletes: async (_meta, request) => {
        if (request.deletes.length === 0) return undefined;
        deletesAsked++;
        return 'Nothing was saved: the delete was cancelled.';
      },
      panelAction: async (m) => {
        panelActions.push(m);
      },
    });
    return { requests, posted, panelActions, originals, asked: () => deletesAsked };
  }

  const columns = new Set(['id', 'name', 'rank', 'at', 'data', 'blob', 'price']);
  /** A save a user could make (known columns only, no deletes): a write then is legitimate, not hostile. */
  function userEdit(raw: unknown): boolean {
    let m;
    try {
      m = parseWebviewMessage(raw);
    } catch {
      return false;
    }
    if (m.type !== 'save') return false;
    const known = (row: object) => Object.keys(row).every((k) => columns.has(k));
    return m.request.updates.some((u) => known(u.changes) && known(u.key)) || m.request.inserts.some(known);
  }

  const templates = (requestId: number): unknown[] => [
    { type: 'ready' },
    { type: 'fetch', requestId, query: emptyQuery(), start: 0, count: 100 },
    {
      type: 'fetch',
      requestId,
      query: {
        ...emptyQuery(),
        filters: [{ column: 'name', op: 'contains', value: 'event' }],
        sort: [{ column: 'rank', dir: 'desc' }],
      },
      start: 40,
      count: 20,
    },
    { type: 'fetch', requestId, query: emptyQuery(), start: Number.MAX_SAFE_INTEGER, count: 5000 },
    {
      type: 'fetch',
      requestId,
      query: {
        filters: [
          { column: 'rank', op: 'in', values: Array.from({ length: 10_000 }, (_, n) => n) },
          { column: 'data', op: 'equals', value: 1, path: ['a', '__proto__', 'b'] },
          { column: 'at', op: 'between', values: ['yesterday'] },
        ],
        combinator: 'OR',
        search: '%_\\',
        sort: [{ column: 'no_such_column', dir: 'asc' }],
        showDeleted: true,
      },
      start: 1e15,
      count: 1,
    },
    { type: 'count', requestId, query: emptyQuery(), exact: true },
    {
      type: 'count',
      requestId,
      query: { ...emptyQuery(), filters: [{ column: 'constructor', op: 'isNull' }], search: 'x'.repeat(1000) },
    },
    {
      type: 'save',
      requestId,
      request: {
        updates: [{ key: { id: 1 }, original: { id: 1, name: 'forged' }, changes: { name: 'pwned', no_such: 1 } }],
        inserts: [{ id: 1000, name: 'x', rank: 1, at: 'yesterday' }],
        deletes: [{ key: { id: 2 }, original: {} }],
      },
    },
    {
      type: 'save',
      requestId,
      request: {
        updates: [
          {
            key: { id: 3 },
            original: JSON.parse('{"__proto__": {"id": 3}}') as object,
            changes: { id: 999, rank: 'x' },
          },
          { key: { id: 4, extra: 1 }, original: { id: 4 }, changes: { name: 'y', price: 'NaN' } },
        ],
        inserts: [],
        deletes: [],
      },
    },
    {
      type: 'save',
      requestId,
      request: { updates: [], inserts: [], deletes: [{ key: { id: 5 }, original: { id: 5 } }] },
    },
    {
      type: 'save',
      requestId,
      request: {
        updates: [],
        inserts: [],
        deletes: [],
        links: [{ relation: 'events', parent: { id: 1 }, child: { id: 2 }, connect: true }],
      },
    },
    { type: 'setReadOnly', readOnly: false },
    { type: 'pickRelated', requestId, column: 'name', search: 'event', count: 20 },
    { type: 'pickRelated', requestId, column: '__proto__', search: '', after: { id: 1 }, count: 200 },
    { type: 'openRelated', model: 'NoSuchModel', filters: [] },
    { type: 'warm', model: 'NoSuchModel', filters: [] },
    { type: 'navigate', index: 3 },
    { type: 'export', format: 'csv', query: emptyQuery() },
    { type: 'import' },
    {
      type: 'viewState',
      state: { query: emptyQuery(), scrollTop: 0, widths: { id: 80 }, hidden: [], pinned: [] },
      model: 'Event',
    },
  ];

  /** A value of the same kind as `old` (so the message keeps its shape more often), or anything. */
  function replacement(random: () => number, old: unknown): unknown {
    const pick = picker(random);
    if (random() < 0.4) return randomValue(random);
    if (typeof old === 'number') return pick([...numbers, Math.floor(random() * 1e6), 5000, 5001, 1e15]);
    if (typeof old === 'string') return pick(strings);
    if (Array.isArray(old)) return Array.from({ length: pick([0, 1, 2, 101, 10_001]) }, () => old[0] ?? null);
    if (typeof old === 'object' && old !== null) return withKey(pick([...protoKeys, ...strings]), randomValue(random));
    return randomValue(random);
  }

  function hostile(random: () => number, i: number): unknown {
    const pick = picker(random);
    const strategy = random();
    if (strategy < 0.05) return randomValue(random);
    const base = pick(templates(i));
    if (strategy < 0.15)
      return withKey(pick([...protoKeys, 'extra', pick(strings)]), randomValue(random), base as never);
    // one to three mutations at random places (numbers, strings, prototype keys, nested junk)
    let m = base;
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const paths = pathsOf(m).filter((p) => p.length > 1 || (p.length === 1 && p[0] !== 'type'));
      if (paths.length === 0) break;
      const at = pick(paths);
      const old = at.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], m);
      m =
        random() < 0.15
          ? mutate(m, [...at.slice(0, -1), pick([...protoKeys, ...strings])], randomValue(random))
          : mutate(m, at, replacement(random, old));
    }
    return m;
  }

  it('writes nothing, never throws, answers every message, and stays bounded', async () => {
    const before = await checksum();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const gc = collector();
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const h = harness();
    const random = rng(SEED);
    let sent = 0;
    let userEdits = 0;
    let refused = 0;
    let saves = 0;
    const slowest: { ms: number; i: number; text: string }[] = [];
    try {
      for (let i = 0; sent < MESSAGES; i++) {
        const message = hostile(random, i);
        if (userEdit(message)) {
          userEdits++; // not hostile: a user may save such an edit
          continue;
        }
        sent++;
        const postedBefore = h.posted.length;
        const actionsBefore = h.panelActions.length;
        let valid = true;
        try {
          parseWebviewMessage(message);
        } catch {
          valid = false;
          refused++;
        }
        const t0 = performance.now();
        await assert.doesNotReject(h.requests.handle(message), `message ${i} (seed ${SEED})`);
        const ms = performance.now() - t0;
        if (ms > 100) slowest.push({ ms: Math.round(ms), i, text: show(message).slice(0, 160) });
        const replies = h.posted.slice(postedBefore);
        const where = `message ${i} (seed ${SEED}): ${show(message)}`;
        if (!valid) {
          assert.equal(replies.length, 1, `${where}: a refused message gets one reply`);
          assert.equal(replies[0]!.type, 'error', where);
        } else {
          assert.ok(replies.length + h.panelActions.length - actionsBefore >= 1, `${where}: no answer`);
        }
        for (const r of replies) {
          assert.ok(replyTypes.has(r.type), `${where}: reply of type ${r.type}`);
          if (r.type === 'error')
            assert.ok(r.message.length <= MAX_ERROR_TEXT, `${where}: a ${r.message.length}-character error`);
          if (r.type === 'saved') {
            const wrote = r.result.ok ? r.result.updated + r.result.inserted + r.result.deleted : 0;
            assert.equal(wrote, 0, `${where}: a hostile save was written`);
            saves++;
          }
        }
        h.posted.length = 0; // the harness keeps nothing: what stays is the handler's
      }
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
    assert.equal(await checksum(), before, 'the table changed');
    assert.ok(refused > MESSAGES / 4, `only ${refused} messages were refused: the generator is too tame`);
    assert.ok(refused < MESSAGES * 0.9, `${refused} messages were refused: too few reach the session`);
    assert.ok(userEdits < MESSAGES / 10, `${userEdits} user-like edits skipped`);
    assert.ok(h.originals.size <= Math.min(ORIGINALS_KEPT, EVENT_ROWS), `${h.originals.size} originals kept`);
    assert.ok(h.asked() > 0 && saves > 0, 'no save reached the session: the generator is too strict');
    let growth: number | undefined;
    if (gc) {
      gc();
      growth = process.memoryUsage().heapUsed - heap0;
      assert.ok(growth < HEAP_GROWTH_LIMIT, `heap grew by ${Math.round(growth / 1e6)} MB`);
    }
    if (process.env.FUZZ_SLOW) console.log(slowest.sort((a, b) => b.ms - a.ms).slice(0, 5));
    console.log(
      `      ${sent} messages (seed ${SEED}): ${refused} refused at the boundary, ${saves} saves answered with nothing written, ` +
        `${h.asked()} delete modals, ${h.panelActions.length} panel actions, ${slowest.length} over 100 ms; heap growth ` +
        (growth === undefined ? 'not measured (run with --expose-gc)' : `${(growth / 1e6).toFixed(1)} MB after GC`),
    );
  });

  it('a forged original cannot save over a row another session changed since the grid read it', async () => {
    const h = harness();
    await h.requests.handle({ type: 'fetch', requestId: 1, query: emptyQuery(), start: 0, count: 100 });
    const sent = h.posted.find((m) => m.type === 'rows');
    assert.ok(sent?.type === 'rows' && sent.rows.length === EVENT_ROWS, JSON.stringify(h.posted).slice(0, 500));
    await db.sql('UPDATE events SET rank = rank + 100');
    const current = await db.sql('SELECT id, name, rank FROM events ORDER BY id');
    const before = await checksum();
    // the webview forges what the database now holds, hoping the host takes it as what it read
    for (const row of current) {
      await h.requests.handle({
        type: 'save',
        requestId: Number(row.id),
        request: {
          updates: [
            { key: { id: Number(row.id) }, original: { ...row, id: Number(row.id) } as never, changes: { rank: 7 } },
          ],
          inserts: [],
          deletes: [],
        },
      });
    }
    const saved = h.posted.filter((m) => m.type === 'saved');
    assert.equal(saved.length, current.length);
    for (const s of saved)
      assert.ok(s.type === 'saved' && !s.result.ok && s.result.conflicts.length === 1, JSON.stringify(s));
    assert.equal(await checksum(), before);
  });

  it('refuses values a column cannot hold, and names no other model', async () => {
    const h = harness();
    await h.requests.handle({ type: 'fetch', requestId: 1, query: emptyQuery(), start: 0, count: 100 });
    const before = await checksum();
    const bad = [{ rank: 'abc' }, { rank: 1.5 }, { rank: 2 ** 53 }, { at: 'yesterday' }, { data: '{not json' }];
    for (const changes of bad)
      await h.requests.handle({
        type: 'save',
        requestId: 2,
        request: { updates: [{ key: { id: 1 }, original: {}, changes }], inserts: [], deletes: [] },
      });
    const saved = h.posted.filter((m) => m.type === 'saved');
    assert.equal(saved.length, bad.length);
    for (const s of saved) assert.ok(s.type === 'saved' && !s.result.ok, JSON.stringify(s));
    await h.requests.handle({ type: 'openRelated', model: 'Secret', filters: [] });
    // nor read ahead (the pointer on a relation's link): only a related model's rows
    await h.requests.handle({ type: 'warm', model: 'Secret', filters: [] });
    assert.equal(h.panelActions.length, 0);
    assert.equal(h.posted.filter((m) => m.type === 'error' && /no relation to Secret/.test(m.message)).length, 2);
    assert.equal(await checksum(), before);
  });
});

/** The garbage collector: node's --expose-gc one, else switched on at run time (V8 allows it). */
function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function show(message: unknown): string {
  try {
    const text = JSON.stringify(message, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(message) : text.slice(0, 300);
  } catch {
    return String(message);
  }
}
