// What the UI says about a database: a short name with the password masked, the name a user types to
// confirm a destructive command on production, and whether a URL counts as production.
import path from 'node:path';
import { maskSecrets } from '../util/maskSecrets';
import { providerOfUrl } from './databaseUrl';

export interface DatabaseDescription {
  /** The URL with any password replaced by ****. */
  readonly maskedUrl: string;
  /** `workbench_sample on 127.0.0.1:5432` / `SQLite file prisma/dev.db`. */
  readonly label: string;
  /** What the user types to confirm on production: the database name (or the SQLite file name). */
  readonly name: string;
  readonly host: string | undefined;
}

export function describeDatabase(url: string, baseDir?: string, relativeTo?: string): DatabaseDescription {
  const maskedUrl = maskUrl(url);
  if (providerOfUrl(url) === 'sqlite') {
    const file = url.replace(/^file:/, '').replace(/\?.*$/, '');
    const abs = baseDir && !path.isAbsolute(file) ? path.resolve(baseDir, file) : file;
    const shown = relativeTo ? path.relative(relativeTo, abs) || abs : abs;
    return { maskedUrl, label: `SQLite file ${shown}`, name: path.basename(abs), host: undefined };
  }
  try {
    const u = new URL(url);
    const name = decodeURIComponent(u.pathname.replace(/^\//, '')) || (u.searchParams.get('database') ?? '');
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const port = u.port ? `:${u.port}` : '';
    return { maskedUrl, label: `${name || '(default database)'} on ${host}${port}`, name: name || host, host };
  } catch {
    return { maskedUrl, label: maskedUrl, name: maskedUrl, host: undefined };
  }
}

/** Any password in the URL, including `user:pass@` and `password=` parameters, becomes ****. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    for (const key of [...u.searchParams.keys()])
      if (/^(password|pwd|pass)$/i.test(key)) u.searchParams.set(key, '****');
    return maskSecrets(u.toString().replace('%2A%2A%2A%2A', '****'));
  } catch {
    return maskSecrets(url);
  }
}

/** The token in `prismaWorkbench.production.urlPatterns` that matches every host that is not local. */
export const NON_LOCAL = '<non-local>';

export function isLocalHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return true; // SQLite files, sockets
  const h = host.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h.endsWith('.local') ||
    /^127\./.test(h) ||
    h === '::1' ||
    h === '0.0.0.0' ||
    h === 'host.docker.internal' ||
    /^(db|postgres|postgresql|mysql|mariadb)$/.test(h)
  );
}

/**
 * Production when any pattern matches: `<non-local>`, a glob (`*` any run of characters) matched against
 * the masked URL, or `/regex/`. A connection marked production by the user is production whatever this says.
 */
export function isProduction(url: string, patterns: readonly string[]): boolean {
  const db = describeDatabase(url);
  return patterns.some((p) => {
    if (p === NON_LOCAL) return providerOfUrl(url) !== 'sqlite' && !isLocalHost(db.host);
    if (p.length > 2 && p.startsWith('/') && p.endsWith('/')) {
      try {
        return new RegExp(p.slice(1, -1), 'i').test(db.maskedUrl);
      } catch {
        return false;
      }
    }
    const re = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    );
    return re.test(db.maskedUrl) || (db.host !== undefined && re.test(db.host));
  });
}
