import assert from 'node:assert/strict';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { cliSpawn, runCli, type CliRun, type ProcessHost } from '../../../src/core/cli/runCli';

const awkward = [
  'migrate',
  'dev',
  '--name',
  'add "quoted" & 100% ^done',
  '--schema',
  'C:\\Users\\Ana Lía\\C# app\\schema.prisma',
];
const winRun: CliRun = {
  node: 'C:\\Program Files\\Microsoft VS Code\\Code.exe',
  entry: 'C:\\Users\\Ana Lía\\my "proj"\\node_modules\\prisma\\build\\index.js',
  argv: awkward,
  cwd: 'C:\\Users\\Ana Lía\\my "proj"',
  env: { ELECTRON_RUN_AS_NODE: '1' },
  onOutput: () => undefined,
};

/** A child process that records how it was killed and closes when told. */
function fakeHost(platform: NodeJS.Platform) {
  const calls: {
    spawn: { command: string; args: readonly string[]; options: SpawnOptions }[];
    exec: string[][];
    kills: unknown[];
  } = {
    spawn: [],
    exec: [],
    kills: [],
  };
  let child: EventEmitter & { stdout: PassThrough };
  const host: ProcessHost = {
    platform,
    spawn: (command, args, options) => {
      calls.spawn.push({ command, args, options });
      child = Object.assign(new EventEmitter(), {
        pid: 4242,
        exitCode: null,
        signalCode: null,
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        kill: (s?: NodeJS.Signals) => {
          calls.kills.push(s);
          queueMicrotask(() => child.emit('close', null));
          return true;
        },
      });
      queueMicrotask(() => child.stdout.write('started'));
      return child as unknown as ChildProcess;
    },
    execFile: (file, args, done) => {
      calls.exec.push([file, ...args]);
      queueMicrotask(() => {
        done(null);
        child.emit('close', 1);
      });
    },
  };
  return { host, calls };
}

describe('platform: spawning the Prisma CLI', () => {
  it('Windows: node.exe with the JS entry, no shell, every argument intact as its own array item (win32 logic, run on Linux)', () => {
    const how = cliSpawn(winRun, 'win32');
    assert.ok(!('refused' in how));
    assert.equal(how.command, winRun.node);
    assert.deepEqual(how.args, [winRun.entry, ...awkward]);
    assert.equal(how.options.shell, false);
    assert.equal(how.options.windowsVerbatimArguments, false, 'Node quotes each argument for the command line');
    assert.equal(how.options.windowsHide, true);
    assert.equal(how.options.cwd, winRun.cwd);
  });

  it('Windows: a .cmd shim (npx.cmd, prisma.cmd) is refused: it would run through cmd.exe (win32 logic, run on Linux)', () => {
    const npx = cliSpawn({ ...winRun, node: 'C:\\Program Files\\nodejs\\npx.CMD' }, 'win32');
    assert.match('refused' in npx ? npx.refused : '', /batch file/);
    const shim = cliSpawn({ ...winRun, entry: 'C:\\proj\\node_modules\\.bin\\prisma.cmd' }, 'win32');
    assert.match('refused' in shim ? shim.refused : '', /JavaScript entry/);
  });

  it('Windows: cancelling ends the whole tree with taskkill /T (the schema engine too), without a shell (win32 logic, run on Linux)', async () => {
    const { host, calls } = fakeHost('win32');
    const abort = new AbortController();
    const code = await runCli(
      { ...winRun, signal: abort.signal, onOutput: (t) => /started/.test(t) && abort.abort() },
      host,
    );
    assert.equal(code, 1);
    assert.equal(calls.spawn.length, 1);
    assert.deepEqual(calls.exec, [['taskkill', '/pid', '4242', '/T', '/F']]);
    assert.deepEqual(calls.kills, [], 'not child.kill(), which ends node.exe alone');
  });

  it('Linux and macOS: cancelling sends SIGTERM to the child', async () => {
    const { host, calls } = fakeHost('darwin');
    const abort = new AbortController();
    await runCli({ ...winRun, signal: abort.signal, onOutput: (t) => /started/.test(t) && abort.abort() }, host);
    assert.deepEqual(calls.kills, ['SIGTERM']);
    assert.deepEqual(calls.exec, []);
  });

  describe('on this machine', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'pw spawn "q" #1 '));
      writeFileSync(path.join(dir, 'argv.js'), 'process.stdout.write(JSON.stringify(process.argv.slice(2)));\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('arguments with spaces, quotes, & % ^ $ ` and non-ASCII reach the CLI unchanged, from a folder with spaces and quotes', async () => {
      const argv = [...awkward, '$(touch x)', '`id`', 'ünï 数据', ''];
      let out = '';
      const code = await runCli({
        node: process.execPath,
        entry: path.join(dir, 'argv.js'),
        argv,
        cwd: dir,
        env: process.env,
        onOutput: (t) => (out += t),
      });
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(out), argv);
    });
  });
});
