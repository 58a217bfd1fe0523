import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { RelationInfo } from '../../../src/core/schema/model';
import { parseSchema } from '../../../src/core/schema/parse';
import { BROKEN_DIR, CORPUS_DIR, readSchemaFile } from './corpus';
import { field } from './helpers';

const read = (...names: string[]) => parseSchema(names.map((n) => readSchemaFile(path.join(CORPUS_DIR, n))));

/** `Model.field` -> `cardinality back:backField` for a compact table. */
function summary(doc: ReturnType<typeof parseSchema>, ...refs: string[]): string[] {
  return refs.map((ref) => {
    const [model, name] = ref.split('.');
    const r = field(doc, model, name).relation;
    return `${ref} ${r?.cardinality} back:${r?.backField ?? '-'}${r?.self ? ' self' : ''}`;
  });
}

describe('relations', () => {
  it('one-to-one and one-to-many, from each side', () => {
    const doc = read('basic-postgres.prisma');
    assert.deepEqual(summary(doc, 'User.posts', 'Post.author', 'User.profile', 'Profile.user'), [
      'User.posts one-to-many back:author',
      'Post.author many-to-one back:posts',
      'User.profile one-to-one back:user',
      'Profile.user one-to-one back:profile',
    ]);
    assert.deepEqual(field(doc, 'Profile', 'user').relation, {
      relatedModel: 'User',
      backField: 'profile',
      cardinality: 'one-to-one',
      self: false,
      fields: ['userId'],
      references: ['id'],
    } satisfies RelationInfo);
    assert.equal(field(doc, 'User', 'profile').relation?.fields, undefined, 'the back side holds no foreign key');
  });

  it('implicit many-to-many, and explicit many-to-many through a join model', () => {
    const implicit = read('implicit-many-to-many.prisma');
    assert.deepEqual(summary(implicit, 'Post.tags', 'Tag.posts'), [
      'Post.tags many-to-many back:posts',
      'Tag.posts many-to-many back:tags',
    ]);
    const doc = read('explicit-many-to-many.prisma');
    assert.deepEqual(summary(doc, 'Post.categories', 'CategoriesOnPosts.post', 'CategoriesOnPosts.category'), [
      'Post.categories one-to-many back:post',
      'CategoriesOnPosts.post many-to-one back:categories',
      'CategoriesOnPosts.category many-to-one back:posts',
    ]);
  });

  it('self relations: one-to-one, one-to-many, many-to-many, by name', () => {
    const doc = read('self-relations.prisma');
    assert.deepEqual(
      summary(
        doc,
        'Employee.successor',
        'Employee.predecessor',
        'Employee.manager',
        'Employee.reports',
        'Employee.mentors',
        'Employee.mentees',
        'Category.parent',
        'Category.children',
      ),
      [
        'Employee.successor one-to-one back:predecessor self',
        'Employee.predecessor one-to-one back:successor self',
        'Employee.manager many-to-one back:reports self',
        'Employee.reports one-to-many back:manager self',
        'Employee.mentors many-to-many back:mentees self',
        'Employee.mentees many-to-many back:mentors self',
        'Category.parent many-to-one back:children self',
        'Category.children one-to-many back:parent self',
      ],
    );
    assert.equal(field(doc, 'Employee', 'successor').relation?.name, 'Succession');
    assert.equal(field(doc, 'Category', 'parent').relation?.name, 'CategoryTree', 'name: "..." argument');
  });

  it('named relations between the same two models pair up by name', () => {
    const doc = read('named-relations.prisma');
    assert.deepEqual(
      summary(
        doc,
        'User.writtenPosts',
        'User.pinnedPost',
        'User.reviewed',
        'Post.author',
        'Post.pinnedBy',
        'Post.reviewer',
      ),
      [
        'User.writtenPosts one-to-many back:author',
        'User.pinnedPost one-to-one back:pinnedBy',
        'User.reviewed one-to-many back:reviewer',
        'Post.author many-to-one back:writtenPosts',
        'Post.pinnedBy one-to-one back:pinnedPost',
        'Post.reviewer many-to-one back:reviewed',
      ],
    );
    assert.equal(field(doc, 'Post', 'reviewer').relation?.onDelete, 'SetNull');
  });

  it('reads referential actions and composite foreign keys', () => {
    const doc = read('referential-actions.prisma', 'composite-keys-indexes.prisma');
    const child = field(doc, 'Child', 'parent').relation;
    assert.equal(child?.onDelete, 'Cascade');
    assert.equal(child?.onUpdate, 'Cascade');
    assert.equal(field(doc, 'Defaulted', 'parent').relation?.onDelete, 'SetDefault');
    assert.deepEqual(field(doc, 'Document', 'owner').relation?.fields, ['tenantId', 'userId']);
    assert.deepEqual(field(doc, 'Document', 'owner').relation?.references, ['tenantId', 'userId']);
  });

  it('a relation without a back field: many-to-one when singular, one-to-many when a list', () => {
    const doc = parseSchema([readSchemaFile(path.join(BROKEN_DIR, 'relation-without-back-field.prisma'))]);
    assert.deepEqual(summary(doc, 'Book.author', 'Book.editors'), [
      'Book.author many-to-one back:-',
      'Book.editors one-to-many back:-',
    ]);
  });

  it('two unnamed relations between the same models are ambiguous: no back field is guessed', () => {
    const doc = parseSchema([readSchemaFile(path.join(BROKEN_DIR, 'ambiguous-relation.prisma'))]);
    assert.deepEqual(summary(doc, 'Person.written', 'Letter.writer'), [
      'Person.written one-to-many back:-',
      'Letter.writer many-to-one back:-',
    ]);
  });

  it('marks enum and composite-type fields, which are not relations', () => {
    const doc = read('mongodb-composite-types.prisma');
    const addresses = field(doc, 'Customer', 'addresses');
    assert.deepEqual([addresses.isComposite, addresses.isRelation, addresses.list], [true, false, true]);
    assert.equal(field(doc, 'Address', 'geo').isComposite, true, 'types nest');
    assert.equal(field(doc, 'Phone', 'kind').isEnum, true);
    assert.equal(field(doc, 'Customer', 'orders').relation?.backField, 'customer');
    assert.equal(field(doc, 'Customer', 'tagIds').nativeType, 'ObjectId');
  });

  it('views take part in relations like models', () => {
    const doc = parseSchema([
      {
        path: '/v.prisma',
        content:
          'model User {\n  id Int @id\n  info UserInfo?\n}\nview UserInfo {\n  id Int @unique\n  user User @relation(fields: [id], references: [id])\n}\n',
      },
    ]);
    assert.deepEqual(summary(doc, 'User.info', 'UserInfo.user'), [
      'User.info one-to-one back:user',
      'UserInfo.user one-to-one back:info',
    ]);
  });
});
