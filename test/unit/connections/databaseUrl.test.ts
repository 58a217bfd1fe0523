import assert from 'node:assert/strict';
import path from 'node:path';
import {
  envFileCandidates,
  parseUrlExpression,
  resolveDatabaseUrl,
  type UrlInputs,
} from '../../../src/core/connections/databaseUrl';
import { readConfigDatasource } from '../../../src/core/connections/configDatasource';
import { describeDatabase, isProduction, maskUrl, NON_LOCAL } from '../../../src/core/connections/databaseInfo';

const FIXTURES = path.resolve(__dirname, '../../fixtures/projects');

function inputs(over: Partial<UrlInputs> & { files?: Record<string, string> }): UrlInputs {
  const files = over.files ?? {};
  return { projectDir: '/p', schemaPath: '/p/prisma/schema.prisma', env: {}, readFile: (f) => files[f], ...over };
}

describe('connections: the database URL as Prisma resolves it', () => {
  it('reads the url expressions prisma.config.ts uses', () => {
    assert.deepEqual(parseUrlExpression(`'file:./dev.db'`), { kind: 'literal', value: 'file:./dev.db' });
    assert.deepEqual(parseUrlExpression(`env('DATABASE_URL')`), { kind: 'env', name: 'DATABASE_URL' });
    assert.deepEqual(parseUrlExpression(`env("DATABASE_URL")`), { kind: 'env', name: 'DATABASE_URL' });
    assert.deepEqual(parseUrlExpression(`process.env.DATABASE_URL!`), { kind: 'env', name: 'DATABASE_URL' });
    assert.deepEqual(parseUrlExpression(`process.env["DB"] ?? "file:./x.db"`), {
      kind: 'env',
      name: 'DB',
      fallback: 'file:./x.db',
    });
    assert.equal(parseUrlExpression('buildUrl()').kind, 'opaque');
  });

  it('Prisma 7: config literal, relative SQLite from the config folder', () => {
    const r = resolveDatabaseUrl(
      inputs({ configFile: '/p/prisma.config.ts', configUrl: `'file:./dev.db'`, provider: 'sqlite' }),
    );
    assert.ok(r.ok);
    assert.equal(r.url, 'file:./dev.db');
    assert.equal(r.baseDir, '/p');
    assert.equal(r.provider, 'sqlite');
  });

  it('Prisma 7: env() from the process environment wins over .env', () => {
    const files = { '/p/.env': 'DATABASE_URL="postgresql://u:file@h/db"\n' };
    const fromEnv = resolveDatabaseUrl(
      inputs({
        files,
        configFile: '/p/prisma.config.ts',
        configUrl: `env('DATABASE_URL')`,
        provider: 'postgresql',
        env: { DATABASE_URL: 'postgresql://u:proc@h/db' },
      }),
    );
    assert.ok(fromEnv.ok);
    assert.equal(fromEnv.url, 'postgresql://u:proc@h/db');
    assert.match(fromEnv.from, /the environment/);
    const fromFile = resolveDatabaseUrl(
      inputs({ files, configFile: '/p/prisma.config.ts', configUrl: `env('DATABASE_URL')`, provider: 'postgresql' }),
    );
    assert.ok(fromFile.ok);
    assert.equal(fromFile.url, 'postgresql://u:file@h/db');
    assert.equal(fromFile.from, 'prisma.config.ts: env("DATABASE_URL") from .env');
  });

  it('Prisma 5/6: url = env("X") in the schema, .env next to the schema, SQLite relative to the schema', () => {
    const files = { '/p/prisma/.env': 'DATABASE_URL=file:./dev.db\n' };
    const r = resolveDatabaseUrl(inputs({ files, provider: '"sqlite"', schemaUrl: 'env("DATABASE_URL")' }));
    assert.ok(r.ok);
    assert.equal(r.url, 'file:./dev.db');
    assert.equal(r.baseDir, '/p/prisma');
    assert.match(r.from, /schema\.prisma: env\("DATABASE_URL"\) from prisma\/\.env/);
  });

  it('the real fixtures: prisma5-env-url (.env) and config-only-url (literal, with a shadow URL)', () => {
    const p5 = path.join(FIXTURES, 'prisma5-env-url');
    const r5 = resolveDatabaseUrl({
      projectDir: p5,
      schemaPath: path.join(p5, 'prisma/schema.prisma'),
      provider: 'postgresql',
      schemaUrl: 'env("DATABASE_URL")',
      env: {},
    });
    assert.ok(r5.ok);
    assert.match(r5.url, /^postgresql:\/\/shop:s3cr3t-password@127\.0\.0\.1:5432\/shop/);
    const co = path.join(FIXTURES, 'config-only-url');
    const cfg = readConfigDatasource(require('node:fs').readFileSync(path.join(co, 'prisma.config.ts'), 'utf8'));
    const rc = resolveDatabaseUrl({
      projectDir: co,
      schemaPath: path.join(co, 'prisma/schema.prisma'),
      configFile: path.join(co, 'prisma.config.ts'),
      configUrl: cfg.url,
      configShadowUrl: cfg.shadowDatabaseUrl,
      provider: 'postgresql',
      env: {},
    });
    assert.ok(rc.ok);
    assert.match(rc.url, /config_only$/);
    assert.match(rc.shadowDatabaseUrl ?? '', /config_only_shadow$/);
  });

  it('reads no .env above the project: a schema at the project root does not take ../.env', () => {
    const files = { '/.env': 'DATABASE_URL="postgresql://u:p@outside/db"\n' };
    const atRoot = { schemaPath: '/p/schema.prisma', schemaUrl: 'env("DATABASE_URL")', provider: 'postgresql', files };
    const r = resolveDatabaseUrl(inputs(atRoot));
    assert.ok(!r.ok && r.missing, JSON.stringify(r));
    assert.deepEqual(envFileCandidates({ projectDir: '/p', schemaPath: '/p/schema.prisma' }), ['/p/.env']);
    // a prisma/schema/ folder still reads prisma/.env, inside the project
    assert.deepEqual(envFileCandidates({ projectDir: '/p', schemaPath: '/p/prisma/schema' }), [
      '/p/.env',
      '/p/prisma/schema/.env',
      '/p/prisma/.env',
    ]);
  });

  it('says why there is no URL: variable not set, nothing configured, computed', () => {
    const unset = resolveDatabaseUrl(inputs({ configFile: '/p/prisma.config.ts', configUrl: `env('NOPE')` }));
    assert.ok(!unset.ok);
    assert.match(unset.reason, /NOPE is not set/);
    const none = resolveDatabaseUrl(inputs({}));
    assert.ok(!none.ok);
    assert.match(none.reason, /No database URL/);
    const computed = resolveDatabaseUrl(inputs({ configFile: '/p/prisma.config.ts', configUrl: 'makeUrl()' }));
    assert.ok(!computed.ok);
    assert.match(computed.reason, /computed/);
  });
});

describe('connections: masking, names and the production guard', () => {
  it('masks passwords in URLs and parameters', () => {
    assert.equal(
      maskUrl('postgresql://shop:s3cr3t-password@127.0.0.1:5432/shop?schema=public'),
      'postgresql://shop:****@127.0.0.1:5432/shop?schema=public',
    );
    assert.doesNotMatch(maskUrl('sqlserver://h:1433;database=x;user=sa;password=Hunter2;'), /Hunter2/);
    assert.doesNotMatch(maskUrl('postgresql://u@h/db?password=Hunter2'), /Hunter2/);
  });

  it('names the database for confirmations', () => {
    assert.deepEqual(
      { ...describeDatabase('postgresql://u:pw@db.example.com:5432/shop') },
      {
        maskedUrl: 'postgresql://u:****@db.example.com:5432/shop',
        label: 'shop on db.example.com:5432',
        name: 'shop',
        host: 'db.example.com',
      },
    );
    const sqlite = describeDatabase('file:./dev.db', '/p/prisma', '/p');
    assert.equal(sqlite.label, 'SQLite file prisma/dev.db');
    assert.equal(sqlite.name, 'dev.db');
  });

  it('production: non-local hosts by default, globs and regexes when configured', () => {
    assert.equal(isProduction('postgresql://u:pw@db.example.com/shop', [NON_LOCAL]), true);
    assert.equal(isProduction('postgresql://u@127.0.0.1:5432/shop', [NON_LOCAL]), false);
    assert.equal(isProduction('postgresql://u@localhost/shop', [NON_LOCAL]), false);
    assert.equal(isProduction('file:./dev.db', [NON_LOCAL]), false);
    assert.equal(isProduction('postgresql://u@127.0.0.1/prod_shop', ['*prod*']), true);
    assert.equal(isProduction('postgresql://u@10.0.0.5/shop', ['/10\\.0\\.0\\.\\d+/']), true);
    assert.equal(isProduction('postgresql://u@db.example.com/shop', []), false);
  });
});
