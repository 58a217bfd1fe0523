import assert from 'node:assert/strict';
import { loadLibsql } from '../../../src/core/engine/libsqlNative';

/** Loads libsql afresh as if on `platform`/`arch`: its loader then requires that platform's @libsql package. */
function requireLibsqlAs(platform: string, arch: string): () => Promise<unknown> {
  return async () => {
    const entry = require.resolve('libsql');
    const saved = { platform: process.platform, arch: process.arch };
    delete require.cache[entry];
    Object.defineProperty(process, 'platform', { value: platform, configurable: true });
    Object.defineProperty(process, 'arch', { value: arch, configurable: true });
    try {
      return require(entry);
    } finally {
      Object.defineProperty(process, 'platform', { value: saved.platform, configurable: true });
      Object.defineProperty(process, 'arch', { value: saved.arch, configurable: true });
      delete require.cache[entry];
    }
  };
}

describe('SQLite where libsql has no native build (win32-arm64 package)', () => {
  it('says in words that SQLite is not available on Windows on Arm, and what works, instead of a require stack', async () => {
    await assert.rejects(loadLibsql(requireLibsqlAs('win32', 'arm64'), 'win32', 'arm64'), (e: Error) => {
      assert.match(e.message, /^SQLite is not available on Windows on Arm \(win32-arm64\): libsql/);
      assert.match(e.message, /PostgreSQL and MySQL databases work/);
      assert.doesNotMatch(e.message, /Cannot find module|Require stack/);
      assert.match(String((e.cause as Error).message), /Cannot find module '@libsql\/win32-arm64-msvc'/);
      return true;
    });
  });

  it('passes other failures through untouched, and loads libsql where its build is installed', async () => {
    const other = new Error('ECONNREFUSED');
    await assert.rejects(
      loadLibsql(() => Promise.reject(other)),
      (e) => e === other,
    );
    const libsql = (await loadLibsql(requireLibsqlAs(process.platform, process.arch))) as { prototype?: unknown };
    assert.equal(typeof libsql, 'function');
  });
});
