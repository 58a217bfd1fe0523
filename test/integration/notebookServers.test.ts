// Query notebooks on every database: SQLite (run `sqlite-grid`, a database file of its own), PostgreSQL
// (`postgres-grid`) and MySQL / MariaDB (`mysql-grid`), each on a throwaway database (helpers/runDatabase.ts).
// What the user would compare is asserted: for the same filter a SQL cell (the table and columns by their
// database names, @@map / @map) and a Prisma Client cell give the rows the grid shows, exact values too
// (BigInt past 2^53, Decimal, DateTime to the millisecond, Json, Bytes, NULL apart from ''); a write in a
// read-only cell changes nothing, and a refused one says so.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GridPanel } from '../../src/features/grid/gridPanel';
import { sameValue } from '../../src/core/data/codec';
import { emptyQuery, type Filter, type ViewQuery } from '../../src/shared/protocol/messages';
import type { ModelMeta, ScalarType, WireRow, WireValue } from '../../src/shared/protocol/model';
import { describeIn, waitFor } from './helpers/extension';
import { closeGridTabs, is, openFromModelsView, openModel, rows, type Posted } from './helpers/grid';
import { decode, ERROR_MIME, outputOf, runCell, runResult, startCell, type Result } from './helpers/notebook';
import { databaseLabel, dbTime, onMysql, onSqlite, openRunDatabase, type Sql } from './helpers/runDatabase';
import { ThrowawayMysql } from './helpers/throwawayMysql';
import { ThrowawayPostgres } from './helpers/throwawayPostgres';

const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const BIG = (2n ** 63n - 1n).toString();
/** Past 2^53 and not a double: a number on the way would round it to ...992. */
const PAST_2_53 = (2n ** 53n + 1n).toString();
const JSON_TEXT = '{"nested":{"list":[1,2.5,"x",null,true]},"unicode":"Spärck","quote":"a \\"b\\", c"}';
const PUBLISHED_AT = '2024-02-29T23:59:59.987Z';

/** The database column of a field (`@map`), as a SQL cell names it. */
const dbName = (meta: ModelMeta, field: string): string => {
  const c = meta.columns.find((x) => x.name === field);
  assert.ok(c, `${meta.name} has no column ${field}`);
  return c.dbName ?? c.name;
};

/** The columns a SQL cell reads: scalars (PostgreSQL's lists are the grid suite's, by their array text). */
const scalarColumns = (meta: ModelMeta) => meta.columns.filter((c) => !c.list);

/** A zone-less timestamp (PostgreSQL, MySQL) is UTC, as Prisma writes it; SQLite's text carries its zone. */
function utcMs(text: string): number {
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  return Date.parse(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
}

/**
 * A SQL cell shows the database's own value: a zone-less timestamp or SQLite's DateTime as its text, a Decimal
 * as the driver's digits (SQLite: a REAL), a Boolean as 0/1 on SQLite and MySQL. The same value as the
 * grid's, type by type; NULL only as NULL (never as '').
 */
function sameAsGrid(cell: WireValue, grid: WireValue, type: ScalarType): boolean {
  if (cell === null || grid === null) return cell === grid;
  switch (type) {
    case 'DateTime':
      return utcMs(String(cell)) === Date.parse(String(grid));
    case 'Boolean':
      return (typeof cell === 'boolean' ? cell : Number(cell) !== 0) === grid;
    case 'BigInt':
      return String(cell) === grid;
    case 'Decimal':
    case 'Float':
    case 'Json':
      return sameValue(String(cell), grid, type);
    default:
      return cell === grid;
  }
}

/** The SQL cell's rows are the grid's: columns by their database names, every value the same. */
function assertSqlRowsAsGrid(meta: ModelMeta, grid: WireRow[], r: Result): void {
  const columns = scalarColumns(meta);
  assert.deepEqual(
    r.columns.map((c) => c.name),
    columns.map((c) => dbName(meta, c.name)),
  );
  assert.equal(r.rowCount, grid.length, `${meta.name}: the SQL cell's rows`);
  r.rows.forEach((row, i) =>
    columns.forEach((c, j) =>
      assert.ok(
        sameAsGrid(row[j], grid[i][c.name], c.type),
        `${meta.name} row ${i + 1}, ${c.name}: the SQL cell shows ${JSON.stringify(row[j])}, the grid ${JSON.stringify(grid[i][c.name])}`,
      ),
    ),
  );
}

/** The Prisma Client cell's rows are the grid's: the model's fields, each value exactly the grid's. */
function assertClientRowsAsGrid(meta: ModelMeta, grid: WireRow[], r: Result): void {
  assert.deepEqual(r.columns.map((c) => c.name).sort(), meta.columns.map((c) => c.name).sort());
  assert.deepEqual(
    r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]]))),
    grid.map((g) => Object.fromEntries(meta.columns.map((c) => [c.name, g[c.name]]))),
    `${meta.name}: the Prisma Client cell's rows are not the grid's`,
  );
}

describeIn(['postgres-grid', 'mysql-grid', 'sqlite-grid'], `Query notebooks on ${databaseLabel}`, function () {
  this.timeout(180_000);
  const pgServer = new ThrowawayPostgres();
  const myServer = new ThrowawayMysql();
  let sql: Sql | undefined;
  let dir: string;
  let editor: vscode.NotebookEditor | undefined;
  let users: GridPanel;
  let userMeta: ModelMeta;
  let courseId: number;

  /** A model's grid (its own tab) and its metadata. */
  const grid = async (model: string) => {
    const panel = await openModel(users.schemaId, model);
    const init = await waitFor(`the ${model} grid`, () =>
      [...panel.posted].reverse().find((m): m is Posted<'init'> => is('init')(m) && m.model.name === model),
    );
    return { panel, meta: init.model };
  };
  const view = (filters: Filter[], sort: ViewQuery['sort']): ViewQuery => ({ ...emptyQuery(), filters, sort });
  /** The notebook brought to the front again (a grid opened since may have covered it), as the user does. */
  const notebook = async () => (editor = await vscode.window.showNotebookDocument(editor!.notebook));

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-notebook-servers-'));
    sql = await openRunDatabase(this, { pg: pgServer, mysql: myServer }, dir, 'notebook.db');
    await sql.all(
      `INSERT INTO organizations (id, slug, name, plan, created_at) VALUES ('org1', 'acme', 'Acme', 'TEAM', ?)`,
      [dbTime(T0)],
    );
    const values: unknown[] = [];
    for (let i = 1; i <= 120; i++)
      values.push(
        `user${i}@example.com`,
        i % 4 === 0 ? '' : `User ${i}`,
        i % 10 === 0 ? 'ADMIN' : 'STUDENT',
        'org1',
        i > 1 && i % 3 === 0 ? 1 : null,
        i % 2 === 0 ? dbTime(T0 + i * 1001) : null,
        dbTime(T0 + i),
        dbTime(T0 + 7 * i),
      );
    await sql.all(
      `INSERT INTO users (email, name, role, organization_id, mentor_id, last_login_at, created_at, updated_at) VALUES ${Array.from({ length: 120 }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      values,
    );
    // the exact values, written by plain SQL (not through the extension)
    await sql.all(
      `INSERT INTO courses (organization_id, slug, title, summary, price, published, published_at) VALUES
        ('org1', 'exact', 'Exact', '', 12345678.91, TRUE, ?), ('org1', 'nulls', 'Nulls', NULL, -0.01, FALSE, NULL)`,
      [dbTime(Date.parse(PUBLISHED_AT))],
    );
    courseId = Number((await sql.all(`SELECT id FROM courses WHERE slug = 'exact'`))[0].id);
    await sql.all(
      `INSERT INTO lessons (course_id, position, title, content, video_size_bytes) VALUES
        (?, 1, 'Max', '', ${BIG}), (?, 2, 'Past 2^53', NULL, ${PAST_2_53}), (?, 3, 'None', 'x', NULL)`,
      [courseId, courseId, courseId],
    );
    const bytes = onSqlite || onMysql ? "X'0001FEFF'" : "'\\x0001feff'::bytea";
    await sql.all(
      `INSERT INTO profiles (user_id, bio, avatar, preferences) VALUES (3, '', ${bytes}, ?), (4, NULL, NULL, NULL)`,
      [JSON_TEXT],
    );

    const opened = await openFromModelsView('User');
    users = opened.panel;
    userMeta = opened.init.model;
    await vscode.commands.executeCommand('prismaWorkbench.notebook.new');
    editor = await waitFor('the new notebook', () => vscode.window.activeNotebookEditor, 30_000);
  });

  after(async () => {
    // the untitled notebook is dirty: revert it as it closes, so that no save dialog stays up for the next suite
    if (editor) {
      await vscode.window.showNotebookDocument(editor.notebook);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeGridTabs();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('prismaWorkbench.data')
      .update('databaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await sql?.close();
    await pgServer.drop();
    await myServer.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a SQL cell (database names) and a Prisma Client cell give the rows the grid shows for the same filter', async () => {
    const shown = await rows(
      users,
      view(
        [
          { column: 'email', op: 'contains', value: '7' },
          { column: 'id', op: 'gt', value: 50 },
        ],
        [{ column: 'id', dir: 'asc' }],
      ),
      0,
      500,
    );
    assert.deepEqual(
      shown.map((r) => r.id),
      [57, 67, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 87, 97, 107, 117],
    );
    // the SQL names the table and columns as the database does (@@map, @map)
    assert.equal(userMeta.table?.name, 'users');
    assert.equal(dbName(userMeta, 'organizationId'), 'organization_id');
    const col = (field: string) => dbName(userMeta, field);
    const fromSql = await runResult(
      await notebook(),
      `SELECT ${scalarColumns(userMeta)
        .map((c) => col(c.name))
        .join(
          ', ',
        )}\nFROM ${userMeta.table!.name}\nWHERE ${col('email')} LIKE '%7%' AND ${col('id')} > 50\nORDER BY ${col('id')}`,
    );
    assert.equal(fromSql.mode, 'read-only');
    assertSqlRowsAsGrid(userMeta, shown, fromSql);
    const fromClient = await runResult(
      await notebook(),
      "prisma.user.findMany({ where: { email: { contains: '7' }, id: { gt: 50 } }, orderBy: { id: 'asc' } })",
      'prisma-client',
    );
    assertClientRowsAsGrid(userMeta, shown, fromClient);
    // the rows compared hold '' and NULL and milliseconds, not only ids
    assert.deepEqual(
      shown.filter((r) => r.id === 72 || r.id === 73).map((r) => [r.name, r.lastLoginAt]),
      [
        ['', new Date(T0 + 72 * 1001).toISOString()],
        ['User 73', null],
      ],
    );
  });

  it('exact values round-trip as the grid shows them: BigInt past 2^53, Decimal, DateTime ms, Json, Bytes, NULL apart from ""', async () => {
    const cases: {
      model: string;
      filters: Filter[];
      sort: ViewQuery['sort'];
      where: (meta: ModelMeta) => string;
      client: string;
      expect: (shown: WireRow[]) => void;
      typed: string[];
    }[] = [
      {
        model: 'Lesson',
        filters: [{ column: 'courseId', op: 'equals', value: courseId }],
        sort: [{ column: 'position', dir: 'asc' }],
        where: (m) => `WHERE ${dbName(m, 'courseId')} = ${courseId} ORDER BY ${dbName(m, 'position')}`,
        client: `prisma.lesson.findMany({ where: { courseId: ${courseId} }, orderBy: { position: 'asc' } })`,
        expect: (shown) =>
          assert.deepEqual(
            shown.map((l) => [l.videoSizeBytes, l.content]),
            [
              [BIG, ''],
              [PAST_2_53, null],
              [null, 'x'],
            ],
          ),
        typed: ['videoSizeBytes'],
      },
      {
        model: 'Course',
        filters: [{ column: 'slug', op: 'in', values: ['exact', 'nulls'] }],
        sort: [{ column: 'slug', dir: 'asc' }],
        where: (m) => `WHERE ${dbName(m, 'slug')} IN ('exact', 'nulls') ORDER BY ${dbName(m, 'slug')}`,
        client: "prisma.course.findMany({ where: { slug: { in: ['exact', 'nulls'] } }, orderBy: { slug: 'asc' } })",
        expect: (shown) =>
          assert.deepEqual(
            shown.map((c) => [c.summary, c.price, c.publishedAt, c.published]),
            [
              ['', '12345678.91', PUBLISHED_AT, true],
              [null, '-0.01', null, false],
            ],
          ),
        typed: ['price', 'publishedAt'],
      },
      {
        model: 'Profile',
        filters: [{ column: 'userId', op: 'in', values: [3, 4] }],
        sort: [{ column: 'userId', dir: 'asc' }],
        where: (m) => `WHERE ${dbName(m, 'userId')} IN (3, 4) ORDER BY ${dbName(m, 'userId')}`,
        client: "prisma.profile.findMany({ where: { userId: { in: [3, 4] } }, orderBy: { userId: 'asc' } })",
        expect: (shown) => {
          assert.deepEqual(
            shown.map((p) => [p.avatar, p.bio, p.preferences === null ? null : typeof p.preferences]),
            [
              ['AAH+/w==', '', 'string'],
              [null, null, null],
            ],
          );
          assert.deepEqual(JSON.parse(String(shown[0].preferences)), JSON.parse(JSON_TEXT));
        },
        typed: ['avatar', 'preferences'],
      },
    ];
    for (const c of cases) {
      const { panel, meta } = await grid(c.model);
      const shown = await rows(panel, view(c.filters, c.sort), 0, 100);
      c.expect(shown);
      const fromClient = await runResult(await notebook(), c.client, 'prisma-client');
      assertClientRowsAsGrid(meta, shown, fromClient);
      // typed as the grid types them (the renderer formats them as the grid does)
      for (const field of c.typed)
        assert.equal(
          fromClient.columns.find((x) => x.name === field)?.type,
          meta.columns.find((x) => x.name === field)?.type,
          `${c.model}.${field}: the Prisma Client cell's type`,
        );
      const fromSql = await runResult(
        await notebook(),
        `SELECT ${scalarColumns(meta)
          .map((x) => dbName(meta, x.name))
          .join(', ')} FROM ${meta.table!.name} ${c.where(meta)}`,
      );
      assertSqlRowsAsGrid(meta, shown, fromSql);
      if (c.model === 'Lesson') {
        // the digits themselves, never through a double, and typed BigInt in the SQL cell too
        const v = fromSql.columns.findIndex((x) => x.name === dbName(meta, 'videoSizeBytes'));
        assert.equal(fromSql.columns[v].type, 'BigInt');
        assert.deepEqual(
          fromSql.rows.map((r) => (r[v] === null ? null : String(r[v]))),
          [BIG, PAST_2_53, null],
        );
      }
      if (c.model === 'Profile') {
        const a = fromSql.columns.findIndex((x) => x.name === dbName(meta, 'avatar'));
        assert.equal(fromSql.columns[a].type, 'Bytes');
        assert.deepEqual(
          fromSql.rows.map((r) => r[a]),
          ['AAH+/w==', null],
        );
      }
    }
  });

  it('a read-only SQL cell refuses an UPDATE, says so in its output, and the row is unchanged', async () => {
    const name = async () => (await sql!.all('SELECT name FROM users WHERE id = 57'))[0].name;
    assert.equal(await name(), 'User 57');
    const items = await runCell(await notebook(), "UPDATE users SET name = 'changed' WHERE id = 57");
    assert.equal(items[0].mime, ERROR_MIME, decode(items[0]));
    assert.match(decode(items[0]), /This cell is read-only and the statement writes.*Nothing was changed/);
    assert.equal(editor!.notebook.cellAt(0).executionSummary?.success, false);
    assert.equal(await name(), 'User 57');
    const [row] = await rows(users, view([{ column: 'id', op: 'equals', value: 57 }], []), 0, 1);
    assert.equal(row.name, 'User 57', 'the grid shows the row changed');
  });

  it('a Prisma Client update in a read-only cell is refused, said so in the output, and changes nothing', async () => {
    const name = async () => (await sql!.all('SELECT name FROM users WHERE id = 57'))[0].name;
    await startCell(
      await notebook(),
      "await prisma.user.update({ where: { id: 57 }, data: { name: 'changed' } })",
      'prisma-client',
    );
    const items = await outputOf(editor!);
    // refused before it is sent, on every database (src/core/notebook/runClientCell.ts)
    assert.equal(items[0].mime, ERROR_MIME, decode(items[0]));
    assert.match(
      decode(items[0]),
      /This cell is read-only and its code writes \(prisma\.user\.update\)\. Nothing was changed\./,
    );
    assert.equal(editor!.notebook.cellAt(0).executionSummary?.success, false);
    assert.equal(await name(), 'User 57');
    const [row] = await rows(users, view([{ column: 'id', op: 'equals', value: 57 }], []), 0, 1);
    assert.equal(row.name, 'User 57', 'the grid shows the row unchanged');
  });
});
