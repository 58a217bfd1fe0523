import * as assert from 'node:assert/strict';
import { modelMeta } from '../../../src/core/data/modelMeta';
import {
  buildOrderBy,
  buildWhere,
  dialectOf,
  effectiveSort,
  keysetWhere,
  mysqlJsonPath,
  QueryError,
} from '../../../src/core/data/query';
import { emptyQuery, type Filter } from '../../../src/shared/protocol/messages';
import { sampleSchema } from './helpers';

const { doc } = sampleSchema();
const user = modelMeta(doc, 'User');
const course = modelMeta(doc, 'Course');

describe('model metadata from the schema', () => {
  it('reads columns, key, foreign keys and back relations of User', () => {
    assert.deepEqual(user.primaryKey, ['id']);
    assert.deepEqual(
      user.columns.map((c) => c.name),
      ['id', 'email', 'name', 'role', 'organizationId', 'mentorId', 'lastLoginAt', 'createdAt', 'updatedAt'],
    );
    assert.deepEqual(user.columns.find((c) => c.name === 'role')?.enumValues, ['STUDENT', 'INSTRUCTOR', 'ADMIN']);
    assert.deepEqual(user.columns.find((c) => c.name === 'organizationId')?.references, {
      model: 'Organization',
      field: 'id',
      relationField: 'organization',
    });
    assert.equal(user.columns.find((c) => c.name === 'organizationId')?.dbName, 'organization_id');
    assert.deepEqual(user.backRelations.map((r) => `${r.name}->${r.model}(${r.fields.join(',')})`).sort(), [
      'enrollments->Enrollment(userId)',
      'mentees->User(mentorId)',
      'profile->Profile(userId)',
      'reviews->Review(userId)',
      'taughtCourses->Course(instructorId)',
    ]);
  });

  it('takes a compound @@id as the key, and marks Json and Bytes unsortable', () => {
    assert.deepEqual(modelMeta(doc, 'Enrollment').primaryKey, ['userId', 'courseId']);
    const profile = modelMeta(doc, 'Profile');
    assert.equal(profile.columns.find((c) => c.name === 'preferences')?.sortable, false);
    assert.equal(profile.columns.find((c) => c.name === 'avatar')?.sortable, false);
  });
});

describe('filters -> Prisma where', () => {
  it('is empty for an empty view', () => {
    assert.deepEqual(buildWhere(user, emptyQuery()), {});
  });

  it('combines typed filters with AND / OR', () => {
    const q = {
      ...emptyQuery(),
      filters: [
        { column: 'name', op: 'contains' as const, value: 'Ada' },
        { column: 'id', op: 'between' as const, values: [2, 10] },
        { column: 'lastLoginAt', op: 'isNull' as const },
        { column: 'role', op: 'in' as const, values: ['ADMIN', 'STUDENT'] },
      ],
    };
    assert.deepEqual(buildWhere(user, q), {
      AND: [
        { name: { contains: 'Ada' } },
        { id: { gte: 2, lte: 10 } },
        { lastLoginAt: null },
        { role: { in: ['ADMIN', 'STUDENT'] } },
      ],
    });
    assert.deepEqual(buildWhere(user, { ...q, combinator: 'OR', filters: q.filters.slice(0, 2) }), {
      OR: [{ name: { contains: 'Ada' } }, { id: { gte: 2, lte: 10 } }],
    });
  });

  it('decodes values by column type (DateTime, BigInt, Decimal)', () => {
    const w = buildWhere(course, {
      ...emptyQuery(),
      filters: [
        { column: 'publishedAt', op: 'gte', value: '2025-01-01' },
        { column: 'price', op: 'lt', value: '19.99' },
      ],
    });
    assert.deepEqual(w, {
      AND: [{ publishedAt: { gte: new Date('2025-01-01T00:00:00.000Z') } }, { price: { lt: '19.99' } }],
    });
  });

  it('quick search covers text columns, numbers and enum values; insensitive on PostgreSQL', () => {
    assert.deepEqual(buildWhere(user, { ...emptyQuery(), search: '7' }), {
      OR: [
        { id: 7 },
        { email: { contains: '7' } },
        { name: { contains: '7' } },
        { organizationId: { contains: '7' } },
        { mentorId: 7 },
      ],
    });
    const pg = buildWhere(user, { ...emptyQuery(), search: 'admin' }, { insensitive: true }) as { OR: unknown[] };
    assert.deepEqual(pg.OR[0], { email: { contains: 'admin', mode: 'insensitive' } });
    assert.ok(
      pg.OR.some((x) => JSON.stringify(x) === '{"role":"ADMIN"}'),
      'an enum value matches its enum column',
    );
  });

  it('refuses unknown columns and operators that do not fit the type', () => {
    assert.throws(
      () => buildWhere(user, { ...emptyQuery(), filters: [{ column: 'password', op: 'equals', value: 'x' }] }),
      QueryError,
    );
    assert.throws(
      () => buildWhere(user, { ...emptyQuery(), filters: [{ column: 'id', op: 'contains', value: '1' }] }),
      /text columns/,
    );
  });

  it('filters DateTime between two instants given with any zone, as UTC Dates', () => {
    const w = buildWhere(user, {
      ...emptyQuery(),
      filters: [
        { column: 'createdAt', op: 'between', values: ['2025-01-01T01:00:00.000+01:00', '2025-01-31T23:59:59.999Z'] },
      ],
    });
    assert.deepEqual(w, {
      createdAt: { gte: new Date('2025-01-01T00:00:00.000Z'), lte: new Date('2025-01-31T23:59:59.999Z') },
    });
    // an open end: only the bound given
    assert.deepEqual(
      buildWhere(user, {
        ...emptyQuery(),
        filters: [{ column: 'createdAt', op: 'between', values: ['', '2025-02-01T00:00:00-05:00'] }],
      }),
      { createdAt: { lte: new Date('2025-02-01T05:00:00.000Z') } },
    );
    assert.throws(
      () =>
        buildWhere(user, {
          ...emptyQuery(),
          filters: [{ column: 'createdAt', op: 'between', values: ['yesterday', null] }],
        }),
      /date-time/,
    );
  });

  describe('Json path filters', () => {
    const profile = modelMeta(doc, 'Profile');
    const q = (f: Omit<Filter, 'column'>) => ({ ...emptyQuery(), filters: [{ column: 'preferences', ...f }] });
    const pg = dialectOf('postgresql');
    const mysql = dialectOf('mysql');

    it('PostgreSQL takes the path as an array of keys', () => {
      assert.deepEqual(buildWhere(profile, q({ op: 'equals', path: ['theme'], value: '"dark"' }), pg), {
        preferences: { path: ['theme'], equals: 'dark' },
      });
      assert.deepEqual(buildWhere(profile, q({ op: 'gt', path: ['limits', '0'], value: '10' }), pg), {
        preferences: { path: ['limits', '0'], gt: 10 },
      });
      assert.deepEqual(buildWhere(profile, q({ op: 'contains', path: ['bio'], value: 'rust' }), pg), {
        preferences: { path: ['bio'], string_contains: 'rust' },
      });
      assert.deepEqual(buildWhere(profile, q({ op: 'startsWith', path: ['bio'], value: 'I' }), pg), {
        preferences: { path: ['bio'], string_starts_with: 'I' },
      });
      assert.deepEqual(buildWhere(profile, q({ op: 'endsWith', path: ['bio'], value: '.' }), pg), {
        preferences: { path: ['bio'], string_ends_with: '.' },
      });
      assert.deepEqual(buildWhere(profile, q({ op: 'not', path: ['a', 'b'], value: 'true' }), pg), {
        preferences: { path: ['a', 'b'], not: true },
      });
    });

    it('MySQL takes it as a JSON path text, quoting keys that need it and indexing arrays', () => {
      assert.deepEqual(
        buildWhere(profile, q({ op: 'equals', path: ['notifications', 'email'], value: 'false' }), mysql),
        { preferences: { path: '$.notifications.email', equals: false } },
      );
      assert.equal(mysqlJsonPath(['a b', '0', 'say "hi"', '$x']), '$."a b"[0]."say \\"hi\\"".$x');
    });

    it('SQLite says, in words, that it has no path filters', () => {
      assert.throws(
        () => buildWhere(profile, q({ op: 'equals', path: ['theme'], value: '"dark"' }), dialectOf('sqlite')),
        /not supported on SQLite.*PostgreSQL and MySQL only/,
      );
    });

    it('refuses a path on a column that is not Json, and operators a path cannot take', () => {
      assert.throws(
        () =>
          buildWhere(
            user,
            { ...emptyQuery(), filters: [{ column: 'name', op: 'equals', path: ['a'], value: 'x' }] },
            pg,
          ),
        /needs a Json column/,
      );
      assert.throws(() => buildWhere(profile, q({ op: 'in', path: ['a'], values: ['1'] }), pg), /takes =/);
      assert.throws(() => buildWhere(profile, q({ op: 'contains', path: ['a'], value: 3 }), pg), /text value/);
      assert.throws(() => buildWhere(profile, q({ op: 'equals', path: ['a'], value: '{not json' }), pg), /valid JSON/);
    });

    it('an empty path filters the whole value, as before', () => {
      assert.deepEqual(buildWhere(profile, q({ op: 'contains', path: [], value: 'dark' }), pg), {
        preferences: { string_contains: 'dark' },
      });
    });
  });

  it('hides soft-deleted rows unless asked', () => {
    const m = { ...user, softDelete: { column: 'lastLoginAt', kind: 'timestamp' as const } };
    assert.deepEqual(buildWhere(m, emptyQuery()), { lastLoginAt: null });
    assert.deepEqual(buildWhere(m, { ...emptyQuery(), showDeleted: true }), {});
  });
});

describe('sorting and keyset pagination', () => {
  it('appends the primary key as tie-breaker and puts NULLs last', () => {
    const keys = effectiveSort(user, [{ column: 'mentorId', dir: 'desc' }]);
    assert.deepEqual(keys, [
      { column: 'mentorId', dir: 'desc' },
      { column: 'id', dir: 'asc' },
    ]);
    assert.deepEqual(buildOrderBy(user, keys), [{ mentorId: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }]);
    assert.throws(
      () => effectiveSort(modelMeta(doc, 'Profile'), [{ column: 'preferences', dir: 'asc' }]),
      /cannot be sorted/,
    );
  });

  it('continues after the cursor row: (a > x) OR (a = x AND id > y), NULLs after values', () => {
    const keys = effectiveSort(user, [{ column: 'mentorId', dir: 'asc' }]);
    assert.deepEqual(keysetWhere(user, keys, { mentorId: 3, id: 9 }), {
      OR: [{ OR: [{ mentorId: { gt: 3 } }, { mentorId: null }] }, { AND: [{ mentorId: 3 }, { id: { gt: 9 } }] }],
    });
    // after a NULL only NULLs with a greater id remain
    assert.deepEqual(keysetWhere(user, keys, { mentorId: null, id: 9 }), {
      AND: [{ mentorId: null }, { id: { gt: 9 } }],
    });
    assert.deepEqual(keysetWhere(user, effectiveSort(user, []), { id: 5 }, true), {
      OR: [{ id: { gt: 5 } }, { AND: [{ id: 5 }] }],
    });
  });
});
