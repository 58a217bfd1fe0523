import assert from 'node:assert/strict';
import { NON_LOCAL } from '../../../src/core/connections/databaseInfo';
import { resolveDatabaseTarget, type TargetInputs } from '../../../src/core/connections/databaseTarget';
import type { NamedConnection } from '../../../src/core/connections/namedConnections';

const files: Record<string, string> = {
  '/proj/.env': 'DATABASE_URL="postgresql://app:s3cret@127.0.0.1:5432/local_db"\n',
  '/proj/.env.production': 'DATABASE_URL="postgresql://app:pr0d@db.example.com:5432/shop"\n',
};
const base: TargetInputs = {
  projectDir: '/proj',
  schemaPath: '/proj/prisma/schema.prisma',
  configFile: '/proj/prisma.config.ts',
  configUrl: 'env("DATABASE_URL")',
  provider: 'postgresql',
  env: {},
  readFile: (f) => files[f],
  patterns: [NON_LOCAL],
};
const other: NamedConnection = {
  id: 'c1',
  name: 'other',
  kind: 'url',
  url: 'postgresql://app@127.0.0.1:5432/other_db',
  hasSecret: true,
};

function ok(inputs: TargetInputs) {
  const t = resolveDatabaseTarget(inputs);
  assert.ok(t.ok, t.ok ? '' : t.reason);
  return t;
}

describe('connections: one resolver for every consumer (schema -> url, source, production, name)', () => {
  it("the Prisma config's database: named, not production, and the CLI gets it through the variable the config reads", () => {
    const t = ok(base);
    assert.equal(t.url, 'postgresql://app:s3cret@127.0.0.1:5432/local_db');
    assert.equal(t.connectionName, 'Prisma config');
    assert.equal(t.description.name, 'local_db');
    assert.doesNotMatch(t.description.maskedUrl, /s3cret/);
    assert.equal(t.production, false);
    assert.deepEqual(t.cli, { kind: 'env', variable: 'DATABASE_URL', value: t.url });
  });

  it('the active named connection wins, and the CLI is handed that URL (with its password from the secret store)', () => {
    const t = ok({ ...base, connection: other, secret: 'pw' });
    assert.equal(t.url, 'postgresql://app:pw@127.0.0.1:5432/other_db');
    assert.equal(t.connectionName, 'other');
    assert.match(t.source, /connection "other"/);
    assert.equal(t.description.name, 'other_db');
    assert.deepEqual(t.cli, {
      kind: 'env',
      variable: 'DATABASE_URL',
      value: 'postgresql://app:pw@127.0.0.1:5432/other_db',
    });
  });

  it('an env-file connection: the value from that file goes to the CLI', () => {
    const t = ok({ ...base, connection: { id: 'p', name: 'prod', kind: 'envFile', envFile: '.env.production' } });
    assert.equal(t.description.name, 'shop');
    assert.equal(t.production, true, 'db.example.com is not local');
    assert.deepEqual(t.cli, {
      kind: 'env',
      variable: 'DATABASE_URL',
      value: 'postgresql://app:pr0d@db.example.com:5432/shop',
    });
  });

  it('"Mark as production" makes a local database production, and says why', () => {
    const t = ok({ ...base, connection: { ...other, production: true }, secret: 'pw' });
    assert.equal(t.production, true);
    assert.match(t.productionWhy ?? '', /"other" is marked production/);
    const unmarked = ok({ ...base, connection: other, secret: 'pw' });
    assert.equal(unmarked.production, false);
    const defaultMarked = ok({
      ...base,
      connection: { id: 'default', name: 'Prisma config', kind: 'default', production: true },
    });
    assert.equal(defaultMarked.production, true);
  });

  it('a URL pattern makes it production too', () => {
    const t = ok({ ...base, patterns: ['*local_db*'] });
    assert.equal(t.production, true);
    assert.match(t.productionWhy ?? '', /urlPatterns/);
  });

  it('the variable is the one the datasource names: process.env.X in the config, env("X") in a Prisma 5 schema', () => {
    const t = ok({
      ...base,
      configUrl: 'process.env.APP_DB!',
      env: { APP_DB: 'postgresql://a@127.0.0.1/app' },
    });
    assert.deepEqual(t.cli, { kind: 'env', variable: 'APP_DB', value: 'postgresql://a@127.0.0.1/app' });
    const p5 = ok({
      ...base,
      configFile: undefined,
      configUrl: undefined,
      schemaUrl: 'env("PG_URL")',
      env: { PG_URL: 'postgresql://a@127.0.0.1/p5' },
      connection: other,
      secret: 'pw',
    });
    assert.deepEqual(p5.cli, { kind: 'env', variable: 'PG_URL', value: 'postgresql://app:pw@127.0.0.1:5432/other_db' });
  });

  it('SQLite: the CLI is given an absolute file, so it and the extension open the same file', () => {
    const t = ok({
      ...base,
      provider: 'sqlite',
      connection: { id: 's', name: 'scratch', kind: 'url', url: 'file:./scratch.db', hasSecret: false },
    });
    assert.deepEqual(t.cli, { kind: 'env', variable: 'DATABASE_URL', value: 'file:/proj/scratch.db' });
  });

  it('a literal URL in the config: the CLI uses it as is, and cannot be pointed at another connection', () => {
    const literal = { ...base, provider: 'sqlite', configUrl: "'file:./dev.db'" };
    assert.deepEqual(ok(literal).cli, { kind: 'asIs' });
    const t = ok({
      ...literal,
      connection: { id: 's', name: 'scratch', kind: 'url', url: 'file:./scratch.db', hasSecret: false },
    });
    assert.equal(t.description.name, 'scratch.db');
    assert.equal(t.cli.kind, 'unreachable');
    assert.match(t.cli.kind === 'unreachable' ? t.cli.reason : '', /writes its database URL itself.*"scratch"/);
  });

  it("the grid's URL setting overrides the connection; its production is the pattern's", () => {
    const t = ok({
      ...base,
      connection: { ...other, production: true },
      secret: 'pw',
      override: { url: 'postgresql://x@db.example.com/big', from: 'the setting' },
    });
    assert.equal(t.url, 'postgresql://x@db.example.com/big');
    assert.equal(t.source, 'the setting');
    assert.equal(t.production, true);
  });

  it('a connection whose URL cannot be resolved says why and names the connection', () => {
    const t = resolveDatabaseTarget({ ...base, readFile: () => undefined });
    assert.equal(t.ok, false);
    assert.equal(t.connectionName, 'Prisma config');
    assert.match(t.ok ? '' : t.reason, /DATABASE_URL is not set/);
    assert.equal(t.ok ? undefined : t.namedConnection, false);
    const locked = resolveDatabaseTarget({ ...base, connection: other }); // its password is not in the secret store
    assert.equal(locked.ok, false);
    assert.equal(locked.ok ? undefined : locked.namedConnection, true);
    assert.match(locked.ok ? '' : locked.reason, /"other"/);
  });

  it('a URL set nowhere (a clone without its .env) is reported missing, so drift says "no database"', () => {
    const t = resolveDatabaseTarget({ ...base, readFile: () => undefined });
    assert.equal(t.ok, false);
    assert.equal(!t.ok && t.missing, true);
    const broken = resolveDatabaseTarget({ ...base, configUrl: 'process.env.DATABASE_URL + suffix()' });
    assert.equal(!broken.ok && broken.missing, undefined, 'a URL that cannot be read is not a missing one');
  });
});
