import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findPrismaCli } from '../../../src/core/cli/resolveCli';
import { discoverSchemas, schemaAtPath, schemaOfFile } from '../../../src/core/discovery';
import { detectPrismaVersion } from '../../../src/core/languageServer/prismaVersion';
import { isInside, pathFlavour, samePath, type PathFlavour } from '../../../src/core/util/pathFlavour';

const win = pathFlavour('win32');
const mac = pathFlavour('darwin');
const linux = pathFlavour('linux');

const ds = 'datasource db {\r\n  provider = "sqlite"\r\n}\r\n';

/** Discovery over an in-memory folder; `files` maps absolute paths (in the flavour's spelling) to contents. */
function discover(files: Record<string, string>, f: PathFlavour) {
  const all = Object.keys(files);
  return discoverSchemas(
    {
      prismaFiles: all.filter((p) => p.endsWith('.prisma')),
      configFiles: all.filter((p) => /prisma\.config\.[cm]?[jt]s$/.test(p)),
      packageJsons: all.filter((p) => p.endsWith('package.json')),
    },
    (p) => files[p],
    f,
  ).map((r) => ({
    schema: r.schemaPath,
    files: r.schemaFiles,
    migrations: r.migrationsDir,
    project: r.projectDir,
    source: r.source,
  }));
}

describe('platform: file paths on Windows, macOS and Linux', () => {
  describe('one file, two spellings', () => {
    it('Windows: drive letter, case and slashes do not matter (win32 logic, run on Linux)', () => {
      assert.ok(samePath('C:\\Proj\\schema.prisma', 'c:\\proj\\Schema.prisma', win));
      assert.ok(samePath('C:/Proj/prisma/../schema.prisma', 'c:\\proj\\schema.prisma', win));
      assert.ok(samePath('\\\\Server\\Share\\app\\', '\\\\server\\share\\App', win));
      assert.ok(!samePath('C:\\proj\\schema.prisma', 'D:\\proj\\schema.prisma', win));
    });

    it('macOS: case and the NFC/NFD spelling of accents do not matter (darwin logic, run on Linux)', () => {
      assert.ok(samePath('/Users/ana/Proj/schema.prisma', '/Users/ana/proj/Schema.prisma', mac));
      assert.ok(samePath('/Users/ana/Caf\u00e9/schema.prisma', '/Users/ana/Cafe\u0301/schema.prisma', mac));
    });

    it('Linux: case matters', () => {
      assert.ok(!samePath('/home/ana/Proj/schema.prisma', '/home/ana/proj/Schema.prisma', linux));
      assert.ok(samePath('/home/ana/proj/../proj/schema.prisma', '/home/ana/proj/schema.prisma', linux));
    });

    it('inside a folder: case-insensitive where the file system is, never a sibling with the same prefix (win32 and darwin logic, run on Linux)', () => {
      assert.ok(isInside('c:\\proj\\prisma\\migrations\\1_init\\migration.sql', 'C:\\Proj\\Prisma\\migrations', win));
      assert.ok(!isInside('C:\\proj\\prisma\\migrations-old\\x.sql', 'C:\\proj\\prisma\\migrations', win));
      assert.ok(!isInside('D:\\proj\\prisma\\x.prisma', 'C:\\proj', win));
      assert.ok(isInside('C:\\proj\\..data\\x.prisma', 'C:\\proj', win), 'a folder named ..data is inside');
      assert.ok(!isInside('C:\\proj', 'C:\\proj', win));
      assert.ok(isInside('\\\\srv\\share\\app\\prisma\\schema.prisma', '\\\\SRV\\share\\app', win));
      assert.ok(isInside('/Users/ana/Proj/prisma/a.prisma', '/Users/ana/proj', mac));
      assert.ok(!isInside('/home/ana/Proj/prisma/a.prisma', '/home/ana/proj', linux));
    });
  });

  describe('discovery', () => {
    it('Windows: prisma.config.ts naming prisma/Schema.prisma finds c:\\proj\\prisma\\schema.prisma, one schema (win32 logic, run on Linux)', () => {
      const r = discover(
        {
          'C:\\Proj\\prisma.config.ts': 'export default defineConfig({ schema: "prisma/Schema.prisma" })',
          'c:\\proj\\prisma\\schema.prisma': ds,
          'C:\\Proj\\package.json': '{ "prisma": { "schema": "prisma\\\\schema.prisma" } }',
        },
        win,
      );
      assert.deepEqual(r, [
        {
          schema: 'c:\\proj\\prisma\\schema.prisma',
          files: ['c:\\proj\\prisma\\schema.prisma'],
          migrations: 'c:\\proj\\prisma\\migrations',
          project: 'C:\\Proj',
          source: 'prisma.config',
        },
      ]);
    });

    it('Linux: the same names differing by case are two files; the config names a schema that does not exist', () => {
      const r = discover(
        {
          '/proj/prisma.config.ts': 'export default defineConfig({ schema: "prisma/Schema.prisma" })',
          '/proj/prisma/schema.prisma': ds,
        },
        linux,
      );
      assert.deepEqual(
        r.map((s) => [s.schema, s.files, s.source]),
        [
          ['/proj/prisma/schema.prisma', ['/proj/prisma/schema.prisma'], 'default'],
          ['/proj/prisma/Schema.prisma', [], 'prisma.config'],
        ],
      );
    });

    it('macOS: the config finds the schema whatever its case (darwin logic, run on Linux)', () => {
      const r = discover(
        {
          '/Users/ana/proj/prisma.config.ts': 'export default defineConfig({ schema: "Prisma/Schema.prisma" })',
          '/Users/ana/proj/prisma/schema.prisma': ds,
        },
        mac,
      );
      assert.deepEqual(
        r.map((s) => [s.schema, s.files, s.source]),
        [['/Users/ana/proj/prisma/schema.prisma', ['/Users/ana/proj/prisma/schema.prisma'], 'prisma.config']],
      );
    });

    it('Windows: a multi-file schema folder with migrations from the config, on a UNC share (win32 logic, run on Linux)', () => {
      const r = discover(
        {
          '\\\\srv\\team\\app\\prisma.config.ts':
            'export default defineConfig({ schema: path.join("db", "schema"), migrations: { path: "db/migrations" } })',
          '\\\\srv\\team\\app\\db\\schema\\main.prisma': ds,
          '\\\\srv\\team\\app\\db\\schema\\models\\user.prisma': 'model User {\r\n  id Int @id\r\n}\r\n',
          '\\\\srv\\team\\app\\db\\schema-old\\x.prisma': ds,
        },
        win,
      );
      assert.deepEqual(r[0], {
        schema: '\\\\srv\\team\\app\\db\\schema',
        files: ['\\\\srv\\team\\app\\db\\schema\\main.prisma', '\\\\srv\\team\\app\\db\\schema\\models\\user.prisma'],
        migrations: '\\\\srv\\team\\app\\db\\migrations',
        project: '\\\\srv\\team\\app',
        source: 'prisma.config',
      });
      assert.equal(r.length, 2, 'the sibling schema-old folder is a schema of its own');
    });

    it('Windows: schemas found on disk, a Prisma folder heads its project (win32 logic, run on Linux)', () => {
      const r = discover(
        {
          'C:\\ws\\api\\Prisma\\schema.prisma': ds,
          'C:\\ws\\api\\Prisma\\models.prisma': 'model A {\r\n id Int @id\r\n}',
        },
        win,
      );
      assert.deepEqual(r, [
        {
          schema: 'C:\\ws\\api\\Prisma',
          files: ['C:\\ws\\api\\Prisma\\models.prisma', 'C:\\ws\\api\\Prisma\\schema.prisma'],
          migrations: 'C:\\ws\\api\\Prisma\\migrations',
          project: 'C:\\ws\\api',
          source: 'default',
        },
      ]);
    });
  });

  describe('which schema a file or a path names', () => {
    const schemas = discoverSchemas(
      {
        prismaFiles: ['c:\\proj\\prisma\\schema.prisma', 'c:\\other\\schema.prisma'],
        configFiles: [],
        packageJsons: [],
      },
      () => ds,
      win,
    ).map((root) => ({ root }));

    it('Windows: an editor or tasks.json spelling the schema in other case finds it (win32 logic, run on Linux)', () => {
      assert.equal(
        schemaOfFile(schemas, 'C:\\Proj\\Prisma\\Schema.prisma', win)?.root.schemaPath,
        'c:\\proj\\prisma\\schema.prisma',
      );
      assert.equal(
        schemaAtPath(schemas, 'prisma/schema.prisma', 'C:\\PROJ', win)?.root.schemaPath,
        'c:\\proj\\prisma\\schema.prisma',
      );
      assert.equal(
        schemaAtPath(schemas, 'C:/Other/Schema.prisma', undefined, win)?.root.schemaPath,
        'c:\\other\\schema.prisma',
      );
      assert.equal(schemaOfFile(schemas, 'c:\\proj\\prisma\\migrations\\x.prisma', win), undefined);
    });

    it('Linux: another case is another file', () => {
      const onLinux = discoverSchemas(
        { prismaFiles: ['/p/schema.prisma'], configFiles: [], packageJsons: [] },
        () => ds,
        linux,
      );
      assert.equal(
        schemaOfFile(
          onLinux.map((root) => ({ root })),
          '/p/Schema.prisma',
          linux,
        ),
        undefined,
      );
      assert.equal(
        schemaOfFile(
          onLinux.map((root) => ({ root })),
          '/p/schema.prisma',
          linux,
        )?.root.schemaPath,
        '/p/schema.prisma',
      );
    });
  });

  describe("the upward search for the project's Prisma stops at the workspace folder", () => {
    it('Windows: a workspace folder given as c:\\ws bounds a project under C:\\WS (win32 logic, run on Linux)', () => {
      const files: Record<string, string> = {
        'C:\\node_modules\\prisma\\package.json': '{ "version": "5.22.0" }',
        'C:\\WS\\app\\package.json': '{ "devDependencies": { "prisma": "^7.1.0" } }',
      };
      const found = detectPrismaVersion('C:\\WS\\app', (f) => files[f], 'c:\\ws', win);
      assert.deepEqual(found, {
        version: '^7.1.0',
        major: 7,
        source: 'package.json',
        file: 'C:\\WS\\app\\package.json',
      });
    });

    describe("macOS: the CLI above the workspace is not taken for the project's (darwin logic, run on Linux)", () => {
      let root: string;
      before(() => {
        root = mkdtempSync(path.join(tmpdir(), 'pw-stopat-'));
        mkdirSync(path.join(root, 'node_modules', 'prisma', 'build'), { recursive: true });
        writeFileSync(path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), '');
        writeFileSync(path.join(root, 'node_modules', 'prisma', 'package.json'), '{ "version": "5.0.0" }');
        mkdirSync(path.join(root, 'Work', 'app'), { recursive: true });
      });
      after(() => rmSync(root, { recursive: true, force: true }));

      it('stops at the workspace folder spelled in another case', () => {
        const stop = path.join(root, 'work');
        assert.equal(findPrismaCli(path.join(root, 'Work', 'app'), stop, undefined, mac), undefined);
        assert.equal(
          findPrismaCli(path.join(root, 'Work', 'app'), stop, undefined, linux)?.version,
          '5.0.0',
          'on Linux work is not Work',
        );
      });
    });
  });
});
