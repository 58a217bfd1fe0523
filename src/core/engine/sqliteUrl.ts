// SQLite URLs as Prisma 7 writes them: `file:./dev.db` in prisma.config.ts is relative to the folder
// holding the config file (the CLI passes it to the engine as configDir), while a driver adapter
// opening the same string resolves it against process.cwd(). We always hand adapters absolute URLs.
//
// The file is what the Prisma CLI opens: everything between `file:` and the first `?`, taken literally
// (its engine decodes nothing), resolved against that folder. libsql, which opens it in-process, reads
// the URL as a URI instead: `#` starts a fragment, `?` a query, and `%XX` is decoded. So the URL we hand
// libsql percent-encodes those three characters of the path, and a project in `C#` or `100%` opens
// `C#/dev.db` and `100%/dev.db`. Everything else stays as written: spaces, non-ASCII, drive letters and
// backslashes (a UNC `\\server\share` must not become `//server`, which libsql reads as a host).
import { hostFlavour, type PathFlavour } from '../util/pathFlavour';

/** `file:./dev.db` + `/ws/prisma` -> `file:/ws/prisma/dev.db`, for libsql; absolute paths and `:memory:` pass through. */
export function resolveSqliteUrl(url: string, configDir: string, f: PathFlavour = hostFlavour): string {
  const at = locate(url, configDir, f);
  return at ? `file:${at.file.replace(/[%#?]/g, encodeURIComponent)}${at.query}` : url;
}

/** The same absolute URL for the Prisma CLI (its engine takes the path literally: nothing encoded). */
export function sqliteUrlForCli(url: string, configDir: string, f: PathFlavour = hostFlavour): string {
  const at = locate(url, configDir, f);
  return at ? `file:${at.file}${at.query}` : url;
}

/** The file path a `file:` URL points at, or undefined for in-memory databases. */
export function sqliteFilePath(url: string, configDir: string, f: PathFlavour = hostFlavour): string | undefined {
  return locate(url, configDir, f)?.file;
}

function locate(url: string, configDir: string, f: PathFlavour): { file: string; query: string } | undefined {
  const match = /^file:(.*)$/s.exec(url.trim());
  const location = match ? match[1] : url.trim();
  if (location === '' || location.startsWith(':memory:')) return undefined;
  const q = location.indexOf('?');
  const [file, query] = q < 0 ? [location, ''] : [location.slice(0, q), location.slice(q)];
  return { file: f.path.isAbsolute(file) ? file : f.path.resolve(configDir, file), query };
}
