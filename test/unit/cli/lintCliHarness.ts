// The lint CLI as users run it: bundled by the same esbuild options as `npm run build` (scripts/lintCliBuild.mjs)
// into a temporary folder once per test process, then run with node as a child process.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
// @ts-expect-error: plain ESM module of the build scripts, no type declarations
import { copyLintCliRuntime, lintCliBuild } from '../../../scripts/lintCliBuild.mjs';

let built: Promise<string> | undefined;
const temporary: string[] = [];

function removeAtExit(dir: string): void {
  if (temporary.length === 0)
    process.once('exit', () => {
      for (const d of temporary) rmSync(d, { recursive: true, force: true });
    });
  temporary.push(dir);
}

/** Path of the bundled CLI (lint.js). */
export function lintCliBundle(): Promise<string> {
  built ??= (async () => {
    // under the repo (.cache is git-ignored), as in an installed package: the SQLite driver's native binary
    // (@libsql/<platform>) resolves from a node_modules above the bundle
    const cache = path.join(__dirname, '..', '..', '..', '.cache');
    mkdirSync(cache, { recursive: true });
    const out = mkdtempSync(path.join(cache, 'lint-cli-'));
    removeAtExit(out);
    await esbuild.build(lintCliBuild(out));
    copyLintCliRuntime(out);
    return path.join(out, 'lint.js');
  })();
  return built;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runLintCli(args: readonly string[], cwd: string): Promise<CliRun> {
  const bundle = await lintCliBundle();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bundle, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
    });
  });
}

/** A temporary folder with the given files (paths relative to it); removed at exit. */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-lint-project-'));
  removeAtExit(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}
