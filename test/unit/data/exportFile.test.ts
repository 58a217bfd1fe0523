// An export that fails or is cancelled part-way leaves no half-written file: not a truncated new one, and
// not a clobbered earlier export at the same path. A finished one is written whole. A file that cannot be
// written (its folder is gone) is an error the caller catches, never an unhandled 'error' event.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeExportFile } from '../../../src/core/data/exportFile';

async function* pieces(n: number, fail?: { at: number; abort?: AbortController }): AsyncGenerator<string> {
  for (let i = 0; i < n; i++) {
    if (fail && i === fail.at) {
      if (!fail.abort) throw new Error('the connection was lost');
      fail.abort.abort();
      return;
    }
    yield `row ${i}\n`;
  }
}

describe('grid export file', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secreview-export-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a finished export whole, leaving nothing else in the folder', async () => {
    const file = path.join(dir, 'User.csv');
    assert.equal(await writeExportFile(file, pieces(3)), true);
    assert.equal(fs.readFileSync(file, 'utf8'), 'row 0\nrow 1\nrow 2\n');
    assert.deepEqual(fs.readdirSync(dir), ['User.csv']);
  });

  it('a failure part-way leaves no truncated file, and an earlier export at that path as it was', async () => {
    const fresh = path.join(dir, 'fresh.csv');
    await assert.rejects(writeExportFile(fresh, pieces(5, { at: 2 })), /connection was lost/);
    const earlier = path.join(dir, 'earlier.csv');
    fs.writeFileSync(earlier, 'the whole earlier export\n');
    await assert.rejects(writeExportFile(earlier, pieces(5, { at: 2 })), /connection was lost/);
    assert.deepEqual(fs.readdirSync(dir), ['earlier.csv']);
    assert.equal(fs.readFileSync(earlier, 'utf8'), 'the whole earlier export\n');
  });

  it('a cancelled export leaves no file', async () => {
    const abort = new AbortController();
    const file = path.join(dir, 'User.json');
    assert.equal(await writeExportFile(file, pieces(5, { at: 3, abort }), abort.signal), false);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a path that cannot be written rejects (no unhandled error event)', async () => {
    const file = path.join(dir, 'gone', 'User.csv');
    await assert.rejects(writeExportFile(file, pieces(3)), /ENOENT/);
  });
});
