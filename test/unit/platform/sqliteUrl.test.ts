import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { expandConfig } from '@libsql/core/config';
import { NON_LOCAL } from '../../../src/core/connections/databaseInfo';
import { resolveDatabaseTarget } from '../../../src/core/connections/databaseTarget';
import { resolveSqliteUrl, sqliteFilePath, sqliteUrlForCli } from '../../../src/core/engine/sqliteUrl';
import { pathFlavour } from '../../../src/core/util/pathFlavour';

const win = pathFlavour('win32');
const mac = pathFlavour('darwin');

/** The file libsql opens for a URL, read with libsql's own parser (what the grid and the embedded engine get). */
const libsqlOpens = (url: string) => {
  const config = expandConfig({ url }, true);
  assert.equal(config.authority, undefined, `libsql reads no host from ${url}`);
  return config.path;
};

describe('platform: SQLite file: URLs relative to the schema or prisma.config.ts', () => {
  describe('on this machine: libsql opens the file in the folder, whatever its name', () => {
    const roots: string[] = [];
    after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

    for (const folder of ['C#', '100%', 'a?b', 'with space', 'Ünïcødé 数据', '50% of #1']) {
      it(`a project in "${folder}" opens ${folder}/dev.db and nothing else`, async () => {
        const root = mkdtempSync(path.join(tmpdir(), 'pw-sqliteurl-'));
        roots.push(root);
        const project = path.join(root, folder);
        mkdirSync(path.join(project, 'prisma'), { recursive: true });
        const url = resolveSqliteUrl('file:./prisma/dev.db', project);
        const client = createClient({ url });
        try {
          await client.execute('CREATE TABLE t (id INTEGER)');
        } finally {
          client.close();
        }
        assert.ok(existsSync(path.join(project, 'prisma', 'dev.db')), `${url} created ${folder}/prisma/dev.db`);
        assert.deepEqual(readdirSync(root).sort(), [folder], 'no stray file beside the project');
        assert.equal(sqliteFilePath('file:./prisma/dev.db', project), path.join(project, 'prisma', 'dev.db'));
      });
    }
  });

  describe('Windows paths (win32 logic, run on Linux)', () => {
    it('a drive-letter project: relative to the folder, backslashes and spaces kept, # and % encoded for libsql', () => {
      const dir = 'C:\\Users\\Ana Lía\\C# & 100%\\prisma';
      const url = resolveSqliteUrl('file:./dev.db', dir, win);
      assert.equal(url, 'file:C:\\Users\\Ana Lía\\C%23 & 100%25\\prisma\\dev.db');
      assert.equal(libsqlOpens(url), 'C:\\Users\\Ana Lía\\C# & 100%\\prisma\\dev.db');
      assert.equal(sqliteFilePath('file:./dev.db', dir, win), 'C:\\Users\\Ana Lía\\C# & 100%\\prisma\\dev.db');
    });

    it('relative with forward slashes and .. from prisma.config.ts, the query kept', () => {
      const url = 'file:../data/dev.db?connection_limit=1';
      assert.equal(resolveSqliteUrl(url, 'c:\\proj\\app', win), 'file:c:\\proj\\data\\dev.db?connection_limit=1');
      assert.equal(sqliteFilePath(url, 'c:\\proj\\app', win), 'c:\\proj\\data\\dev.db');
    });

    it('a UNC share stays a path (\\\\server\\share), never a host for libsql', () => {
      const url = resolveSqliteUrl('file:./dev.db', '\\\\server\\share\\team #2\\prisma', win);
      assert.equal(url, 'file:\\\\server\\share\\team %232\\prisma\\dev.db');
      assert.equal(libsqlOpens(url), '\\\\server\\share\\team #2\\prisma\\dev.db');
    });

    it('absolute Windows paths pass through; the CLI gets the path as written (its engine decodes nothing)', () => {
      assert.equal(resolveSqliteUrl('file:D:/db/dev.db', 'C:\\proj', win), 'file:D:/db/dev.db');
      assert.equal(resolveSqliteUrl('file:C:\\db\\100%.db', 'C:\\proj', win), 'file:C:\\db\\100%25.db');
      assert.equal(sqliteUrlForCli('file:./dev.db', 'C:\\C# proj', win), 'file:C:\\C# proj\\dev.db');
      assert.equal(sqliteUrlForCli('file:./dev.db?mode=x', '\\\\srv\\s', win), 'file:\\\\srv\\s\\dev.db?mode=x');
    });
  });

  describe('macOS paths (darwin logic, run on Linux)', () => {
    it('non-ASCII and spaces stay readable; libsql opens the same file', () => {
      const dir = '/Users/zoë/Projets/Café Bar/prisma';
      const url = resolveSqliteUrl('file:./dev.db', dir, mac);
      assert.equal(url, 'file:/Users/zoë/Projets/Café Bar/prisma/dev.db');
      assert.equal(libsqlOpens(url), '/Users/zoë/Projets/Café Bar/prisma/dev.db');
    });
  });

  it('in-memory databases have no file', () => {
    assert.equal(resolveSqliteUrl('file::memory:', '/x'), 'file::memory:');
    assert.equal(sqliteFilePath('file::memory:', 'C:\\x', win), undefined);
    assert.equal(sqliteFilePath(':memory:', '/x'), undefined);
  });

  it('a task in a C# 100% project gives the Prisma CLI the literal path (its engine decodes nothing)', () => {
    const dir = '/home/ana/C# 100%';
    const t = resolveDatabaseTarget({
      projectDir: dir,
      schemaPath: `${dir}/prisma/schema.prisma`,
      configFile: `${dir}/prisma.config.ts`,
      configUrl: 'env("DATABASE_URL")',
      provider: 'sqlite',
      env: { DATABASE_URL: 'file:./dev.db' },
      readFile: () => undefined,
      patterns: [NON_LOCAL],
    });
    assert.ok(t.ok);
    assert.deepEqual(t.cli, { kind: 'env', variable: 'DATABASE_URL', value: 'file:/home/ana/C# 100%/dev.db' });
  });
});
