import assert from 'node:assert/strict';
import { maskSecrets, type MaskWork } from '../../../src/core/util/maskSecrets';

/** Every secret shape of the security review (M4) and of issue 16 item 4: [input, what must be shown]. */
const SHAPES: [string, string, string][] = [
  [
    'Prisma Postgres / Accelerate api_key',
    'prisma+postgres://accelerate.prisma-data.net/?api_key=eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnQiOiJ4In0.c2ln',
    'prisma+postgres://accelerate.prisma-data.net/?api_key=****',
  ],
  ['libsql authToken', 'libsql://db-acme.turso.io?authToken=eyJ0eXAi.abc', 'libsql://db-acme.turso.io?authToken=****'],
  ['password with a slash', 'postgresql://app:pa/ss@db.example.com/shop', 'postgresql://app:****@db.example.com/shop'],
  ['password with a raw @', 'postgresql://app:p@ss@db.example.com/shop', 'postgresql://app:****@db.example.com/shop'],
  ['password with a space', 'postgresql://app:pa ss@db.example.com/shop', 'postgresql://app:****@db.example.com/shop'],
  [
    'password with : and %',
    'mysql://root:a:b%c@127.0.0.1:3306/test is down',
    'mysql://root:****@127.0.0.1:3306/test is down',
  ],
  ['double-quoted password=', 'password="quoted secret" rejected', 'password="****" rejected'],
  ['single-quoted password=', "login with password='x' failed", "login with password='****' failed"],
  [
    'SQL Server {quoted;secret}',
    'sqlserver://h:1433;database=d;user=sa;password={my;secret}};x};encrypt=true',
    'sqlserver://h:1433;database=d;user=sa;password={****};encrypt=true',
  ],
  [
    'SQL Server ;password= with a space',
    'sqlserver://h:1433;database=d;user=sa;password=my secret;encrypt=true',
    'sqlserver://h:1433;database=d;user=sa;password=****;encrypt=true',
  ],
  ['passwd= in a query string', 'mysql://h/db?passwd=hunter2&ssl=true', 'mysql://h/db?passwd=****&ssl=true'],
  ['pwd= in a query string', 'mysql://h/db?ssl=true&pwd=hunter2', 'mysql://h/db?ssl=true&pwd=****'],
  [
    'sslpassword=',
    'postgresql://h/db?sslpassword=kk&sslmode=require',
    'postgresql://h/db?sslpassword=****&sslmode=require',
  ],
  ['JSON-escaped URL', '{"url":"mysql:\\/\\/root:secret@h\\/db"}', '{"url":"mysql:\\/\\/root:****@h\\/db"}'],
  ['JSON password field', '{"password": "x\\"y", "user": "a"}', '{"password": "****", "user": "a"}'],
];

describe('maskSecrets: every secret shape is masked', () => {
  for (const [what, input, shown] of SHAPES)
    it(what, () => {
      assert.equal(maskSecrets(input), shown);
    });

  it('leaves what is not a secret alone: ports, user names, sockets, prose', () => {
    for (const text of [
      'postgresql://localhost:5432/db failed; contact admin@example.com',
      'postgresql://app@/db?host=/cloudsql/proj:region:inst',
      'sqlserver://h:1433;database=d;user=sa',
      'password authentication failed for user "app"',
      'the password is empty: password=&sslmode=require',
      'postgresql://app:****@h/db',
    ])
      assert.equal(maskSecrets(text), text);
  });

  it('masks every URL of a line, and several settings of one URL', () => {
    assert.equal(
      maskSecrets('from postgresql://a:x@h1/d to mysql://b:y@h2/d?password=z&api_key=k'),
      'from postgresql://a:****@h1/d to mysql://b:****@h2/d?password=****&api_key=****',
    );
  });

  it('looks at each character a bounded number of times, whatever the input (no quadratic rescans)', () => {
    const n = 200_000;
    const b64 = Buffer.alloc((n * 3) / 4, 7).toString('base64');
    const inputs: Record<string, string> = {
      base64: b64,
      'base64 after a scheme': `postgresql://${b64}`,
      'many schemes, no @': 'a://b:'.repeat(n / 6),
      "many '@' after a password": `x://u:${'@'.repeat(n)}`,
      'many password= with unterminated braces': 'password={'.repeat(n / 10),
      'many ;password=': ';password='.repeat(n / 10),
      'a user name run without a password': `x://${'u'.repeat(n)}`,
    };
    for (const [name, text] of Object.entries(inputs)) {
      const work: MaskWork = { steps: 0 };
      maskSecrets(text, work);
      assert.ok(work.steps >= text.length, `${name}: the scanners' work is counted`);
      assert.ok(work.steps <= 6 * text.length, `${name}: ${work.steps} steps for ${text.length} characters`);
    }
  });
});
