import * as assert from 'node:assert/strict';
import { explainPrismaError, plainErrorText } from '../../../src/core/data/prismaErrors';

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

describe('plainErrorText', () => {
  it("keeps the database's words and drops Prisma's invocation and code excerpt", () => {
    const prisma = [
      '',
      'Invalid `delegate.findMany()` invocation in',
      '/work/repo/src/core/data/dataSession.ts:271:35',
      '',
      '  268 ): Promise<Record<string, unknown>[]> {',
      '  269   const delegate = this.delegate(model);',
      '→ 271   if (!nearest) return delegate.findMany(',
      'Database error. Code: `45028`. Message: `pool timeout: failed to retrieve a connection from pool after 3000ms',
      '    (pool connections: active=0 idle=0 limit=10)`',
    ].join('\n');
    assert.equal(
      plainErrorText(prisma),
      'Database error. Code: `45028`. Message: `pool timeout: failed to retrieve a connection from pool after 3000ms\n    (pool connections: active=0 idle=0 limit=10)`',
    );
    assert.equal(plainErrorText('Connection terminated unexpectedly'), 'Connection terminated unexpectedly');
  });
});
