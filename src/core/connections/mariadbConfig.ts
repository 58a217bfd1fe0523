// The mariadb driver's settings for a Prisma `mysql://` URL. The driver reads host, user, database and its own
// options from a URL, but not Prisma's TLS parameters (sslaccept, sslcert, sslidentity, sslpassword): given
// the URL as it is, it connected in plain text where Prisma uses TLS. Here they become the driver's `ssl`:
//   sslaccept=strict (Prisma's default once TLS is asked for) -> the server's certificate is verified;
//   sslaccept=accept_invalid_certs -> TLS without verifying it;
//   sslcert=<file> -> the CA certificate to verify with; sslidentity=<file.p12> + sslpassword -> a client identity.
// Relative certificate paths are read from `baseDir` (the folder Prisma resolves them from), else as given.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PRISMA_TLS = new Set(['sslaccept', 'sslcert', 'sslidentity', 'sslpassword']);

export interface MariadbTls {
  ssl?: { rejectUnauthorized: boolean; ca?: string; pfx?: Buffer; passphrase?: string };
}

/** The driver's `ssl` for the URL's Prisma TLS parameters; `{}` when the URL asks for none. */
export function mysqlTls(url: string, baseDir?: string, readFile: (file: string) => Buffer = readFileSync): MariadbTls {
  const q = new URL(url).searchParams;
  if (![...PRISMA_TLS].some((k) => q.has(k))) return {};
  const file = (k: string) => {
    const p = q.get(k)!;
    const abs = baseDir && !path.isAbsolute(p) ? path.resolve(baseDir, p) : p;
    try {
      return readFile(abs);
    } catch (e) {
      throw new Error(`cannot read the ${k} file ${abs} the database URL names: ${(e as Error).message}`);
    }
  };
  const accept = q.get('sslaccept');
  if (accept !== null && accept !== 'strict' && accept !== 'accept_invalid_certs')
    throw new Error(`sslaccept=${accept} in the database URL: Prisma takes strict or accept_invalid_certs`);
  return {
    ssl: {
      rejectUnauthorized: accept !== 'accept_invalid_certs',
      ...(q.has('sslcert') ? { ca: file('sslcert').toString('utf8') } : {}),
      ...(q.has('sslidentity') ? { pfx: file('sslidentity') } : {}),
      ...(q.has('sslpassword') ? { passphrase: q.get('sslpassword')! } : {}),
    },
  };
}

/**
 * Pool or connection settings for the URL: what the driver would read from it (host, port, user, password,
 * database, its own options from the query string), with Prisma's TLS parameters as `ssl`. `defaults` apply
 * where the URL sets nothing; `overrides` win.
 */
export function mariadbUrlConfig(
  url: string,
  defaults: Record<string, string | number | boolean> = {},
  overrides: Record<string, string | number | boolean> = {},
): Record<string, unknown> {
  const u = new URL(url.replace(/^mysql:/i, 'mariadb:'));
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const config: Record<string, unknown> = {
    host: u.hostname || 'localhost',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(database ? { database } : {}),
    ...defaults,
  };
  for (const [k, v] of u.searchParams)
    if (!PRISMA_TLS.has(k)) config[k] = v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v;
  return { ...config, ...overrides, ...mysqlTls(url) };
}
