import assert from 'node:assert/strict';
import {
  combinePatterns,
  describeDatabase,
  isProduction,
  maskUrl,
  NON_LOCAL,
} from '../../../src/core/connections/databaseInfo';

const prod = (url: string) => isProduction(url, [NON_LOCAL]);

describe('connections: what counts as production by default (<non-local>)', () => {
  it('a URL that cannot be read is production ("ask"), not local', () => {
    assert.equal(prod('sqlserver://prod.example.com:1433;database=shop;user=sa;password=S3cret'), true);
    assert.equal(prod('postgresql://app@/shop?host=/cloudsql/acme:europe-west1:prod'), true, 'Cloud SQL socket');
    assert.equal(prod('postgresql://app:p@ss@prod.example.com/shop'), true, 'a raw @ in the password');
    assert.equal(prod('sqlserver://;database=shop'), true, 'no host at all');
    assert.equal(prod('something that is no URL'), true);
  });

  it('a tunnel on a local port (kubectl port-forward, ssh -L, cloud-sql-proxy) is production', () => {
    assert.equal(prod('postgresql://app:pw@localhost:15432/prod'), true);
    assert.equal(prod('mysql://root@127.0.0.1:13306/prod'), true);
    assert.equal(prod('sqlserver://localhost:11433;database=prod'), true);
  });

  it('this machine on the standard port, a local socket, a Compose service and `prisma dev` are local', () => {
    for (const url of [
      'postgresql://postgres@127.0.0.1:5432/postgres',
      'postgresql://u@localhost/shop',
      'mysql://root@localhost:3306/test',
      'sqlserver://localhost:1433;database=shop;user=sa;password=x',
      'postgresql://app@/shop?host=/var/run/postgresql',
      'postgresql:///shop',
      'postgresql://app:pw@db:5432/shop',
      'mysql://root@mariadb/test',
      'prisma+postgres://localhost:51213/?api_key=eyJ',
      'postgres://postgres:postgres@localhost:51214/template1?sslmode=disable',
      'file:./dev.db',
    ])
      assert.equal(prod(url), false, url);
  });

  it('a Compose service on another port, an mDNS .local machine and a remote replica set are production', () => {
    assert.equal(prod('postgresql://app@db:15432/shop'), true);
    assert.equal(prod('postgresql://app@nas.local:5432/shop'), true);
    assert.equal(prod('mongodb://u:p@localhost:27017,prod-2.example.com:27017/db'), true);
    assert.equal(prod('prisma+postgres://accelerate.prisma-data.net/?api_key=eyJ'), true);
  });

  it('an empty pattern list makes nothing production; globs still see the masked URL', () => {
    assert.equal(isProduction('sqlserver://prod.example.com:1433;database=shop', []), false);
    assert.equal(isProduction('sqlserver://h:1433;database=shop_prod;password=x', ['*shop_prod*']), true);
    assert.equal(isProduction('sqlserver://h:1433;database=shop;password=prod', ['*prod*']), false, 'not the password');
  });
});

describe('connections: describing URLs new URL() rejects', () => {
  it('names a SQL Server database and host, password masked', () => {
    const d = describeDatabase('sqlserver://prod.example.com:1433;database=shop;user=sa;password={a;b}');
    assert.equal(d.name, 'shop');
    assert.equal(d.label, 'shop on prod.example.com:1433');
    assert.equal(d.host, 'prod.example.com');
    assert.equal(d.maskedUrl, 'sqlserver://prod.example.com:1433;database=shop;user=sa;password={****}');
  });

  it('names a Cloud SQL socket database', () => {
    const d = describeDatabase('postgresql://app:pw@/shop?host=/cloudsql/acme:eu:prod');
    assert.equal(d.name, 'shop');
    assert.equal(d.label, 'shop on socket /cloudsql/acme:eu:prod');
  });

  it('masks api_key, authToken and sslpassword in the tooltip and the production question (maskUrl)', () => {
    assert.equal(
      maskUrl('prisma+postgres://accelerate.prisma-data.net/?api_key=eyJhbGci'),
      'prisma+postgres://accelerate.prisma-data.net/?api_key=****',
    );
    assert.equal(maskUrl('libsql://x.turso.io?authToken=abc'), 'libsql://x.turso.io?authToken=****');
    assert.equal(maskUrl('postgresql://u@h/db?sslpassword=abc'), 'postgresql://u@h/db?sslpassword=****');
  });
});

describe('connections: production patterns from user and workspace settings', () => {
  it("a folder adds patterns but cannot remove the user's or the default", () => {
    assert.deepEqual(combinePatterns({ defaultValue: [NON_LOCAL], workspaceFolderValue: [] }), [NON_LOCAL]);
    assert.deepEqual(combinePatterns({ defaultValue: [NON_LOCAL], workspaceValue: [] }), [NON_LOCAL]);
    assert.deepEqual(
      combinePatterns({ defaultValue: [NON_LOCAL], globalValue: ['*prod*'], workspaceValue: ['*staging*'] }),
      ['*prod*', '*staging*'],
    );
  });

  it('the user alone can turn the default off', () => {
    assert.deepEqual(combinePatterns({ defaultValue: [NON_LOCAL], globalValue: [] }), []);
  });
});
