// Takes the secrets out of a database URL for SecretStorage and puts them back, whatever the URL's shape:
// `scheme://user:secret@host` (the secret may hold `/ @ : %` and spaces), `?password=`/`&api_key=`/
// `authToken=`/`sslpassword=` in a query string, SQL Server's `;password=…` (also `{a;b}` and quoted).
// The URL kept in the workspace state keeps each secret's place, emptied (`user:@host`, `password=`), so
// that the secrets go back where they were; the secret stored is the one value, or all of them in order.
import { findSecrets, SECRET_KEYS } from '../util/maskSecrets';

/** A stored secret holding several values (one per emptied place, in order). A typed password never starts so. */
const MANY = '\u0000prisma-workbench-secrets:';

export interface SplitUrl {
  /** The URL without its secrets (each place left empty). */
  readonly url: string;
  /** What goes to SecretStorage: the secret, or several in one string; undefined when the URL has none. */
  readonly secret?: string;
}

export function hasSecret(url: string): boolean {
  return findSecrets(url, undefined, true).length > 0;
}

export function splitSecrets(url: string): SplitUrl {
  const spans = findSecrets(url, undefined, true);
  if (spans.length === 0) return { url };
  let stored = '';
  let copied = 0;
  const byPlace = new Map<number, string>();
  for (const span of spans) {
    stored += url.slice(copied, span.start);
    byPlace.set(stored.length, decodeValue(url.slice(span.start, span.end), span.kind, span.style));
    copied = span.end;
  }
  stored += url.slice(copied);
  // every empty place of the stored URL (a `password=` that was empty already stays empty)
  const values = emptyPlaces(stored).map((p) => byPlace.get(p.at) ?? '');
  const secret = values.length === 1 ? values[0] : `${MANY}${JSON.stringify(values)}`;
  return { url: stored, secret };
}

/** Puts secrets back into a URL made by splitSecrets (or, for older stored URLs, the password into its userinfo). */
export function joinSecrets(url: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return url;
  const places = emptyPlaces(url);
  let values: string[];
  if (secret.startsWith(MANY)) {
    try {
      const parsed: unknown = JSON.parse(secret.slice(MANY.length));
      values = Array.isArray(parsed) ? parsed.map((v) => (typeof v === 'string' ? v : '')) : [];
    } catch {
      values = [];
    }
  } else if (places.length === 0) {
    return insertPassword(url, secret);
  } else {
    // one value: its place is the userinfo if there is one, else the first emptied setting
    const first = Math.max(
      0,
      places.findIndex((p) => p.kind === 'userinfo'),
    );
    values = places.map((_p, i) => (i === first ? secret : ''));
  }
  let out = '';
  let copied = 0;
  places.forEach((p, i) => {
    const value = values[i];
    if (!value) return;
    out += url.slice(copied, p.at) + encodeValue(value, p.kind, p.style);
    copied = p.at;
  });
  return out + url.slice(copied);
}

interface Place {
  readonly at: number;
  readonly kind: 'userinfo' | 'setting';
  readonly style?: 'query' | 'semicolon';
}

const EMPTY_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s;]*:(?=@)/i;
const EMPTY_SETTING = new RegExp(`(?<![A-Za-z0-9_])(?:${SECRET_KEYS.join('|')})=(?=[&;#]|$)`, 'gi');

function emptyPlaces(url: string): Place[] {
  const out: Place[] = [];
  const u = EMPTY_USERINFO.exec(url);
  if (u) out.push({ at: u[0].length, kind: 'userinfo' });
  EMPTY_SETTING.lastIndex = 0;
  for (let m = EMPTY_SETTING.exec(url); m; m = EMPTY_SETTING.exec(url)) {
    const before = url[m.index - 1];
    out.push({
      at: m.index + m[0].length,
      kind: 'setting',
      ...(before === ';'
        ? { style: 'semicolon' as const }
        : before === '?' || before === '&'
          ? { style: 'query' as const }
          : {}),
    });
  }
  return out;
}

function decodeValue(raw: string, kind: 'userinfo' | 'setting', style: 'query' | 'semicolon' | undefined): string {
  if (kind === 'setting' && style === 'semicolon') {
    if (raw.startsWith('{') && raw.endsWith('}')) return raw.slice(1, -1).replace(/\}\}/g, '}');
    for (const q of ['"', "'"])
      if (raw.length >= 2 && raw.startsWith(q) && raw.endsWith(q))
        return raw
          .slice(1, -1)
          .split(q + q)
          .join(q);
    return raw;
  }
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a raw `%` that is no escape: taken as written
  }
}

function encodeValue(value: string, kind: 'userinfo' | 'setting', style: 'query' | 'semicolon' | undefined): string {
  if (kind === 'setting' && style === 'semicolon')
    return /[;{}'"=]|^\s|\s$/.test(value) ? `{${value.replace(/\}/g, '}}')}}` : value;
  return encodeURIComponent(value);
}

/** An older stored URL (its password removed with its place): the password goes into the userinfo. */
function insertPassword(url: string, password: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return url;
  const rest = url.slice(scheme[0].length);
  if (/^sqlserver:/i.test(url))
    return `${url.replace(/;$/, '')};password=${encodeValue(password, 'setting', 'semicolon')}`;
  const authorityEnd = rest.search(/[/?#]|$/);
  const at = rest.lastIndexOf('@', authorityEnd);
  const encoded = encodeURIComponent(password);
  return at >= 0 ? `${scheme[0]}${rest.slice(0, at)}:${encoded}${rest.slice(at)}` : `${scheme[0]}:${encoded}@${rest}`;
}
