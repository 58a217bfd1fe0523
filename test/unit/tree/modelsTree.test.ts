import * as assert from 'node:assert/strict';
import { parseSchema } from '../../../src/core/schema/parse';
import { buildModelsTree, flattenTree } from '../../../src/core/tree/modelsTree';
import type { TreeNode } from '../../../src/core/tree/treeNode';

const file = '/ws/prisma/schema.prisma';
const schema = `datasource db {
  provider = "sqlite"
}

/// People who use the app
model User {
  id      Int     @id @default(autoincrement())
  email   String  @unique
  posts   Post[]
  mentor  User?   @relation("Mentoring", fields: [mentorId], references: [id])
  mentorId Int?
  mentees User[]  @relation("Mentoring")
  role    Role    @default(USER)
  @@map("users")
}

model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId Int
  tags     Tag[]
  @@index([authorId])
}

model Tag {
  id    Int    @id
  posts Post[]
}

enum Role {
  USER
  ADMIN @map("admin")
}
`;

function tree(text = schema, problems = parseSchema([{ path: file, content: text }]).diagnostics) {
  const doc = parseSchema([{ path: file, content: text }]);
  return buildModelsTree({ id: file, label: 'prisma/schema.prisma', doc, problems });
}

const child = (n: TreeNode, label: string) => {
  const c = n.children().find((x) => x.label === label);
  assert.ok(
    c,
    `${n.label} has no child ${label}: ${n
      .children()
      .map((x) => x.label)
      .join(', ')}`,
  );
  return c;
};

describe('Models tree', () => {
  it('lists datasource, models, enums in order with counts', () => {
    const root = tree();
    assert.equal(root.description, 'sqlite · 3 models · 1 enum');
    assert.deepEqual(
      root.children().map((c) => `${c.kind}:${c.label}`),
      ['datasource:db', 'model:Post', 'model:Tag', 'model:User', 'enum:Role'],
    );
  });

  it('describes fields with type, modifiers and attributes, and points at their line', () => {
    const email = child(child(tree(), 'User'), 'email');
    assert.equal(email.description, 'String @unique');
    assert.equal(email.location?.range.start.line, 7);
    assert.equal(email.icon, 'symbol-constant');
    assert.match(email.tooltip?.() ?? '', /email {3}String {2}@unique/);
    const id = child(child(tree(), 'User'), 'id');
    assert.equal(id.icon, 'key');
    assert.equal(id.description, 'Int @id @default(autoincrement())');
  });

  it('shows relation kinds and lets the user follow them to the related model', () => {
    const user = child(tree(), 'User');
    assert.equal(child(user, 'posts').description, 'Post[] · 1-n');
    assert.equal(child(user, 'mentor').description, 'User? · n-1 self · fk mentorId');
    assert.equal(child(user, 'mentees').description, 'User[] · 1-n self');
    const author = child(child(tree(), 'Post'), 'author');
    assert.equal(author.contextValue, 'field.relation');
    assert.equal(author.description, 'User · n-1 · fk authorId');
    const related = author.children();
    assert.equal(related.length, 1);
    assert.equal(related[0].label, 'User');
    assert.equal(related[0].kind, 'relatedModel');
    assert.equal(related[0].location?.range.start.line, 5);
    // and on from there
    assert.ok(child(related[0], 'posts').children()[0].label === 'Post');
    assert.equal(child(child(tree(), 'Tag'), 'posts').description, 'Post[] · m-n');
  });

  it('shows @@map and block attributes', () => {
    const user = child(tree(), 'User');
    assert.match(user.description ?? '', /→ users/);
    assert.ok(child(child(tree(), 'Post'), '@@index'));
    assert.match(user.tooltip?.() ?? '', /People who use the app/);
  });

  it('lists enum values with their @map', () => {
    const role = child(tree(), 'Role');
    assert.deepEqual(
      role.children().map((v) => [v.label, v.description]),
      [
        ['USER', ''],
        ['ADMIN', '@map("admin")'],
      ],
    );
  });

  it('gives every node a unique id', () => {
    const ids = flattenTree(tree()).map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('marks the root and the affected items of a broken schema, with a Problems group to jump from', () => {
    const broken = schema.replace('  email   String  @unique\n', '  email   String  @unique(\n');
    const root = tree(broken);
    assert.equal(root.icon, 'error');
    assert.equal(root.contextValue, 'schema.error');
    const problems = root.children()[0];
    assert.equal(problems.label, 'Problems');
    assert.ok(problems.children().length >= 1);
    assert.equal(problems.children()[0].location?.file, file);
    const user = child(root, 'User');
    assert.equal(user.iconColor, 'list.errorForeground');
    // what could be read is still there
    assert.ok(child(root, 'Post') && child(root, 'Role'));
  });

  it('says why when the schema could not be read', () => {
    const root = buildModelsTree({
      id: 'x',
      label: 'missing.prisma',
      doc: { files: [], blocks: [], diagnostics: [] },
      problems: [],
      failure: 'schema not found: missing.prisma',
    });
    assert.equal(root.description, 'schema not found: missing.prisma');
    assert.equal(root.icon, 'error');
  });

  it("says in the root's tooltip whose rules Prisma's validation used", () => {
    const doc = parseSchema([{ path: file, content: schema }]);
    const root = buildModelsTree({
      id: file,
      label: 'prisma/schema.prisma',
      doc,
      problems: [],
      rules:
        "Prisma 5/6 rules, checked with Prisma 6.19's validator (no Prisma installed; the datasource sets url, as in Prisma 5/6)",
    });
    assert.match(
      root.tooltip?.() ?? '',
      /Validated with Prisma 5\/6 rules, checked with Prisma 6\.19's validator \(no Prisma installed; the datasource sets url/,
    );
  });
});
