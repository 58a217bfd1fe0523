import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDiagram, neighbourhood } from '../../../src/core/diagram/diagramModel';
import { layoutDiagram } from '../../../src/core/diagram/layout';
import { parseSchema } from '../../../src/core/schema/parse';

const repo = path.resolve(__dirname, '..', '..', '..');
const parse = (content: string, file = '/ws/schema.prisma') => parseSchema([{ path: file, content }]);
const sample = () => {
  const file = path.join(repo, 'prisma', 'schema.prisma');
  return parse(fs.readFileSync(file, 'utf8'), file);
};

const blog = `
model User {
  id      Int      @id
  email   String   @unique
  posts   Post[]
  profile Profile?
  mentor  User?    @relation("M", fields: [mentorId], references: [id])
  mentees User[]   @relation("M")
  mentorId Int?
}
model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}
model Post {
  id       Int    @id
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
  tags     Tag[]
}
model Tag {
  id    Int    @id
  posts Post[]
}
model Loose {
  id    Int  @id
  other Tag
}
view Stats {
  userId Int @unique
}
enum Role { A B }
`;

describe('diagram: graph from the schema', () => {
  it('has one node per model and view with fields, types and keys', () => {
    const g = buildDiagram(parse(blog));
    assert.deepEqual(
      g.nodes.map((n) => `${n.kind} ${n.name}`),
      ['model User', 'model Profile', 'model Post', 'model Tag', 'model Loose', 'view Stats'],
    );
    const post = g.nodes.find((n) => n.name === 'Post');
    assert.deepEqual(
      post?.fields.map((f) => [f.name, f.type, f.isId, f.isForeignKey, f.isRelation]),
      [
        ['id', 'Int', true, false, false],
        ['authorId', 'Int', false, true, false],
        ['author', 'User', false, false, true],
        ['tags', 'Tag[]', false, false, true],
      ],
    );
    assert.equal(post?.location.nameRange.start.line, 15);
  });

  it('draws each relation once, from the foreign-key side, with the cardinality of both ends', () => {
    const g = buildDiagram(parse(blog));
    const show = g.edges.map(
      (e) =>
        `${e.source}.${e.sourceField} ${e.sourceCardinality}--${e.targetCardinality} ${e.target}${e.targetField ? `.${e.targetField}` : ''}`,
    );
    assert.deepEqual(
      show.sort(),
      [
        'Loose.other n--1 Tag', // no back field: read as many-to-one
        'Post.author n--1 User.posts',
        'Post.tags n--n Tag.posts', // implicit many-to-many
        'Profile.user 0..1--1 User.profile', // one-to-one, optional on the User side
        'User.mentor n--0..1 User.mentees', // self-relation
      ].sort(),
    );
  });

  it("finds a model's neighbours for focus", () => {
    const g = buildDiagram(parse(blog));
    assert.deepEqual([...neighbourhood(g, 'Post')].sort(), ['Post', 'Tag', 'User']);
    assert.deepEqual([...neighbourhood(g, 'Stats')], ['Stats']);
  });

  it('covers every model and relation of the sample project', () => {
    const doc = sample();
    const g = buildDiagram(doc);
    const models = doc.blocks.filter((b) => b.kind === 'model').map((b) => b.name);
    assert.deepEqual(
      g.nodes.map((n) => n.name),
      models,
    );
    const relationFields = doc.blocks.flatMap((b) =>
      b.fields.filter((f) => f.relation).map((f) => `${b.name}.${f.name}`),
    );
    const drawn = g.edges.flatMap((e) => [
      `${e.source}.${e.sourceField}`,
      ...(e.targetField ? [`${e.target}.${e.targetField}`] : []),
    ]);
    assert.deepEqual(
      [...drawn].sort(),
      [...relationFields].sort(),
      'every relation field is an end of exactly one edge',
    );
  });
});

describe('diagram: layout', () => {
  it('places every node without overlaps and routes every edge', () => {
    const g = buildDiagram(sample());
    const l = layoutDiagram(g);
    assert.equal(l.nodes.length, g.nodes.length);
    for (const a of l.nodes) {
      assert.ok(
        a.x >= 0 && a.y >= 0 && a.x + a.width <= l.width + 1 && a.y + a.height <= l.height + 1,
        `${a.id} outside the canvas`,
      );
      for (const b of l.nodes) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        assert.ok(!overlap, `${a.id} overlaps ${b.id}`);
      }
    }
    assert.equal(l.edges.length, g.edges.length);
    for (const e of l.edges) assert.ok(e.points.length >= 2, `${e.id} has no route`);
  });

  it('is deterministic', () => {
    const g = buildDiagram(sample());
    assert.deepEqual(layoutDiagram(g), layoutDiagram(g));
  });
});
