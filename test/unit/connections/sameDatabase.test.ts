// Is the shadow database the main one? The comparison Prisma's engine makes before it empties a shadow
// database: host, port and database after normalising; user, password and `?schema=` do not count.
import assert from 'node:assert/strict';
import { sameDatabase, shadowDatabaseClash } from '../../../src/core/connections/sameDatabase';
import { urlSchema } from '../../../src/core/connections/postgresSchema';

const MAIN = 'postgresql://app:s3cret@db.example.com:5432/app';

describe('connections: a shadow database that is the main database', () => {
  it('the same database however the URL spells it', () => {
    const same = [
      'postgresql://app:s3cret@db.example.com:5432/app',
      'postgresql://other:pw@DB.Example.COM/app', // another user, host case, default port
      'postgres://app@db.example.com:5432/app?schema=shadow', // another ?schema= is still the same database
      'postgresql://app@db.example.com./app', // fully qualified host name
      'postgresql://app@db.example.com:5432/app/', // trailing slash
      'postgresql://app@db.example.com/%61pp', // percent-encoded name
      ' postgresql://app@db.example.com/app?sslmode=require&connection_limit=1 ',
    ];
    for (const url of same) assert.equal(sameDatabase(MAIN, url), true, url);
  });

  it('localhost, 127.0.0.1, ::1 and a local socket are one machine', () => {
    const main = 'postgresql://postgres@localhost/app';
    for (const url of [
      'postgresql://postgres@127.0.0.1:5432/app',
      'postgresql://x:y@[::1]:5432/app?schema=shadow',
      'postgresql://x@[0:0:0:0:0:0:0:1]/app',
      'postgresql://x@LOCALHOST/app',
      'postgresql://x@/app?host=/var/run/postgresql',
      'postgresql:///app?host=%2Fvar%2Frun%2Fpostgresql',
      'postgresql://x@127.0.0.2/app',
    ])
      assert.equal(sameDatabase(main, url), true, url);
  });

  it('another database, port or host is not the main database', () => {
    for (const url of [
      'postgresql://app:s3cret@db.example.com:5432/app_shadow',
      'postgresql://app:s3cret@db.example.com:5433/app',
      'postgresql://app:s3cret@db2.example.com:5432/app',
      'postgresql://app:s3cret@localhost:5432/app',
      'postgresql://app:s3cret@db.example.com/App', // PostgreSQL database names are case-sensitive
      'postgresql://app@db.example.com/app?port=5439',
    ])
      assert.equal(sameDatabase(MAIN, url), false, url);
  });

  it("PostgreSQL's default database is the user's name; MySQL's default port is 3306", () => {
    assert.equal(sameDatabase('postgresql://app@h', 'postgresql://app@h/app'), true);
    assert.equal(sameDatabase('postgresql://app@h', 'postgresql://other@h'), false);
    assert.equal(sameDatabase('mysql://root@localhost/shop', 'mysql://u:p@127.0.0.1:3306/shop'), true);
    assert.equal(sameDatabase('mysql://root@localhost/shop', 'mysql://root@localhost:3307/shop'), false);
  });

  it('a URL that cannot be read only matches itself', () => {
    assert.equal(sameDatabase('not a url', 'not a url'), true);
    assert.equal(sameDatabase('not a url', MAIN), false);
    assert.equal(sameDatabase('sqlserver://h:1433;database=a', 'sqlserver://h:1433;database=b'), false);
  });

  it('the refusal names both databases with their passwords masked', () => {
    const shadow = 'postgresql://app:other-secret@db.example.com/app?schema=shadow';
    const message = shadowDatabaseClash(MAIN, shadow);
    assert.ok(message);
    assert.match(message, /The shadow database you configured appears to be the same as the main database/);
    assert.ok(message.includes('postgresql://app:****@db.example.com:5432/app'), message);
    assert.ok(message.includes('postgresql://app:****@db.example.com/app?schema=shadow'), message);
    assert.match(message, /database "app" on db\.example\.com:5432/);
    assert.doesNotMatch(message, /s3cret|other-secret/);
    assert.equal(shadowDatabaseClash(MAIN, 'postgresql://app:s3cret@db.example.com/app_shadow'), undefined);
  });

  it('reads ?schema= as Prisma does, undefined when there is none', () => {
    assert.equal(urlSchema('postgresql://u@h/db?schema=tenant_a'), 'tenant_a');
    assert.equal(urlSchema('postgresql://u@h/db?sslmode=require&schema=My%20Schema'), 'My Schema');
    assert.equal(urlSchema('postgresql://u@h/db'), undefined);
    assert.equal(urlSchema('postgresql://u@h/db?schema='), undefined);
    assert.equal(urlSchema('not a url'), undefined);
  });
});
