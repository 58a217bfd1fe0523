// A failed check becomes one message on the datasource block, with the next step that fixes it.
import { maskSecrets } from '../util/maskSecrets';
import type { SchemaSpot } from './locate';

/** `invalidSchema`: Prisma's validation already reports it in the editor; the drift check stays silent. */
export type DriftErrorKind = 'unreachable' | 'credentials' | 'shadowDatabase' | 'invalidSchema' | 'other';

export interface DriftError {
  readonly kind: DriftErrorKind;
  readonly message: string;
  readonly nextStep: string;
  readonly spot: SchemaSpot;
}

export function classifyError(error: unknown, provider: 'sqlite' | 'postgresql', spot: SchemaSpot): DriftError {
  const raw = error instanceof Error ? error.message : String(error);
  const text = maskSecrets(
    raw
      .split('\n')
      .filter((l) => !/^\s+(\d+:|at )/.test(l))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const is = (re: RegExp) => re.test(raw);
  if (
    is(/P1012|error validating|validation error|is neither a built-in type|Schema parsing|error: /i) &&
    !is(/connect|reach|timeout/i)
  ) {
    return {
      kind: 'invalidSchema',
      spot,
      message: `The schema is not valid: ${text}`,
      nextStep: 'Fix the errors Prisma reports in the schema; drift is checked again on save.',
    };
  }
  if (is(/appears to be the same as the main database/)) {
    return {
      kind: 'shadowDatabase',
      spot,
      message: text,
      nextStep:
        "Point shadowDatabaseUrl (in prisma.config.ts datasource, or the schema's datasource for Prisma 5/6) at a database of its own, or remove it to let a temporary shadow database be made.",
    };
  }
  if (is(/shadow database|permission denied to create database|CREATE DATABASE/i)) {
    return {
      kind: 'shadowDatabase',
      spot,
      message: `The shadow database could not be created: ${text}`,
      nextStep:
        "Set shadowDatabaseUrl (in prisma.config.ts datasource, or the schema's datasource for Prisma 5/6) to a database you may use as a shadow, or grant CREATEDB.",
    };
  }
  if (is(/password authentication failed|authentication|denied access|28P01|28000|role ".*" does not exist|P1000/i)) {
    return {
      kind: 'credentials',
      spot,
      message: `The database rejected the credentials: ${text.replace(/^\w+ failed: /, '')}`,
      nextStep:
        'Check the user and password in the database URL (prisma.config.ts datasource.url or the .env file it reads).',
    };
  }
  if (
    is(
      /Can't reach database server|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|timeout|unable to open database|SQLITE_CANTOPEN|does not exist|P1001|P1003|connect/i,
    )
  ) {
    const next =
      provider === 'sqlite'
        ? 'Check the file path in the database URL (relative paths start at the folder of prisma.config.ts), or create its folder.'
        : 'Start the database server or fix the host, port and database name in the database URL; then run "Prisma: Check Drift".';
    return {
      kind: 'unreachable',
      spot,
      message: `Database unreachable: ${text.replace(/^\w+ failed: /, '')}`,
      nextStep: next,
    };
  }
  return {
    kind: 'other',
    spot,
    message: `The drift check failed: ${text}`,
    nextStep: 'See the Prisma Workbench log for details, then run "Prisma: Check Drift" again.',
  };
}
