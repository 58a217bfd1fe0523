// Open in Grid from a SQL cell, and Export: which model and filters a plain SELECT maps to (by the database
// names, @map aware), what is said when it cannot be carried over, and the exported text.
import { strict as assert } from 'node:assert';
import { gridTarget } from '../../../src/core/notebook/gridTarget';
import { resultCsv, resultJson } from '../../../src/core/notebook/resultExport';
import { schemaTables } from '../../../src/core/notebook/sqlCompletion';
import { parseSchema } from '../../../src/core/schema/parse';

const tables = schemaTables(
  parseSchema([
    {
      path: '/p/schema.prisma',
      content: `
model User {
  id          Int      @id
  email       String
  lastLoginAt DateTime? @map("last_login_at")
  role        String
  @@map("users")
}
model Post {
  id    Int @id
  title String
}`,
    },
  ]),
);

describe('Open in Grid from a SQL cell', () => {
  it('maps a plain SELECT with an AND of simple conditions to the model and grid filters (field names)', () => {
    const t = gridTarget(
      "SELECT * FROM users u WHERE u.email LIKE '%@example.com' AND last_login_at IS NULL AND id >= 10 AND role IN ('A', 'B');",
      tables,
    );
    assert.ok(t.ok);
    assert.equal(t.model, 'User');
    assert.deepEqual(t.filters, [
      { column: 'email', op: 'endsWith', value: '@example.com' },
      { column: 'lastLoginAt', op: 'isNull' },
      { column: 'id', op: 'gte', value: 10 },
      { column: 'role', op: 'in', values: ['A', 'B'] },
    ]);
    assert.deepEqual(t.notCarried, []);
  });

  it('opens unfiltered and says so when the WHERE has no grid filter; names the rest not carried', () => {
    const t = gridTarget('SELECT id, title FROM "Post" WHERE id = 1 OR title = \'x\' ORDER BY id LIMIT 5', tables);
    assert.ok(t.ok);
    assert.equal(t.model, 'Post');
    assert.deepEqual(t.filters, []);
    assert.equal(t.notCarried.length, 4);
    assert.match(t.notCarried[0], /WHERE .* has no grid filter, so the grid shows all rows/);
  });

  it('refuses a join, an unknown table, and a non-SELECT in words', () => {
    const join = gridTarget('SELECT * FROM users u JOIN "Post" p ON p.id = u.id', tables);
    assert.ok(!join.ok);
    assert.match(join.reason, /not a plain SELECT … FROM one table/);
    const unknown = gridTarget('SELECT * FROM nope', tables);
    assert.ok(!unknown.ok);
    assert.match(unknown.reason, /No model of the schema maps to the table nope/);
    assert.ok(!gridTarget('DELETE FROM users', tables).ok);
  });
});

describe('Export of a cell result', () => {
  const result = {
    columns: [
      { name: 'id', type: 'Int' as const },
      { name: 'id', type: 'Int' as const },
      { name: 'note', type: 'String' as const },
    ],
    rows: [
      [1, 2, 'a,"b"'],
      [3, 4, null],
    ],
  };
  it('writes CSV with the grid’s field rules (NULL empty, quotes doubled)', () => {
    assert.equal(resultCsv(result), 'id,id,note\r\n1,2,"a,""b"""\r\n3,4,\r\n');
  });
  it('writes JSON objects, a repeated column name kept apart', () => {
    assert.deepEqual(JSON.parse(resultJson(result)), [
      { id: 1, id_2: 2, note: 'a,"b"' },
      { id: 3, id_2: 4, note: null },
    ]);
  });
});
