// Do two connection URLs name the same database? Prisma's engine refuses a shadow database that is the
// main one ("The shadow database you configured appears to be the same as the main database"), because
// the shadow database is emptied before each use. We compare as that check must: host (case-insensitive;
// localhost, 127.x.x.x, ::1 and a local socket are one machine), port (the scheme's default when none is
// given) and database; user, password and every other parameter (`?schema=` too) are ignored.
import { maskUrl } from './databaseInfo';

interface Place {
  readonly host: string;
  readonly port: string;
  readonly database: string;
}

const DEFAULT_PORTS: Record<string, string> = { postgres: '5432', postgresql: '5432', mysql: '3306', mariadb: '3306' };
const LOCAL = 'local machine';

function isLoopback(host: string): boolean {
  return (
    host === '' ||
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '::1' ||
    /^(0{1,4}:){7}0{0,3}1$/.test(host) ||
    host === '::ffff:127.0.0.1' ||
    host.startsWith('/') // a Unix socket folder (`?host=/var/run/postgresql`)
  );
}

/** Where a URL points, or undefined when it is not a URL we can read. */
export function placeOf(url: string): Place | undefined {
  let u: URL;
  try {
    // `postgresql://user@/db?host=/socket` (no host before the path) is valid for libpq, not for URL
    u = new URL(url.trim().replace(/@\//, '@localhost/'));
  } catch {
    return undefined;
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  const hostParam = u.searchParams.get('host') ?? u.searchParams.get('socket');
  const raw = decodeURIComponent(hostParam ?? u.hostname)
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  const host = isLoopback(raw) ? LOCAL : raw;
  const port = u.searchParams.get('port') || u.port || DEFAULT_PORTS[scheme] || '';
  const path = safeDecode(u.pathname.replace(/^\/+/, '').replace(/\/+$/, ''));
  // PostgreSQL connects to the database named like the user when the URL names none
  const user = safeDecode(u.username);
  const database = path || (scheme.startsWith('postgres') ? user : '');
  return { host, port, database };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** True when both URLs name the same database on the same server (an unreadable URL only matches itself). */
export function sameDatabase(a: string, b: string): boolean {
  const pa = placeOf(a);
  const pb = placeOf(b);
  if (!pa || !pb) return a.trim() === b.trim();
  return pa.host === pb.host && pa.port === pb.port && pa.database === pb.database;
}

/**
 * Why `shadowUrl` must not be used as the shadow database of `mainUrl`, or undefined when it may. The
 * message names both (passwords masked).
 */
export function shadowDatabaseClash(mainUrl: string, shadowUrl: string): string | undefined {
  if (!sameDatabase(mainUrl, shadowUrl)) return undefined;
  const place = placeOf(shadowUrl);
  const where = place
    ? `database "${place.database}" on ${place.host === LOCAL ? 'this machine' : place.host}${place.port ? `:${place.port}` : ''}`
    : 'the same database';
  return (
    `The shadow database you configured appears to be the same as the main database: shadowDatabaseUrl ` +
    `${maskUrl(shadowUrl)} and the database URL ${maskUrl(mainUrl)} both name ${where}. A shadow database is ` +
    `emptied before each use, so nothing was run on it. Point shadowDatabaseUrl at a database of its own.`
  );
}
