import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/core/cli/runCli';

describe('cli: the Prisma CLI as a child process', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pw-runcli-'));
    writeFileSync(
      path.join(dir, 'echo.js'),
      'process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), url: process.env.DATABASE_URL, cwd: process.cwd() }));\nprocess.stderr.write("to stderr\\n");\nprocess.exit(3);\n',
    );
    writeFileSync(path.join(dir, 'hang.js'), 'console.log("started"); setInterval(() => {}, 1000);\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes arguments as an array (no shell), the environment it is given, and returns the exit code', async () => {
    let out = '';
    const code = await runCli({
      node: process.execPath,
      entry: path.join(dir, 'echo.js'),
      argv: ['migrate', 'reset', '--name', 'a; rm -rf / $(x)'],
      cwd: dir,
      env: { ...process.env, DATABASE_URL: 'file:/tmp/x.db' },
      onOutput: (t) => (out += t),
    });
    assert.equal(code, 3);
    const seen = JSON.parse(out.slice(0, out.indexOf('}') + 1)) as { argv: string[]; url: string; cwd: string };
    assert.deepEqual(seen.argv, ['migrate', 'reset', '--name', 'a; rm -rf / $(x)']);
    assert.equal(seen.url, 'file:/tmp/x.db');
    assert.match(out, /to stderr/);
  });

  it('an abort kills the child and resolves', async () => {
    const abort = new AbortController();
    let out = '';
    const done = runCli({
      node: process.execPath,
      entry: path.join(dir, 'hang.js'),
      argv: [],
      cwd: dir,
      env: process.env,
      onOutput: (t) => {
        out += t;
        if (/started/.test(out)) abort.abort();
      },
      signal: abort.signal,
    });
    assert.notEqual(await done, 0);
  });

  it('a CLI that cannot start ends with 1 and says so', async () => {
    let out = '';
    const code = await runCli({
      node: path.join(dir, 'no-such-node'),
      entry: 'x.js',
      argv: [],
      cwd: dir,
      env: process.env,
      onOutput: (t) => (out += t),
    });
    assert.equal(code, 1);
    assert.match(out, /Could not start the Prisma CLI/);
  });
});
