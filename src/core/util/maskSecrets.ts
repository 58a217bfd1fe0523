// Masks secrets in any text before it is logged or shown: the password of a URL (`scheme://user:secret@host`,
// also JSON-escaped `scheme:\/\/`) and the value of a secret setting (`password=`, `pwd=`, `passwd=`,
// `sslpassword=`, `api_key=`, `authToken=` … in query strings, `;`-style connection strings and JSON).
// One left-to-right pass per kind, each character looked at a bounded number of times: linear in the text's
// length whatever it holds (a megabyte of base64 in a log line must not freeze the extension host).

export const MASK = '****';

/** Setting names whose value is a secret (lower case; compared case-insensitively). */
export const SECRET_KEYS: readonly string[] = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'sslpassword',
  'api_key',
  'apikey',
  'authtoken',
  'auth_token',
  'access_token',
  'client_secret',
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.includes(key.toLowerCase());
}

/** Counts the characters the scanners step over (tests check it stays proportional to the input). */
export interface MaskWork {
  steps: number;
}

/** Where a secret is: `userinfo` (`scheme://user:SECRET@`) or the value of a `setting` (quotes/braces included). */
export interface SecretSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: 'userinfo' | 'setting';
  /** The setting's name as written. */
  readonly key?: string;
  /** `semicolon`: in a `;`-style connection string (values are taken literally, `{…}` quotes). */
  readonly style?: 'query' | 'semicolon';
}

export function maskSecrets(text: string, work?: MaskWork): string {
  let out = '';
  let copied = 0;
  for (const span of findSecrets(text, work)) {
    const value = text.slice(span.start, span.end);
    const open = value[0];
    const masked =
      span.kind === 'setting' && (open === '{' || open === '"' || open === "'")
        ? `${open}${MASK}${value.length > 1 && /["'}]$/.test(value) ? value[value.length - 1] : ''}`
        : MASK;
    if (value === MASK || value === masked) continue;
    out += text.slice(copied, span.start) + masked;
    copied = span.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Every secret in the text, in order, none overlapping. `oneUrl`: the text is one URL (a pasted connection
 * string), not prose: a query value runs to `&` (a `;`-style one to `;`) whatever it holds.
 */
export function findSecrets(text: string, work?: MaskWork, oneUrl = false): SecretSpan[] {
  const a = userinfoSecrets(text, work);
  const b = settingSecrets(text, work, oneUrl);
  const out: SecretSpan[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i].start <= b[j].start) ? a[i++] : b[j++];
    const last = out[out.length - 1];
    if (last && next.start < last.end) continue;
    out.push(next);
  }
  return out;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';
const isSchemeChar = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || '+.-'.includes(c));
/** What may follow a URL's host: the host ends there. */
const HOST_END = new Set(['/', ':', '?', '#', '"', "'", ',', ';', ')', '\\', '>', ']', '}', '<', '`']);

/** Finds the next `needle` at or after a position; positions only grow, so no stretch is searched twice. */
function finder(text: string, needle: string, work?: MaskWork) {
  let found = -1;
  let searched = false;
  return (at: number): number => {
    if (searched && (found === -1 || found >= at)) return found;
    found = text.indexOf(needle, at);
    searched = true;
    if (work) work.steps += (found === -1 ? text.length : found) - at;
    return found;
  };
}

/** `scheme://user:secret@host` (and `scheme:\/\/…`): the secret may hold `/ @ : %` and spaces. */
function userinfoSecrets(text: string, work?: MaskWork): SecretSpan[] {
  const plain = finder(text, '://', work);
  const escaped = finder(text, ':\\/\\/', work);
  const newline = finder(text, '\n', work);
  const nextSeparator = (at: number): { at: number; length: number } | undefined => {
    const a = plain(at);
    const b = escaped(at);
    if (a === -1 && b === -1) return undefined;
    if (b === -1 || (a !== -1 && a < b)) return { at: a, length: 3 };
    return { at: b, length: 5 };
  };
  const out: SecretSpan[] = [];
  let sep = nextSeparator(0);
  while (sep) {
    const start = sep.at + sep.length;
    const following = nextSeparator(start);
    const nl = newline(start);
    // a URL's userinfo ends before the next URL and the end of the line
    const limit = Math.min(following?.at ?? text.length, nl === -1 ? text.length : nl);
    if (isSchemeChar(text[sep.at - 1])) {
      const secret = findUserinfoSecret(text, start, limit, work);
      if (secret) out.push({ ...secret, kind: 'userinfo' });
    }
    sep = following;
  }
  return out;
}

function findUserinfoSecret(
  text: string,
  start: number,
  limit: number,
  work?: MaskWork,
): { start: number; end: number } | undefined {
  let i = start;
  // the user name: up to ':' (a password follows) or '@' (none does)
  while (i < limit) {
    const c = text[i];
    if (c === ':' || c === '@' || c === '/' || c === '?' || c === '#' || isSpace(c)) break;
    i++;
  }
  if (work) work.steps += i - start;
  if (text[i] !== ':' || i >= limit) return undefined;
  const secretStart = i + 1;
  // `host:5432/db` is a port, not a password
  let j = secretStart;
  while (j < limit && text[j] >= '0' && text[j] <= '9') j++;
  if (work) work.steps += j - secretStart;
  if (j > secretStart && (j === limit || isSpace(text[j]) || HOST_END.has(text[j]))) return undefined;
  // the secret ends at the first '@' that a host follows (`p@ss@host`: the first '@' is the password's)
  for (let k = secretStart; k < limit;) {
    if (work) work.steps++;
    if (text[k] !== '@') {
      k++;
      continue;
    }
    let h = k + 1;
    if (text[h] === '[') return { start: secretStart, end: k }; // IPv6 literal
    while (h < limit && text[h] !== '@' && !isSpace(text[h]) && !HOST_END.has(text[h])) h++;
    if (work) work.steps += h - k;
    if (h < limit && text[h] === '@') {
      k = h; // that was part of the password: look at the next '@'
      continue;
    }
    if (h === k + 1 && text[h] !== '/') {
      k++; // nothing host-like after this '@' (`p@ ss@host`): the password goes on
      continue;
    }
    if (text[h] === ':') {
      // `@host:5432`: a port must follow, else this '@' was the password's (`p@s:s@host`)
      let d = h + 1;
      while (d < limit && text[d] >= '0' && text[d] <= '9') d++;
      if (work) work.steps += d - h;
      if (d === h + 1 || (d < limit && !isSpace(text[d]) && !HOST_END.has(text[d]))) {
        k = d;
        continue;
      }
    }
    if (k === secretStart) return undefined; // `user:@host`: an empty password
    return { start: secretStart, end: k };
  }
  return undefined;
}

const SETTING = new RegExp(`(?<![A-Za-z0-9_])(["']?)(${SECRET_KEYS.join('|')})\\1[ \\t]*([=:])[ \\t]*`, 'gi');

/** `password=x`, `;Password={a;b}`, `"api_key": "x"`, `pwd='x'`: the value (empty values are no secret). */
function settingSecrets(text: string, work: MaskWork | undefined, oneUrl: boolean): SecretSpan[] {
  const out: SecretSpan[] = [];
  SETTING.lastIndex = 0;
  for (let m = SETTING.exec(text); m; m = SETTING.exec(text)) {
    const quotedKey = m[1] !== '';
    if (m[3] === ':' && !quotedKey) continue; // `pass:` is a URL's user name, `password: x` prose
    const before = text[m.index - 1];
    const semicolonStyle = before === ';';
    const start = SETTING.lastIndex;
    const style = semicolonStyle ? 'semicolon' : before === '?' || before === '&' ? 'query' : undefined;
    const end = oneUrl ? urlValueEnd(text, start, style, work) : valueEnd(text, start, semicolonStyle, work);
    if (end <= start) continue;
    out.push({
      start,
      end,
      kind: 'setting',
      key: m[2],
      ...(semicolonStyle
        ? { style: 'semicolon' as const }
        : before === '?' || before === '&'
          ? { style: 'query' as const }
          : {}),
    });
    SETTING.lastIndex = end;
  }
  return out;
}

/** Where a setting's value ends: `{…}` (`}}` is a literal `}`), `"…"`/`'…'` (doubled or `\`-escaped quotes), or bare. */
function valueEnd(text: string, start: number, semicolonStyle: boolean, work?: MaskWork): number {
  const open = text[start];
  let i = start;
  if (open === '{' || open === '"' || open === "'") {
    const close = open === '{' ? '}' : open;
    i = start + 1;
    while (i < text.length && text[i] !== '\n') {
      const c = text[i];
      if (c === '\\' && open !== '{' && i + 1 < text.length) i += 2;
      else if (c === close && text[i + 1] === close) i += 2;
      else if (c === close) {
        i++;
        break;
      } else i++;
    }
    if (work) work.steps += i - start;
    return i;
  }
  // bare: to the end of the setting; `;`-style strings allow spaces inside a value
  while (i < text.length) {
    const c = text[i];
    if (c === '&' || c === ';' || c === '"' || c === "'" || c === '\n' || c === ',' || c === '#') break;
    if (c === '\\' && text[i + 1] === '"') break;
    if (!semicolonStyle && isSpace(c)) break;
    i++;
  }
  if (work) work.steps += i - start;
  return i;
}

/** In one URL: a query value runs to `&` or `#`, a `;`-style one to `;` (or its `{…}`/quotes end). */
function urlValueEnd(text: string, start: number, style: 'query' | 'semicolon' | undefined, work?: MaskWork): number {
  if (style === 'semicolon' && '{"\''.includes(text[start])) return valueEnd(text, start, true, work);
  const stops = style === 'query' ? '&#' : style === 'semicolon' ? ';' : '&;#';
  let i = start;
  while (i < text.length && !stops.includes(text[i])) i++;
  if (work) work.steps += i - start;
  return i;
}
