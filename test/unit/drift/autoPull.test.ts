import assert from 'node:assert/strict';
import type { DriftReport } from '../../../src/core/drift';
import {
  WATCH_REASON,
  autoPullDecision,
  databaseMoved,
  changedLines,
  mergeDatabaseColumns,
  type AutoPullInputs,
} from '../../../src/core/drift/autoPull';

const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } };
const differs: DriftReport = {
  state: 'schemaDiffers',
  comparisons: ['schemaDatabase'],
  pending: [],
  failed: [],
  edited: [],
  missingLocally: [],
  sql: {},
  notes: [],
  durationMs: 1,
  findings: [
    {
      comparison: 'schemaDatabase',
      message: 'Column `User.nickname` exists in the database but not in the schema.',
      item: { kind: 'column', change: 'removed', line: '' },
      spot: { file: '/p/schema.prisma', range, block: 'User', onDatasource: false },
    },
  ],
};
const base: AutoPullInputs = {
  enabled: true,
  reason: WATCH_REASON,
  report: differs,
  dirtyFiles: [],
  normalizedUnchanged: true,
};

describe('drift: auto-pull for introspection-only projects', () => {
  it('pulls on a watch-mode database change when the schema differs and nothing is unsaved', () => {
    assert.deepEqual(autoPullDecision(base), { pull: true });
  });

  it('never without the setting, outside watch mode, in sync, or in a project with migrations', () => {
    assert.equal(autoPullDecision({ ...base, enabled: false }).pull, false);
    assert.equal(autoPullDecision({ ...base, reason: 'changed' }).pull, false);
    assert.equal(autoPullDecision({ ...base, reason: 'command' }).pull, false);
    assert.equal(autoPullDecision({ ...base, report: { ...differs, findings: [], state: 'inSync' } }).pull, false);
    assert.equal(
      autoPullDecision({
        ...base,
        report: {
          ...differs,
          comparisons: ['schemaMigrations', 'migrationsDatabase'],
          findings: differs.findings.map((f) => ({ ...f, comparison: 'migrationsDatabase' as const })),
        },
      }).pull,
      false,
    );
    assert.equal(autoPullDecision({ ...base, report: undefined }).pull, false);
    assert.equal(
      autoPullDecision({
        ...base,
        report: {
          ...differs,
          state: 'error',
          error: { kind: 'unreachable', message: 'x', nextStep: 'y', spot: { file: '/p', range, onDatasource: true } },
        },
      }).pull,
      false,
    );
  });

  it('refuses over unsaved changes or settings a pull would drop, and says so to the user', () => {
    const dirty = autoPullDecision({ ...base, dirtyFiles: ['/p/schema.prisma'] });
    assert.deepEqual(dirty, { pull: false, why: 'the schema file has unsaved changes', tell: true });
    const url = autoPullDecision({ ...base, normalizedUnchanged: false });
    assert.equal(url.pull, false);
    assert.ok(!url.pull && url.tell && /datasource url/.test(url.why));
    const quiet = autoPullDecision({ ...base, enabled: false });
    assert.ok(!quiet.pull && !quiet.tell);
  });

  it('counts changed lines', () => {
    assert.equal(changedLines('a\nb\nc', 'a\nb\nc'), 0);
    assert.equal(changedLines('a\nb\nc', 'a\nb\nx\nc'), 1);
    assert.equal(changedLines('a\nb\nc', 'a\nc'), 1);
    assert.equal(changedLines('a\nb', 'a\nB'), 2);
  });

  describe('columns the database gained are inserted into the files as they are', () => {
    const mine = `// my notes about this schema
datasource db {
  provider = "sqlite"
}

// people
model notes {
  id    Int    @id @default(autoincrement())
  title String // the heading
}

model tags {
  id Int @id
}
`;
    const pulled = `datasource db {
  provider = "sqlite"
}

model notes {
  id    Int     @id @default(autoincrement())
  title String
  motto String?
  hobby String?
}

model tags {
  id    Int     @id
  label String?
}
`;
    const one = (content: string) => [{ path: '/p/schema.prisma', content }];
    const merge = (theirs: string) => mergeDatabaseColumns(one(mine), one(theirs));

    it("keeps the comments and layout, adds each new field after the model's last one, in the pulled order", () => {
      const [merged] = merge(pulled)!;
      assert.equal(
        merged.content,
        mine
          .replace(
            '  title String // the heading\n',
            '  title String // the heading\n  motto String?\n  hobby String?\n',
          )
          .replace('  id Int @id\n', '  id Int @id\n  label String?\n'),
      );
    });

    it('anything else that differs (a new table, a changed or removed field, a block attribute, nothing at all): the pulled files are used whole', () => {
      assert.equal(merge(`${pulled}\nmodel audit {\n  id Int @id\n}\n`), undefined, 'a new table');
      assert.equal(merge(pulled.replace('title String', 'title String?')), undefined, 'a changed field');
      assert.equal(merge(pulled.replace('  title String\n', '')), undefined, 'a field the database no longer has');
      assert.equal(
        merge(pulled.replace('  label String?\n}', '  label String?\n\n  @@map("tag")\n}')),
        undefined,
        'a block attribute',
      );
      assert.equal(merge(mine.replace(' // the heading', '')), undefined, 'the same schema: nothing to insert');
    });

    it('a // inside a string is no comment: a changed URL default is a difference', () => {
      const withUrl = (url: string, extra = '') =>
        `model links {\n  id  Int    @id\n  url String @default("${url}")${extra}\n}\n`;
      assert.equal(
        mergeDatabaseColumns(
          one(withUrl('http://a.test')),
          one(`${withUrl('http://b.test')}`.replace('\n}', '\n  hits Int?\n}')),
        ),
        undefined,
      );
      const [kept] = mergeDatabaseColumns(
        one(withUrl('http://a.test', ' // where to go')),
        one(withUrl('http://a.test').replace('\n}', '\n  hits Int?\n}')),
      )!;
      assert.ok(kept.content.includes('// where to go\n  hits Int?\n}'), kept.content);
    });
  });

  it('a database change is news whichever check saw it first; the first look and a missing fingerprint are not', () => {
    assert.equal(databaseMoved('a', 'b'), true);
    assert.equal(databaseMoved('a', 'a'), false);
    assert.equal(databaseMoved(undefined, 'b'), false);
    assert.equal(databaseMoved('a', undefined), false);
  });
});
