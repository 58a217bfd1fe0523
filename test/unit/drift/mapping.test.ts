import assert from 'node:assert/strict';
import { addedFieldInserts, parseDiffSummary, toFindings } from '../../../src/core/drift';
import { parseSchema } from '../../../src/core/schema/parse';

// Engine summaries as the wasm engine prints them (captured from real diffs on PostgreSQL and SQLite).
const SUMMARY = `
[+] Added enums
  - Kind

[+] Added tables
  - extra_things

[-] Removed views
  - active_users

[*] Changed the \`role\` enum
  [+] Added variant \`guest\`

[*] Changed the \`users\` table
  [-] Removed foreign key on columns (organization_id)
  [-] Removed unique index on columns (email)
  [-] Removed index on columns (name, years)
  [+] Added column \`nickname\`
  [*] Altered column \`name\` (changed from Required to Nullable)
  [*] Altered column \`years\` (default changed from \`Some(Value(Int(1)))\` to \`Some(Value(BigInt(2)))\`, type changed)
  [+] Added unique index on columns (name, years)

[*] Redefined table \`posts\`
`;

const USER = `model User {
  id      Int    @id
  email   String @unique
  name    String
  age     Int    @default(1) @map("years")
  orgId   String @map("organization_id")
  org     Org    @relation(fields: [orgId], references: [id])
  posts   Post[]

  @@index([name, age])
  @@unique([name, age], map: "u")
  @@map("users")
}`;
const REST = `datasource db {
  provider = "postgresql"
}

enum Role {
  ADMIN
  GUEST @map("guest")

  @@map("role")
}

enum Kind {
  A
}

view ActiveUser {
  id Int @unique
  @@map("active_users")
}

model Org {
  id    String @id
  users User[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
  @@map("posts")
}`;

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle));
}

describe('drift: engine summary mapped to schema lines', () => {
  const items = parseDiffSummary(SUMMARY);

  it('reads every kind of difference', () => {
    const kinds = items.map(
      (i) =>
        `${i.change} ${i.kind} ${i.table ?? i.enumName}${i.name ? `.${i.name}` : ''}${i.columns ? `(${i.columns.join(',')})` : ''}`,
    );
    assert.deepEqual(kinds, [
      'added enum Kind',
      'added table extra_things',
      'removed view active_users',
      'added enumValue role.guest',
      'removed foreignKey users(organization_id)',
      'removed unique users(email)',
      'removed index users(name,years)',
      'added column users.nickname',
      'changed column users.name',
      'changed column users.years',
      'added unique users(name,years)',
      'changed tableRedefined posts',
    ]);
    assert.equal(items.find((i) => i.name === 'name')?.detail, 'changed from required to optional');
    assert.match(items.find((i) => i.name === 'years')?.detail ?? '', /default changed from `1` to `2`, type changed/);
  });

  for (const layout of ['single file', 'two files'] as const) {
    describe(layout, () => {
      const files =
        layout === 'single file'
          ? [{ path: '/p/schema.prisma', content: `${REST}\n\n${USER}\n` }]
          : [
              { path: '/p/schema/base.prisma', content: `${REST}\n` },
              { path: '/p/schema/user.prisma', content: `${USER}\n` },
            ];
      const doc = parseSchema(files);
      const userFile = files[files.length - 1];
      const restFile = files[0];
      const findings = toFindings(doc, 'migrationsDatabase', items);
      const at = (pred: (m: string) => boolean) => {
        const f = findings.find((x) => pred(x.message));
        assert.ok(f, `no finding; got ${findings.map((x) => x.message).join(' | ')}`);
        return f;
      };
      const expectLine = (pred: (m: string) => boolean, file: { path: string; content: string }, needle: string) => {
        const f = at(pred);
        assert.equal(f.spot.file, file.path, f.message);
        assert.equal(f.spot.range.start.line, lineOf(file.content, needle), `${f.message} on the wrong line`);
      };

      it('table without a model -> datasource block', () =>
        expectLine((m) => m.includes('extra_things'), restFile, 'datasource db'));
      it('enum by name, enum value by @map', () => {
        expectLine((m) => m.startsWith('Enum `Kind`'), restFile, 'enum Kind');
        expectLine((m) => m.includes('`Role.GUEST`'), restFile, 'GUEST @map');
      });
      it('view by @@map', () => expectLine((m) => m.startsWith('View `ActiveUser`'), restFile, 'view ActiveUser'));
      it('foreign key -> the relation field', () =>
        expectLine((m) => m.startsWith('Foreign key'), userFile, 'org     Org'));
      it('single-column unique -> the @unique field', () =>
        expectLine((m) => m.startsWith('Unique constraint') && m.includes('(email)'), userFile, 'email   String'));
      it('composite index / unique -> @@index / @@unique by column (@map) names', () => {
        expectLine((m) => m.startsWith('Index of'), userFile, '@@index([name, age])');
        expectLine(
          (m) => m.startsWith('Unique constraint') && m.includes('(name, years)'),
          userFile,
          '@@unique([name, age]',
        );
      });
      it('column in the database but not in the schema -> the model line, in plain words', () => {
        expectLine((m) => m.includes('nickname'), userFile, 'model User');
        assert.equal(
          at((m) => m.includes('nickname')).message,
          'Column `User.nickname` exists in the database but in no migration.',
        );
      });
      it('nullability, type and default changes -> the field line, via @map', () => {
        expectLine((m) => m.includes('`User.name`'), userFile, '  name    String');
        expectLine((m) => m.includes('`User.age`') && m.includes('type changed'), userFile, '  age     Int');
      });
      it('SQLite redefined table -> the model line', () =>
        expectLine((m) => m.includes('`Post`') && m.includes('redefines'), restFile, 'model Post'));
    });
  }

  it('words depend on the comparison', () => {
    const doc = parseSchema([{ path: '/s.prisma', content: `${REST}\n${USER}` }]);
    const col = parseDiffSummary('[*] Changed the `users` table\n  [+] Added column `nickname`\n');
    assert.match(toFindings(doc, 'schemaMigrations', col)[0].message, /is in the schema but in no migration/);
    assert.match(toFindings(doc, 'schemaDatabase', col)[0].message, /is in the schema but not in the database/);
  });
});

describe('drift: keeping a hand-added column puts its field in the schema', () => {
  it('copies the introspected field line after the last scalar field of the right model (@@map)', () => {
    const mine = parseSchema([{ path: '/s.prisma', content: `${REST}\n\n${USER}\n` }]);
    const pulled = parseSchema([
      { path: '/p.prisma', content: 'model users {\n  id Int @id\n  nickname String? @db.Text\n}\n' },
    ]);
    const items = parseDiffSummary(
      '[*] Changed the `users` table\n  [+] Added column `nickname`\n  [+] Added column `id`\n',
    );
    const inserts = addedFieldInserts(mine, pulled, items);
    assert.equal(inserts.length, 1, 'id already exists: only nickname is added');
    const lines = `${REST}\n\n${USER}\n`.split('\n');
    assert.equal(inserts[0].file, '/s.prisma');
    assert.equal(lines[inserts[0].line - 1].trim(), 'orgId   String @map("organization_id")');
    assert.equal(inserts[0].text, '  nickname String? @db.Text');
  });
});
