// The embedded twin of the CLI workflows, on SQLite: exit codes, what it prints, and the resulting states.
import assert from 'node:assert/strict';
import { createClient } from '@libsql/client';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEmbedded, type EmbeddedContext } from '../../../src/core/migrations/embeddedCommands';
import { loadMigrationStatus } from '../../../src/core/migrations/liveStatus';
import { SAMPLE_DIR, tempDir } from '../engine/engineTestKit';
import { untilNewSecondIn } from '../migrationSecond';

describe('migrations: commands on the embedded engine (SQLite)', function () {
  this.timeout(30_000);
  let dir: string;
  let cleanup: () => void;
  let ctx: EmbeddedContext;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('pw-embedded-'));
    cpSync(path.join(SAMPLE_DIR, 'migrations'), path.join(dir, 'migrations'), { recursive: true });
    cpSync(path.join(SAMPLE_DIR, 'schema.prisma'), path.join(dir, 'schema.prisma'));
    const schemaPath = path.join(dir, 'schema.prisma');
    ctx = {
      provider: 'sqlite',
      url: 'file:./dev.db',
      baseDir: dir,
      projectDir: dir,
      migrationsDir: path.join(dir, 'migrations'),
      schemaFiles: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }],
    };
  });
  afterEach(() => cleanup());

  const run = async (
    kind: Parameters<typeof runEmbedded>[0],
    options: Parameters<typeof runEmbedded>[1] = {},
    cancelled = false,
  ) => {
    const lines: string[] = [];
    const code = await runEmbedded(kind, options, ctx, { line: (t) => lines.push(t), cancelled: () => cancelled });
    return { code, out: lines.join('\n') };
  };
  const states = async () =>
    (
      await loadMigrationStatus({ migrationsDir: ctx.migrationsDir, provider: 'sqlite', url: ctx.url, baseDir: dir })
    ).entries.map((e) => e.state);

  it('status fails while migrations are pending, deploy applies them, then status passes', async () => {
    await run('migrateDeploy', {});
    const before = states();
    assert.ok((await before).every((s) => s === 'applied'));
    assert.equal((await run('migrateStatus')).code, 0);
    const pendingDir = path.join(ctx.migrationsDir, '29990101000000_extra');
    cpSync(
      path.join(
        SAMPLE_DIR,
        'migrations',
        readdirSync(path.join(SAMPLE_DIR, 'migrations')).find((d) => !d.endsWith('.toml'))!,
      ),
      pendingDir,
      { recursive: true },
    );
    writeFileSync(
      path.join(pendingDir, 'migration.sql'),
      'CREATE TABLE "extra" ("id" INTEGER NOT NULL PRIMARY KEY);\n',
    );
    const st = await run('migrateStatus');
    assert.equal(st.code, 1);
    assert.match(st.out, /29990101000000_extra {2}pending/);
    const deploy = await run('migrateDeploy');
    assert.equal(deploy.code, 0, deploy.out);
    assert.match(deploy.out, /29990101000000_extra/);
  });

  it('migrate dev --name creates and applies a migration; --create-only leaves it pending, and the next dev applies it first', async () => {
    const model = (extra: string) => [
      {
        path: path.join(dir, 'own', 'schema.prisma'),
        content: `datasource db {\n  provider = "sqlite"\n}\n\nmodel Post {\n  id Int @id\n${extra}}\n`,
      },
    ];
    ctx = { ...ctx, migrationsDir: path.join(dir, 'own', 'migrations'), url: 'file:./own.db', schemaFiles: model('') };
    const first = await run('migrateDev', { name: 'init' });
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /_init\//);
    await untilNewSecondIn(ctx.migrationsDir); // migration names have 1-second resolution
    ctx = { ...ctx, schemaFiles: model('  body String?\n') };
    const draft = await run('migrateDev', { name: 'Add body', createOnly: true });
    assert.equal(draft.code, 0, draft.out);
    assert.match(draft.out, /_add_body\//);
    assert.deepEqual(await states(), ['applied', 'pending']);
    const dev = await run('migrateDev', { name: 'after' });
    assert.equal(dev.code, 0, dev.out);
    assert.deepEqual(await states(), ['applied', 'applied']);
    assert.equal((await run('migrateDev', {})).code, 1, 'no name: the embedded engine cannot prompt');
  });

  it('a deploy cancelled after the first migration stops at a migration boundary: one applied, the rest pending', async () => {
    let asked = 0;
    const lines: string[] = [];
    const code = await runEmbedded('migrateDeploy', {}, ctx, {
      line: (t) => lines.push(t),
      cancelled: () => ++asked > 1,
    });
    assert.equal(code, 130, lines.join('\n'));
    assert.match(lines.join('\n'), /Cancelled between two migrations after applying \d{14}_\w+/);
    const st = await states();
    assert.equal(st[0], 'applied');
    assert.ok(st.length > 1 && st.slice(1).every((s) => s === 'pending'), st.join());
    assert.equal((await run('migrateDeploy')).code, 0, 'deploy resumes where the cancelled one stopped');
    assert.ok((await states()).every((s) => s === 'applied'));
  });

  it('reset empties the SQLite file and applies everything again (the engine alone would only delete rows)', async () => {
    await run('migrateDeploy');
    const r = await run('migrateReset');
    assert.equal(r.code, 0, r.out);
    assert.ok(existsSync(path.join(dir, 'dev.db')));
    assert.ok((await states()).every((s) => s === 'applied'));
  });

  it("reset empties the SQLite file in place (as Prisma's engine does): a connection held open across it sees the reset database, not the old one", async () => {
    await run('migrateDeploy');
    const file = path.join(dir, 'dev.db');
    // another holder of the file (the user's dev server, a watch-mode drift check) keeps it open throughout
    const held = createClient({ url: `file:${file}` });
    try {
      await held.execute("INSERT INTO organizations (id, slug, name) VALUES ('org-held', 'held-marker', 'Keep me')");
      assert.equal((await held.execute("SELECT id FROM organizations WHERE slug = 'held-marker'")).rows.length, 1);
      const inode = statSync(file).ino;
      const r = await run('migrateReset');
      assert.equal(r.code, 0, r.out);
      assert.equal(statSync(file).ino, inode, 'the reset replaced the file instead of emptying it');
      assert.equal((await held.execute("SELECT id FROM organizations WHERE slug = 'held-marker'")).rows.length, 0);
    } finally {
      held.close();
    }
    assert.ok((await states()).every((s) => s === 'applied'));
  });

  it('reset replaces a file that is not a SQLite database', async () => {
    writeFileSync(path.join(dir, 'dev.db'), 'not a database '.repeat(100));
    const r = await run('migrateReset');
    assert.equal(r.code, 0, r.out);
    assert.ok((await states()).every((s) => s === 'applied'));
  });

  it('resolve: a failed migration rolled back, then applied', async () => {
    await run('migrateDeploy');
    const broken = path.join(ctx.migrationsDir, '29990101000000_broken');
    cpSync(
      path.join(
        ctx.migrationsDir,
        readdirSync(ctx.migrationsDir).find((d) => !d.endsWith('.toml'))!,
      ),
      broken,
      { recursive: true },
    );
    writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "users" ("id" INTEGER);\n'); // exists already: fails
    const deploy = await run('migrateDeploy');
    assert.equal(deploy.code, 1);
    assert.equal((await states()).at(-1), 'failed');
    assert.equal((await run('migrateResolve', { migration: '29990101000000_broken', resolveAs: 'applied' })).code, 0);
    assert.equal((await states()).at(-1), 'applied');
    assert.equal(
      (await run('migrateResolve', { migration: '29990101000000_broken', resolveAs: 'rolledBack' })).code,
      1,
      'not failed: P3012',
    );
  });

  it('a cancelled migrate dev stops before creating anything', async () => {
    const r = await run('migrateDev', { name: 'x' }, true);
    assert.equal(r.code, 130);
    assert.deepEqual(
      readdirSync(ctx.migrationsDir).filter((d) => d.endsWith('_x')),
      [],
    );
  });

  it('commands the embedded engine does not run say so', async () => {
    const r = await run('generate');
    assert.equal(r.code, 1);
    assert.match(r.out, /needs the Prisma CLI/);
  });
});
