// Import refuses, in words, a file it cannot hold or read faithfully: above the size limit it says so from
// the file's size alone (a sparse 2 GB file here: nothing of it is read), and a file that is not UTF-8 is
// refused instead of writing U+FFFD into the database.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_IMPORT_BYTES, readImportFile } from '../../../src/core/data/importFile';
import { ImportParseError } from '../../../src/core/data/importPlan';

describe('import: files it cannot hold or read faithfully are refused in words', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-import-file-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a 2 GB CSV is refused from its size, with the limit and what to do instead, without reading it', async () => {
    const file = path.join(dir, 'huge.csv');
    fs.writeFileSync(file, 'id,name\n');
    fs.truncateSync(file, 2 * 1024 ** 3); // sparse: no disk space, and reading it would take 2 GB of memory
    const heap = process.memoryUsage().heapUsed;
    await assert.rejects(readImportFile(file), (e: Error) => {
      assert.ok(e instanceof ImportParseError);
      assert.match(e.message, /huge\.csv is 2048 MB: the grid imports files up to 100 MB/);
      assert.match(e.message, /COPY|LOAD DATA|\.import/);
      return true;
    });
    assert.ok(process.memoryUsage().heapUsed - heap < MAX_IMPORT_BYTES, 'the file was read');
  });

  it('a file at the limit is read; one byte over is refused', async () => {
    const file = path.join(dir, 'small.csv');
    fs.writeFileSync(file, 'id,name\n1,café\n');
    assert.equal(await readImportFile(file, 16), 'id,name\n1,café\n');
    await assert.rejects(readImportFile(file, 15), /small\.csv is 0\.0 MB: the grid imports files up to 0\.0 MB/);
  });

  it('a Latin-1 CSV is refused, naming the line, instead of importing U+FFFD', async () => {
    const file = path.join(dir, 'latin1.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('id,name\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    await assert.rejects(
      readImportFile(file),
      (e: Error) =>
        e instanceof ImportParseError && /latin1\.csv is not valid UTF-8 \(first bad byte on line 2\)/.test(e.message),
    );
  });
});
