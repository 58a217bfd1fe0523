// The data grid in the real extension host, one suite for every database: PostgreSQL (run `postgres-grid`,
// fixture sample-postgres) and MySQL / MariaDB (run `mysql-grid`, fixture sample-mysql), each on a
// throwaway database made here and dropped after (without a server the suite says why it skipped), and
// SQLite (run `sqlite-grid`, the sample project) on a database file of its own.
// What the user would see is what is asserted: the rows the grid posts, the import's and the delete
// confirmation's words, and the database itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import pg from 'pg';
import type { GridPanel } from '../../src/features/grid/gridPanel';
import type { DeleteQuestion } from '../../src/features/grid/deleteConfirm';
import type { ImportOutcome } from '../../src/features/grid/gridImport';
import { emptyQuery, type Filter, type ViewQuery } from '../../src/shared/protocol/messages';
import type { WireRow } from '../../src/shared/protocol/model';
import { clearRefusal } from '../../src/shared/protocol/relations';
import { describeIn, waitFor } from './helpers/extension';
import { ask, closeGridTabs, count, is, openFromModelsView, openModel, rows, type Posted } from './helpers/grid';
import { decodeTsv } from '../../webview/grid/clipboardText';
import { planPaste } from '../../webview/grid/pastePlan';
import { PendingChanges } from '../../webview/grid/pending';
import { rangeOf } from '../../webview/grid/selection';
import {
  dbTime as at,
  migrationScripts,
  onMysql as mysql,
  onSqlite as sqlite,
  openRunDatabase,
  type Sql,
} from './helpers/runDatabase';
import { ThrowawayMysql } from './helpers/throwawayMysql';
import { adminUrl as pgAdminUrl, database as pgDatabase, ThrowawayPostgres } from './helpers/throwawayPostgres';

const num = (v: unknown) => Number(v);
/** In place of `it` for a test that has no SQLite form (the comment at its use says why): nothing registered. */
const notForSqlite = (() => undefined) as unknown as typeof it;

describeIn(
  ['postgres-grid', 'mysql-grid', 'sqlite-grid'],
  `Data grid on ${mysql ? 'MySQL / MariaDB' : sqlite ? 'SQLite' : 'PostgreSQL'}`,
  function () {
    this.timeout(180_000);
    const pgServer = new ThrowawayPostgres();
    const myServer = new ThrowawayMysql();
    let sql: Sql | undefined;
    let dir: string;
    let panel: GridPanel;
    const config = () => vscode.workspace.getConfiguration('prismaWorkbench.data');

    before(async function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-grid-servers-'));
      sql = await openRunDatabase(this, { pg: pgServer, mysql: myServer }, dir, 'grid.db');
      await sql.all(
        `INSERT INTO organizations (id, slug, name, plan, created_at) VALUES ('org1', 'acme', 'Acme', 'TEAM', ?)`,
        [at(1735689600000)],
      );
      const values: unknown[] = [];
      for (let i = 1; i <= 250; i++) {
        values.push(
          `user${i}@example.com`,
          `User ${String(1000 - i).padStart(4, '0')}`,
          i % 10 === 0 ? 'ADMIN' : 'STUDENT',
          'org1',
          i > 1 && i % 3 === 0 ? 1 : null,
          at(1735689600000 + i),
          at(1735689600000 + i),
        );
      }
      await sql.all(
        `INSERT INTO users (email, name, role, organization_id, mentor_id, created_at, updated_at) VALUES ${Array.from({ length: 250 }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        values,
      );
    });

    after(async () => {
      await closeGridTabs();
      await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('databaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
      await sql?.close();
      // the grid's own connection pool holds the database: close it with the schema's session first
      await pgServer.drop();
      await myServer.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const save = async (
      p: GridPanel,
      request: { updates?: unknown[]; inserts?: WireRow[]; deletes?: unknown[]; links?: unknown[] },
    ) =>
      (await ask(p, 'saved', { type: 'save', request: { updates: [], inserts: [], deletes: [], ...request } })).result;
    const insert = async (p: GridPanel, inserts: WireRow[]) => {
      const r = await save(p, { inserts });
      assert.ok(r.ok, JSON.stringify(r));
    };
    const where = (filters: Filter[], sort: ViewQuery['sort'] = []): ViewQuery => ({ ...emptyQuery(), filters, sort });
    /** "Open Data" by name as the palette or a CodeLens does it (the grid tab used last may show it). */
    const openModelByName = async (schemaId: string, model: string) => {
      const p = await vscode.commands.executeCommand<GridPanel>('prismaWorkbench.data.open', { schemaId, model });
      assert.ok(p, `no panel for ${model}`);
      await waitFor(`the ${model} grid's init`, () =>
        [...p.posted].reverse().find((m) => m.type === 'init' && m.model.name === model),
      );
      return p;
    };

    it('opens from the Models view with the first page and the total', async () => {
      const opened = await openFromModelsView('User');
      panel = opened.panel;
      assert.equal(opened.init.model.name, 'User');
      assert.match(opened.init.database, sqlite ? /grid\.db/ : /pw_it_\w+_grid/, 'the throwaway database');
      // SQLite: no row estimate, so a full first page comes without the total (the webview counts after drawing)
      assert.equal(opened.init.firstPage?.total, sqlite ? undefined : 250);
      assert.equal(opened.init.firstPage?.rows.length, 100);
      assert.equal(opened.init.firstPage?.rows[0].email, 'user1@example.com');
    });

    it('pages by keyset with the same rows as one read, sorts a nullable column (NULLs last), jumps far', async () => {
      const q: ViewQuery = {
        ...emptyQuery(),
        sort: [
          { column: 'mentorId', dir: 'asc' },
          { column: 'name', dir: 'desc' },
        ],
      };
      const once = await rows(panel, q, 0, 250);
      const paged: WireRow[] = [];
      for (let start = 0; start < 250; start += 60) paged.push(...(await rows(panel, q, start, 60)));
      assert.deepEqual(
        paged.map((r) => r.id),
        once.map((r) => r.id),
      );
      assert.equal(once[0].mentorId, 1);
      assert.equal(once.at(-1)?.mentorId, null);
      const far = await rows(panel, { ...q, search: 'user' }, 200, 10);
      assert.deepEqual(
        far.map((r) => r.id),
        once.slice(200, 210).map((r) => r.id),
      );
    });

    it('filters with typed filters, AND/OR and quick search, and counts them', async () => {
      assert.equal(await count(panel, where([{ column: 'role', op: 'equals', value: 'ADMIN' }])), 25);
      assert.equal(
        await count(panel, {
          ...where([
            { column: 'role', op: 'equals', value: 'ADMIN' },
            { column: 'id', op: 'lte', value: 5 },
          ]),
          combinator: 'OR',
        }),
        30,
      );
      assert.equal(await count(panel, { ...emptyQuery(), search: 'USER12' }), 11, 'quick search ignores case');
      const between = await rows(
        panel,
        where([
          { column: 'createdAt', op: 'between', values: ['2025-01-01T00:00:00.010Z', '2025-01-01T00:00:00.012Z'] },
        ]),
        0,
        10,
      );
      assert.deepEqual(
        between.map((r) => r.id),
        [10, 11, 12],
      );
      assert.equal(between[0].createdAt, '2025-01-01T00:00:00.010Z');
    });

    it('saves edits and an insert in one transaction, and the database holds them', async () => {
      const [a, b] = await rows(panel, emptyQuery(), 0, 2);
      const r = await save(panel, {
        updates: [
          { key: { id: a.id }, original: a, changes: { name: 'Ada Edited', role: 'INSTRUCTOR' } },
          { key: { id: b.id }, original: b, changes: { mentorId: 1 } },
        ],
        inserts: [{ email: 'new@example.com', name: 'New Person', organizationId: 'org1' }],
      });
      assert.ok(r.ok, JSON.stringify(r));
      const [row] = await sql!.all('SELECT name, role FROM users WHERE id = ?', [a.id]);
      assert.deepEqual([row.name, row.role], ['Ada Edited', 'INSTRUCTOR']);
      assert.equal(
        (await sql!.all(`SELECT role FROM users WHERE email = 'new@example.com'`))[0].role,
        'STUDENT',
        'the default applied',
      );
    });

    it('picks a related row for a foreign key: searched, keyset-paged, saved like an edit; a required one is not cleared', async () => {
      const pick = (column: string, search: string, count: number, after?: WireRow) =>
        ask(panel, 'related', { type: 'pickRelated', column, search, count, ...(after ? { after } : {}) });
      // the mentor (self relation): every user once, in key order, a page at a time after the last key
      const ids: unknown[] = [];
      let after: WireRow | undefined;
      let pages = 0;
      do {
        const page = await pick('mentorId', '', 100, after);
        assert.equal(page.model, 'User');
        ids.push(...page.rows.map((r) => r.value.mentorId));
        after = page.next;
        pages++;
      } while (after && pages < 10);
      const total = await count(panel, emptyQuery());
      assert.equal(ids.length, total);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => num(a) - num(b)),
      );
      const mentor = await pick('mentorId', 'user42@example.com', 20);
      assert.deepEqual(mentor.rows, [{ value: { mentorId: 42 }, id: '42', label: 'User 0958' }]);
      // the organization (required n-1, a text key): found by its slug, labelled by its name
      const org = await pick('organizationId', 'acme', 20);
      assert.deepEqual(org.rows, [{ value: { organizationId: 'org1' }, id: 'org1', label: 'Acme' }]);
      const meta = panel.posted.find(is('init'))!.model;
      assert.match(clearRefusal(meta, 'organizationId')!, /User\.organization is required/);
      assert.equal(clearRefusal(meta, 'mentorId'), undefined);
      // picking stages a plain foreign-key change: saved conditionally like any edit
      const [u] = await rows(panel, where([{ column: 'id', op: 'equals', value: 7 }]), 0, 1);
      const r = await save(panel, { updates: [{ key: { id: 7 }, original: u, changes: mentor.rows[0]!.value }] });
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(num((await sql!.all('SELECT mentor_id FROM users WHERE id = 7'))[0].mentor_id), 42);
    });

    it('connects and disconnects rows of a list relation (mentees) with Save; the picker lists the linked ones', async () => {
      const linked = async () =>
        (
          await ask(panel, 'related', {
            type: 'pickRelated',
            column: 'mentees',
            search: '',
            count: 50,
            linkedTo: { id: 5 },
          })
        ).rows.map((r) => r.value.id);
      assert.deepEqual(await linked(), []);
      const link = (connect: boolean) => ({ relation: 'mentees', parent: { id: 5 }, child: { id: 20 }, connect });
      const r = await save(panel, { links: [link(true)] });
      assert.ok(r.ok && r.linked === 1, JSON.stringify(r));
      assert.equal(num((await sql!.all('SELECT mentor_id FROM users WHERE id = 20'))[0].mentor_id), 5);
      assert.deepEqual(await linked(), [20]);
      assert.ok((await save(panel, { links: [link(false)] })).ok);
      assert.equal((await sql!.all('SELECT mentor_id FROM users WHERE id = 20'))[0].mentor_id, null);
    });

    it('refuses a save when a row changed since it was read, and writes nothing', async () => {
      const [a, b] = await rows(panel, emptyQuery(), 0, 2);
      await sql!.all(`UPDATE users SET name = 'Changed behind your back' WHERE id = ?`, [b.id]);
      const r = await save(panel, {
        updates: [
          { key: { id: a.id }, original: a, changes: { name: 'Mine A' } },
          { key: { id: b.id }, original: b, changes: { name: 'Mine B' } },
        ],
      });
      assert.ok(!r.ok);
      assert.deepEqual(
        r.conflicts.map((c) => [c.index, c.current?.name]),
        [[1, 'Changed behind your back']],
      );
      assert.equal((await sql!.all('SELECT name FROM users WHERE id = ?', [a.id]))[0].name, a.name);
    });

    it('names the offending cell on a unique violation', async () => {
      const [a, b] = await rows(panel, emptyQuery(), 0, 2);
      const r = await save(panel, { updates: [{ key: { id: b.id }, original: b, changes: { email: a.email } }] });
      assert.ok(!r.ok);
      assert.equal(r.errors[0].code, 'P2002');
      assert.equal(r.errors[0].column, 'email');
      assert.match(r.errors[0].message, /already has this email/);
    });

    let courseId: number;
    const big = (2n ** 63n - 1n).toString();
    const small = (-(2n ** 63n)).toString();
    const json = '{"nested":{"list":[1,2.5,"x",null,true]},"unicode":"Spärck","quote":"a \\"b\\", c"}';

    it('writes and reads back exact values of every type (BigInt > 2^53, Decimal, DateTime ms, Json, Bytes, enums, lists, NULL vs "")', async () => {
      const course = await openModel(panel.schemaId, 'Course');
      const lists = (v: string): WireRow => (mysql || sqlite ? {} : { keywords: v });
      await insert(course, [
        {
          organizationId: 'org1',
          slug: 'exact',
          title: 'Exact',
          summary: '',
          price: '12345678.91',
          level: 'ADVANCED',
          publishedAt: '2024-02-29T23:59:59.987Z',
          ...lists('["a","b, c","","\\"q\\""]'),
        },
        {
          organizationId: 'org1',
          slug: 'rt-a',
          title: 'Round trip A, "quoted"\nmultiline',
          summary: null,
          price: '-0.01',
          level: 'BEGINNER',
          publishedAt: null,
          ...lists('[]'),
        },
        {
          organizationId: 'org1',
          slug: 'rt-b',
          title: 'B',
          summary: 'x',
          price: '0',
          published: true,
          publishedAt: '1970-01-01T00:00:00.001Z',
          ...lists('["z"]'),
        },
      ]);
      const [c] = await rows(course, where([{ column: 'slug', op: 'equals', value: 'exact' }]), 0, 1);
      courseId = c.id as number;
      assert.deepEqual(
        [c.summary, c.price, c.level, c.publishedAt, c.published],
        ['', '12345678.91', 'ADVANCED', '2024-02-29T23:59:59.987Z', false],
      );
      if (!mysql && !sqlite) assert.deepEqual(JSON.parse(String(c.keywords)), ['a', 'b, c', '', '"q"']);
      assert.equal(
        String((await sql!.all('SELECT price FROM courses WHERE id = ?', [courseId]))[0].price),
        '12345678.91',
        'exact in the database',
      );

      const lesson = await openModel(panel.schemaId, 'Lesson');
      await insert(lesson, [
        { courseId, position: 1, title: 'Max', videoSizeBytes: big, content: '' },
        { courseId, position: 2, title: 'Min', videoSizeBytes: small, content: null, isPreview: true },
        { courseId, position: 3, title: 'None', videoSizeBytes: null, durationMinutes: 2147483647 },
      ]);
      const lessons = await rows(lesson, where([], [{ column: 'position', dir: 'asc' }]), 0, 3);
      assert.deepEqual(
        lessons.map((l) => [l.videoSizeBytes, l.content]),
        [
          [big, ''],
          [small, null],
          [null, null],
        ],
      );
      assert.deepEqual(
        (await sql!.all('SELECT video_size_bytes AS v FROM lessons ORDER BY position')).map((r) =>
          r.v === null ? null : String(r.v),
        ),
        [big, small, null],
        'exact in the database too',
      );

      const profile = await openModel(panel.schemaId, 'Profile');
      const langs = (v: string): WireRow => (mysql || sqlite ? {} : { languages: v });
      await insert(profile, [
        { userId: 3, avatar: 'AAH+/w==', preferences: json, bio: '', ...langs('["en","de"]') },
        { userId: 4, preferences: 'null', avatar: '', ...langs('[]') },
        { userId: 5, preferences: null },
      ]);
      const profiles = await rows(profile, where([], [{ column: 'userId', dir: 'asc' }]), 0, 3);
      assert.equal(profiles[0].avatar, 'AAH+/w==');
      assert.deepEqual(JSON.parse(String(profiles[0].preferences)), JSON.parse(json));
      assert.deepEqual([profiles[0].bio, profiles[1].bio], ['', null]);
      assert.deepEqual(
        [profiles[1].preferences, profiles[2].preferences],
        ['null', null],
        'JSON null and database NULL stay apart',
      );
      if (!mysql && !sqlite)
        assert.deepEqual(
          [profiles[0].languages, profiles[2].languages],
          ['["en","de"]', '["en"]'],
          'a list and its default',
        );

      const enrollment = await openModel(panel.schemaId, 'Enrollment');
      await insert(enrollment, [
        { userId: 3, courseId, progress: 0.1 + 0.2, status: 'COMPLETED', completedAt: '2025-06-01T12:00:00.001Z' },
        { userId: 4, courseId, progress: 1e-300 },
      ]);
      const enrollments = await rows(
        enrollment,
        where([{ column: 'courseId', op: 'equals', value: courseId }], [{ column: 'userId', dir: 'asc' }]),
        0,
        5,
      );
      assert.deepEqual(
        enrollments.map((e) => [e.progress, e.status, e.completedAt]),
        [
          [0.30000000000000004, 'COMPLETED', '2025-06-01T12:00:00.001Z'],
          [1e-300, 'ACTIVE', null],
        ],
      );
    });

    for (const format of ['csv', 'json'] as const) {
      it(`exports the filtered view to ${format.toUpperCase()} and imports it back identical, for every type`, async () => {
        const cases: [string, Filter[], ViewQuery['sort']][] = [
          ['Profile', [{ column: 'userId', op: 'in', values: [3, 4, 5] }], [{ column: 'userId', dir: 'asc' }]],
          ['Lesson', [{ column: 'courseId', op: 'equals', value: courseId }], [{ column: 'position', dir: 'asc' }]],
          ['Enrollment', [{ column: 'courseId', op: 'equals', value: courseId }], [{ column: 'userId', dir: 'asc' }]],
          ['Course', [{ column: 'slug', op: 'in', values: ['rt-a', 'rt-b'] }], [{ column: 'slug', dir: 'asc' }]],
        ];
        for (const [model, filters, sort] of cases) {
          const p = await openModel(panel.schemaId, model);
          p.askDelete = async () => true;
          const q = where(filters, sort);
          const before = await rows(p, q, 0, 100);
          assert.ok(before.length >= 2, `${model} has rows to export`);
          const file = path.join(dir, `${model}.${format}`);
          await p.exportView(format, q, vscode.Uri.file(file));
          const pk = (await waitFor(`the ${model} grid to be initialised`, () => p.posted.find(is('init')), 90_000))
            .model.primaryKey;
          const del = await save(p, {
            deletes: before.map((r) => ({ key: Object.fromEntries(pk.map((k) => [k, r[k]])), original: r })),
          });
          assert.ok(del.ok, JSON.stringify(del));
          assert.equal(await count(p, q), 0);
          const outcome = await vscode.commands.executeCommand<ImportOutcome>('prismaWorkbench.grid.import', {
            schemaId: panel.schemaId,
            model,
            source: file,
            confirm: true,
          });
          assert.ok(outcome, 'the import command returned nothing (it failed: see the log)');
          assert.deepEqual(outcome.problems, []);
          assert.equal(outcome.rows, before.length);
          assert.ok(outcome.result?.ok, JSON.stringify(outcome.result));
          assert.deepEqual(await rows(p, q, 0, 100), before, `${model} from ${format}`);
        }
      });
    }

    it('previews an import with every problem in words, and writes nothing; a unique clash rolls all rows back', async () => {
      const file = path.join(dir, 'bad-lessons.csv');
      fs.writeFileSync(
        file,
        `courseId,position,title,videoSizeBytes,isPreview\n${courseId},10,Ok,1,true\n${courseId},11,,9223372036854775808,maybe\nx,12,T,1,false\n`,
      );
      const lessons = async () => num((await sql!.all('SELECT COUNT(*) AS n FROM lessons'))[0].n);
      const before = await lessons();
      const outcome = await vscode.commands.executeCommand<ImportOutcome>('prismaWorkbench.grid.import', {
        schemaId: panel.schemaId,
        model: 'Lesson',
        source: file,
        confirm: true,
      });
      assert.ok(outcome);
      assert.equal(outcome.result, undefined, 'nothing was written');
      assert.deepEqual(outcome.problems, [
        'Row 2 (line 3), title is required but the row has NULL (write "" in the CSV for an empty text).',
        'Row 2 (line 3), videoSizeBytes: "9223372036854775808" is not a 64-bit integer',
        'Row 2 (line 3), isPreview: "maybe" is not true or false',
        'Row 3 (line 4), courseId: "x" is not a 32-bit integer',
      ]);
      const preview = await vscode.workspace.openTextDocument(outcome.preview!);
      assert.match(preview.getText(), /Row 3 \(line 4\), courseId: "x" is not a 32-bit integer/);
      assert.equal(await lessons(), before);

      const dup = path.join(dir, 'dup-users.json');
      fs.writeFileSync(
        dup,
        JSON.stringify([
          { email: 'fresh@example.com', name: 'Fresh', organizationId: 'org1' },
          { email: 'user7@example.com', name: 'Clash', organizationId: 'org1' },
        ]),
      );
      const clash = await vscode.commands.executeCommand<ImportOutcome>('prismaWorkbench.grid.import', {
        schemaId: panel.schemaId,
        model: 'User',
        source: dup,
        confirm: true,
      });
      assert.ok(clash?.result && !clash.result.ok);
      assert.equal(clash.result.code, 'P2002');
      assert.match(clash.result.message, /^Nothing was imported: Another row already has this email/);
      assert.equal(
        (await sql!.all(`SELECT COUNT(*) AS n FROM users WHERE email = 'fresh@example.com'`)).map((r) => num(r.n))[0],
        0,
        'the first row was rolled back',
      );
    });

    it('shows what a delete takes with it before saving it: cascades and cleared references counted, Restrict up front', async () => {
      const profile = await openModel(panel.schemaId, 'Profile');
      await insert(profile, [{ userId: 1, bio: 'mentor' }]);
      await insert(await openModel(panel.schemaId, 'Enrollment'), [{ userId: 1, courseId }]);
      await insert(await openModel(panel.schemaId, 'Review'), [{ userId: 1, courseId, rating: 5 }]);
      await insert(await openModel(panel.schemaId, 'Course'), [
        { organizationId: 'org1', slug: 'taught', title: 'Taught', instructorId: 1 },
      ]);
      const mentees = num((await sql!.all('SELECT COUNT(*) AS n FROM users WHERE mentor_id = 1'))[0].n);
      assert.ok(mentees >= 80);
      const asked: DeleteQuestion[] = [];
      panel.askDelete = async (q) => {
        asked.push(q);
        return false;
      };
      const [one] = await rows(panel, where([{ column: 'id', op: 'equals', value: 1 }]), 0, 1);
      const request = { deletes: [{ key: { id: 1 }, original: one }] };
      const refused = await save(panel, request);
      assert.ok(!refused.ok);
      const q = asked[0];
      assert.ok(q, 'the user was asked');
      const cascades = Object.fromEntries(q.plan.cascades.map((c) => [c.model, c.count]));
      assert.deepEqual(cascades, mysql ? { Profile: 1, Enrollment: 1 } : { Profile: 1, Enrollment: 1, Review: 1 });
      assert.deepEqual(q.plan.nulled.map((n) => [n.model, n.fields.join(), n.count]).sort(), [
        ['Course', 'instructorId', 1],
        ['User', 'mentorId', mentees],
      ]);
      assert.match(
        q.detail,
        new RegExp(`${mentees} User rows: mentorId set to NULL \\(User\\.mentor, onDelete: SetNull\\)`),
      );
      if (mysql) {
        // Review.user has no onDelete: Prisma's default for a required relation is Restrict
        assert.ok(q.blocked);
        assert.deepEqual(
          q.plan.blockers.map((b) => [b.model, b.via[0], b.action, b.explicit, b.count]),
          [['Review', 'Review.user', 'Restrict', false, 1]],
        );
        assert.equal(q.message, '1 User row cannot be deleted: other rows depend on them.');
        assert.match(
          refused.errors[0].message,
          /^Nothing was deleted: .*1 Review row still point at them \(Review\.user, onDelete: Restrict\)/,
        );
      } else {
        assert.equal(q.message, 'Delete 1 User row?');
        assert.equal(refused.errors[0].message, 'Nothing was saved: the delete was cancelled.');
      }
      assert.equal(
        (await sql!.all('SELECT COUNT(*) AS n FROM users WHERE id = 1')).map((r) => num(r.n))[0],
        1,
        'nothing deleted while not confirmed',
      );

      panel.askDelete = async (question) => {
        asked.push(question);
        return true;
      };
      if (mysql) {
        // the plan said so: forced anyway, the database refuses it and nothing is written
        const forced = await save(panel, request);
        assert.ok(!forced.ok);
        assert.equal(forced.errors[0].code, 'P2003');
        await sql!.all('DELETE FROM reviews WHERE user_id = 1');
      }
      const done = await save(panel, request);
      assert.ok(done.ok, JSON.stringify(done));
      assert.equal(asked.at(-1)?.blocked, false);
      assert.equal((await sql!.all('SELECT COUNT(*) AS n FROM profiles WHERE user_id = 1')).map((r) => num(r.n))[0], 0);
      assert.equal(
        (await sql!.all('SELECT COUNT(*) AS n FROM users WHERE mentor_id IS NULL AND id IN (3, 6, 9)')).map((r) =>
          num(r.n),
        )[0],
        3,
      );
      assert.equal((await sql!.all(`SELECT instructor_id AS i FROM courses WHERE slug = 'taught'`))[0].i, null);
    });

    // the servers only: a SQLite read behind another connection's lock does not wait on the server's lock queue
    // (it gets SQLITE_BUSY after libsql's busy timeout), so there is no waiting read to find and cancel here;
    // test/unit/data/deletePlan.test.ts covers the cancel of a read that waits, whatever the database
    (sqlite ? notForSqlite : it)(
      "cancelling the delete preview while its read waits on another session's lock ends it at once: nothing deleted",
      async () => {
        const [two] = await rows(panel, where([{ column: 'id', op: 'equals', value: 2 }]), 0, 1);
        assert.ok(two, 'user 2 is there');
        const asked: DeleteQuestion[] = [];
        panel.askDelete = async (q) => {
          asked.push(q);
          return true;
        };
        // another session locks the table the preview reads first: its SELECT waits until the lock goes
        let release: () => Promise<void>;
        if (mysql) {
          const holder = await myServer.connect();
          await holder.query('LOCK TABLES users WRITE');
          release = async () => {
            await holder.query('UNLOCK TABLES');
            await holder.end();
          };
        } else {
          const u = new URL(pgAdminUrl);
          u.pathname = `/${pgDatabase}`;
          const holder = new pg.Client({ connectionString: u.toString() });
          await holder.connect();
          await holder.query('BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
          release = async () => {
            await holder.query('ROLLBACK');
            await holder.end();
          };
        }
        try {
          await vscode.commands.executeCommand('notifications.clearAll');
          const saving = save(panel, { deletes: [{ key: { id: 2 }, original: two }] });
          await waitFor(
            'the preview waiting on the lock',
            async () =>
              num(
                (
                  await sql!.all(
                    mysql
                      ? `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND STATE LIKE 'Waiting for table%'`
                      : `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
                  )
                )[0].n,
              ) > 0,
            20_000,
          );
          // the user presses Cancel on the "Counting what deleting User rows takes with it…" notification
          const cancelledAt = Date.now();
          let result: Awaited<typeof saving> | undefined;
          void saving.then((r) => (result = r));
          while (!result && Date.now() - cancelledAt < 10_000) {
            await vscode.commands.executeCommand('notification.acceptPrimaryAction');
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          const waited = Date.now() - cancelledAt;
          assert.ok(result, `the save still waited ${waited} ms after Cancel (the lock is still held)`);
          assert.ok(!result.ok);
          assert.equal(
            result.errors[0].message,
            'Nothing was saved: counting what the delete takes with it was cancelled.',
          );
          assert.ok(waited < 5000, `${waited} ms from Cancel to the answer`);
          assert.equal(asked.length, 0, 'the user was not asked to confirm a count that did not finish');
        } finally {
          await release();
        }
        assert.equal(
          (await sql!.all('SELECT COUNT(*) AS n FROM users WHERE id = 2')).map((r) => num(r.n))[0],
          1,
          'nothing deleted',
        );
        // the grid works on: the next page reads once the lock is gone
        assert.equal((await rows(panel, where([{ column: 'id', op: 'equals', value: 2 }]), 0, 1)).length, 1);
      },
    );

    it("Cancel on the import's progress while it writes rolls back every row written so far", async () => {
      const file = path.join(dir, 'bulk-users.csv');
      const lines = ['email,name,organizationId'];
      for (let i = 0; i < 60_000; i++) lines.push(`bulk${i}@example.com,Bulk ${i},org1`);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const users = async () => num((await sql!.all('SELECT COUNT(*) AS n FROM users'))[0].n);
      const before = await users();
      await vscode.commands.executeCommand('notifications.clearAll');
      const got: { outcome?: ImportOutcome } = {};
      const finished = () => got.outcome;
      const importing = vscode.commands
        .executeCommand<ImportOutcome>('prismaWorkbench.grid.import', {
          schemaId: panel.schemaId,
          model: 'User',
          source: file,
          confirm: true,
        })
        .then((o) => (got.outcome = o));
      // the write has begun once the import's transaction holds written rows (after the file was checked)
      const db = path.join(dir, 'grid.db');
      await waitFor(
        'the import writing',
        async () =>
          got.outcome !== undefined ||
          (sqlite
            ? fs.existsSync(`${db}-journal`) || fs.existsSync(`${db}-wal`)
            : num(
                (
                  await sql!.all(
                    mysql
                      ? 'SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_rows_modified > 0'
                      : 'SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL',
                  )
                )[0].n,
              ) > 0),
        60_000,
      );
      assert.equal(finished(), undefined, 'the import was still writing when Cancel was pressed');
      // the user presses Cancel on the "Importing into User" notification
      while (!finished()) {
        await vscode.commands.executeCommand('notification.acceptPrimaryAction');
        await Promise.race([importing, new Promise((resolve) => setTimeout(resolve, 200))]);
      }
      const outcome = finished()!;
      assert.equal(outcome.rows, 60_000, 'the preview counted every row');
      assert.ok(outcome.result && !outcome.result.ok, JSON.stringify(outcome.result));
      assert.ok(outcome.result.aborted, outcome.result.message);
      assert.match(
        outcome.result.message,
        /^Cancelled: nothing was imported \(the transaction was rolled back after [\d,]+ rows\)\.$/,
      );
      assert.equal(await users(), before, 'every written row was rolled back');
    });

    it('read-only refuses saves and imports, and says why', async () => {
      await panel.handle({ type: 'setReadOnly', readOnly: true });
      const [a] = await rows(panel, emptyQuery(), 0, 1);
      const r = await save(panel, { updates: [{ key: { id: a.id }, original: a, changes: { name: 'Not allowed' } }] });
      assert.ok(!r.ok && /read-only/.test(r.errors[0].message));
      const file = path.join(dir, 'one-user.csv');
      fs.writeFileSync(file, 'email,name,organizationId\nro@example.com,Read Only,org1\n');
      const refused = await vscode.commands.executeCommand<ImportOutcome>('prismaWorkbench.grid.import', {
        schemaId: panel.schemaId,
        model: 'User',
        source: file,
        confirm: true,
      });
      assert.match(refused?.refused ?? '', /read-only: nothing was imported into User/);
      assert.equal((await sql!.all('SELECT name FROM users WHERE id = ?', [a.id]))[0].name, a.name);
      assert.equal(
        (await sql!.all(`SELECT COUNT(*) AS n FROM users WHERE email = 'ro@example.com'`)).map((x) => num(x.n))[0],
        0,
      );
      await panel.handle({ type: 'setReadOnly', readOnly: false });
      await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
      await waitFor('the setting to reach the grid', async () => (await panel.readOnlyState()).readOnly || undefined);
      await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    });

    // PostgreSQL reads `?schema=` as the schema of every table; adapter-pg ignores it in the URL
    it('a block pasted past the last row is saved as new rows: the plan the grid stages, sent as its Save', async () => {
      const org = await openModel(panel.schemaId, 'Organization');
      const init = await waitFor('the Organization grid', () =>
        [...org.posted].reverse().find((m): m is Posted<'init'> => is('init')(m) && m.model.name === 'Organization'),
      );
      const columns = init.model.columns;
      const total = await count(org, emptyQuery());
      const shownRows = await rows(org, emptyQuery(), 0, total);
      const last = shownRows[total - 1];
      const slug = columns.findIndex((c) => c.name === 'slug');
      assert.equal(columns[slug + 1]?.name, 'name', 'slug and name side by side');
      // three lines from a spreadsheet with the last row selected in the slug column: the last row gets the
      // first line, the other two are new rows
      const block = decodeTsv(`${String(last.slug)}\tRenamed Last\npaste-a\tPasted A\npaste-b\tPasted B\n`);
      const plan = planPaste(block, rangeOf({ row: total - 1, col: slug }), {
        columns,
        rowAt: (i) => shownRows[i],
        total,
        totalExact: true,
        cellValue: (row, column) => row[column] ?? null,
      });
      assert.deepEqual(plan.refused, []);
      assert.deepEqual(
        plan.newRows.map((n) => n.values),
        [
          { slug: 'paste-a', name: 'Pasted A' },
          { slug: 'paste-b', name: 'Pasted B' },
        ],
      );
      const staged = new PendingChanges(init.model);
      staged.editMany(
        plan.cells.map((c) => ({ row: shownRows[c.row], column: c.column, value: c.value })),
        plan.newRows.map((n) => n.values),
      );
      const r = await save(org, staged.toRequest());
      assert.ok(r.ok && r.inserted === 2 && r.updated === 1, JSON.stringify(r));
      assert.deepEqual(
        await sql!.all("SELECT slug, name, plan FROM organizations WHERE slug LIKE 'paste-%' ORDER BY slug"),
        [
          { slug: 'paste-a', name: 'Pasted A', plan: 'FREE' },
          { slug: 'paste-b', name: 'Pasted B', plan: 'FREE' },
        ],
      );
      assert.deepEqual(await sql!.all('SELECT name FROM organizations WHERE slug = ?', [last.slug]), [
        { name: 'Renamed Last' },
      ]);
      assert.equal(await count(org, emptyQuery()), total + 2);
    });

    it('opening another model shows it in the open grid tab (the same webview, no new tab), unless that tab holds staged edits or a new tab is asked for', async () => {
      await closeGridTabs();
      const webviewTabs = () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
      const { panel: grid } = await openFromModelsView('User');
      await waitFor('the User grid to say ready', () => grid.isReady || undefined);
      // from the Models view: the same panel (webview) now shows Organization, with its first rows in its init
      const t0 = performance.now();
      const { panel: reused, init } = await openFromModelsView('Organization');
      const ms = performance.now() - t0;
      assert.equal(reused, grid, 'a new panel was made');
      assert.equal(grid.model, 'Organization');
      assert.ok(
        init.firstPage?.rows.some((r) => r.slug === 'acme'),
        'Organization rows in its init',
      );
      assert.equal(webviewTabs().length, 1, 'a new tab was opened');
      // the tab's title follows (the tab API hears of it a moment later)
      await waitFor(
        'the tab to be titled Organization',
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Organization · data' || undefined,
        10_000,
      );
      console.log(`      (Organization's first rows posted ${ms.toFixed(0)} ms after the command)`);
      // the webview asks for the new model's rows from here on: the panel answers for Organization
      assert.ok((await rows(grid, emptyQuery(), 0, 5)).some((r) => r.slug === 'acme'));

      // staged edits in the open grid: the next model opens in a new tab, the edits' tab keeps its model
      await grid.handle({ type: 'pending', count: 2, model: 'Organization' });
      const course = await openModelByName(grid.schemaId, 'Course');
      assert.notEqual(course, grid);
      assert.equal(grid.model, 'Organization', 'the tab with staged edits was rebound');
      await waitFor('a second grid tab', () => webviewTabs().length === 2 || undefined, 10_000);
      // a late report about the model a tab showed before does not count for the one it shows now
      await waitFor('the Course grid to say ready', () => course.isReady || undefined);
      await course.handle({ type: 'pending', count: 3, model: 'User' });
      const lesson = await openModelByName(grid.schemaId, 'Lesson');
      assert.equal(lesson, course, 'the Course tab (no staged edits) was not reused');
      assert.equal(course.model, 'Lesson');

      // "Open Data in New Tab" never reuses
      const review = await vscode.commands.executeCommand<GridPanel>('prismaWorkbench.data.openInNewTab', {
        schemaId: grid.schemaId,
        model: 'Review',
      });
      assert.ok(review && review !== course && review !== grid);
      await waitFor('a third grid tab', () => webviewTabs().length === 3 || undefined, 10_000);
      await closeGridTabs();
    });

    it("the palette's model pick reads the highlighted model's first rows ahead while a grid is open, and the open grid shows them when it is picked", async () => {
      await closeGridTabs();
      const { panel: grid } = await openFromModelsView('User');
      await waitFor('the User grid to say ready', () => grid.isReady || undefined);
      // "Prisma: Open Data" from the palette: its model pick opens with the first model (Organization) highlighted
      const picked = vscode.commands.executeCommand<GridPanel>('prismaWorkbench.data.open');
      await waitFor('Organization read ahead', () => grid.warming === 'Organization' || undefined, 10_000);
      assert.equal(grid.model, 'User', 'the grid changed before the pick');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const reused = await picked;
      assert.equal(reused, grid, 'the open grid was not reused');
      assert.equal(grid.model, 'Organization');
      const init = [...grid.posted].reverse().find(is('init'));
      assert.equal(init?.model.name, 'Organization');
      assert.ok(
        init?.firstPage?.rows.some((r) => r.slug === 'acme'),
        'the rows read ahead are not in the init',
      );
      assert.equal(grid.warming, undefined, 'the page read ahead was not used');
      await closeGridTabs();
    });

    it("the pointer on a relation's link reads the related rows ahead, and following it in the same tab shows them from its init", async () => {
      await closeGridTabs();
      const { panel: grid } = await openFromModelsView('User');
      await waitFor('the User grid to say ready', () => grid.isReady || undefined);
      const org1: Filter[] = [{ column: 'id', op: 'equals', value: 'org1' }];
      // only a related model, as for following it
      const before = grid.posted.length;
      await grid.handle({ type: 'warm', model: 'Lesson', filters: [] });
      assert.equal(grid.warming, undefined);
      assert.ok(grid.posted.slice(before).some((m) => m.type === 'error' && /no relation to Lesson/.test(m.message)));
      await grid.handle({ type: 'warm', model: 'Organization', filters: org1 });
      assert.equal(grid.warming, 'Organization');
      assert.equal(grid.model, 'User', 'the grid changed before the click');
      await grid.warmRead();
      // renamed after the read ahead: the init shows the row as read ahead (the read after the click is saved)
      const [{ name }] = await sql!.all("SELECT name FROM organizations WHERE id = 'org1'");
      await sql!.all("UPDATE organizations SET name = 'Renamed after the read ahead' WHERE id = 'org1'");
      try {
        const shown = grid.waitForPost(is('init'));
        await grid.handle({ type: 'openRelated', model: 'Organization', filters: org1 });
        const init = await shown;
        assert.equal(init.model.name, 'Organization');
        assert.deepEqual(
          init.firstPage?.rows.map((r) => r.name),
          [name],
          'the rows read ahead are not in the init',
        );
        assert.equal(grid.warming, undefined);
        // other filters than the ones read ahead: read after the click
        await grid.handle({
          type: 'warm',
          model: 'User',
          filters: [{ column: 'organizationId', op: 'equals', value: 'x' }],
        });
        const users = grid.waitForPost(is('init'));
        await grid.handle({
          type: 'openRelated',
          model: 'User',
          filters: [{ column: 'organizationId', op: 'equals', value: 'org1' }],
        });
        assert.ok((await users).firstPage?.rows.length, 'the users of org1 are not shown');
      } finally {
        await sql!.all("UPDATE organizations SET name = ? WHERE id = 'org1'", [name]);
      }
      await closeGridTabs();
    });

    it('a tab whose webview holds staged edits the host has not heard of yet refuses another model: the edits keep their model, the other model opens in a new tab', async () => {
      await closeGridTabs();
      const webviewTabs = () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
      const { panel: grid } = await openFromModelsView('Organization');
      await waitFor('the Organization grid to say ready', () => grid.isReady || undefined);
      // how the user left Organization (restored with it) and the filters Course is opened with
      const orgView = { query: { ...emptyQuery(), search: 'acme' }, scrollTop: 40, widths: {}, hidden: [] };
      await grid.handle({ type: 'viewState', model: 'Organization', state: orgView });
      const filtered: Filter[] = [{ column: 'title', op: 'contains', value: 'a' }];
      // the race: an edit is staged (a cell editor commits on blur as the user clicks the Models view) and
      // the open command reaches the host before the webview's `pending` report: the host reuses the tab
      assert.equal(grid.hasPendingEdits, false);
      const viewBefore = grid.currentView;
      assert.equal(viewBefore?.query.search, 'acme');
      const reused = await vscode.commands.executeCommand<GridPanel>('prismaWorkbench.data.open', {
        schemaId: grid.schemaId,
        model: 'Course',
        filters: filtered,
      });
      assert.equal(reused, grid);
      const swap = [...grid.posted].reverse().find(is('init'));
      assert.equal(swap?.model.name, 'Course');
      assert.equal(swap?.replaces, true, 'the swapped-in init is not marked as replacing the model shown');
      // the webview, holding the staged edit, keeps Organization and says so (as webview/grid/init.ts does)
      await grid.handle({ type: 'replaceRefused', model: 'Course', kept: 'Organization', count: 1 });
      assert.equal(grid.model, 'Organization', 'the panel is not bound to the model its webview still shows');
      assert.equal(grid.hasPendingEdits, true, 'the staged edit is not counted');
      assert.equal(grid.currentView, viewBefore, 'the view of Organization was not restored');
      assert.equal(grid.panel.title, 'Organization · data');
      await waitFor('a second grid tab', () => webviewTabs().length === 2 || undefined, 10_000);
      const course = await openModelByName(grid.schemaId, 'Course');
      assert.notEqual(course, grid);
      const courseInit = [...course.posted].reverse().find(is('init'));
      assert.deepEqual(courseInit?.initialFilters, filtered, 'Course opened without its filters');
      // the webview's saves and reads are for Organization again
      assert.ok((await rows(grid, emptyQuery(), 0, 5)).some((r) => r.slug === 'acme'));
      // a late refusal (or one for a model never swapped in) changes nothing
      await grid.handle({ type: 'replaceRefused', model: 'Course', kept: 'Organization', count: 1 });
      await grid.handle({ type: 'replaceRefused', model: 'Lesson', kept: 'Organization', count: 1 });
      assert.equal(grid.model, 'Organization');
      assert.equal(webviewTabs().length, 2, 'a refusal opened another tab');
      await closeGridTabs();
    });

    if (!mysql && !sqlite)
      it('a URL with ?schema=tenant_a: the grid shows and edits tenant_a.organizations, public is unchanged', async () => {
        const script = migrationScripts().join('\n');
        await sql!.script(
          `CREATE SCHEMA tenant_a; SET search_path TO tenant_a;\n${script}\nSET search_path TO public;`,
        );
        await sql!.script("INSERT INTO tenant_a.organizations (id, slug, name) VALUES ('t1', 'tenant', 'Tenant Org')");
        const publicRows = () => sql!.all('SELECT id, slug, name FROM public.organizations ORDER BY id');
        const before = await publicRows();
        assert.ok(before.length > 0);
        await closeGridTabs();
        const url = new URL(pgAdminUrl);
        url.pathname = `/${pgDatabase}`;
        url.searchParams.set('schema', 'tenant_a');
        await config().update('databaseUrl', url.toString(), vscode.ConfigurationTarget.Workspace);
        try {
          const tenant = await openModel(panel.schemaId, 'Organization');
          const shown = await rows(tenant, emptyQuery(), 0, 10);
          assert.deepEqual(
            shown.map((r) => r.slug),
            ['tenant'],
          );
          const r = await save(tenant, {
            updates: [{ key: { id: 't1' }, original: shown[0], changes: { name: 'Tenant Edited' } }],
          });
          assert.ok(r.ok, JSON.stringify(r));
          assert.deepEqual(await sql!.all('SELECT name FROM tenant_a.organizations'), [{ name: 'Tenant Edited' }]);
          assert.deepEqual(await publicRows(), before);
        } finally {
          await closeGridTabs();
          await config().update('databaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
        }
      });
  },
);
