// The lint CLI (prisma-workbench-lint, bundled as `npm run build` bundles it) on 1,000 PostgreSQL migrations,
// cold: each run is a fresh process (node start, bundle load, parser wasm load, lint, report). Beside it, the
// reference: Squawk (squawk-cli on npm) on the same migration.sql files, also a fresh process per run.
// Squawk's npm package ships its native binary as an npm optional dependency (@squawk-cli/<platform>); the
// bench installs squawk-cli into .cache/squawk-cli on its first run (it is not a dependency of this project)
// and runs that binary directly (the reference figure) and through the package's `squawk` JS launcher (what
// `npx squawk` runs). If Squawk cannot be installed or run, the bench says why and prints our figures only.
// Corpus: the sample-postgres fixture's real migrations (engine-generated), repeated with renamed tables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
// @ts-expect-error: plain ESM module of the build scripts, no type declarations
import { copyLintCliRuntime, lintCliBuild } from '../scripts/lintCliBuild.mjs';

const COUNT = 1000;
const RUNS = 5;
const SQUAWK_VERSION = '2.66.0';
const root = path.resolve(__dirname, '..');
const cache = path.join(root, '.cache');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function baseMigrations(): string[] {
  const dir = path.join(root, 'test', 'fixtures', 'projects', 'sample-postgres', 'prisma', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((n) => readFileSync(path.join(dir, n, 'migration.sql'), 'utf8'));
}

/** A project with COUNT migrations: each copy of the chain builds its own tables (identifiers suffixed). */
function makeProject(count: number): { dir: string; files: string[]; kb: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-bench-lintcli-'));
  const migrations = path.join(dir, 'prisma', 'migrations');
  mkdirSync(migrations, { recursive: true });
  writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
  writeFileSync(path.join(migrations, 'migration_lock.toml'), 'provider = "postgresql"\n');
  const base = baseMigrations();
  const files: string[] = [];
  let bytes = 0;
  for (let copy = 0; files.length < count; copy++) {
    for (const sql of base) {
      if (files.length >= count) break;
      const renamed = sql.replace(/(["`])([A-Za-z_][\w]*)\1/g, (_m, q: string, id: string) => `${q}${id}_${copy}${q}`);
      const i = files.length;
      const name = `${20260101000000 + i}_m${i}`;
      mkdirSync(path.join(migrations, name));
      const file = path.join(migrations, name, 'migration.sql');
      writeFileSync(file, renamed);
      files.push(file);
      bytes += Buffer.byteLength(renamed);
    }
  }
  return { dir, files, kb: bytes / 1024 };
}

async function buildCli(): Promise<string> {
  const out = path.join(cache, 'bench-lint-cli');
  mkdirSync(out, { recursive: true });
  await esbuild.build(lintCliBuild(out, { production: true }));
  copyLintCliRuntime(out);
  return path.join(out, 'lint.js');
}

/** squawk-cli installed into .cache/squawk-cli (first run only); the native binary and the JS launcher. */
function squawk(): { binary: string; launcher: string } | { reason: string } {
  const dir = path.join(cache, `squawk-cli-${SQUAWK_VERSION}`);
  const key = `${process.platform}-${process.arch}`;
  const binary = path.join(
    dir,
    'node_modules',
    '@squawk-cli',
    key,
    'bin',
    process.platform === 'win32' ? 'squawk.exe' : 'squawk',
  );
  const launcher = path.join(dir, 'node_modules', 'squawk-cli', 'js', 'bin', 'squawk');
  if (!existsSync(binary)) {
    console.log(`  (first run: installing squawk-cli@${SQUAWK_VERSION} into ${path.relative(root, dir)})`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "squawk-bench", "private": true }\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', `squawk-cli@${SQUAWK_VERSION}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status !== 0)
      return {
        reason: `npm install squawk-cli@${SQUAWK_VERSION} failed: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-3).join(' ')}`,
      };
    if (!existsSync(binary))
      return {
        reason: `squawk-cli@${SQUAWK_VERSION} installed, but npm did not install its binary package @squawk-cli/${key} (no binary for this platform?)`,
      };
  }
  const v = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) return { reason: `${binary} does not run here: ${(v.stderr || String(v.error)).trim()}` };
  return { binary, launcher };
}

interface Command {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/**
 * Wall time of fresh processes, median of RUNS: the commands take turns (round by round), so a busy moment of
 * the machine does not land on one of them only. Returns each one's median and its last output.
 */
function timed(commands: readonly Command[]): { ms: number; stdout: string; status: number | null }[] {
  const times = commands.map(() => [] as number[]);
  const last = commands.map(() => ({ stdout: '', status: null as number | null }));
  for (let round = 0; round < RUNS; round++) {
    commands.forEach((c, i) => {
      const t0 = performance.now();
      const r = spawnSync(c.cmd, [...c.args], { cwd: c.cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
      times[i]!.push(performance.now() - t0);
      if (r.error) throw r.error;
      last[i] = { stdout: r.stdout, status: r.status };
    });
  }
  return commands.map((_, i) => ({ ms: median(times[i]!), ...last[i]! }));
}

export async function run(): Promise<void> {
  const cli = await buildCli();
  const project = makeProject(COUNT);
  const one = makeProject(1);
  try {
    console.log(
      `  ${COUNT} PostgreSQL migrations (${project.kb.toFixed(0)} KB, the sample-postgres chain repeated), each run a fresh process, median of ${RUNS} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
    );
    const ourRun = (dir: string) => ({ cmd: process.execPath, args: [cli, '--format', 'json'], cwd: dir });
    const sq = squawk();
    const rel = project.files.map((f) => path.relative(project.dir, f));
    const oneRel = [path.relative(one.dir, one.files[0]!)];
    const squawkRuns: Command[] =
      'reason' in sq
        ? []
        : [
            { cmd: sq.binary, args: ['--reporter', 'json', ...rel], cwd: project.dir },
            { cmd: sq.binary, args: ['--reporter', 'json', ...oneRel], cwd: one.dir },
            { cmd: process.execPath, args: [sq.launcher, '--reporter', 'json', ...rel], cwd: project.dir },
            { cmd: process.execPath, args: [sq.launcher, '--reporter', 'json', ...oneRel], cwd: one.dir },
          ];
    const [ours, ourStart, native, nativeStart, viaNpm, viaNpmStart] = timed([
      ourRun(project.dir),
      ourRun(one.dir),
      ...squawkRuns,
    ]);
    if (ours!.status !== 0 && ours!.status !== 1) throw new Error(`the lint CLI exited ${ours!.status}`);
    const ourFindings = (JSON.parse(ours!.stdout) as { findings: unknown[] }).findings.length;
    const row = (label: string, ms: number, startMs: number, findings: string) =>
      console.log(
        `  ${label.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms   ${(ms / COUNT).toFixed(2).padStart(6)} ms/file   ${startMs.toFixed(0).padStart(5)} ms on 1 file   ${((ms - startMs) / (COUNT - 1)).toFixed(2).padStart(6)} ms/file   ${findings}`,
      );
    console.log(
      `  ${''.padEnd(52)} ${'total'.padStart(10)}   ${'per file'.padStart(14)}   ${'start-up'.padStart(16)}   ${'after start-up'.padStart(14)}   findings`,
    );
    row('prisma-workbench-lint (node, bundled)', ours!.ms, ourStart!.ms, String(ourFindings));
    if ('reason' in sq) {
      console.log(`  Squawk could not run, so no ratio: ${sq.reason}`);
      console.log(`  ours per file: ${(ours!.ms / COUNT).toFixed(2)} ms`);
      return;
    }
    const count = (out: string) => {
      try {
        return String((JSON.parse(out) as unknown[]).length);
      } catch {
        return '?';
      }
    };
    row(`Squawk ${SQUAWK_VERSION} (native Rust binary from npm)`, native!.ms, nativeStart!.ms, count(native!.stdout));
    row(
      `Squawk ${SQUAWK_VERSION} via its npm launcher (npx squawk)`,
      viaNpm!.ms,
      viaNpmStart!.ms,
      count(viaNpm!.stdout),
    );
    const ratio = ours!.ms / native!.ms;
    console.log(
      `  per file, ours / Squawk native: ${ratio.toFixed(2)}x (${ratio <= 1 ? 'ours faster: goal met' : 'ours slower: goal NOT met'}); ours / Squawk via npm: ${(ours!.ms / viaNpm!.ms).toFixed(2)}x`,
    );
    console.log(
      `  (not the same work: Squawk checks each file alone with its PostgreSQL rules and prints ${(Buffer.byteLength(native!.stdout) / 1e6).toFixed(1)} MB of JSON; ours replays the whole history with table state, Prisma-aware rules and branch conflicts)`,
    );
  } finally {
    rmSync(project.dir, { recursive: true, force: true });
    rmSync(one.dir, { recursive: true, force: true });
  }
}
