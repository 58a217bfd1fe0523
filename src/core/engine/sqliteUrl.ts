// SQLite URLs as Prisma 7 writes them: `file:./dev.db` in prisma.config.ts is relative to the folder
// holding the config file (the CLI passes it to the engine as configDir), while a driver adapter
// opening the same string resolves it against process.cwd(). We always hand adapters absolute URLs.
import path from 'node:path';

/** `file:./dev.db` + `/ws/prisma` -> `file:/ws/prisma/dev.db`; absolute paths and `:memory:` pass through. */
export function resolveSqliteUrl(url: string, configDir: string): string {
  const match = /^file:(.*)$/.exec(url.trim());
  const location = match ? match[1] : url.trim();
  if (location === undefined || location === '' || location.startsWith(':memory:')) return url;
  const [file, query] = splitQuery(location);
  const absolute = path.isAbsolute(file) ? file : path.resolve(configDir, file);
  return `file:${absolute}${query}`;
}

/** The file path a `file:` URL points at, or undefined for in-memory databases. */
export function sqliteFilePath(url: string, configDir: string): string | undefined {
  const resolved = resolveSqliteUrl(url, configDir);
  if (!resolved.startsWith('file:')) return undefined;
  return splitQuery(resolved.slice('file:'.length))[0];
}

function splitQuery(location: string): [string, string] {
  const at = location.indexOf('?');
  return at < 0 ? [location, ''] : [location.slice(0, at), location.slice(at)];
}
