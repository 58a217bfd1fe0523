// The relation picker on a 1,000,000-row related table (SQLite, relationMode = "prisma"; the schema of
// test/unit/data/relationsFixture.ts): each step as the host runs it for one picker message, at our data
// layer (no UI, no IPC), median and range of PW_BENCH_PICKER_RUNS runs (default 5). Goal: every step a
// user does per keystroke or scroll answers within 100 ms, except a search that matches nothing, which
// scans the text columns (no index serves `contains`): printed beside it, not hidden. An id typed: the row
// it names is read by its key and shown first, at once (the host sends it before the rest of the page,
// whose text match scans like the one above).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '@libsql/client';
import { createClientAdapter } from '../src/core/data/adapters';
import { ClientStore } from '../src/core/data/clientStore';
import { DataSession } from '../src/core/data/dataSession';
import { modelMeta } from '../src/core/data/modelMeta';
import { dialectOf } from '../src/core/data/query';
import { pickLinkable, pickRelated } from '../src/core/data/relationPicker';
import { normalizeSchema } from '../src/core/data/schemaCopy';
import { parseSchema } from '../src/core/schema/parse';
import { relationsDdl, relationsSchema } from '../test/unit/data/relationsFixture';
import { median, summary, timed, type Timings } from './grid/stats';

const root = path.resolve(__dirname, '..');
const ROWS = Number(process.env.PW_BENCH_PICKER_ROWS ?? 1_000_000);
const RUNS = Math.max(1, Number(process.env.PW_BENCH_PICKER_RUNS ?? 5));
const GOAL_MS = 100;

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-picker-'));
  try {
    const url = `file:${path.join(dir, 'picker.db')}`;
    const db = createClient({ url });
    for (const s of relationsDdl('sqlite')) await db.execute(s);
    await db.execute(`INSERT INTO "Team" (id, name) VALUES (1, 'Red'), (2, 'Green'), (3, 'Blue')`);
    await db.execute(
      `INSERT INTO "Member" (id, email, name, "teamId", "mentorId") WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS}) SELECT x, 'm' || x || '@x.test', 'Member ' || x, 1 + x % 3, NULL FROM c`,
    );
    await db.execute(`CREATE INDEX member_team ON "Member" ("teamId")`);
    db.close();
    const files = [{ path: path.join(dir, 'schema.prisma'), content: relationsSchema('sqlite') }];
    const doc = parseSchema(files);
    const store = new ClientStore({
      storageDir: path.join(dir, '.clients'),
      cliPath: path.join(root, 'node_modules', 'prisma', 'build', 'index.js'),
      runtimePackages: ['@prisma/client', '@prisma/client-runtime-utils'].map((name) => ({
        name,
        dir: path.join(root, 'node_modules', ...name.split('/')),
      })),
    });
    const session = await DataSession.open(
      store.load(await store.ensure(normalizeSchema(files, doc, 'bench-picker'))),
      'sqlite',
      await createClientAdapter('sqlite', url),
    );
    try {
      const member = modelMeta(doc, 'Member');
      const team = modelMeta(doc, 'Team');
      const base = { count: 50, dialect: dialectOf('sqlite'), nulls: session.nulls };
      const near = String(ROWS - 100);
      const steps: [string, () => Promise<unknown>][] = [
        ['open (first 50)', () => pickRelated(session, member, 'mentorId', member, { ...base, search: '' })],
        [
          `scroll (50 after row ${near})`,
          () => pickRelated(session, member, 'mentorId', member, { ...base, search: '', after: { id: Number(near) } }),
        ],
        [
          `search an id (${near}): the exact row, shown first`,
          () => pickRelated(session, member, 'mentorId', member, { ...base, search: near, part: 'exact' }),
        ],
        [
          `search an id: the rest of its page (scans)`,
          () => pickRelated(session, member, 'mentorId', member, { ...base, search: near, part: 'rest' }),
        ],
        [
          'search a common text (member 1)',
          () => pickRelated(session, member, 'mentorId', member, { ...base, search: 'member 1' }),
        ],
        [
          'linked rows of a team (1-n)',
          () => pickLinkable(session, team, 'members', member, { ...base, search: '', linkedTo: { id: 2 } }),
        ],
        [
          'search matching nothing (scans)',
          () => pickRelated(session, member, 'mentorId', member, { ...base, search: 'nobody' }),
        ],
      ];
      const t: Timings = {};
      for (let i = 0; i < RUNS; i++) for (const [name, fn] of steps) await timed(t, name, fn);
      console.log(
        `  relation picker on ${ROWS.toLocaleString('en-US')} related rows (SQLite, data layer, ${RUNS} runs):`,
      );
      for (const [name] of steps) {
        const s = t[name];
        const med = s ? median(s.ms) : undefined;
        const goal = name.includes('scans')
          ? '(no goal: a full scan)'
          : med !== undefined && med <= GOAL_MS
            ? `≤ ${GOAL_MS} ms: met`
            : `≤ ${GOAL_MS} ms: NOT met`;
        console.log(`    ${name.padEnd(50)} ${summary(s)}  ${goal}`);
      }
    } finally {
      await session.dispose();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
