// TypedSQL diagnostics without a database: tables and qualified columns that no model or view of the schema
// puts in the database (@@map, @map, @@schema), at the name's own offsets; and no word on what is not
// certain: CTEs, aliases, subqueries, table functions, catalogs, FROM inside a function, unqualified columns.
import { strict as assert } from 'node:assert';
import { parseSchema } from '../../../src/core/schema/parse';
import { checkAgainstSchema, databaseTables } from '../../../src/core/typedSql/schemaCheck';
import type { SqlProvider } from '../../../src/core/notebook/runSupport';

const schema = `
datasource db {
  provider = "postgresql"
  schemas  = ["public", "billing"]
}
model User {
  id        Int      @id
  email     String   @unique
  fullName  String?  @map("full_name")
  createdAt DateTime @map("created_at")
  posts     Post[]
  @@map("users")
  @@schema("public")
}
model Post {
  id       Int    @id
  title    String
  authorId Int    @map("author_id")
  author   User   @relation(fields: [authorId], references: [id])
  legacy   String @ignore
  @@schema("public")
}
model Invoice {
  id     Int @id
  amount Int
  @@map("invoices")
  @@schema("billing")
}
`;

const tables = databaseTables(parseSchema([{ path: '/p/schema.prisma', content: schema }]));
const check = (sql: string, provider: SqlProvider = 'postgresql') =>
  checkAgainstSchema(sql, provider, tables).map((p) => [sql.slice(p.start, p.end), p.severity]);

describe('TypedSQL schema check', () => {
  it('flags a table no model maps to and a column its table does not have, where they are written', () => {
    const sql =
      'SELECT u.id, u.fullName, p.title\nFROM users u JOIN "Post" p ON p.author_id = u.id\nJOIN accounts a ON a.id = u.id';
    const problems = checkAgainstSchema(sql, 'postgresql', tables);
    assert.deepEqual(
      problems.map((p) => [sql.slice(p.start, p.end), p.severity]),
      [
        ['accounts', 'warning'],
        ['fullName', 'error'],
      ],
    );
    assert.match(
      problems[1].message,
      /fullName is not a column of users \(model User\): its columns are id, email, full_name, created_at/,
    );
  });

  it('knows @@map, @map, @@schema, ignored fields and quoted names', () => {
    assert.deepEqual(
      check('SELECT users.full_name, x.amount, p.legacy FROM public.users, billing.invoices x, "Post" p'),
      [],
    );
    assert.deepEqual(check('SELECT 1 FROM billing.users'), [['billing.users', 'warning']]);
    assert.deepEqual(check('SELECT `u`.`full_name`, `u`.`nope` FROM `users` `u`', 'mysql'), [['`nope`', 'error']]);
    assert.deepEqual(check('SELECT [u].full_name FROM [users] AS [u] WHERE u.email = ?', 'sqlite'), []);
  });

  it('no false errors: CTEs, subqueries, aliases, table functions, catalogs, FROM in functions', () => {
    const clean = [
      'WITH recent AS (SELECT id, title FROM "Post") SELECT r.id, r.whatever FROM recent r',
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT n.x FROM n',
      'WITH a AS MATERIALIZED (SELECT 1 AS v) SELECT a.v FROM a',
      'SELECT s.total FROM (SELECT author_id, count(*) AS total FROM "Post" GROUP BY author_id) s',
      'SELECT t.n FROM users u, LATERAL (SELECT u.id AS n) t',
      'SELECT g.i FROM generate_series(1, 3) AS g(i)',
      'SELECT e.value FROM users u CROSS JOIN LATERAL jsonb_array_elements(u.email::jsonb) e',
      'SELECT EXTRACT(YEAR FROM u.created_at), SUBSTRING(u.email FROM 2 FOR 3) FROM users u',
      'SELECT 1 FROM users u WHERE u.email IS DISTINCT FROM u.full_name',
      'SELECT c.relname FROM pg_catalog.pg_class c, information_schema.tables t WHERE t.table_name = c.relname',
      'SELECT count(*) OVER w FROM users WINDOW w AS (ORDER BY id)',
      'SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM "Post" u WHERE u.title = $1)',
      'SELECT id FROM users FOR UPDATE OF users',
      'SELECT u.* FROM users u',
      'SELECT public.lower(u.email) FROM users u',
      'SELECT $1::text AS "from users", \'FROM nowhere\' FROM users -- FROM ghosts\n',
    ];
    for (const sql of clean) assert.deepEqual(check(sql), [], sql);
    assert.deepEqual(check('SELECT 1 FROM sqlite_master, json_each(?) j', 'sqlite'), []);
    assert.deepEqual(
      check('INSERT INTO users (id, email) VALUES (?, ?) ON DUPLICATE KEY UPDATE email = VALUES(email)', 'mysql'),
      [],
    );
  });

  it('checks every statement, and INSERT / UPDATE targets', () => {
    assert.deepEqual(check('SELECT 1 FROM users; UPDATE ghosts SET a = 1; INSERT INTO phantoms (a) VALUES (1)'), [
      ['ghosts', 'warning'],
      ['phantoms', 'warning'],
    ]);
  });
});
