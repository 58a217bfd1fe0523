// Runs the Prisma CLI as a child process: Node and the CLI's JS entry with an argument array (no shell),
// output handed over as it comes, the exit code returned, and an abort signal that kills the child.
// On Windows too: `node <entry>`, never `prisma.cmd` or `npx` (a .cmd runs only through cmd.exe, which
// re-parses quotes, `&` and `%`); Node quotes each argument for the child's command line itself. The
// platform is a parameter so that tests run the Windows logic on Linux.
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface CliRun {
  /** The Node binary (the extension host's own, with ELECTRON_RUN_AS_NODE under Electron). */
  readonly node: string;
  /** `node_modules/prisma/build/index.js`. */
  readonly entry: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The whole environment of the child. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onOutput: (text: string) => void;
  readonly signal?: AbortSignal;
}

/** What runCli starts processes with; tests pass fakes and another platform. */
export interface ProcessHost {
  readonly platform: NodeJS.Platform;
  readonly spawn: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
  /** Runs a program without a shell (taskkill on Windows). */
  readonly execFile: (file: string, args: readonly string[], done: (error: Error | null) => void) => void;
}

export const nodeProcessHost: ProcessHost = {
  platform: process.platform,
  spawn: (command, args, options) => spawn(command, [...args], options),
  execFile: (file, args, done) => void execFile(file, [...args], { windowsHide: true }, (e) => done(e)),
};

export interface CliSpawn {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: SpawnOptions;
}

/** The process runCli starts, or why it must not: Node itself with the JS entry, never a shell or a shim. */
export function cliSpawn(run: CliRun, platform: NodeJS.Platform): CliSpawn | { readonly refused: string } {
  if (platform === 'win32' && /\.(cmd|bat)$/i.test(run.node))
    return { refused: `${run.node} is a batch file; the Prisma CLI runs with node.exe itself, never through cmd.exe` };
  if (!/\.[cm]?js$/i.test(run.entry))
    return { refused: `${run.entry} is not the Prisma CLI's JavaScript entry (node_modules/prisma/build/index.js)` };
  return {
    command: run.node,
    args: [run.entry, ...run.argv],
    options: {
      cwd: run.cwd,
      env: run.env as NodeJS.ProcessEnv,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      // Node quotes each argument for the Windows command line (spaces, quotes, backslashes)
      windowsVerbatimArguments: false,
    },
  };
}

/** Resolves with the exit code (a signal or a failed start counts as 1). */
export function runCli(run: CliRun, host: ProcessHost = nodeProcessHost): Promise<number> {
  return new Promise((resolve) => {
    if (run.signal?.aborted) {
      resolve(1);
      return;
    }
    const how = cliSpawn(run, host.platform);
    if ('refused' in how) {
      run.onOutput(`Could not start the Prisma CLI: ${how.refused}\n`);
      resolve(1);
      return;
    }
    let child: ChildProcess;
    try {
      child = host.spawn(how.command, how.args, how.options);
    } catch (e) {
      run.onOutput(`Could not start the Prisma CLI: ${e instanceof Error ? e.message : String(e)}\n`);
      resolve(1);
      return;
    }
    const kill = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Windows has no SIGTERM: kill() ends node.exe alone and leaves the schema engine it started running
      // (holding the SQLite file open). taskkill /T ends the whole tree.
      if (host.platform === 'win32' && child.pid !== undefined)
        host.execFile('taskkill', ['/pid', String(child.pid), '/T', '/F'], (e) => e && child.kill());
      else child.kill('SIGTERM');
    };
    run.signal?.addEventListener('abort', kill, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (d: string) => run.onOutput(d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => run.onOutput(d));
    let settled = false;
    const done = (code: number) => {
      if (settled) return;
      settled = true;
      run.signal?.removeEventListener('abort', kill);
      resolve(code);
    };
    child.on('error', (e) => {
      run.onOutput(`Could not start the Prisma CLI: ${e.message}\n`);
      done(1);
    });
    child.on('close', (code: number | null) => done(code ?? 1));
  });
}
