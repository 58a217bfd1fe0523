import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createAdapterFactory, SQLITE_BUSY_TIMEOUT_MS } from '../../../src/core/engine/adapterFactories';
import { loadLibsql } from '../../../src/core/engine/libsqlNative';
import { tempDir } from './engineTestKit';

describe("engine: SQLite waits for another connection's lock", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('a write while another connection holds the lock waits for it instead of failing with SQLITE_BUSY', async () => {
    assert.ok(SQLITE_BUSY_TIMEOUT_MS >= 1000);
    const file = path.join(dir, 'dev.db');
    const { createClient } = await loadLibsql(() => import('@libsql/client'));
    const other = createClient({ url: `file:${file}` });
    await other.execute('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const factory = await createAdapterFactory({
      provider: 'sqlite',
      url: `file:${file}`,
      configDir: dir,
      hostThread: true,
    });
    const adapter = await factory.connect();
    try {
      // another process (the Migrations view's worker, the user's tool) holds the write lock for 500 ms; libsql
      // waits synchronously, so the holder cannot share this thread
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const { createClient } = require('@libsql/client');
           const db = createClient({ url: process.argv[1] });
           (async () => {
             await db.execute('BEGIN IMMEDIATE');
             await db.execute('INSERT INTO t (id) VALUES (1)');
             console.log('locked');
             await new Promise((r) => setTimeout(r, 500));
             await db.execute('COMMIT');
             db.close();
           })();`,
          `file:${file}`,
        ],
        { cwd: path.resolve(__dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
        holder.on('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
      });
      const t0 = Date.now();
      await adapter.executeScript('INSERT INTO t (id) VALUES (2)');
      assert.ok(Date.now() - t0 >= 200, 'the write did not wait: the lock was not held');
      await exited;
      const rows = await other.execute('SELECT id FROM t ORDER BY id');
      assert.deepEqual(
        rows.rows.map((r) => Number(r.id)),
        [1, 2],
      );
    } finally {
      await adapter.dispose();
      other.close();
    }
  });
});
