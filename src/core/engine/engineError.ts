// Errors from the wasm engine, made readable. When a driver adapter call fails, the engine only says
// "External error id#N"; the real driver error sits in the bound factory's error registry.
import type { ErrorRegistry } from '@prisma/driver-adapter-utils';

export class SchemaEngineError extends Error {
  override readonly name = 'SchemaEngineError';
  /** Prisma error code when the engine gives one (`P3006`, `P1014`, …). */
  readonly code: string | undefined;
  /** The driver's own error when the failure came from the database adapter. */
  readonly driverError: unknown;
  /** Which engine method failed: `applyMigrations`, `createMigration`, … */
  readonly method: string;

  constructor(method: string, message: string, options: { code?: string; driverError?: unknown; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.method = method;
    this.code = options.code;
    this.driverError = options.driverError;
  }
}

const EXTERNAL_ERROR = /External error id#(\d+)/;

/** Wraps whatever the engine threw into a SchemaEngineError carrying the driver error, if any. */
export function toSchemaEngineError(method: string, error: unknown, registry: ErrorRegistry): SchemaEngineError {
  if (error instanceof SchemaEngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = readCode(error);
  const id = EXTERNAL_ERROR.exec(message)?.[1];
  const driverError = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  const suffix = driverError === undefined ? '' : `\n  driver error: ${describeDriverError(driverError)}`;
  return new SchemaEngineError(method, `${method} failed: ${message}${suffix}`, { code, driverError, cause: error });
}

/** The table Prisma keeps its migration history in is missing (fresh SQLite via libsql has no P1014). */
export function isMissingMigrationsTable(error: unknown): boolean {
  if (readCode(error) === 'P1014') return true;
  const message = error instanceof Error ? error.message : String(error);
  return /no such table: _prisma_migrations|`?_prisma_migrations`? does not exist|relation "_prisma_migrations" does not exist/.test(
    message,
  );
}

function readCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function describeDriverError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    // DriverAdapterError carries a `cause` object: { kind, originalMessage, … }
    const cause = (error as { cause?: unknown }).cause;
    if (typeof cause === 'object' && cause !== null) return JSON.stringify(cause);
    return JSON.stringify(error);
  }
  return String(error);
}
