import * as assert from 'node:assert/strict';
import { explainPrismaError } from '../../../src/core/data/prismaErrors';

const columns = ['id', 'email', 'organizationId'];
const dbNames = { organization_id: 'organizationId' };

describe('Prisma errors in words, on the right column', () => {
  it('P2002 with fields (SQLite adapter shape)', () => {
    const e = explainPrismaError(
      {
        code: 'P2002',
        meta: { driverAdapterError: { cause: { constraint: { fields: ['email'] } } } },
        message: 'Unique constraint failed',
      },
      columns,
      dbNames,
    );
    assert.deepEqual([e.code, e.column], ['P2002', 'email']);
    assert.match(e.message, /already has this email/);
  });

  it('P2002 / P2003 naming a constraint (PostgreSQL shape), mapped back from the database column name', () => {
    assert.equal(
      explainPrismaError(
        { code: 'P2002', meta: { driverAdapterError: { cause: { constraint: { index: 'users_email_key' } } } } },
        columns,
        dbNames,
      ).column,
      'email',
    );
    assert.equal(
      explainPrismaError(
        {
          code: 'P2003',
          meta: { driverAdapterError: { cause: { constraint: { index: 'users_organization_id_fkey' } } } },
        },
        columns,
        dbNames,
      ).column,
      'organizationId',
    );
  });

  it('P2025 and unknown errors keep a readable last line', () => {
    assert.match(explainPrismaError({ code: 'P2025', message: 'x' }, columns).message, /no longer exists/);
    assert.equal(
      explainPrismaError(new Error('Invalid call\n\nconnection refused'), columns).message,
      'connection refused',
    );
  });
});
