// Import refuses, in words, a file it cannot hold or read faithfully: a JSON file above its size limit is
// refused from its size alone (a sparse 2 GB file here: nothing of it is read); a CSV is streamed, so its
// size is no limit, but a row longer than MAX_ROW_BYTES (a file with no line break) is refused after
// reading that much, and a file that is not UTF-8 is refused naming the line, instead of writing U+FFFD.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_JSON_IMPORT_BYTES, readImportFile } from '../../../src/core/data/importFile';
import { ImportParseError } from '../../../src/core/data/importPlan';
import { MAX_ROW_BYTES, openImportRecords } from '../../../src/core/data/importStream';

async function readAll(file: string): Promise<{ headers: string[]; rows: { line?: number; values: unknown }[] }> {
  const opened = await openImportRecords(file, 'csv');
  const rows: { line?: number; values: unknown }[] = [];
  for await (const r of opened.records) rows.push({ line: r.line, values: { ...r.values } });
  return { headers: opened.headers, rows };
}

describe('import: files it cannot hold or read faithfully are refused in words', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-import-file-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a 2 GB JSON file is refused from its size, with the limit, why, and what to do instead, without reading it', async () => {
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, '[');
    fs.truncateSync(file, 2 * 1024 ** 3); // sparse: no disk space, and reading it would take 2 GB of memory
    const heap = process.memoryUsage().heapUsed;
    await assert.rejects(readImportFile(file), (e: Error) => {
      assert.ok(e instanceof ImportParseError);
      assert.match(e.message, /huge\.json is 2048 MB: the grid imports JSON files up to 100 MB/);
      assert.match(e.message, /as CSV \(read as a stream, any size\)/);
      assert.match(e.message, /COPY|LOAD DATA|\.import/);
      return true;
    });
    assert.ok(process.memoryUsage().heapUsed - heap < MAX_JSON_IMPORT_BYTES, 'the file was read');
  });

  it('a JSON file at the limit is read; one byte over is refused', async () => {
    const file = path.join(dir, 'small.json');
    fs.writeFileSync(file, '[{"a":"café"}]');
    assert.equal(await readImportFile(file, 15), '[{"a":"café"}]');
    await assert.rejects(readImportFile(file, 14), /small\.json is 0\.0 MB: the grid imports JSON files up to 0\.0 MB/);
  });

  it('a 2 GB CSV with no line break is refused at its first over-long row, having read only that much', async () => {
    const file = path.join(dir, 'huge.csv');
    fs.writeFileSync(file, 'id,name\n1,');
    fs.truncateSync(file, 2 * 1024 ** 3); // sparse: NUL bytes, valid UTF-8, no line break
    const rss = process.memoryUsage().rss;
    const t0 = Date.now();
    await assert.rejects(readAll(file), (e: Error) => {
      assert.ok(e instanceof ImportParseError, e.message);
      assert.match(e.message, /huge\.csv has a row longer than 16 MB \(line 2\): a line break is missing/);
      return true;
    });
    assert.ok(Date.now() - t0 < 30_000, 'read far less than the file');
    const grew = process.memoryUsage().rss - rss;
    assert.ok(grew < 20 * MAX_ROW_BYTES, `memory grew by ${Math.round(grew / 1e6)} MB`);
  });

  it('a CSV is read row by row across chunks: a character split between two chunks is kept, lines are counted', async () => {
    const file = path.join(dir, 'chunks.csv');
    // ~3 MB of rows with a 2-byte é at every position, so some straddle the 1 MB chunk boundaries
    const lines = ['id,name'];
    for (let i = 1; i <= 60_000; i++) lines.push(`${i},"caf${'é'.repeat(i % 7)} ""${i}"""`);
    fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
    const { headers, rows } = await readAll(file);
    assert.deepEqual(headers, ['id', 'name']);
    assert.equal(rows.length, 60_000);
    assert.deepEqual(rows[59_999], {
      line: 60_001,
      values: { id: '60000', name: `caf${'é'.repeat(60_000 % 7)} "60000"` },
    });
    assert.ok(rows.every((r) => !String((r.values as { name: string }).name).includes('\ufffd')));
  });

  it('a Latin-1 CSV is refused, naming the line, instead of importing U+FFFD (also past the first chunk)', async () => {
    const file = path.join(dir, 'latin1.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('id,name\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    await assert.rejects(
      readAll(file),
      (e: Error) =>
        e instanceof ImportParseError && /latin1\.csv is not valid UTF-8 \(first bad byte on line 2\)/.test(e.message),
    );
    const late = path.join(dir, 'late.csv');
    const good = Array.from({ length: 150_000 }, (_, i) => `${i},name ${i}`).join('\n');
    fs.writeFileSync(late, Buffer.concat([Buffer.from(`id,name\n${good}\n150000,caf`), Buffer.from([0xe9, 0x0a])]));
    await assert.rejects(
      readAll(late),
      (e: Error) =>
        e instanceof ImportParseError &&
        /late\.csv is not valid UTF-8 \(first bad byte on line 150002\)/.test(e.message),
    );
  });
});
