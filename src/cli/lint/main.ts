// `prisma-workbench-lint`: the migration lint of the Prisma Workbench extension as a command for CI, pull
// requests and pre-commit hooks. esbuild bundles this file into dist/cli/lint.js (a package `bin`); nothing
// it reaches imports `vscode` (test/unit/cli/lintBundle.test.ts checks the bundle).
import { USAGE, parseLintArgs } from './args';
import { render, exitCode, summary } from './report';
import { runLint } from './run';

/** Set by esbuild from package.json (the unbundled source, run by tests, says `dev`). */
declare const PRISMA_WORKBENCH_VERSION: string | undefined;
const version = typeof PRISMA_WORKBENCH_VERSION === 'string' ? PRISMA_WORKBENCH_VERSION : 'dev';

export async function main(argv: readonly string[], cwd: string): Promise<number> {
  const args = parseLintArgs(argv);
  if (!args.ok) {
    process.stderr.write(`prisma-workbench-lint: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  const options = args.options;
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const result = await runLint(cwd, options);
  if (!result.ok) {
    process.stderr.write(`prisma-workbench-lint: ${result.error}\n`);
    return 2;
  }
  for (const note of result.notes) process.stderr.write(`prisma-workbench-lint: ${note}\n`);
  process.stdout.write(render(result.report, options.format, version));
  // machine formats keep stdout parseable: the count goes to stderr
  if (options.format !== 'text') process.stderr.write(`prisma-workbench-lint: ${summary(result.report)}\n`);
  return exitCode(result.report, options.strict);
}

if (require.main === module) {
  main(process.argv.slice(2), process.cwd()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`prisma-workbench-lint: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
