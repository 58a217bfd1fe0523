import assert from 'node:assert/strict';
import {
  addConnection,
  initialConnections,
  splitPassword,
  withPassword,
} from '../../../src/core/connections/namedConnections';
import { maskSecrets } from '../../../src/core/util/maskSecrets';

/** [shape, pasted URL, what is kept in the workspace state, the URL used to connect (canonical encoding)]. */
const SHAPES: [string, string, string, string][] = [
  [
    'SQL Server ;password=',
    'sqlserver://h:1433;database=d;user=sa;password=S3cret;encrypt=true',
    'sqlserver://h:1433;database=d;user=sa;password=;encrypt=true',
    'sqlserver://h:1433;database=d;user=sa;password=S3cret;encrypt=true',
  ],
  [
    'SQL Server {quoted;secret} with }}',
    'sqlserver://h:1433;database=d;user=sa;password={my;se}}cret}',
    'sqlserver://h:1433;database=d;user=sa;password=',
    'sqlserver://h:1433;database=d;user=sa;password={my;se}}cret}',
  ],
  [
    'SQL Server "quoted"',
    'sqlserver://h;user=sa;password="a b";trustServerCertificate=true',
    'sqlserver://h;user=sa;password=;trustServerCertificate=true',
    'sqlserver://h;user=sa;password=a b;trustServerCertificate=true',
  ],
  [
    'sslpassword=',
    'postgresql://u@h/db?sslpassword=k%26y&sslmode=require',
    'postgresql://u@h/db?sslpassword=&sslmode=require',
    'postgresql://u@h/db?sslpassword=k%26y&sslmode=require',
  ],
  [
    'api_key=',
    'prisma+postgres://accelerate.prisma-data.net/?api_key=eyJhbGciOi.J9x_y-z',
    'prisma+postgres://accelerate.prisma-data.net/?api_key=',
    'prisma+postgres://accelerate.prisma-data.net/?api_key=eyJhbGciOi.J9x_y-z',
  ],
  [
    'authToken=',
    'libsql://db.turso.io?authToken=abc.def',
    'libsql://db.turso.io?authToken=',
    'libsql://db.turso.io?authToken=abc.def',
  ],
  [
    'userinfo with raw / @ : % and a space',
    'postgresql://app:p/a@s:s% x@db.example.com:5432/shop',
    'postgresql://app:@db.example.com:5432/shop',
    'postgresql://app:p%2Fa%40s%3As%25%20x@db.example.com:5432/shop',
  ],
  [
    'userinfo and a query password together',
    'mysql://root:one@h:3306/db?password=two&ssl=true',
    'mysql://root:@h:3306/db?password=&ssl=true',
    'mysql://root:one@h:3306/db?password=two&ssl=true',
  ],
  [
    'a query password holding , and a space',
    'postgresql://h/db?password=a,b c&x=1',
    'postgresql://h/db?password=&x=1',
    'postgresql://h/db?password=a%2Cb%20c&x=1',
  ],
  [
    'an empty password= stays empty beside a real secret',
    'postgresql://h/db?password=&api_key=k',
    'postgresql://h/db?password=&api_key=',
    'postgresql://h/db?password=&api_key=k',
  ],
];

describe('connections: secrets are split from every URL shape and put back', () => {
  for (const [shape, pasted, kept, joined] of SHAPES)
    it(shape, () => {
      const split = splitPassword(pasted);
      assert.equal(split.url, kept, 'the URL kept in the workspace state');
      assert.ok(split.password, 'a secret goes to SecretStorage');
      assert.equal(maskSecrets(split.url), split.url, 'nothing in the kept URL is a secret');
      assert.doesNotThrow(() =>
        addConnection(initialConnections(), { id: 'c', name: 'c', kind: 'url', url: split.url, hasSecret: true }),
      );
      assert.equal(withPassword(split.url, split.password), joined, 'the URL used to connect');
      assert.deepEqual(splitPassword(joined), split, 'splitting it again gives the same');
    });

  it('refuses to store a URL that still carries a secret of any shape', () => {
    for (const url of SHAPES.map((s) => s[1]))
      assert.throws(
        () => addConnection(initialConnections(), { id: 'c', name: 'c', kind: 'url', url, hasSecret: false }),
        /password/,
        url,
      );
  });

  it('a URL without a secret is kept as it is', () => {
    for (const url of [
      'postgresql://app@h/db',
      'sqlserver://h:1433;database=d;integratedSecurity=true',
      'file:./dev.db',
    ])
      assert.deepEqual(splitPassword(url), { url });
  });

  it('puts a password typed in the password box (or kept by an older version) into the URL', () => {
    assert.equal(withPassword('postgresql://app@h:5432/db', 'p@ss word'), 'postgresql://app:p%40ss%20word@h:5432/db');
    assert.equal(withPassword('postgresql://h/db', 'x'), 'postgresql://:x@h/db');
    assert.equal(
      withPassword('sqlserver://h:1433;database=d;user=sa', 'a;b'),
      'sqlserver://h:1433;database=d;user=sa;password={a;b}',
    );
  });
});
