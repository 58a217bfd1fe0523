// --since <ref>: the files a branch changed since it left <ref> (committed, staged, unstaged and untracked),
// as absolute paths. git runs with an argument array (no shell), in the folder the CLI runs in.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const paths = (out: string) => out.split('\0').filter((p) => p !== '');

export interface Changes {
  /** Absolute paths changed since the merge base. */
  readonly files: Set<string>;
  /** Names of the sub-folders `dir` holds at the ref's tip (the migration folders the base branch has now). */
  foldersAtBase(dir: string): Promise<string[]>;
}

export async function changedSince(cwd: string, ref: string): Promise<Changes> {
  if (ref.startsWith('-')) throw new Error(`--since ${ref}: not a git ref`);
  const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  let base: string;
  try {
    // where the branch left ref: changes ref got since then are not the branch's
    base = (await git(cwd, ['merge-base', ref, 'HEAD'])).trim();
  } catch {
    throw new Error(`--since ${ref}: git does not know this ref here (fetch it first, e.g. fetch-depth: 0 in CI)`);
  }
  const [diff, untracked] = await Promise.all([
    git(top, ['diff', '--name-only', '--no-renames', '-z', base, '--']),
    git(top, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  return {
    files: new Set([...paths(diff), ...paths(untracked)].map((p) => path.resolve(top, p))),
    foldersAtBase: async (dir) => {
      const rel = path.relative(top, dir).split(path.sep).join('/');
      const out = await git(top, ['ls-tree', '-d', '-z', '--name-only', ref, '--', `${rel}/`]);
      return paths(out).map((p) => p.slice(p.lastIndexOf('/') + 1));
    },
  };
}
