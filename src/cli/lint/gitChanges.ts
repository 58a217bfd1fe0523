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
  /** A file's text at the ref's tip; undefined when it is not there. */
  fileAtBase(file: string): Promise<string | undefined>;
  /**
   * The sub-folders of `dir` in the commit (of HEAD's history) that added `file`: what a migration was
   * written next to. undefined when no commit added it (not committed yet).
   */
  foldersWhenAdded(dir: string, file: string): Promise<string[] | undefined>;
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
  const rel = (p: string) => path.relative(top, p).split(path.sep).join('/');
  const folders = async (commit: string, dir: string) => {
    const out = await git(top, ['ls-tree', '-d', '-z', '--name-only', commit, '--', `${rel(dir)}/`]);
    return paths(out).map((p) => p.slice(p.lastIndexOf('/') + 1));
  };
  return {
    files: new Set([...paths(diff), ...paths(untracked)].map((p) => path.resolve(top, p))),
    foldersAtBase: (dir) => folders(ref, dir),
    fileAtBase: async (file) => {
      try {
        return await git(top, ['show', `${ref}:${rel(file)}`]);
      } catch {
        return undefined;
      }
    },
    foldersWhenAdded: async (dir, file) => {
      const commit = (await git(top, ['log', '-1', '--diff-filter=A', '--format=%H', 'HEAD', '--', rel(file)])).trim();
      return commit ? folders(commit, dir) : undefined;
    },
  };
}
