// Runs the Prisma CLI as a child process: Node and the CLI's JS entry with an argument array (no shell),
// output handed over as it comes, the exit code returned, and an abort signal that kills the child.
import { spawn } from 'node:child_process';

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

/** Resolves with the exit code (a signal or a failed start counts as 1). */
export function runCli(run: CliRun): Promise<number> {
  return new Promise((resolve) => {
    if (run.signal?.aborted) {
      resolve(1);
      return;
    }
    const child = spawn(run.node, [run.entry, ...run.argv], {
      cwd: run.cwd,
      env: run.env as NodeJS.ProcessEnv,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    run.signal?.addEventListener('abort', kill, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => run.onOutput(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => run.onOutput(d));
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
    child.on('close', (code) => done(code ?? 1));
  });
}
