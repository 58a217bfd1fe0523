// What the UI says about a database: a short name with the password masked, the name a user types to
// confirm a destructive command on production, and whether a URL counts as production.
import path from 'node:path';
import { maskSecrets } from '../util/maskSecrets';
import { providerOfUrl } from './databaseUrl';
import { isLocalHost, isSurelyLocal, locateDatabase } from './databaseLocation';

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
  const where = locateDatabase(url);
  if (where.kind === 'host' || where.kind === 'socket') {
    const first = where.kind === 'host' ? where.hosts[0] : undefined;
    const host = first?.host;
    const at =
      where.kind === 'host'
        ? where.hosts.map((h) => `${h.host}${h.port === undefined ? '' : `:${h.port}`}`).join(',')
        : `socket ${where.path ?? '(default)'}`;
    const name = where.database || host || maskedUrl;
    return { maskedUrl, label: `${where.database || '(default database)'} on ${at}`, name, host };
  }
  return { maskedUrl, label: maskedUrl, name: maskedUrl, host: undefined };
}

/** Every secret in the URL (`user:secret@`, `password=`, `api_key=`, `authToken=`, `;password={…}` …) becomes ****. */
export function maskUrl(url: string): string {
  return maskSecrets(url);
}

/** The token in `prismaWorkbench.production.urlPatterns` that matches every database not surely on this machine. */
export const NON_LOCAL = '<non-local>';

export { isLocalHost };

/**
 * Production when any pattern matches: `<non-local>` (anything not surely local, see isSurelyLocal), a glob (`*` any run of characters) matched against
 * the masked URL, or `/regex/`. A connection marked production by the user is production whatever this says.
 */
export function isProduction(url: string, patterns: readonly string[]): boolean {
  const db = describeDatabase(url);
  return patterns.some((p) => {
    // a URL we cannot read, a tunnel on a local port: not surely local, so production (the user is asked)
    if (p === NON_LOCAL) return !isSurelyLocal(locateDatabase(url));
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

/** The levels of `production.urlPatterns` as VS Code's `inspect()` gives them. */
export interface PatternLevels {
  readonly defaultValue?: readonly string[];
  readonly globalValue?: readonly string[];
  readonly workspaceValue?: readonly string[];
  readonly workspaceFolderValue?: readonly string[];
}

/**
 * The patterns in force: the user's own (or the default) plus whatever the workspace and the folder add.
 * A folder's `.vscode/settings.json` can add patterns but never remove the user's: `[]` there loosens nothing.
 */
export function combinePatterns(levels: PatternLevels): string[] {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : []);
  const user = levels.globalValue !== undefined ? list(levels.globalValue) : list(levels.defaultValue ?? [NON_LOCAL]);
  return [...new Set([...user, ...list(levels.workspaceValue), ...list(levels.workspaceFolderValue)])];
}
