import assert from 'node:assert/strict';
import {
  DEFAULT_CONNECTION_ID,
  active,
  addConnection,
  initialConnections,
  markProduction,
  readConnections,
  removeConnection,
  resolveConnection,
  splitPassword,
  switchTo,
  withPassword,
} from '../../../src/core/connections/namedConnections';
import type { UrlInputs } from '../../../src/core/connections/databaseUrl';

const projectDir = '/proj';
const files: Record<string, string> = {
  '/proj/.env': 'DATABASE_URL="file:./dev.db"\n',
  '/proj/.env.production': 'DATABASE_URL="postgresql://app:s3cret@db.example.com:5432/shop"\n',
};
const inputs: UrlInputs = {
  projectDir,
  schemaPath: '/proj/schema.prisma',
  configFile: '/proj/prisma.config.ts',
  configUrl: 'env("DATABASE_URL")',
  env: {},
  readFile: (f) => files[f],
};

describe('connections: named connections per schema', () => {
  it('starts with the Prisma config connection, adds, switches, marks production and removes', () => {
    let s = initialConnections();
    assert.equal(active(s).kind, 'default');
    s = addConnection(s, { id: 'prod', name: 'production', kind: 'envFile', envFile: '.env.production' });
    assert.equal(active(s).id, 'prod');
    s = markProduction(s, 'prod', true);
    assert.equal(active(s).production, true);
    s = switchTo(s, DEFAULT_CONNECTION_ID);
    assert.equal(active(s).kind, 'default');
    assert.throws(() => addConnection(s, { id: 'x', name: 'production', kind: 'envFile', envFile: 'a' }), /already/);
    assert.throws(() => switchTo(s, 'nope'), /No connection/);
    s = switchTo(s, 'prod');
    s = removeConnection(s, 'prod');
    assert.equal(active(s).id, DEFAULT_CONNECTION_ID, 'removing the active one falls back to the Prisma config');
    assert.throws(() => removeConnection(s, DEFAULT_CONNECTION_ID));
  });

  it('never stores a password in a URL connection: split it for SecretStorage, put it back to connect', () => {
    const { url, password } = splitPassword('postgresql://app:p%40ss@db.example.com:5432/shop?schema=public');
    assert.equal(url, 'postgresql://app:@db.example.com:5432/shop?schema=public', 'the place stays, emptied');
    assert.equal(password, 'p@ss');
    assert.equal(withPassword(url, password), 'postgresql://app:p%40ss@db.example.com:5432/shop?schema=public');
    assert.deepEqual(splitPassword('postgresql://h/db?password=x&sslmode=require'), {
      url: 'postgresql://h/db?password=&sslmode=require',
      password: 'x',
    });
    assert.throws(
      () =>
        addConnection(initialConnections(), {
          id: 'u',
          name: 'u',
          kind: 'url',
          url: 'postgresql://a:b@h/db',
          hasSecret: false,
        }),
      /password/,
    );
  });

  it('reads persisted state defensively: bad entries, a URL with a password and an unknown active id are dropped', () => {
    const s = readConnections({
      activeId: 'gone',
      connections: [
        { id: 'ok', name: 'staging', kind: 'url', url: 'postgresql://app@staging/db', hasSecret: true },
        { id: 'leaky', name: 'leaky', kind: 'url', url: 'postgresql://app:pw@h/db', hasSecret: false },
        { id: 'default', name: 'x', kind: 'default', production: true },
        'junk',
      ],
    });
    assert.deepEqual(
      s.connections.map((c) => c.id),
      ['default', 'ok'],
    );
    assert.equal(s.connections[0].production, true);
    assert.equal(s.activeId, DEFAULT_CONNECTION_ID);
    assert.deepEqual(readConnections(undefined), initialConnections());
  });

  it('resolves each kind: the config (.env), another env file (which wins), a URL with its secret', () => {
    const def = resolveConnection(initialConnections().connections[0], inputs);
    assert.ok(def.ok && def.url === 'file:./dev.db');
    const env = resolveConnection({ id: 'p', name: 'production', kind: 'envFile', envFile: '.env.production' }, inputs);
    assert.ok(env.ok, env.ok ? '' : env.reason);
    assert.equal(env.url, 'postgresql://app:s3cret@db.example.com:5432/shop');
    assert.match(env.from, /connection "production" \(\.env\.production\)/);
    const missing = resolveConnection({ id: 'm', name: 'missing', kind: 'envFile', envFile: '.env.none' }, inputs);
    assert.equal(missing.ok, false);
    const url = resolveConnection(
      { id: 'u', name: 'staging', kind: 'url', url: 'postgresql://app@staging:5432/db', hasSecret: true },
      inputs,
      'pw',
    );
    assert.ok(url.ok && url.url === 'postgresql://app:pw@staging:5432/db' && url.provider === 'postgresql');
    const noSecret = resolveConnection(
      { id: 'u', name: 'staging', kind: 'url', url: 'postgresql://app@staging:5432/db', hasSecret: true },
      inputs,
    );
    assert.ok(!noSecret.ok && /secret storage/.test(noSecret.reason));
  });
});
