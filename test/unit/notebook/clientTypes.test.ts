// Completion and type errors in Prisma Client cells, from the private client generated for the sample schema
// (the grid's client store): what the user sees after `prisma.` and under a misspelt field.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as ts from 'typescript';
import { normalizeSchema } from '../../../src/core/data/schemaCopy';
import { ClientTypes } from '../../../src/core/notebook/clientTypes';
import { sampleSchema } from '../data/helpers';
import { cleanupStore, repoClientStore } from '../data/sqliteFixture';

describe('Prisma Client cell types (TypeScript language service over the private client)', function () {
  this.timeout(120_000);
  let types: ClientTypes;

  before(async () => {
    const { files, doc } = sampleSchema();
    const dir = await repoClientStore().ensure(normalizeSchema(files, doc, 'unit-test'));
    types = new ClientTypes(ts, dir, path.dirname(require.resolve('typescript/lib/lib.d.ts')));
  });
  after(() => {
    types?.dispose();
    cleanupStore();
  });

  it('completes the models and the client methods after `prisma.`', () => {
    const names = types.completions('cell1', 'prisma.', 'prisma.'.length).map((c) => c.name);
    for (const m of ['user', 'organization', 'course', 'enrollment', '$transaction', '$queryRaw'])
      assert.ok(names.includes(m), `${m} in ${names.join(' ')}`);
  });

  it('completes a model’s methods and a where’s fields', () => {
    const text = 'prisma.user.';
    const methods = types.completions('cell2', text, text.length).map((c) => c.name);
    for (const m of ['findMany', 'findFirst', 'count', 'aggregate', 'groupBy']) assert.ok(methods.includes(m), m);
    const where = 'await prisma.user.findMany({ where: { e';
    const fields = types.completions('cell2', where, where.length).map((c) => c.name);
    assert.ok(fields.includes('email'), fields.join(' '));
  });

  it('says the type of what is under the pointer (hover)', () => {
    const text = 'await prisma.organization.findMany()';
    const info = types.quickInfo('cell4', text, text.indexOf('organization') + 2);
    assert.ok(info);
    assert.equal(text.slice(info.start, info.end), 'organization');
    assert.match(info.text, /OrganizationDelegate/);
  });

  it('reports an unknown field where it is, and nothing for a correct query', () => {
    const bad = "await prisma.user.findMany({ where: { emial: 'x' } })";
    const found = types.diagnostics('cell3', bad);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(bad.slice(found[0].start, found[0].end), 'emial');
    assert.match(found[0].message, /'emial' does not exist in type 'UserWhereInput'.*email/);
    const good =
      "const rows = await prisma.user.findMany({ where: { email: { contains: 'a' } }, include: { reviews: true } });\nrows[0]?.reviews.length";
    assert.deepEqual(types.diagnostics('cell3', good), []);
  });
});
