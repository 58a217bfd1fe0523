// Every Prisma workflow the extension runs, as data: the argument array the CLI is given (never a shell
// string), whether it is destructive, and a label without secrets.

export type PrismaCommandKind =
  | 'migrateDev'
  | 'migrateDeploy'
  | 'migrateReset'
  | 'migrateStatus'
  | 'migrateResolve'
  | 'generate'
  | 'dbPull'
  | 'dbPush'
  | 'dbSeed'
  | 'format'
  | 'validate';

export const PRISMA_COMMAND_KINDS: readonly PrismaCommandKind[] = [
  'migrateDev',
  'migrateDeploy',
  'migrateReset',
  'migrateStatus',
  'migrateResolve',
  'generate',
  'dbPull',
  'dbPush',
  'dbSeed',
  'format',
  'validate',
];

/** What a `prisma` task definition (tasks.json) carries besides `type` and `command`. */
export interface PrismaCommandOptions {
  /** migrate dev: `--name`. */
  readonly name?: string;
  /** migrate dev: `--create-only`. */
  readonly createOnly?: boolean;
  /** migrate resolve: the migration and how to mark it. */
  readonly migration?: string;
  readonly resolveAs?: 'applied' | 'rolledBack';
  /** migrate reset: `--skip-seed`; db push: `--accept-data-loss`; db pull: `--force`. */
  readonly skipSeed?: boolean;
  readonly acceptDataLoss?: boolean;
  readonly force?: boolean;
}

export interface ProjectFlags {
  /** Absolute schema path (file or folder). Passed when there is no config file. */
  readonly schemaPath: string;
  /** prisma.config.ts; when set, `--config` is passed and the config names the schema. */
  readonly configFile?: string;
}

export interface CommandInfo {
  readonly words: readonly string[];
  readonly title: string;
  /** Drops data or rewrites history: needs a confirmation that names the database. */
  readonly destructive: boolean;
  /** Talks to the database (a URL is needed). */
  readonly needsDatabase: boolean;
}

export const COMMANDS: Record<PrismaCommandKind, CommandInfo> = {
  migrateDev: { words: ['migrate', 'dev'], title: 'Migrate Dev', destructive: false, needsDatabase: true },
  migrateDeploy: { words: ['migrate', 'deploy'], title: 'Migrate Deploy', destructive: false, needsDatabase: true },
  migrateReset: { words: ['migrate', 'reset'], title: 'Migrate Reset', destructive: true, needsDatabase: true },
  migrateStatus: { words: ['migrate', 'status'], title: 'Migrate Status', destructive: false, needsDatabase: true },
  migrateResolve: { words: ['migrate', 'resolve'], title: 'Migrate Resolve', destructive: true, needsDatabase: true },
  generate: { words: ['generate'], title: 'Generate', destructive: false, needsDatabase: false },
  dbPull: { words: ['db', 'pull'], title: 'DB Pull', destructive: false, needsDatabase: true },
  dbPush: { words: ['db', 'push'], title: 'DB Push', destructive: false, needsDatabase: true },
  dbSeed: { words: ['db', 'seed'], title: 'DB Seed', destructive: false, needsDatabase: true },
  format: { words: ['format'], title: 'Format', destructive: false, needsDatabase: false },
  validate: { words: ['validate'], title: 'Validate', destructive: false, needsDatabase: false },
};

/** True for a push that accepts data loss: it is confirmed like reset. */
export function isDestructive(kind: PrismaCommandKind, options: PrismaCommandOptions = {}): boolean {
  return (
    COMMANDS[kind].destructive ||
    (kind === 'dbPush' && options.acceptDataLoss === true) ||
    (kind === 'dbPull' && options.force === true)
  );
}

/**
 * The CLI arguments after `prisma`. Throws for options the command cannot take. `confirmed`: the
 * extension's own guard confirmed the run, so `migrate reset` gets `--force` (never otherwise).
 */
export function buildArgv(
  kind: PrismaCommandKind,
  project: ProjectFlags,
  options: PrismaCommandOptions = {},
  guard: { readonly confirmed?: boolean } = {},
): string[] {
  const argv = [...COMMANDS[kind].words];
  switch (kind) {
    case 'migrateDev':
      if (options.name !== undefined && options.name.trim() !== '') argv.push('--name', options.name.trim());
      if (options.createOnly) argv.push('--create-only');
      break;
    case 'migrateReset':
      if (guard.confirmed) argv.push('--force'); // our guard asked; the CLI's own prompt cannot be answered in a task
      if (options.skipSeed) argv.push('--skip-seed');
      break;
    case 'migrateResolve': {
      if (!options.migration) throw new Error('migrate resolve needs the name of a migration.');
      if (options.resolveAs !== 'applied' && options.resolveAs !== 'rolledBack')
        throw new Error('migrate resolve needs resolveAs: "applied" or "rolledBack".');
      argv.push(options.resolveAs === 'applied' ? '--applied' : '--rolled-back', options.migration);
      break;
    }
    case 'dbPush':
      if (options.acceptDataLoss) argv.push('--accept-data-loss');
      break;
    case 'dbPull':
      if (options.force) argv.push('--force');
      break;
    default:
      break;
  }
  if (project.configFile) argv.push('--config', project.configFile);
  else argv.push('--schema', project.schemaPath);
  return argv;
}

/** A task label: `prisma migrate dev --name add_x` with paths left out (they are long) and no secrets. */
export function commandLabel(kind: PrismaCommandKind, options: PrismaCommandOptions = {}): string {
  const argv = buildArgv(kind, { schemaPath: '' }, options);
  const cut = argv.indexOf('--schema');
  return ['prisma', ...argv.slice(0, cut)].join(' ');
}
