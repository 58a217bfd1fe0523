import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  detectPrismaVersion,
  majorOf,
  projectPrismaVersion,
  schemaHint,
} from '../../../src/core/languageServer/prismaVersion';

const repo = path.resolve(__dirname, '..', '..', '..');

/** A fake file system: paths relative to /ws. */
function files(map: Record<string, string>) {
  return (f: string) => map[path.relative('/ws', f)];
}
const pkg = (deps: Record<string, string>, field = 'dependencies') => JSON.stringify({ name: 'x', [field]: deps });

describe("languageServer: the project's Prisma version", () => {
  it('reads the major of versions and ranges', () => {
    assert.equal(majorOf('6.19.0'), 6);
    assert.equal(majorOf('^5.22.0'), 5);
    assert.equal(majorOf('~7.1'), 7);
    assert.equal(majorOf('>=6.2.0 <7'), 6);
    assert.equal(majorOf('7.x'), 7);
    assert.equal(majorOf('6'), 6);
    assert.equal(majorOf('npm:prisma@6.1.0'), 6);
    assert.equal(majorOf('7.10.0-dev.3'), 7);
    assert.equal(majorOf('latest'), undefined);
    assert.equal(majorOf('workspace:*'), undefined);
    assert.equal(majorOf('catalog:'), undefined);
  });

  it('prefers the installed prisma over what package.json asks for', () => {
    const v = detectPrismaVersion(
      '/ws/prisma',
      files({
        'package.json': pkg({ prisma: '^7.0.0' }),
        'node_modules/prisma/package.json': JSON.stringify({ version: '6.19.0' }),
      }),
      '/ws',
    );
    assert.deepEqual(v, {
      version: '6.19.0',
      major: 6,
      source: 'installed',
      file: '/ws/node_modules/prisma/package.json',
    });
  });

  it('finds a node_modules hoisted to the monorepo root', () => {
    const v = detectPrismaVersion(
      '/ws/packages/api/prisma',
      files({
        'packages/api/package.json': pkg({ '@prisma/client': '6.3.0' }),
        'node_modules/prisma/package.json': JSON.stringify({ version: '6.3.1' }),
      }),
      '/ws',
    );
    assert.equal(v?.source, 'installed');
    assert.equal(v?.version, '6.3.1');
  });

  it('falls back to package.json: prisma in devDependencies, then @prisma/client', () => {
    assert.equal(
      detectPrismaVersion('/ws/prisma', files({ 'package.json': pkg({ prisma: '5.22.0' }, 'devDependencies') }), '/ws')
        ?.major,
      5,
    );
    const client = detectPrismaVersion(
      '/ws/prisma',
      files({ 'package.json': pkg({ '@prisma/client': '^7.10.0' }) }),
      '/ws',
    );
    assert.deepEqual(client, { version: '^7.10.0', major: 7, source: 'package.json', file: '/ws/package.json' });
  });

  it('skips package.json files without Prisma and unreadable ones, and stops at the workspace folder', () => {
    const read = files({
      'app/package.json': pkg({ react: '19.0.0' }),
      'app/prisma/package.json': '{ not json',
      'package.json': pkg({ prisma: '6.0.0' }),
    });
    assert.equal(detectPrismaVersion('/ws/app/prisma', read, '/ws')?.file, '/ws/package.json');
    assert.equal(detectPrismaVersion('/ws/app/prisma', read, '/ws/app'), undefined);
  });

  it('reads a Prisma 6 style schema (datasource url, no prisma.config) as Prisma 6', () => {
    const s6 = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
    const s7 = 'datasource db {\n  provider = "postgresql"\n  // url = env("X") moved to prisma.config.ts\n}\n';
    assert.equal(schemaHint([{ path: '/ws/s.prisma', content: s6 }], false)?.major, 6);
    assert.equal(schemaHint([{ path: '/ws/s.prisma', content: s6 }], true), undefined);
    assert.equal(schemaHint([{ path: '/ws/s.prisma', content: s7 }], false), undefined);
  });

  it('detects the fixture projects as a user would have them', () => {
    const read = (f: string) => {
      try {
        return fs.readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    };
    const fixture = (p: string) => path.join(repo, 'test/fixtures/projects', p);
    const schema = (p: string) => fs.readFileSync(fixture(p), 'utf8');
    assert.equal(
      projectPrismaVersion(
        fixture('prisma5-env-url/prisma/schema.prisma'),
        schema('prisma5-env-url/prisma/schema.prisma'),
        read,
        fixture('prisma5-env-url'),
      )?.major,
      5,
    );
    assert.equal(
      projectPrismaVersion(
        fixture('multi-file/prisma/schema/user.prisma'),
        schema('multi-file/prisma/schema/user.prisma'),
        read,
        fixture('multi-file'),
      )?.major,
      7,
    );
    const sample = path.join(repo, 'prisma');
    const sampleSchema = fs.readFileSync(path.join(sample, 'schema.prisma'), 'utf8');
    assert.equal(projectPrismaVersion(path.join(sample, 'schema.prisma'), sampleSchema, read, sample)?.major, 7);
    // no package.json anywhere: a Prisma 7 schema (config file, no url) gives no verdict, a Prisma 6 one does
    const only = (f: string) => (f.endsWith('schema.prisma') || f.endsWith('prisma.config.ts') ? read(f) : undefined);
    assert.equal(projectPrismaVersion(path.join(sample, 'schema.prisma'), sampleSchema, only, sample), undefined);
    const p5 = fixture('prisma5-env-url/prisma/schema.prisma');
    assert.equal(
      projectPrismaVersion(p5, schema('prisma5-env-url/prisma/schema.prisma'), only, fixture('prisma5-env-url'))
        ?.source,
      'schema',
    );
  });
});
