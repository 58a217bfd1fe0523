// The Query History view's items, as the user reads them: the first line of the statement, "rows · duration ·
// when" or the error, and a tooltip whose code block and error text cannot turn into links, images or icons.
import { strict as assert } from 'node:assert';
import { duration, firstLine, historyItems } from '../../../src/core/notebook/historyView';
import { cellOf, isHistory, type HistoryEntry } from '../../../src/core/notebook/runHistory';

const AT = 1_700_000_000_000;
const entry = (sql: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  sql,
  at: AT,
  durationMs: 12.4,
  ok: true,
  mode: 'read-only',
  rows: 3,
  ...extra,
});
const time = () => 'at the time';

describe('Query History view items', () => {
  it('labels a run with its first non-blank line, says when more follows, and clips a long line', () => {
    assert.equal(firstLine('\n  SELECT *\n  FROM users\n'), 'SELECT * …');
    assert.equal(firstLine('SELECT   1  '), 'SELECT 1');
    assert.equal(firstLine('   \n '), '(empty)');
    const long = firstLine(`SELECT ${'x, '.repeat(60)}y`);
    assert.equal(long.length, 80);
    assert.ok(long.endsWith('…'));
  });

  it('describes a run as rows · duration · when, newest first as stored', () => {
    const items = historyItems(
      [
        entry('SELECT 1', { rows: 1, at: AT + 60_000 }),
        entry('UPDATE users SET name = 1', { mode: 'writes', affectedRows: 2, durationMs: 1460, rows: undefined }),
        entry('SELECT * FROM big', { rows: 0, durationMs: 125_000 }),
      ],
      AT + 125_000,
      time,
    );
    assert.deepEqual(
      items.map((i) => [i.index, i.label, i.description, i.contextValue, i.icon.id]),
      [
        [0, 'SELECT 1', '1 row · 12 ms · 1 min ago', 'historyRun.ok', 'pass'],
        [1, 'UPDATE users SET name = 1', '2 rows changed · 1.5 s · 2 min ago', 'historyRun.ok', 'pass'],
        [2, 'SELECT * FROM big', '0 rows · 2 min 5 s · 2 min ago', 'historyRun.ok', 'pass'],
      ],
    );
    assert.equal(duration(999.6), '1.0 s');
    assert.equal(duration(60_000), '1 min 0 s');
  });

  it('describes a failed run by its error, with an error icon', () => {
    const [item] = historyItems(
      [entry('SELEC 1', { ok: false, error: 'near "SELEC": syntax error' })],
      AT + 5_000,
      time,
    );
    assert.equal(item.description, 'near "SELEC": syntax error · 5 s ago');
    assert.equal(item.contextValue, 'historyRun.failed');
    assert.deepEqual(item.icon, { id: 'error', color: 'testing.iconFailed' });
    assert.match(item.tooltip, /\*\*Failed\*\* after 12 ms: near \\"SELEC\\"\\: syntax error/);
  });

  it('puts the whole statement in a code block it cannot close, and escapes the rest', () => {
    const sql = "SELECT '```' AS fence, '[x](command:workbench.action.quit)' AS link\nFROM users";
    const [item] = historyItems(
      [entry(sql, { ok: false, error: '![img](https://example.com/x.png) $(zap) <b>bold</b>' })],
      AT,
      time,
    );
    const block = /^\n(`{4,})sql\n([\s\S]*?)\n\1\n/.exec(item.tooltip);
    assert.ok(block, item.tooltip);
    assert.equal(block[2], sql, 'the statement is whole and verbatim inside the block');
    const after = item.tooltip.slice(block[0].length);
    assert.ok(!/!\[|\]\(|\$\(|<b>/.test(after), `unescaped markdown after the block: ${after}`);
    assert.match(after, /Ran at the time \(0 s ago\)/);
  });

  it('shows a Prisma Client cell as TypeScript and reruns it as the language it ran in', () => {
    const client = entry('await prisma.user.count()', { language: 'prisma-client', rows: 1 });
    assert.match(historyItems([client], AT, time)[0].tooltip, /^\n```typescript\n/);
    assert.deepEqual(cellOf(client), { source: 'await prisma.user.count()', language: 'prisma-client', writes: false });
    // kept before the language was: SQL
    assert.deepEqual(cellOf(entry('DELETE FROM x', { mode: 'writes' })), {
      source: 'DELETE FROM x',
      language: 'sql',
      writes: true,
    });
    assert.ok(isHistory([client]));
    assert.ok(!isHistory([{ ...client, language: 7 }]));
  });
});

describe('History of a TypedSQL run', () => {
  it('keeps the values its run bound: the tooltip says them, a rerun binds them again', () => {
    const typedSql = { file: 'file:///p/prisma/sql/byRole.sql', values: ['admin', '3'] };
    const run = entry('SELECT * FROM "User" WHERE role = $1 AND id > $2', { typedSql, rows: 2 });
    assert.match(historyItems([run], AT, time)[0].tooltip, /With 1: \\"admin\\", 2: \\"3\\"/);
    assert.deepEqual(cellOf(run), { source: run.sql, language: 'sql', writes: false, typedSql });
    assert.ok(isHistory([run]));
    assert.ok(!isHistory([{ ...run, typedSql: { file: 'x', values: [1] } }]));
  });
});
