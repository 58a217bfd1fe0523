// The lint CLI's command line, read with node:util's parseArgs (strict: an unknown option is an error).
import { parseArgs } from 'node:util';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintCliOptions {
  readonly migrations?: string;
  readonly schema?: string;
  readonly databaseUrl?: string;
  readonly since?: string;
  readonly format: Format;
  readonly strict: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export const USAGE = `Usage: prisma-workbench-lint [options]

Lints Prisma migrations for statements that are unsafe on a live database.

Options:
  --migrations DIR      the migrations folder (default: found as the Prisma Workbench extension finds it:
                        prisma.config.ts, package.json#prisma, prisma/schema.prisma...)
  --schema PATH         the schema file or folder (default: found the same way)
  --database-url URL    lint only the migrations this database has not applied, with its row counts
                        (edited applied migrations are reported too)
  --since REF           lint only the migrations changed since this git ref (e.g. origin/main)
  --format FORMAT       text (default), json, sarif or github (workflow annotations)
  --strict              exit 1 on warnings too, not only on errors
  -h, --help            this help
  --version             the version

Rule severities and the filled-table threshold come from prisma-workbench-lint.json beside the schema's folder
or in the project folder (the extension reads the same file).

Exit codes: 0 no blocking finding, 1 errors (or warnings with --strict), 2 the lint could not run
(including a prisma-workbench-lint.json with mistakes: each is printed).
A statement is exempted from a rule by a comment above it: -- prisma-workbench-ignore <rule-id>: reason`;

export type ParsedArgs = { ok: true; options: LintCliOptions } | { ok: false; error: string };

export function parseLintArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        migrations: { type: 'string' },
        schema: { type: 'string' },
        'database-url': { type: 'string' },
        since: { type: 'string' },
        format: { type: 'string', default: 'text' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    return { ok: false, error: `--format must be one of ${FORMATS.join(', ')} (got ${format})` };
  for (const key of ['migrations', 'schema', 'database-url', 'since'] as const)
    if (values[key] === '') return { ok: false, error: `--${key} needs a value` };
  return {
    ok: true,
    options: {
      migrations: values.migrations,
      schema: values.schema,
      databaseUrl: values['database-url'],
      since: values.since,
      format: format as Format,
      strict: values.strict ?? false,
      help: values.help ?? false,
      version: values.version ?? false,
    },
  };
}
