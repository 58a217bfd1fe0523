// Every integration run names its test files, and every integration test file is in a run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Run {
  name: string;
  env?: Record<string, string>;
}

describe('Integration runs', () => {
  it('include every test/integration/*.test.ts file in at least one run', async () => {
    const dir = path.resolve(__dirname, '..', 'integration');
    const { runs } = (await import(pathToFileURL(path.join(dir, 'runs.mjs')).href)) as { runs: Run[] };
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.test\.ts$/, ''));
    assert.deepEqual(
      runs.filter((r) => !r.env?.PW_TEST_FILES).map((r) => r.name),
      [],
      'every run names its test files',
    );
    const named = new Set(runs.flatMap((r) => r.env?.PW_TEST_FILES?.split(',') ?? []));
    assert.deepEqual(
      files.filter((f) => !named.has(f)),
      [],
      'test files in no run',
    );
    assert.deepEqual(
      [...named].filter((f) => !files.includes(f)),
      [],
      'a run names a file that does not exist',
    );
    assert.equal(new Set(runs.map((r) => r.name)).size, runs.length, 'run names are unique');
  });
});
