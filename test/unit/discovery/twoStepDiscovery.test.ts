import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  EarlyReads,
  discoverInTwoSteps,
  discoverSchemas,
  nodeDiscoveryFs,
  readConventionalPlaces,
  type DiscoveryFs,
  type DiscoveryStep,
  type FoundFiles,
} from '../../../src/core/discovery';
import { parseSchema } from '../../../src/core/schema/parse';
import { buildModelsTree, flattenTree } from '../../../src/core/tree/modelsTree';

const ds = 'datasource db {\n  provider = "postgresql"\n}\n';
const model = (name: string) => `model ${name} {\n  id Int @id\n}\n`;
const ws = path.join(path.sep, 'ws');
const abs = (p: string) => path.join(ws, p);
const rel = (p: string) => path.relative(ws, p);

/** An in-memory folder: paths relative to /ws. `reads` records every file and folder touched. */
function memoryFs(files: Record<string, string>) {
  const reads: string[] = [];
  const fs: DiscoveryFs = {
    async list(dir) {
      reads.push(rel(dir) || '.');
      const prefix = rel(dir) ? rel(dir) + '/' : '';
      const names = new Map<string, boolean>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const [name, ...rest] = f.slice(prefix.length).split('/');
        names.set(name, rest.length > 0);
      }
      return names.size ? [...names].map(([name, directory]) => ({ name, directory })) : undefined;
    },
    async read(file) {
      reads.push(rel(file));
      return files[rel(file)];
    },
  };
  return { fs, reads };
}

/** What the workspace search would find: every file. */
function searchAll(files: Record<string, string>): FoundFiles {
  const all = Object.keys(files).map(abs);
  return {
    input: {
      prismaFiles: all.filter((f) => f.endsWith('.prisma')),
      configFiles: all.filter((f) => /prisma\.config\.[cm]?[jt]s$/.test(f)),
      packageJsons: all.filter((f) => f.endsWith('package.json')),
    },
    contents: new Map(Object.entries(files).map(([f, t]) => [abs(f), t])),
  };
}

const treeIds = (step: DiscoveryStep) =>
  step.roots.flatMap((r) => {
    const doc = parseSchema(r.schemaFiles.map((f) => ({ path: f, content: step.contents.get(f) ?? '' })));
    return flattenTree(buildModelsTree({ id: r.id, label: r.schemaPath, doc, problems: [] })).map((n) => n.id);
  });

describe('discovery in two steps', () => {
  const monorepo = {
    'package.json': '{"name":"mono"}',
    'prisma/schema.prisma': ds + model('User'),
    'prisma/migrations/1_init/migration.sql': 'create table x ();',
    'packages/api/prisma/schema.prisma': ds + model('Order'),
  };

  it('shows the schema at the conventional place while the workspace search is still running', async () => {
    const { fs } = memoryFs(monorepo);
    let finishSearch!: (found: FoundFiles) => void;
    const search = new Promise<FoundFiles>((resolve) => (finishSearch = resolve));
    const steps: DiscoveryStep[] = [];
    let firstShown!: () => void;
    const shown = new Promise<void>((resolve) => (firstShown = resolve));
    const done = discoverInTwoSteps(
      () => readConventionalPlaces(ws, fs),
      () => search,
      (s) => {
        steps.push(s);
        firstShown();
      },
    );
    await shown;
    assert.deepEqual(
      steps.map((s) => ({ step: s.step, roots: s.roots.map((r) => rel(r.id)) })),
      [{ step: 'conventional places', roots: ['prisma/schema.prisma'] }],
      'the conventional schema is shown before the search ends',
    );

    finishSearch(searchAll(monorepo));
    await done;
    assert.deepEqual(
      steps.map((s) => ({ step: s.step, roots: s.roots.map((r) => rel(r.id)) })),
      [
        { step: 'conventional places', roots: ['prisma/schema.prisma'] },
        // the conventional root keeps its place (first) and id; the monorepo's schema comes after it
        { step: 'search', roots: ['prisma/schema.prisma', 'packages/api/prisma/schema.prisma'] },
      ],
    );
    // every tree node shown after the first step keeps its id once the search has answered
    const before = treeIds(steps[0]);
    assert.ok(before.some((id) => id.endsWith('/model:User')));
    assert.deepEqual(treeIds(steps[1]).slice(0, before.length), before);
    // and the conventional step read the same root the search describes
    assert.deepEqual(steps[0].roots[0], steps[1].roots[0]);
  });

  it('shows only the search when it ends first, with the conventional roots still first', async () => {
    const { fs } = memoryFs({ ...monorepo, 'a/schema.prisma': ds + model('A') });
    const steps: DiscoveryStep[] = [];
    await discoverInTwoSteps(
      () => readConventionalPlaces(ws, fs),
      async () => searchAll({ ...monorepo, 'a/schema.prisma': ds + model('A') }),
      (s) => void steps.push(s),
    );
    assert.deepEqual(
      steps.map((s) => ({ step: s.step, roots: s.roots.map((r) => rel(r.id)) })),
      [
        {
          step: 'search',
          roots: ['prisma/schema.prisma', 'a/schema.prisma', 'packages/api/prisma/schema.prisma'],
        },
      ],
    );
  });

  it('still shows the search when reading the conventional places fails', async () => {
    const steps: DiscoveryStep[] = [];
    const errors: unknown[] = [];
    await discoverInTwoSteps(
      () => Promise.reject(new Error('EACCES')),
      async () => searchAll(monorepo),
      (s) => void steps.push(s),
      (e) => errors.push(e),
    );
    assert.equal(errors.length, 1);
    assert.deepEqual(
      steps.map((s) => s.roots.length),
      [2],
    );
  });
});

describe('readConventionalPlaces', () => {
  const conventional = (files: Record<string, string>) => readConventionalPlaces(ws, memoryFs(files).fs);
  const roots = (found: FoundFiles) => discoverSchemas(found.input, (f) => found.contents.get(f));

  const layouts: Record<string, Record<string, string>> = {
    'prisma/schema.prisma': { 'prisma/schema.prisma': ds + model('A') },
    'schema.prisma at the top': { 'schema.prisma': ds + model('A'), 'package.json': '{}' },
    'a prisma/schema/ folder': {
      'prisma/schema/main.prisma': ds,
      'prisma/schema/a.prisma': model('A'),
      'prisma/schema/more/b.prisma': model('B'),
    },
    'package.json#prisma.schema': {
      'package.json': '{"prisma":{"schema":"db/main.prisma"}}',
      'db/main.prisma': ds + model('A'),
    },
    'prisma.config.ts naming a folder': {
      'prisma.config.ts':
        'import { defineConfig } from "prisma/config";\nexport default defineConfig({ schema: "db/schema" });',
      'db/schema/main.prisma': ds,
      'db/schema/a.prisma': model('A'),
    },
    'prisma.config.ts with the default place': {
      'prisma.config.ts': 'export default { migrations: { path: "db/migrations" } }',
      'prisma/schema.prisma': ds + model('A'),
    },
  };
  for (const [name, files] of Object.entries(layouts)) {
    it(`finds ${name} as the workspace search would`, async () => {
      const fast = roots(await conventional(files));
      assert.ok(fast.length > 0);
      assert.deepEqual(fast, roots(searchAll(files)));
    });
  }

  it('reads no node_modules, migrations or other folders of the workspace', async () => {
    const { fs, reads } = memoryFs({
      'prisma/schema.prisma': ds,
      'prisma/migrations/1/migration.sql': '',
      'node_modules/x/schema.prisma': ds,
      'packages/api/prisma/schema.prisma': ds,
    });
    await readConventionalPlaces(ws, fs);
    assert.deepEqual(reads.sort(), ['.', 'prisma', 'prisma/schema.prisma']);
  });

  it('starts what does not wait on another read at once: two rounds of disk reads for the usual layouts', async () => {
    // each round answers every read asked so far; on the host each round is a wait on its busy event loop
    const rounds = async (files: Record<string, string>) => {
      const { fs: mem } = memoryFs(files);
      let queue: (() => void)[] = [];
      const gate =
        <A, T>(f: (a: A) => Promise<T>) =>
        (a: A) =>
          new Promise<T>((resolve) => queue.push(() => void f(a).then(resolve)));
      let done = false;
      const found = readConventionalPlaces(ws, { list: gate(mem.list), read: gate(mem.read) }).then((r) => {
        done = true;
        return r;
      });
      let n = 0;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (done) break;
        const batch = queue;
        queue = [];
        assert.ok(batch.length, 'discovery waits on nothing it asked for');
        n++;
        batch.forEach((go) => go());
      }
      assert.deepEqual(roots(await found), roots(searchAll(files)));
      return n;
    };
    // the folder and prisma/ listed together, then the package.json and the schema read together
    assert.equal(await rounds({ 'prisma/schema.prisma': ds + model('A'), 'package.json': '{}' }), 2);
    assert.equal(await rounds({ 'schema.prisma': ds + model('A'), 'package.json': '{}' }), 2);
    // prisma/schema/ listed as soon as prisma/ is, each file read as soon as its folder is listed
    assert.equal(await rounds(layouts['a prisma/schema/ folder']), 4);
  });

  it('reads a real folder with Node: the multi-file schema in prisma/schema/', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-conventional-'));
    try {
      fs.mkdirSync(path.join(dir, 'prisma', 'schema'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'prisma', 'schema', 'main.prisma'), ds);
      fs.writeFileSync(path.join(dir, 'prisma', 'schema', 'a.prisma'), model('A'));
      fs.writeFileSync(path.join(dir, 'package.json'), '{}');
      const found = await readConventionalPlaces(dir, nodeDiscoveryFs);
      assert.deepEqual(
        roots(found).map((r) => [path.relative(dir, r.id), r.schemaFiles.map((f) => path.basename(f))]),
        [[path.join('prisma', 'schema'), ['a.prisma', 'main.prisma']]],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('EarlyReads (the conventional places read before activate() is called)', () => {
  const files = { 'prisma/schema.prisma': ds + model('User'), 'package.json': '{"name":"app"}' };

  it('starts reading at once, before anything takes the reads', async () => {
    const { fs, reads } = memoryFs(files);
    const early = EarlyReads.start([ws], fs);
    assert.deepEqual(reads.sort(), ['.', 'prisma'], 'both listings are started as the bundle runs');
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(reads.includes('prisma/schema.prisma'), 'the schema is read before activate() takes it');
    const found = await early.take([ws]);
    assert.deepEqual(found?.input.prismaFiles, [abs('prisma/schema.prisma')]);
    assert.equal(found?.contents.get(abs('prisma/schema.prisma')), files['prisma/schema.prisma']);
  });

  it('hands its reads over once, and only for the same folders', async () => {
    const { fs } = memoryFs(files);
    const early = EarlyReads.start([ws], fs);
    assert.equal(early.taken, false);
    assert.ok(early.take([ws]), 'the first refresh takes them');
    assert.equal(early.taken, true);
    assert.equal(early.take([ws]), undefined, 'a later refresh reads the disk again');
    const other = EarlyReads.start([ws], fs);
    assert.equal(other.take([ws, abs('other')]), undefined, 'a folder added meanwhile: read again');
    assert.equal(other.taken, false);
  });

  it('a failed read left untaken is no unhandled rejection, and a taken one reaches its taker', async () => {
    const failing: DiscoveryFs = {
      list: () => Promise.reject(new Error('EIO')),
      read: () => Promise.reject(new Error('EIO')),
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      EarlyReads.start([ws], failing);
      const taken = EarlyReads.start([ws], failing).take([ws]);
      await assert.rejects(taken!, /EIO/);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
  });
});
