// Completion in SQL cells: the database names (@@map, @map), schema-qualified tables (@@schema), quoting as
// each database needs, and what is offered where the cursor is.
import { strict as assert } from 'node:assert';
import { parseSchema } from '../../../src/core/schema/parse';
import {
  quoteName,
  schemaTables,
  sqlCompletions,
  statementTables,
  type CompletionContext,
} from '../../../src/core/notebook/sqlCompletion';

const schema = `
datasource db {
  provider = "postgresql"
  schemas  = ["public", "billing"]
}
model User {
  id        Int       @id
  email     String    @unique
  fullName  String?   @map("full_name")
  posts     Post[]
  @@map("users")
  @@schema("public")
}
model Post {
  id       Int    @id
  title    String
  authorId Int    @map("author_id")
  author   User   @relation(fields: [authorId], references: [id])
  @@schema("public")
}
model Invoice {
  id     Int @id
  amount Int
  @@map("invoices")
  @@schema("billing")
}
`;

const tables = schemaTables(parseSchema([{ path: '/p/schema.prisma', content: schema }]));
const pg: CompletionContext = { provider: 'postgresql', defaultSchema: 'public' };

/** The completions at the `|` in `text`. */
function at(textWithCursor: string, context = pg) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  return sqlCompletions(text, offset, tables, context);
}

describe('SQL cell completion', () => {
  it('reads the tables and columns by their database names, relation fields left out', () => {
    const users = tables.find((t) => t.model === 'User')!;
    assert.equal(users.name, 'users');
    assert.deepEqual(
      users.columns.map((c) => c.name),
      ['id', 'email', 'full_name'],
    );
    assert.deepEqual(
      tables.find((t) => t.model === 'Post')!.columns.map((c) => c.name),
      ['id', 'title', 'author_id'],
    );
    assert.equal(tables.find((t) => t.model === 'Invoice')!.schema, 'billing');
  });

  it('after FROM offers the tables, quoted and qualified as the database needs', () => {
    const items = at('SELECT * FROM |');
    assert.deepEqual(
      items.map((i) => i.insertText),
      ['users', '"Post"', 'billing.invoices'],
    );
    assert.ok(items.every((i) => i.kind === 'table'));
    assert.deepEqual(
      at('SELECT * FROM |', { provider: 'mysql', defaultSchema: 'public' }).map((i) => i.insertText),
      ['users', 'Post', 'billing.invoices'],
    );
  });

  it('after alias. offers that table’s columns', () => {
    const items = at('SELECT u.| FROM users u JOIN "Post" AS p ON p.author_id = u.id');
    assert.deepEqual(
      items.map((i) => i.label),
      ['id', 'email', 'full_name'],
    );
    assert.deepEqual(
      at('SELECT p.ti| FROM users u JOIN "Post" AS p ON p.author_id = u.id').map((i) => i.label),
      ['id', 'title', 'author_id'],
    );
  });

  it('after schema. offers that schema’s tables', () => {
    assert.deepEqual(
      at('SELECT * FROM billing.|').map((i) => i.insertText),
      ['invoices'],
    );
  });

  it('in WHERE offers the statement’s columns first, then the tables', () => {
    const items = at('SELECT * FROM users WHERE |');
    assert.deepEqual(
      items.filter((i) => i.kind === 'column').map((i) => i.label),
      ['id', 'email', 'full_name'],
    );
    assert.ok(items.slice(0, 3).every((i) => i.kind === 'column'));
    assert.ok(items[0].sortText < items.at(-1)!.sortText);
  });

  it('replaces the word typed and the opening quote before it', () => {
    const items = at('SELECT * FROM "Po|');
    const post = items.find((i) => i.label === 'Post')!;
    assert.deepEqual(post.range, [14, 17]);
    assert.equal(post.insertText, '"Post"');
  });

  it('quotes reserved words and PostgreSQL mixed case; MySQL with backticks', () => {
    assert.equal(quoteName('user', 'postgresql'), '"user"');
    assert.equal(quoteName('createdAt', 'postgresql'), '"createdAt"');
    assert.equal(quoteName('createdAt', 'sqlite'), 'createdAt');
    assert.equal(quoteName('order', 'mysql'), '`order`');
  });

  it('finds the tables and aliases of a statement', () => {
    assert.deepEqual(statementTables('SELECT * FROM billing.invoices i JOIN "Post" p ON true WHERE x'), [
      { table: 'invoices', schema: 'billing', alias: 'i' },
      { table: 'Post', alias: 'p' },
    ]);
    assert.deepEqual(statementTables('SELECT * FROM users WHERE id = 1'), [{ table: 'users' }]);
  });
});
