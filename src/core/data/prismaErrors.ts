// Prisma's known request errors in words, attached to the column they concern when we can tell.

export interface ExplainedError {
  code?: string;
  column?: string;
  message: string;
}

interface KnownError {
  code?: unknown;
  meta?: Record<string, unknown>;
  message?: unknown;
}

function fieldsOf(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  const cause = (
    meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown; index?: unknown } } } | undefined
  )?.cause;
  const fields = cause?.constraint?.fields;
  if (Array.isArray(fields)) return fields.map((f) => String(f).replace(/^["`]|["`]$/g, ''));
  if (typeof meta.field_name === 'string')
    return [meta.field_name.replace(/\s*\(index\)$/, '').replace(/^.*_(\w+)_fkey$/, '$1')];
  if (typeof meta.column_name === 'string') return [meta.column_name];
  return [];
}

function constraintName(meta: Record<string, unknown> | undefined): string | undefined {
  const cause = (
    meta?.driverAdapterError as { cause?: { constraint?: { index?: unknown; name?: unknown } } } | undefined
  )?.cause;
  const name = cause?.constraint?.index ?? cause?.constraint?.name ?? meta?.constraint;
  return typeof name === 'string' ? name : undefined;
}

/** `columns` are the model's columns: a database name in the error is mapped back when it matches one. */
export function explainPrismaError(
  e: unknown,
  columns: string[],
  dbNames: Record<string, string> = {},
): ExplainedError {
  const err = (e ?? {}) as KnownError;
  const code = typeof err.code === 'string' ? err.code : undefined;
  const raw = typeof err.message === 'string' ? err.message : String(e);
  const message =
    raw
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0] ?? raw;
  let fields = fieldsOf(err.meta).map((f) => dbNames[f] ?? f);
  if (fields.length === 0) {
    // PostgreSQL names the constraint instead (`users_email_key`, `users_organization_id_fkey`): find the column in it
    const constraint = constraintName(err.meta) ?? /constraint:? `?([\w.]+)`?/i.exec(raw)?.[1];
    if (constraint) {
      const names = [...columns, ...Object.keys(dbNames)].sort((a, b) => b.length - a.length);
      const hit = names.find((n) => new RegExp(`(^|_)${n}_(key|fkey|idx|unique)$`).test(constraint));
      if (hit) fields = [dbNames[hit] ?? hit];
    }
  }
  const column = fields.find((f) => columns.includes(f));
  switch (code) {
    case 'P2002':
      return {
        code,
        column,
        message: `Another row already has this ${fields.length ? fields.join(' + ') : 'value'} (unique constraint).`,
      };
    case 'P2003':
      return {
        code,
        column,
        message: `No related record matches this value${fields.length ? ` (${fields.join(', ')})` : ''}, or other rows still point at this one (foreign key constraint).`,
      };
    case 'P2025':
      return { code, column, message: 'The row no longer exists (it was deleted).' };
    case 'P2011':
    case 'P2012':
      return {
        code,
        column,
        message: `A value is required${fields.length ? ` for ${fields.join(', ')}` : ''} (NOT NULL).`,
      };
    case 'P2000':
      return { code, column, message: 'The value is too long for the column.' };
    default:
      return { code, column, message };
  }
}

/**
 * The database's own words from a Prisma Client error: its message starts with "Invalid `x.findMany()`
 * invocation in <our file>" and a code excerpt of ours, which mean nothing to the user; what follows the
 * excerpt is kept. Other messages are returned as they are.
 */
export function plainErrorText(message: string): string {
  if (!/Invalid `[^`]+` invocation/.test(message)) return message.trim();
  const lines = message.split('\n');
  let last = -1;
  lines.forEach((line, i) => {
    const t = line.trim();
    if (/invocation( in)?:?$/.test(t) || /^(→\s*)?\d+\s/.test(t) || /^(\/|[A-Za-z]:\\).*:\d+:\d+$/.test(t)) last = i;
  });
  const rest = lines
    .slice(last + 1)
    .join('\n')
    .trim();
  return rest || message.trim();
}
