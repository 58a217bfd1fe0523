// Where a database URL points, read without trusting `new URL()` (which rejects SQL Server's `;` strings,
// Cloud SQL's `u@/db?host=/cloudsql/…` and passwords with a raw `@` or `/`), and whether that is surely
// this machine. Anything not surely local counts as "ask": the production guard treats it as production.
import { maskSecrets } from '../util/maskSecrets';
import { providerOfUrl } from './databaseUrl';

export type DatabaseLocation =
  | { readonly kind: 'file' }
  /** `hosts`: every host of the URL (MongoDB lists several); `port` as written. */
  | { readonly kind: 'host'; readonly scheme: string; readonly hosts: readonly HostPort[]; readonly database: string }
  /** A Unix socket (`?host=/var/run/postgresql`, `?socket=…`, or none given: the driver's default socket). */
  | { readonly kind: 'socket'; readonly path: string | undefined; readonly database: string }
  | { readonly kind: 'unknown' };

export interface HostPort {
  readonly host: string;
  readonly port: number | undefined;
}

export function locateDatabase(url: string): DatabaseLocation {
  if (providerOfUrl(url) === 'sqlite' || /^file:/i.test(url)) return { kind: 'file' };
  // the password can hold anything: mask it first, what is left parses plainly
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/is.exec(maskSecrets(url.trim()));
  if (!m) return { kind: 'unknown' };
  const scheme = m[1].toLowerCase();
  const rest = m[2];
  if (scheme === 'sqlserver') {
    const [authority, ...settings] = rest.split(';');
    const db = settings.map((s) => /^\s*(?:database|initial catalog)\s*=\s*(.*)$/i.exec(s)?.[1]).find(Boolean);
    const hostPort = authority.replace(/^.*@/, '').replace(/\\.*$/, ''); // `host\instance`
    const parsed = parseHostPort(hostPort);
    return parsed ? { kind: 'host', scheme, hosts: [parsed], database: (db ?? '').trim() } : { kind: 'unknown' };
  }
  const authorityEnd = rest.search(/[/?#]|$/);
  const authority = rest.slice(0, authorityEnd).replace(/^.*@/, '');
  const pathAndQuery = rest.slice(authorityEnd);
  const database = safeDecode(/^\/([^?#]*)/.exec(pathAndQuery)?.[1] ?? '');
  const query = new URLSearchParams(/\?([^#]*)/.exec(pathAndQuery)?.[1] ?? '');
  const hostParam = query.get('host') ?? undefined;
  const socketParam = query.get('socket') ?? query.get('socketPath') ?? undefined;
  if (socketParam) return { kind: 'socket', path: socketParam, database };
  if (hostParam?.startsWith('/')) return { kind: 'socket', path: hostParam, database };
  if (authority === '') {
    if (hostParam) {
      const parsed = parseHostPort(hostParam);
      return parsed ? { kind: 'host', scheme, hosts: [parsed], database } : { kind: 'unknown' };
    }
    return scheme.startsWith('postgres') ? { kind: 'socket', path: undefined, database } : { kind: 'unknown' };
  }
  const hosts = authority.split(',').map(parseHostPort);
  if (hosts.some((h) => h === undefined)) return { kind: 'unknown' };
  return { kind: 'host', scheme, hosts: hosts as HostPort[], database };
}

function parseHostPort(text: string): HostPort | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/i.exec(text.trim());
  if (!m) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, '').toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The port each scheme's server listens on by default. */
const DEFAULT_PORTS: Record<string, readonly number[]> = {
  postgres: [5432],
  postgresql: [5432],
  mysql: [3306],
  mariadb: [3306],
  sqlserver: [1433],
  mongodb: [27017],
  cockroachdb: [26257],
  // `prisma dev`: the local Prisma Postgres server (HTTP, database, shadow database)
  'prisma+postgres': [51213],
};
/** `prisma dev` also serves plain PostgreSQL on these local ports. */
const PRISMA_DEV_PORTS = [51213, 51214, 51215];

/** Hosts that are this machine (or, for Compose service names, a container beside it). */
export function isLocalHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return true; // SQLite files, sockets
  const h = host.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    h === '::1' ||
    h === '0.0.0.0' ||
    h === 'host.docker.internal' ||
    /^(db|database|postgres|postgresql|mysql|mariadb|mssql|sqlserver|mongo|mongodb)$/.test(h)
  );
}

/** Socket folders that belong to a server on this machine (Cloud SQL's `/cloudsql/…` does not). */
const LOCAL_SOCKET_DIRS = ['/var/run/postgresql', '/run/postgresql', '/tmp', '/var/run/mysqld', '/run/mysqld'];

/**
 * Surely this machine: a SQLite file, a local socket, or a local host on its scheme's default port. A local
 * host on another port is often a tunnel (`kubectl port-forward`, `ssh -L`, cloud-sql-proxy) to a remote
 * server: not surely local. A URL we cannot read is not surely local either.
 */
export function isSurelyLocal(location: DatabaseLocation): boolean {
  switch (location.kind) {
    case 'file':
      return true;
    case 'unknown':
      return false;
    case 'socket':
      return (
        location.path === undefined ||
        LOCAL_SOCKET_DIRS.some((d) => location.path === d || location.path!.startsWith(`${d}/`))
      );
    case 'host': {
      const defaults = DEFAULT_PORTS[location.scheme] ?? [];
      return location.hosts.every(
        (h) =>
          isLocalHost(h.host) &&
          (h.port === undefined ||
            defaults.includes(h.port) ||
            (location.scheme.includes('postgres') && PRISMA_DEV_PORTS.includes(h.port))),
      );
    }
  }
}
